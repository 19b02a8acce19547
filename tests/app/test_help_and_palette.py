"""Help now from everywhere; the palette; the passphrase field keeps its secret."""

from __future__ import annotations

import pytest
from textual.command import CommandPalette
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Static

from conftest import AppFactory, settle
from selfcare.screens.first_run import FirstRunScreen
from selfcare.screens.help_now import HelpNowScreen
from selfcare.screens.unlock import UnlockScreen
from selfcare.store import repos
from selfcare.store.paths import StorePaths
from selfcare.store.settings import Settings
from support import make_store


def help_text(pilot: Pilot[None]) -> str:
    screen = pilot.app.screen
    assert isinstance(screen, HelpNowScreen)
    return "\n".join(str(w.render()) for w in screen.query(Static))


async def open_and_close_help(pilot: Pilot[None], key: str) -> str:
    before = pilot.app.screen
    await pilot.press(key)
    await settle(pilot)
    text = help_text(pilot)
    assert "999" in text and "116 123" in text
    await pilot.press(key)  # pressing again does not stack a second copy
    await settle(pilot)
    assert sum(isinstance(s, HelpNowScreen) for s in pilot.app.screen_stack) == 1
    await pilot.press("escape")
    await settle(pilot)
    assert pilot.app.screen is before
    return text


@pytest.mark.parametrize("key", ["f1", "ctrl+g"])
async def test_help_now_on_first_run_unlock_and_every_area(
    make_app: AppFactory, paths: StorePaths, key: str
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, FirstRunScreen)
        await open_and_close_help(pilot, key)
    make_store(paths, "pâté 🌱 words")[0].close()
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, UnlockScreen)
        await pilot.press("p", "a")  # the cursor is in the passphrase field, typing
        assert app.focused is not None and app.focused.id == "passphrase"
        text = await open_and_close_help(pilot, key)
        assert "appear once" in text or "unlock" in text.lower(), "own contacts after unlock"
        assert app.screen.query_one("#passphrase", Input).value == "pa", "typing not lost"
        app.screen.query_one("#passphrase", Input).value = ""
        for char in "pâté 🌱 words":
            await pilot.press(char if char != " " else "space")
        await pilot.press("enter")
        await settle(pilot)
        for area in ("f2", "f3", "f4", "f5"):
            await pilot.press(area)
            await settle(pilot)
            await open_and_close_help(pilot, key)


async def test_help_now_shows_personal_contacts_after_unlock(
    make_app: AppFactory, paths: StorePaths
) -> None:
    session, _ = make_store(paths)
    repos.replace_contacts(session, [("Union rep", "07700 900123", "weekdays")])
    app = make_app(session=session)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.click("#help-now-link")
        await settle(pilot)
        text = help_text(pilot)
        assert "Union rep: 07700 900123" in text


async def test_nation_preset_changes_the_numbers(make_app: AppFactory, paths: StorePaths) -> None:
    session, _ = make_store(paths)
    app = make_app(session=session, settings=Settings(nation="ireland"))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("f1")
        await settle(pilot)
        text = help_text(pilot)
        assert "50808" in text and "1800 247 247" in text
        assert "NHS 111" not in text and "85258" not in text


async def test_palette_has_no_screenshot(make_app: AppFactory, paths: StorePaths) -> None:
    session, _ = make_store(paths)
    app = make_app(session=session)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        assert isinstance(app.screen, CommandPalette)
        await pilot.pause(0.3)
        options = app.screen.query_one(OptionList)
        titles = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        joined = "\n".join(titles)
        assert "Help: Help now" in joined and "App: Lock now" in joined
        assert "Journal: Open" in joined
        assert "Screenshot" not in joined
        for char in "screenshot":
            await pilot.press(char)
        await pilot.pause(0.5)
        options = app.screen.query_one(OptionList)
        titles = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert not any("Screenshot" in t for t in titles)


async def test_copy_from_passphrase_copies_nothing(make_app: AppFactory, paths: StorePaths) -> None:
    make_store(paths)[0].close()
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        for char in "secretwords":
            await pilot.press(char)
        await pilot.press("shift+home")
        field = app.screen.query_one("#passphrase", Input)
        assert field.selected_text == "secretwords"
        await pilot.press("ctrl+c")
        await pilot.press("ctrl+x")
        await pilot.pause()
        assert "secretwords" not in app.clipboard
        assert field.value == "secretwords", "cut removed nothing either"


async def test_palette_runs_screen_actions(make_app: AppFactory, paths: StorePaths) -> None:
    from selfcare.screens.writing import WritingScreen

    session, _ = make_store(paths)
    app = make_app(session=session)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        for char in "journal new":
            await pilot.press(char if char != " " else "space")
        await pilot.pause(0.5)
        options = app.screen.query_one(OptionList)
        titles = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert any("Journal: New entry" in t for t in titles), titles
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, WritingScreen)
