"""SVG snapshots of the gate, Help now, settings, the light theme and the journal.

Each screen is pictured at 80x24 and 120x40. Everything on screen is deterministic: times
come from the fixed clock (entries are dated relative to ``support.NOW``), no random id is
shown, and cursors are made steady (no blink) before the picture is taken.

Update the baselines with::

    .venv/bin/python -m pytest tests/snapshots --snapshot-update -q -o addopts=
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from selfcare.app import SelfCareApp
from selfcare.models import JournalEmotion, JournalEntry, JournalWorkArea
from selfcare.screens.after_writing import AfterWritingScreen
from selfcare.screens.first_run import FirstRunScreen
from selfcare.screens.hard_incident import HardIncidentScreen
from selfcare.screens.help_now import HelpNowScreen
from selfcare.screens.journal import JournalScreen
from selfcare.screens.settings import SettingsScreen
from selfcare.screens.unlock import UnlockScreen
from selfcare.screens.writing import WritingScreen
from selfcare.store import keys
from selfcare.store.paths import StorePaths
from selfcare.store.session import Session
from selfcare.store.settings import Settings
from support import NOW, FixedClock, make_store

Size = tuple[int, int]
SnapCompare = Callable[..., bool]
AppFactory = Callable[..., SelfCareApp]
RunBefore = Callable[[Pilot[None]], Awaitable[None]]

LIGHT = Settings(theme="selfcare-light")
DRAFT_KEY = "journal:" + "d" * 32
"""A fixed draft key (never shown, but fixed all the same)."""

ENTRIES: tuple[tuple[int, str, tuple[str, ...], tuple[tuple[str, int], ...]], ...] = (
    (
        1,
        "The handover ran late again and I left feeling I had missed something.",
        ("demands", "support"),
        (("guilt", 6),),
    ),
    (2, "A good visit. She laughed at my terrible joke about the kettle.", ("relationships",), ()),
    (4, "Team meeting about the new rota. Mixed feelings.", ("change", "control"), ()),
    (9, "Quiet day. Caught up on notes.", (), ()),
)
"""Days before NOW, body, work areas, emotions."""

SIZES = [(80, 24), (120, 40)]
"""Every screen is pictured at the smallest supported terminal and a roomy one."""


# --- fixtures (here, not in a conftest.py: tests/app/conftest.py is imported by name) ----


@pytest.fixture(params=SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def size(request: pytest.FixtureRequest) -> Size:
    """The terminal size (columns, rows) of the snapshot."""
    return request.param  # type: ignore[no-any-return]


@pytest.fixture
def make_app(paths: StorePaths, clock: FixedClock, tmp_path: Path) -> AppFactory:
    """Build an app on the test store; keyword arguments override the defaults.

    Everything time-dependent reads the fixed clock.
    """

    def build(**overrides: Any) -> SelfCareApp:
        options: dict[str, Any] = {
            "paths": paths,
            "settings": Settings(),
            "settings_path": tmp_path / "config.toml",
            "clock": clock,
            "kdf_params": keys.FAST_TEST_PARAMS,
            "allow_weak": True,
        }
        options.update(overrides)
        return SelfCareApp(**options)

    return build


# --- helpers -------------------------------------------------------------------------


async def settle(pilot: Pilot[None]) -> None:
    """Let workers finish and the screen refresh."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def steady(pilot: Pilot[None]) -> None:
    """Settle, then stop every cursor blinking, so the cursor is shown on the focused field."""
    await settle(pilot)
    for screen in pilot.app.screen_stack:
        for field in screen.query(Input):
            field.cursor_blink = False
        for area in screen.query(TextArea):
            area.cursor_blink = False
    await pilot.pause()


async def type_text(pilot: Pilot[None], text: str) -> None:
    for char in text:
        await pilot.press({" ": "space"}.get(char, char))


def new_store(paths: StorePaths) -> Session:
    """A new, empty, open store."""
    return make_store(paths)[0]


def store_with_entries(paths: StorePaths, *, draft: bool = False) -> Session:
    """A store with a few dated entries and, when asked, one interrupted draft."""
    session = new_store(paths)
    with session.orm() as db:
        for days, body, areas, emotions in ENTRIES:
            when = NOW - timedelta(days=days, hours=2)
            entry = JournalEntry(created=when, updated=when, body=body, minutes=5)
            db.add(entry)
            db.flush()
            for area in areas:
                db.add(JournalWorkArea(entry_id=entry.id, area=area))
            for emotion, intensity in emotions:
                db.add(JournalEmotion(entry_id=entry.id, emotion=emotion, intensity=intensity))
        db.commit()
    if draft:
        session.stage_draft(
            DRAFT_KEY, "journal", None, {"body": "Half a thought about the night shift"}
        )
        assert session.take_snapshot() is not None
        assert [d.id for d in session.drafts("journal")] == [DRAFT_KEY]
    return session


