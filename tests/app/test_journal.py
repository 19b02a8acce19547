"""The journal through the keyboard: write, close, lock, search, filter, delete, timer."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import select
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Select, Static, TextArea

from conftest import AppFactory, settle, type_text
from selfcare.domain.prompts import PROMPTS
from selfcare.models import JournalEmotion, JournalEntry, JournalWorkArea, new_id
from selfcare.screens.after_writing import AfterWritingScreen
from selfcare.screens.journal import JournalScreen
from selfcare.screens.unlock import UnlockScreen
from selfcare.screens.writing import WritingScreen
from selfcare.store import journal
from selfcare.store.paths import StorePaths
from selfcare.store.session import Session
from support import NOW, FixedClock, make_store

TYPED = "pâté 🌱 lantern orchard"


def entries(session: Session) -> list[JournalEntry]:
    with session.orm() as db:
        return list(db.exec(select(JournalEntry)))


def rows(pilot: Pilot[None]) -> list[str]:
    table = pilot.app.screen.query_one("#journal-entries", DataTable)
    return [str(table.get_row_at(i)[1]) for i in range(table.row_count)]


async def test_new_entry_cursor_in_writing_area_then_saved(
    make_app: AppFactory, paths: StorePaths
) -> None:
    session, _ = make_store(paths)
    app = make_app(session=session)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, JournalScreen)
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert isinstance(app.screen, WritingScreen)
        assert app.focused is not None and app.focused.id == "writing-area"
        await pilot.press("ctrl+r")  # another prompt
        await pilot.press("ctrl+t")  # third person
        await pilot.press("ctrl+f")  # minutes 5 -> 10
        await type_text(pilot, "They held it together.\nThen the drive home.")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, AfterWritingScreen)
        saved = entries(session)
        assert len(saved) == 1
        entry = saved[0]
        assert entry.body == "They held it together.\nThen the drive home."
        assert entry.prompt_key == PROMPTS[1].key
        assert entry.prompt_text == PROMPTS[1].third
        assert entry.perspective == "third"
        assert entry.minutes == 10
        assert session.drafts() == [], "closing the entry forgets its draft"


async def test_empty_entry_is_not_saved(make_app: AppFactory, paths: StorePaths) -> None:
    session, _ = make_store(paths)
    app = make_app(session=session)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+n")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, JournalScreen)
        assert entries(session) == []


async def test_type_lock_unlock_keeps_the_words(make_app: AppFactory, paths: StorePaths) -> None:
    session, _ = make_store(paths, TYPED)
    app = make_app(session=session)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+n")
        await type_text(pilot, "Half a thought before the lock")
        await pilot.press("ctrl+l")
        await settle(pilot)
        assert isinstance(app.screen, UnlockScreen)
        await type_text(pilot, TYPED)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, JournalScreen)
        assert rows(pilot)[0] == "Draft · Half a thought before the lock"
        await pilot.press("enter")  # opens the draft, word for word
        await settle(pilot)
        assert isinstance(app.screen, WritingScreen)
        assert app.screen.query_one(TextArea).text == "Half a thought before the lock"
        banner = str(app.screen.query_one("#writing-banner", Static).render())
        assert "is back" in banner


async def test_timer_reaching_zero_changes_nothing_in_the_writing_area(
    make_app: AppFactory, paths: StorePaths, clock: FixedClock
) -> None:
    session, _ = make_store(paths)
    app = make_app(session=session)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+n")
        await type_text(pilot, "still going")
        area = app.screen.query_one(TextArea)
        before = (area.text, area.cursor_location, area.read_only, app.focused)
        clock.advance(5 * 60 + 1)
        await pilot.pause(1.2)
        timer = str(app.screen.query_one("#writing-timer", Static).render())
        assert "Time's up" in timer
        assert (area.text, area.cursor_location, area.read_only, app.focused) == before
        assert isinstance(app.screen, WritingScreen), "no dialog in front of the writing"
        await type_text(pilot, " and on")
        assert area.text == "still going and on"


def fill(session: Session, count: int) -> None:
    """``count`` entries, one a day back from NOW; every 10th mentions 'harbour'."""
    with session.orm() as db:
        for i in range(count):
            when = NOW - timedelta(days=i)
            entry = JournalEntry(
                id=new_id(),
                created=when,
                updated=when,
                body=f"day {i}: visits and notes" + (" by the harbour" if i % 10 == 0 else ""),
            )
            db.add(entry)
            db.flush()
            if i % 7 == 0:
                db.add(JournalEmotion(entry_id=entry.id, emotion="pride", intensity=6))
            if i % 5 == 0:
                db.add(JournalWorkArea(entry_id=entry.id, area="support", subtag=None))
        db.commit()


async def test_search_and_filters_over_ten_years(make_app: AppFactory, paths: StorePaths) -> None:
    session, _ = make_store(paths)
    fill(session, 3650)
    app = make_app(session=session)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+f")
        await type_text(pilot, "harbour")
        await settle(pilot)
        found = rows(pilot)
        assert len(found) == 365 and all("harbour" in r for r in found)
        assert found[0].startswith("day 0:")
        summary = str(app.screen.query_one("#journal-summary", Static).render())
        assert "365 of 3650" in summary
        await pilot.press("ctrl+r")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, JournalScreen)
        screen.query_one("#filter-since", Input).focus()
        await type_text(pilot, (NOW - timedelta(days=20)).date().isoformat())
        await settle(pilot)
        assert len(rows(pilot)) == 21
        expected = journal.browse(session, journal.Filters(area="support", emotion="pride"))
        assert len(expected) == 3650 // 35 + 1
        screen.query_one("#filter-since", Input).value = ""
        screen.query_one("#filter-area", Select).value = "support"
        screen.query_one("#filter-emotion", Select).value = "pride"
        await settle(pilot)
        assert len(rows(pilot)) == len(expected)


async def test_delete_and_let_go_remove_text_from_the_next_snapshot(
    make_app: AppFactory, paths: StorePaths
) -> None:
    session, _ = make_store(paths)
    doomed = "UNMISTAKABLE-" + "w" * 200
    for body in (doomed + " one", doomed + " two", "keep this one"):
        journal.save_writing(
            session,
            new_id(),
            body=body,
            prompt_key=None,
            prompt_text="",
            perspective="first",
            minutes=5,
        )
    app = make_app(session=session)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#journal-entries", DataTable)
        table.focus()
        for key in ("delete", "ctrl+k"):
            texts = rows(pilot)
            target = next(i for i, r in enumerate(texts) if r.startswith("UNMISTAKABLE"))
            table.move_cursor(row=target)
            await pilot.press(key)
            await settle(pilot)
            await pilot.press("escape")  # keep it: nothing happens
            await settle(pilot)
            assert len(rows(pilot)) == len(texts)
            await pilot.press(key)
            await settle(pilot)
            await pilot.click("#delete-yes")
            await settle(pilot)
            assert len(rows(pilot)) == len(texts) - 1
        assert [e.body for e in entries(session)] == ["keep this one"]
        assert journal.browse(session, journal.Filters(text="UNMISTAKABLE")) == []
        snap = session.take_snapshot()
        assert snap is not None and b"UNMISTAKABLE" not in snap.body


async def test_hard_incident_line_survives_a_lock(make_app: AppFactory, paths: StorePaths) -> None:
    from selfcare.screens.hard_incident import HardIncidentScreen

    session, _ = make_store(paths, TYPED)
    app = make_app(session=session)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+t")
        await settle(pilot)
        assert isinstance(app.screen, HardIncidentScreen)
        await type_text(pilot, "Restraint on the unit at 3")
        await pilot.press("ctrl+l")
        await settle(pilot)
        await type_text(pilot, TYPED)
        await pilot.press("enter")
        await settle(pilot)
        assert rows(pilot)[0] == "Draft · Restraint on the unit at 3"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, HardIncidentScreen), "it reopens on its own page"
        assert app.screen.query_one("#incident-line", Input).value == "Restraint on the unit at 3"
        await pilot.press("enter")
        await settle(pilot)
        assert app.keeper is not None
        kept = journal.browse(app.keeper.session)
        assert [(e.body, e.prompt_key) for e in kept] == [
            ("Restraint on the unit at 3", journal.HARD_INCIDENT_PROMPT)
        ]
        assert app.keeper.session.drafts() == []
