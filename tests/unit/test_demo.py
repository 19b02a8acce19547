"""The demo data: deterministic, dated from the injected clock, and true to the vocabulary."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import col, select

from selfcare import demo
from selfcare.demo import journal_text
from selfcare.domain.prompts import prompt_by_key
from selfcare.domain.vocab import (
    EMOTION_KEYS,
    INTENSITY_MAX,
    INTENSITY_MIN,
    ActionKind,
    ActionSource,
    ActionStatus,
    ContextRole,
    Tone,
    WorkArea,
    is_subtag,
)
from selfcare.models import ActionItem, DraftText, JournalEmotion, JournalEntry, JournalWorkArea
from selfcare.store.api import create_store
from selfcare.store.keys import FAST_TEST_PARAMS
from selfcare.store.paths import StorePaths
from selfcare.store.session import Session
from support import NOW, PASSPHRASE, FixedClock

FIRST_NAMES = frozenset(
    "Sarah John Mohammed Muhammad Emma James Olivia Jack Amelia Harry Sophie Oliver Priya "
    "Fatima David Michael Jessica Thomas Chloe Daniel Aisha Ahmed Grace Lucy Ben Sam Kate "
    "Paul Mary Susan Peter Anna Raj Tom Claire Helen Mark Laura Chris Joe Ali Hannah".split()
)
"""First names that must never appear in made-up writing."""

FIRST_PERSON = re.compile(r"\b(I|I'm|I've|I'd|I'll|me|my|myself)\b")


def _open(folder: Path) -> Session:
    session, _code = create_store(
        StorePaths(folder), PASSPHRASE, params=FAST_TEST_PARAMS, allow_weak=True, clock=FixedClock()
    )
    return session


@pytest.fixture
def seeded(paths: StorePaths) -> Iterator[Session]:
    """A store seeded with the demo data."""
    session = _open(paths.data_dir)
    demo.seed(session)
    yield session
    session.close()


def _naive(when: datetime) -> datetime:
    return when.replace(tzinfo=None)


def _entries(session: Session) -> list[JournalEntry]:
    with session.orm() as db:
        return list(db.exec(select(JournalEntry).order_by(col(JournalEntry.created))).all())


def _snapshot(session: Session) -> dict[str, Any]:
    """Everything seeded, without row ids."""
    with session.orm() as db:
        entries = db.exec(select(JournalEntry).order_by(col(JournalEntry.created))).all()
        when = {e.id: _naive(e.created) for e in entries}
        rows = [e.model_dump(exclude={"id"}) for e in entries]
        emotions = sorted(
            (when[e.entry_id], e.emotion, e.intensity) for e in db.exec(select(JournalEmotion))
        )
        areas = sorted(
            (when[a.entry_id], a.area, a.subtag or "") for a in db.exec(select(JournalWorkArea))
        )
        drafts = sorted(
            (d.kind, d.ref_id or "", str(d.fields), d.updated) for d in db.exec(select(DraftText))
        )
        actions = sorted(
            (a.text, a.kind, a.source, a.status, a.due, a.created, a.updated, a.source_id is None)
            for a in db.exec(select(ActionItem))
        )
    return {"entries": rows, "emotions": emotions, "areas": areas, "drafts": drafts,
            "actions": actions}  # fmt: skip


def test_seeding_twice_gives_the_same_data(tmp_path: Path) -> None:
    one, two = _open(tmp_path / "one"), _open(tmp_path / "two")
    try:
        demo.seed(one)
        demo.seed(two)
        first, second = _snapshot(one), _snapshot(two)
        assert first == second
        assert len(first["entries"]) >= 30
        ids = {e.id for e in _entries(one)} & {e.id for e in _entries(two)}
        assert not ids
    finally:
        one.close()
        two.close()


def test_entries_span_four_months_and_none_is_in_the_future(seeded: Session) -> None:
    entries = _entries(seeded)
    today = NOW.date()
    days = [e.created.date() for e in entries]
    assert all(_naive(e.created) <= _naive(NOW) for e in entries)
    assert all(_naive(e.updated) <= _naive(NOW) for e in entries)
    assert all(e.updated >= e.created for e in entries)
    assert 100 <= (today - min(days)).days <= 130
    assert (today - max(days)).days <= 14


def test_about_one_day_in_three_has_an_entry(seeded: Session) -> None:
    days = {e.created.date() for e in _entries(seeded)}
    span = (NOW.date() - min(days)).days
    assert 0.25 <= len(days) / span <= 0.42


def test_no_long_runs_of_consecutive_days(seeded: Session) -> None:
    days = sorted({e.created.date() for e in _entries(seeded)})
    run = longest = 1
    for before, after in zip(days, days[1:], strict=False):
        run = run + 1 if after - before == timedelta(days=1) else 1
        longest = max(longest, run)
    assert longest <= 3
    gaps = [(after - before).days for before, after in zip(days, days[1:], strict=False)]
    assert max(gaps) >= 7  # some time away is normal


def test_every_key_is_in_the_catalogues(seeded: Session) -> None:
    roles = {r.value for r in ContextRole}
    with seeded.orm() as db:
        entries = db.exec(select(JournalEntry)).all()
        for entry in entries:
            assert entry.with_roles and set(entry.with_roles) <= roles
            assert entry.tone in {t.value for t in Tone}
            assert entry.minutes in (3, 5, 10, 15, 20)
            assert entry.doing
            for mood in (entry.mood_before, entry.mood_after):
                assert mood is None or 0 <= mood <= 10
            if entry.prompt_key is None:
                assert entry.prompt_text == ""
            else:
                prompt = prompt_by_key(entry.prompt_key)
                assert entry.prompt_text == prompt.text(entry.perspective)
        for emotion in db.exec(select(JournalEmotion)).all():
            assert emotion.emotion in EMOTION_KEYS
            assert INTENSITY_MIN <= emotion.intensity <= INTENSITY_MAX
        for link in db.exec(select(JournalWorkArea)).all():
            WorkArea(link.area)
            assert link.subtag is None or is_subtag(link.area, link.subtag), link
        for action in db.exec(select(ActionItem)).all():
            ActionKind(action.kind)
            ActionSource(action.source)
            ActionStatus(action.status)


def test_the_catalogued_scenes_use_known_keys() -> None:
    roles = {r.value for r in ContextRole}
    for scene in (*journal_text.FIRST, *journal_text.THIRD):
        assert set(scene.roles) <= roles, scene.body
        assert set(scene.emotions) <= EMOTION_KEYS, scene.body
        for area, subtag in scene.areas:
            assert subtag is None or is_subtag(area, subtag), scene.body
        assert scene.prompts, scene.body
        for key in scene.prompts:
            prompt_by_key(key)


def test_the_entries_vary(seeded: Session) -> None:
    entries = _entries(seeded)
    assert len({e.body for e in entries}) >= 30
    assert len({e.prompt_key for e in entries}) >= 10
    assert len({e.doing for e in entries}) >= 10
    assert {e.tone for e in entries} == {"hard", "good", "mixed"}
    assert len({e.minutes for e in entries}) >= 4
    assert any(e.mood_before is None for e in entries)
    assert any(e.mood_before is not None and e.mood_after is not None for e in entries)
    assert len(journal_text.FIRST) + len(journal_text.THIRD) >= 40


def test_hard_entries_name_the_work(seeded: Session) -> None:
    with seeded.orm() as db:
        hard = db.exec(select(JournalEntry).where(JournalEntry.tone == "hard")).all()
        areas = {a.entry_id for a in db.exec(select(JournalWorkArea))}
    assert hard and all(entry.id in areas for entry in hard)


def test_nobody_is_named(seeded: Session) -> None:
    texts = [e.body for e in _entries(seeded)]
    texts += [str(d.fields["body"]) for d in seeded.drafts("journal")]
    texts += [scene.body for scene in (*journal_text.FIRST, *journal_text.THIRD)]
    texts += [*journal_text.FIRST_ENDINGS, *journal_text.THIRD_ENDINGS]
    for text in texts:
        words = set(re.findall(r"\b[A-Z][a-z]+\b", text))
        assert not words & FIRST_NAMES, text
        for name in re.findall(r"\b(?:Mr|Mrs|Ms|Miss)\.? (\w+)", text):
            assert len(name) == 1, text


def test_third_person_entries_are_written_in_the_third_person(seeded: Session) -> None:
    third = [e for e in _entries(seeded) if e.perspective == "third"]
    first = [e for e in _entries(seeded) if e.perspective == "first"]
    assert third and len(first) > 3 * len(third)
    for entry in third:
        assert " I " not in entry.body
        assert not FIRST_PERSON.search(entry.body), entry.body
        assert re.search(r"\b(she|he|her|his|they|their|the worker)\b", entry.body, re.I)
    for scene in journal_text.THIRD:
        assert not FIRST_PERSON.search(scene.body), scene.body


def test_interrupted_drafts_are_kept(seeded: Session) -> None:
    drafts = seeded.drafts("journal")
    assert len(drafts) >= 2
    for draft in drafts:
        assert re.fullmatch(r"journal:[0-9a-f]{32}", draft.id)
        assert draft.ref_id is None
        assert set(draft.fields) == {"body", "prompt_key", "perspective"}
        assert draft.fields["body"]
        age = _naive(NOW) - _naive(draft.updated)
        assert timedelta(days=1) <= age <= timedelta(days=8)


def test_action_items(seeded: Session) -> None:
    today: date = NOW.date()
    with seeded.orm() as db:
        actions = db.exec(select(ActionItem)).all()
        entry_ids = {e.id for e in db.exec(select(JournalEntry))}
    assert 5 <= len(actions) <= 15
    assert {a.kind for a in actions} == {k.value for k in ActionKind}
    assert {a.status for a in actions} == {s.value for s in ActionStatus}
    assert {"journal", "plan"} <= {a.source for a in actions}
    for action in actions:
        assert _naive(action.created) <= _naive(action.updated) <= _naive(NOW)
        if action.status == "open":
            assert action.due is None or action.due >= today
        if action.source_id is not None:
            assert action.source == "journal" and action.source_id in entry_ids
    assert any(a.source_id for a in actions)
