"""Made-up journal entries: people named by role or initial, never graphic.

About one day in three over the last four months has an entry, with a week or so of leave
in the middle and never more than three days running. Dates count back from the injected
clock's today, so nothing lies in the future.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from sqlmodel import Session as OrmSession

from selfcare.demo.journal_text import DRAFTS, FIRST, FIRST_ENDINGS, THIRD, THIRD_ENDINGS, Scene
from selfcare.domain.prompts import Prompt, prompt_by_key
from selfcare.domain.vocab import Perspective, Tone
from selfcare.models import DraftText, JournalEmotion, JournalEntry, JournalWorkArea, new_id
from selfcare.store.session import Session

DAYS_BACK = 122
"""The first entry is this many days before today (about four months)."""
WRITE_CHANCE = 0.37
"""Chance of an entry on any day outside the leave gap."""
MAX_RUN = 3
"""Never more than this many days in a row."""
THIRD_SHARE = 0.15
"""Share of entries written in the third person."""
NO_PROMPT_CHANCE = 0.1
"""Share of entries written without a prompt."""
MINUTES = (3, 5, 10, 15, 20)
MINUTE_WEIGHTS = (2, 4, 3, 2, 1)

MOOD_START: dict[Tone, tuple[int, int]] = {
    Tone.HARD: (2, 5),
    Tone.MIXED: (3, 6),
    Tone.GOOD: (5, 8),
}
"""The range of mood before writing, by tone."""


def entry_days(rng: random.Random) -> list[int]:
    """Which days (counted back from today, oldest first) have an entry.

    Args:
        rng: The demo's random source.

    Returns:
        Day offsets from ``DAYS_BACK`` down to 1; the oldest day is always included.
    """
    leave_start = rng.randint(40, 80)
    leave = range(leave_start, leave_start + rng.randint(7, 10))
    days: list[int] = []
    run = 0
    for back in range(DAYS_BACK, 0, -1):
        write = back == DAYS_BACK or (
            back not in leave and run < MAX_RUN and rng.random() < WRITE_CHANCE
        )
        run = run + 1 if write else 0
        if write:
            days.append(back)
    return days


class _Deck:
    """Scenes dealt in a shuffled order, reshuffled when used up, so bodies rarely repeat."""

    def __init__(self, scenes: tuple[Scene, ...], rng: random.Random) -> None:
        self._scenes = scenes
        self._rng = rng
        self._left: list[Scene] = []

    def deal(self) -> Scene:
        if not self._left:
            self._left = list(self._scenes)
            self._rng.shuffle(self._left)
        return self._left.pop()


def pick_prompt(scene: Scene, rng: random.Random, last: str | None) -> Prompt | None:
    """A prompt the scene could have answered, or None for free writing.

    Args:
        scene: The writing the prompt should have led to.
        rng: The demo's random source.
        last: The previous entry's prompt key, not repeated back to back.

    Returns:
        The prompt, or None.
    """
    if rng.random() < NO_PROMPT_CHANCE:
        return None
    keys = [key for key in scene.prompts if key != last] or list(scene.prompts)
    return prompt_by_key(rng.choice(keys))


def _moods(tone: Tone, rng: random.Random) -> tuple[int | None, int | None]:
    roll = rng.random()
    if roll < 0.25:
        return None, None
    low, high = MOOD_START[tone]
    before = rng.randint(low, high)
    if roll < 0.35:
        return before, None
    after = min(10, max(0, before + rng.choice((-1, 0, 0, 1, 1, 2))))
    return before, after


def _when(today: datetime, back: int, scene: Scene, rng: random.Random) -> datetime:
    day = today - timedelta(days=back)
    # After a night shift people write in the morning; otherwise in the evening.
    hour = rng.randint(7, 9) if "night" in scene.doing else rng.randint(17, 22)
    return day.replace(hour=hour, minute=rng.randrange(60), second=0, microsecond=0)


def _body(scene: Scene, third: bool, rng: random.Random) -> str:
    if rng.random() < 0.4:
        ending = rng.choice(THIRD_ENDINGS if third else FIRST_ENDINGS)
        return f"{scene.body} {ending}"
    return scene.body


def _intensity(emotion_index: int, rng: random.Random) -> int:
    return rng.randint(5, 9) if emotion_index == 0 else rng.randint(2, 8)


def _add_entry(
    db: OrmSession, when: datetime, scene: Scene, third: bool, rng: random.Random, last: str | None
) -> str | None:
    perspective = Perspective.THIRD if third else Perspective.FIRST
    prompt = pick_prompt(scene, rng, last)
    minutes = rng.choices(MINUTES, MINUTE_WEIGHTS)[0]
    before, after = _moods(scene.tone, rng)
    entry = JournalEntry(
        created=when,
        updated=when + timedelta(minutes=minutes + rng.randint(0, 3)),
        prompt_key=prompt.key if prompt else None,
        prompt_text=prompt.text(perspective) if prompt else "",
        body=_body(scene, third, rng),
        perspective=perspective.value,
        minutes=minutes,
        doing=scene.doing,
        with_roles=list(scene.roles),
        tone=scene.tone.value,
        mood_before=before,
        mood_after=after,
    )
    db.add(entry)
    db.flush()  # the links below reference the entry's id
    for area, subtag in scene.areas:
        db.add(JournalWorkArea(entry_id=entry.id, area=area, subtag=subtag))
    for index, emotion in enumerate(scene.emotions):
        db.add(JournalEmotion(entry_id=entry.id, emotion=emotion, intensity=_intensity(index, rng)))
    return entry.prompt_key


def _add_drafts(db: OrmSession, today: datetime, rng: random.Random) -> None:
    for body, prompt_key, perspective in DRAFTS:
        updated = today - timedelta(days=rng.randint(2, 6), hours=rng.randint(0, 5))
        db.add(
            DraftText(
                id=f"journal:{new_id()}",
                kind="journal",
                ref_id=None,
                fields={"body": body, "prompt_key": prompt_key, "perspective": perspective},
                updated=updated.replace(second=0, microsecond=0),
            )
        )


def seed(session: Session, rng: random.Random) -> None:
    """Write about four months of entries, and a few interrupted drafts.

    Args:
        session: An open, writable store.
        rng: The demo's random source; the same seed gives the same entries.
    """
    today = session.clock()
    decks = {False: _Deck(FIRST, rng), True: _Deck(THIRD, rng)}
    last: str | None = None
    with session.orm() as db:
        days = entry_days(rng)
        thirds = set(rng.sample(range(len(days)), round(len(days) * THIRD_SHARE)))
        for index, back in enumerate(days):
            third = index in thirds
            scene = decks[third].deal()
            last = _add_entry(db, _when(today, back, scene, rng), scene, third, rng, last)
        _add_drafts(db, today, rng)
        db.commit()
