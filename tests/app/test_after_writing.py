"""After writing (optional answers, work areas first) and the short note after a hard incident."""

from __future__ import annotations

from sqlmodel import select
from textual.pilot import Pilot
from textual.widgets import Input, RadioSet, SelectionList

from conftest import AppFactory
from selfcare.domain.prompts import HARD_INCIDENT, MOOD_DIP_NOTE
from selfcare.domain.vocab import EMOTIONS, WORK_AREAS
from selfcare.models import JournalEmotion, JournalEntry, JournalWorkArea
from selfcare.screens.after_writing import AfterWritingScreen
from selfcare.screens.hard_incident import HardIncidentScreen
from selfcare.store import journal
from selfcare.store.journal import Reflection
from selfcare.store.paths import StorePaths
from selfcare.store.session import Session
from support import make_store

ENTRY = "entry-1"
EXPECTED = Reflection(
    areas=[("demands", "caseload"), ("support", None)],
    doing="home visit",
    with_roles=["person-supported", "colleague"],
    emotions=[("guilt", 8), ("relief", 3)],
    tone="mixed",
    mood_after=4,
)


def new_entry(paths: StorePaths) -> Session:
    session, _code = make_store(paths)
    journal.save_writing(
        session,
        ENTRY,
        body="A long shift.",
        prompt_key="hardest-moment",
        prompt_text="What was the hardest moment?",
        perspective="first",
        minutes=5,
    )
    return session


def area_row(area: str, subtag: str | None = None) -> int:
    """The row of an area (or one of its details) in the work-areas list."""
    rows: list[tuple[str, str | None]] = []
    for info in WORK_AREAS:
        rows.append((info.area.value, None))
        rows.extend((info.area.value, tag.key) for tag in info.subtags)
    return rows.index((area, subtag))


def emotion_row(key: str) -> int:
    return [e.key for e in EMOTIONS].index(key)


async def tick(pilot: Pilot[None], rows: list[int]) -> None:
    """In the focused list, tick each row (ascending) with the arrow keys and space."""
    focused = pilot.app.focused
    assert isinstance(focused, SelectionList)
    at = focused.highlighted or 0
    for row in rows:
        for _ in range(row - at):
            await pilot.press("down")
        at = row
        await pilot.press("space")


async def type_text(pilot: Pilot[None], text: str) -> None:
    await pilot.press(*text)


def spy_on_snapshots(pilot: Pilot[None]) -> list[bool]:
    """Record the keeper's snapshot requests."""
    keeper = pilot.app.keeper  # type: ignore[attr-defined]
    calls: list[bool] = []
    keeper.request_snapshot = lambda: calls.append(True)
    return calls


def focused_id(pilot: Pilot[None]) -> str | None:
    return pilot.app.focused.id if pilot.app.focused is not None else None


async def open_after_writing(pilot: Pilot[None]) -> AfterWritingScreen:
    await pilot.pause()
    screen = AfterWritingScreen(ENTRY)
    pilot.app.push_screen(screen)
    await pilot.pause()
    assert pilot.app.screen is screen
    return screen


def rows_of(session: Session) -> tuple[set[tuple[str, str | None]], set[tuple[str, int]]]:
    with session.orm() as db:
        areas = {(a.area, a.subtag) for a in db.exec(select(JournalWorkArea))}
        emotions = {(e.emotion, e.intensity) for e in db.exec(select(JournalEmotion))}
    return areas, emotions