def shows(screen_type: type[Any], then: RunBefore | None = None) -> RunBefore:
    """A run_before: optional steps, then settle, check the screen and steady the cursors."""

    async def run_before(pilot: Pilot[None]) -> None:
        await settle(pilot)
        if then is not None:
            await then(pilot)
        await steady(pilot)
        assert isinstance(pilot.app.screen, screen_type), pilot.app.screen

    return run_before


async def press(pilot: Pilot[None], *keys: str) -> None:
    for key in keys:
        await pilot.press(key)
        await settle(pilot)


# --- issue 5: the gate, Help now, settings, the light theme ----------------------------------


def test_unlock(snap_compare: SnapCompare, make_app: AppFactory, paths: StorePaths, size: Size):
    new_store(paths).close()
    app = make_app()
    assert snap_compare(app, terminal_size=size, run_before=shows(UnlockScreen))


def test_first_run(snap_compare: SnapCompare, make_app: AppFactory, size: Size):
    app = make_app()
    assert snap_compare(app, terminal_size=size, run_before=shows(FirstRunScreen))


def test_help_now_over_unlock(
    snap_compare: SnapCompare, make_app: AppFactory, paths: StorePaths, size: Size
):
    new_store(paths).close()
    app = make_app()

    async def open_help(pilot: Pilot[None]) -> None:
        assert isinstance(pilot.app.screen, UnlockScreen)
        await press(pilot, "f1")

    assert snap_compare(app, terminal_size=size, run_before=shows(HelpNowScreen, open_help))


def test_help_now_over_journal(
    snap_compare: SnapCompare, make_app: AppFactory, paths: StorePaths, size: Size
):
    app = make_app(session=store_with_entries(paths))

    async def open_help(pilot: Pilot[None]) -> None:
        assert isinstance(pilot.app.screen, JournalScreen)
        await press(pilot, "f1")

    assert snap_compare(app, terminal_size=size, run_before=shows(HelpNowScreen, open_help))


def test_settings(snap_compare: SnapCompare, make_app: AppFactory, paths: StorePaths, size: Size):
    app = make_app(session=new_store(paths))

    async def open_settings(pilot: Pilot[None]) -> None:
        await press(pilot, "f6")

    assert snap_compare(app, terminal_size=size, run_before=shows(SettingsScreen, open_settings))


def test_settings_light(
    snap_compare: SnapCompare, make_app: AppFactory, paths: StorePaths, size: Size
):
    app = make_app(session=new_store(paths), settings=LIGHT)

    async def open_settings(pilot: Pilot[None]) -> None:
        await press(pilot, "f6")

    assert snap_compare(app, terminal_size=size, run_before=shows(SettingsScreen, open_settings))


def test_journal_light(
    snap_compare: SnapCompare, make_app: AppFactory, paths: StorePaths, size: Size
):
    app = make_app(session=store_with_entries(paths, draft=True), settings=LIGHT)
    assert snap_compare(app, terminal_size=size, run_before=shows(JournalScreen))


# --- issue 6: the journal -----------------------------------------------------------------


def test_journal_empty(
    snap_compare: SnapCompare, make_app: AppFactory, paths: StorePaths, size: Size
):
    app = make_app(session=new_store(paths))
    assert snap_compare(app, terminal_size=size, run_before=shows(JournalScreen))


async def start_writing(pilot: Pilot[None]) -> None:
    await press(pilot, "ctrl+n")
    assert isinstance(pilot.app.screen, WritingScreen)
    await type_text(pilot, "The drive home was quiet")
    await settle(pilot)


def test_writing_with_prompt(
    snap_compare: SnapCompare, make_app: AppFactory, paths: StorePaths, size: Size
):
    app = make_app(session=new_store(paths))
    assert snap_compare(app, terminal_size=size, run_before=shows(WritingScreen, start_writing))


def test_after_writing(
    snap_compare: SnapCompare, make_app: AppFactory, paths: StorePaths, size: Size
):
    app = make_app(session=new_store(paths))

    async def write_then_save(pilot: Pilot[None]) -> None:
        await start_writing(pilot)
        await press(pilot, "ctrl+s")

    assert snap_compare(
        app, terminal_size=size, run_before=shows(AfterWritingScreen, write_then_save)
    )


def test_journal_with_draft(
    snap_compare: SnapCompare, make_app: AppFactory, paths: StorePaths, size: Size
):
    app = make_app(session=store_with_entries(paths, draft=True))
    assert snap_compare(app, terminal_size=size, run_before=shows(JournalScreen))


def test_hard_incident(
    snap_compare: SnapCompare, make_app: AppFactory, paths: StorePaths, size: Size
):
    app = make_app(session=store_with_entries(paths))

    async def open_incident(pilot: Pilot[None]) -> None:
        await press(pilot, "ctrl+t")

    assert snap_compare(
        app, terminal_size=size, run_before=shows(HardIncidentScreen, open_incident)
    )
