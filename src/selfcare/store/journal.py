"""Journal queries: create, edit, reflect, browse, search, delete. App thread only."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time

from sqlmodel import col, delete, select

from selfcare.models import JournalEmotion, JournalEntry, JournalWorkArea
from selfcare.store import search
from selfcare.store.session import Session

HARD_INCIDENT_PROMPT = "hard-incident"
"""``prompt_key`` of the short note written after a hard incident."""


@dataclass
class Reflection:
    """The optional after-writing answers; work areas first."""

    areas: list[tuple[str, str | None]] = field(default_factory=list)
    doing: str = ""
    with_roles: list[str] = field(default_factory=list)
    emotions: list[tuple[str, int]] = field(default_factory=list)
    tone: str | None = None
    mood_after: int | None = None


@dataclass(frozen=True)
class Filters:
    """What the list shows: text, an emotion, a work area, a date range."""

    text: str = ""
    emotion: str | None = None
    area: str | None = None
    since: date | None = None
    until: date | None = None


def save_writing(
    session: Session,
    entry_id: str,
    *,
    body: str,
    prompt_key: str | None,
    prompt_text: str,
    perspective: str,
    minutes: int,
    mood_before: int | None = None,
) -> JournalEntry:
    """Create the entry ``entry_id`` or update its writing; times from the session clock."""
    now = session.clock()
    with session.orm() as db:
        entry = db.get(JournalEntry, entry_id)
        if entry is None:
            entry = JournalEntry(id=entry_id, created=now, updated=now)
        entry.body = body
        entry.prompt_key = prompt_key
        entry.prompt_text = prompt_text
        entry.perspective = perspective
        entry.minutes = minutes
        if mood_before is not None:
            entry.mood_before = mood_before
        entry.updated = now
        db.add(entry)
        db.commit()
        return entry


def set_reflection(session: Session, entry_id: str, reflection: Reflection) -> None:
    """Replace an entry's work areas, context, emotions, tone and mood after."""
    with session.orm() as db:
        entry = db.get(JournalEntry, entry_id)
        if entry is None:
            return
        db.exec(delete(JournalWorkArea).where(col(JournalWorkArea.entry_id) == entry_id))
        db.exec(delete(JournalEmotion).where(col(JournalEmotion.entry_id) == entry_id))
        for area, subtag in reflection.areas:
            db.add(JournalWorkArea(entry_id=entry_id, area=area, subtag=subtag))
        for emotion, intensity in reflection.emotions:
            db.add(JournalEmotion(entry_id=entry_id, emotion=emotion, intensity=intensity))
        entry.doing = reflection.doing
        entry.with_roles = list(reflection.with_roles)
        entry.tone = reflection.tone
        entry.mood_after = reflection.mood_after
        entry.updated = session.clock()
        db.add(entry)
        db.commit()


def get_entry(session: Session, entry_id: str) -> JournalEntry | None:
    """One entry."""
    with session.orm() as db:
        return db.get(JournalEntry, entry_id)


def reflection_of(session: Session, entry_id: str) -> Reflection:
    """An entry's after-writing answers, for editing."""
    with session.orm() as db:
        entry = db.get(JournalEntry, entry_id)
        areas = db.exec(select(JournalWorkArea).where(JournalWorkArea.entry_id == entry_id))
        emotions = db.exec(select(JournalEmotion).where(JournalEmotion.entry_id == entry_id))
        return Reflection(
            areas=[(a.area, a.subtag) for a in areas],
            doing=entry.doing if entry else "",
            with_roles=list(entry.with_roles) if entry else [],
            emotions=[(e.emotion, e.intensity) for e in emotions],
            tone=entry.tone if entry else None,
            mood_after=entry.mood_after if entry else None,
        )


def browse(session: Session, filters: Filters = Filters(), limit: int = 500) -> list[JournalEntry]:
    """Entries newest first, matching every filter given."""
    query = select(JournalEntry)
    ids = search.matching_ids(session.conn, filters.text)
    if ids is not None:
        if not ids:
            return []
        query = query.where(col(JournalEntry.id).in_(ids))
    if filters.emotion:
        query = query.where(
            col(JournalEntry.id).in_(
                select(JournalEmotion.entry_id).where(JournalEmotion.emotion == filters.emotion)
            )
        )
    if filters.area:
        query = query.where(
            col(JournalEntry.id).in_(
                select(JournalWorkArea.entry_id).where(JournalWorkArea.area == filters.area)
            )
        )
    tz = session.clock().tzinfo
    if filters.since:
        query = query.where(
            col(JournalEntry.created) >= datetime.combine(filters.since, time(), tz)
        )
    if filters.until:
        end = datetime.combine(filters.until, time.max, tz)
        query = query.where(col(JournalEntry.created) <= end)
    query = query.order_by(col(JournalEntry.created).desc()).limit(limit)
    with session.orm() as db:
        return list(db.exec(query))


def count_entries(session: Session) -> int:
    """How many entries there are (for the first-entry caution)."""
    row = session.conn.execute("SELECT count(*) FROM journal_entry").fetchone()
    return int(row[0]) if row else 0


def delete_entry(session: Session, entry_id: str) -> None:
    """Remove an entry and its links completely (secure_delete overwrites the pages)."""
    with session.orm() as db:
        db.exec(delete(JournalWorkArea).where(col(JournalWorkArea.entry_id) == entry_id))
        db.exec(delete(JournalEmotion).where(col(JournalEmotion.entry_id) == entry_id))
        db.exec(delete(JournalEntry).where(col(JournalEntry.id) == entry_id))
        db.commit()
    session.drop_draft(f"journal:{entry_id}")


def area_summary(session: Session, entry_id: str) -> str:
    """The work areas an entry touched, as a short comma-separated line."""
    rows = session.conn.execute(
        "SELECT DISTINCT area FROM journal_work_area WHERE entry_id = ? ORDER BY area", (entry_id,)
    ).fetchall()
    return ", ".join(str(row[0]) for row in rows)