async def test_answers_typed_with_keys_are_saved(make_app: AppFactory, paths: StorePaths) -> None:
    session = new_entry(paths)
    app = make_app(session=session)
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_after_writing(pilot)
        snapshots = spy_on_snapshots(pilot)
        assert focused_id(pilot) == "work-areas", "work areas come first"
        # A detail ticks its area too; Support is ticked as a whole.
        await tick(pilot, [area_row("demands", "caseload"), area_row("support")])
        await pilot.press("tab")
        assert focused_id(pilot) == "doing"
        await type_text(pilot, "home visit")
        await pilot.press("tab")
        assert focused_id(pilot) == "with-roles"
        await tick(pilot, [0, 2])  # person I support, colleague
        await pilot.press("tab")
        assert focused_id(pilot) == "emotions"
        await tick(pilot, [emotion_row("guilt"), emotion_row("relief")])
        await pilot.press("tab")
        assert focused_id(pilot) == "intensity-guilt"
        assert screen.query_one("#intensity-guilt", Input).value == "5", "5 to start"
        await pilot.press("backspace", "8", "tab")
        assert focused_id(pilot) == "intensity-relief"
        await pilot.press("backspace", "1", "1")  # 11 is refused while typing
        assert screen.query_one("#intensity-relief", Input).value == "1"
        await pilot.press("backspace", "3", "tab")
        assert focused_id(pilot) == "tone"
        assert screen.query_one("#tone", RadioSet).pressed_button is None, "none by default"
        await pilot.press("down", "down", "enter")  # hard, good, mixed
        await pilot.press("tab")
        assert focused_id(pilot) == "mood-after"
        await type_text(pilot, "4")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, AfterWritingScreen)
        assert snapshots == [True], "a snapshot is asked for when the form closes"

    saved = journal.reflection_of(session, ENTRY)
    assert sorted(saved.areas, key=str) == sorted(EXPECTED.areas, key=str)
    assert sorted(saved.emotions) == sorted(EXPECTED.emotions)
    assert (saved.doing, saved.with_roles, saved.tone, saved.mood_after) == (
        EXPECTED.doing,
        EXPECTED.with_roles,
        EXPECTED.tone,
        EXPECTED.mood_after,
    )
    assert rows_of(session) == (set(EXPECTED.areas), set(EXPECTED.emotions))


async def test_escape_skips_and_saves_nothing(make_app: AppFactory, paths: StorePaths) -> None:
    session = new_entry(paths)
    app = make_app(session=session)
    async with app.run_test(size=(100, 40)) as pilot:
        await open_after_writing(pilot)
        await tick(pilot, [area_row("demands"), area_row("change", "restructure")])
        await pilot.press("tab")
        await type_text(pilot, "handover")
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, AfterWritingScreen)
    assert journal.reflection_of(session, ENTRY) == Reflection()
    assert rows_of(session) == (set(), set())
    with session.orm() as db:
        entry = db.get(JournalEntry, ENTRY)
        assert entry is not None and entry.body == "A long shift."


async def test_editing_again_shows_the_answers(make_app: AppFactory, paths: StorePaths) -> None:
    session = new_entry(paths)
    journal.set_reflection(session, ENTRY, EXPECTED)
    app = make_app(session=session)
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_after_writing(pilot)
        areas = screen.query_one("#work-areas", SelectionList)
        assert set(areas.selected) == {
            ("demands", None),
            ("demands", "caseload"),
            ("support", None),
        }
        assert screen.query_one("#doing", Input).value == "home visit"
        roles = screen.query_one("#with-roles", SelectionList)
        assert set(roles.selected) == {"person-supported", "colleague"}
        assert set(screen.query_one("#emotions", SelectionList).selected) == {"guilt", "relief"}
        assert screen.query_one("#intensity-guilt", Input).value == "8"
        assert screen.query_one("#intensity-relief", Input).value == "3"
        assert screen.query_one("#intensity-row-guilt").display
        assert not screen.query_one("#intensity-row-anger").display
        pressed = screen.query_one("#tone", RadioSet).pressed_button
        assert pressed is not None and pressed.id == "tone-mixed"
        assert screen.query_one("#mood-after", Input).value == "4"
        assert MOOD_DIP_NOTE in str(screen.query_one("#mood-dip-note").render())

        # Unticking the area unticks its detail; unticking an emotion drops it.
        assert areas.highlighted == 0, "the first row is highlighted on arrival"
        await pilot.press("space")  # Demands
        assert set(areas.selected) == {("support", None)}
        await pilot.press("ctrl+s")
        await pilot.pause()
    saved = journal.reflection_of(session, ENTRY)
    assert saved.areas == [("support", None)]
    assert sorted(saved.emotions) == [("guilt", 8), ("relief", 3)]
    assert saved.tone == "mixed" and saved.mood_after == 4


async def test_answers_the_catalogue_no_longer_lists_are_kept(
    make_app: AppFactory, paths: StorePaths
) -> None:
    session = new_entry(paths)
    old = Reflection(
        areas=[("demands", "retired-tag"), ("old-area", None)],
        with_roles=["old-role"],
        emotions=[("ennui", 6)],
        tone="odd",
    )
    journal.set_reflection(session, ENTRY, old)
    app = make_app(session=session)
    async with app.run_test(size=(100, 40)) as pilot:
        await open_after_writing(pilot)
        await pilot.press("ctrl+s")
        await pilot.pause()
    saved = journal.reflection_of(session, ENTRY)
    assert saved == old


async def test_usable_at_80_by_24(make_app: AppFactory, paths: StorePaths) -> None:
    """Tab reaches every field in order, each shown with its question; lists follow the keys."""
    session = new_entry(paths)
    app = make_app(session=session)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_after_writing(pilot)
        visible = screen.query_one("#after-writing-panel").content_region

        def in_view(widget_id: str) -> bool:
            region = screen.query_one(f"#{widget_id}").region
            return bool(region) and visible.y <= region.y < visible.bottom

        assert in_view("after-writing-title")
        areas = screen.query_one("#work-areas", SelectionList)
        last = areas.option_count - 1
        assert areas.highlighted == 0
        for _ in range(last):
            await pilot.press("down")
        await pilot.pause()
        assert areas.highlighted == last
        row = areas.content_region.y + last - int(areas.scroll_y)
        assert visible.y <= row < visible.bottom, "the highlighted row is in view"

        sections = {
            "doing": "doing",
            "with-roles": "roles",
            "emotions": "emotions",
            "tone": "tone",
            "mood-after": "mood",
        }
        for widget_id, section in sections.items():
            await pilot.press("tab")
            await pilot.pause()
            assert focused_id(pilot) == widget_id
            assert in_view(widget_id), f"{widget_id} is in view"
            question = screen.query_one(f"#section-{section}").children[0]
            assert question.region.y >= visible.y, f"the question of {widget_id} is in view"
        assert in_view("mood-dip-note")


async def test_hard_incident_keeps_one_line(make_app: AppFactory, paths: StorePaths) -> None:
    session, _code = make_store(paths)
    app = make_app(session=session)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = HardIncidentScreen()
        app.push_screen(screen)
        await pilot.pause()
        snapshots = spy_on_snapshots(pilot)
        text = "\n".join(str(w.render()) for w in screen.query("Static"))
        assert HARD_INCIDENT.intro in text and HARD_INCIDENT.tell[0] in text
        assert HARD_INCIDENT.record[0] in text and HARD_INCIDENT.later in text
        assert focused_id(pilot) == "incident-line"
        await type_text(pilot, "A restraint on the ward")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, HardIncidentScreen)
        assert snapshots == [True]
    entries = journal.browse(session)
    assert [(e.prompt_key, e.body, e.prompt_text) for e in entries] == [
        (journal.HARD_INCIDENT_PROMPT, "A restraint on the ward", HARD_INCIDENT.name_it)
    ]
    assert entries[0].minutes == 0 and entries[0].perspective == "first"


async def test_hard_incident_escape_or_empty_saves_nothing(
    make_app: AppFactory, paths: StorePaths
) -> None:
    session, _code = make_store(paths)
    app = make_app(session=session)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.push_screen(HardIncidentScreen())
        await pilot.pause()
        await type_text(pilot, "An assault")
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, HardIncidentScreen)
        app.push_screen(HardIncidentScreen())
        await pilot.pause()
        await pilot.press("space", "ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, HardIncidentScreen)
    assert journal.count_entries(session) == 0


async def test_clicks_tick_and_choose(make_app: AppFactory, paths: StorePaths) -> None:
    session = new_entry(paths)
    app = make_app(session=session)
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_after_writing(pilot)
        # Row n of a list sits at y = n + 1 (below the list's top border).
        await pilot.click("#work-areas", offset=(8, area_row("support", "no-debrief") + 1))
        for target, offset in (("#with-roles", (8, 1 + 5)), ("#tone-hard", (2, 0))):  # Alone
            screen.query_one(target).scroll_visible(animate=False, immediate=True)
            await pilot.pause()
            r = screen.query_one(target).region
            print("AT", target, r, app.screen.get_widget_at(r.x + offset[0], r.y + offset[1]))
            await pilot.click(target, offset=offset)
        await pilot.pause()
        areas = screen.query_one("#work-areas", SelectionList)
        assert set(areas.selected) == {("support", None), ("support", "no-debrief")}
        await pilot.press("ctrl+s")
        await pilot.pause()
    saved = journal.reflection_of(session, ENTRY)
    assert saved.areas == [("support", "no-debrief")]
    assert saved.with_roles == ["alone"] and saved.tone == "hard"


async def test_hard_incident_intro_in_view_at_80_by_24(
    make_app: AppFactory, paths: StorePaths
) -> None:
    session, _code = make_store(paths)
    app = make_app(session=session)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = HardIncidentScreen()
        app.push_screen(screen)
        await pilot.pause()
        for widget_id in ("hard-incident-title", "hard-incident-intro", "incident-line"):
            region = screen.query_one(f"#{widget_id}").region
            assert 1 <= region.y and region.bottom <= 23, f"{widget_id} is in view"
