"""First run, unlock, recovery, lock: through the keyboard, then the store."""

from __future__ import annotations

from typing import cast

from textual.pilot import Pilot
from textual.widgets import Input, Static

from conftest import AppFactory, settle, type_text
from selfcare.models import new_id
from selfcare.screens.area import NOT_BUILT, AreaScreen
from selfcare.screens.code_shown import CodeShownScreen
from selfcare.screens.first_run import FirstRunScreen
from selfcare.screens.journal import JournalScreen
from selfcare.screens.unlock import UnlockScreen
from selfcare.store import journal
from selfcare.store.api import open_store
from selfcare.store.paths import StorePaths
from support import make_store

STRONG = "lantern orchard velvet compass"
TYPED = "pâté 🌱 lantern orchard"
"""Non-ASCII and typeable by Pilot (which drops some symbols such as a check mark)."""


def status(pilot: Pilot[None], selector: str) -> str:
    return str(pilot.app.screen.query_one(selector, Static).render())


async def test_first_run_creates_store_and_shows_code_once(
    make_app: AppFactory, paths: StorePaths
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, FirstRunScreen)
        await type_text(pilot, STRONG)
        await pilot.press("enter")
        await type_text(pilot, STRONG)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CodeShownScreen)
        code = status(pilot, "#recovery-code")
        assert len(code.split("-")) == 7
        assert paths.vault.exists(), "the store exists before the code is dismissed"
        await pilot.press("escape")  # escape does not skip the code
        assert isinstance(app.screen, CodeShownScreen)
        await pilot.click("#stored")
        await settle(pilot)
        assert isinstance(app.screen, JournalScreen)
        assert code not in "".join(str(w.render()) for w in app.screen.query(Static))
        await pilot.press("ctrl+l")
        await settle(pilot)
    open_store(paths, STRONG, writable=False).close()
    open_store(paths, recovery_code=code, writable=False).close()


async def test_weak_passphrase_needs_a_second_confirmation(
    make_app: AppFactory, paths: StorePaths
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await type_text(pilot, "password")
        await pilot.press("tab")
        await type_text(pilot, "password")
        await pilot.press("enter")
        await settle(pilot)
        assert "easy to guess" in status(pilot, "#first-run-status")
        assert not paths.exists(), "not created on the first press"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CodeShownScreen), "never refused"


async def test_mismatched_passphrases_are_said_calmly(
    make_app: AppFactory, paths: StorePaths
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await type_text(pilot, STRONG)
        await pilot.press("enter")
        await type_text(pilot, STRONG + "x")
        await pilot.press("enter")
        await settle(pilot)
        assert "not the same" in status(pilot, "#first-run-status")
        assert not paths.exists()


async def test_unlock_wrong_then_right(make_app: AppFactory, paths: StorePaths) -> None:
    make_store(paths, TYPED)[0].close()
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, UnlockScreen)
        await type_text(pilot, "not my passphrase")
        await pilot.press("enter")
        await settle(pilot)
        assert "didn't open" in status(pilot, "#unlock-status")
        assert app.screen.query_one("#passphrase", Input).value == ""
        assert app.keeper is None
        await type_text(pilot, TYPED)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, JournalScreen), "unlocking lands on the Journal"
        assert app.keeper is not None and app.keeper.session.writable
        await pilot.press("f3")
        await settle(pilot)
        assert status(pilot, "#not-built") == NOT_BUILT


async def test_recovery_code_sets_a_new_passphrase(make_app: AppFactory, paths: StorePaths) -> None:
    session, code = make_store(paths)
    session.close()
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.click("#use-recovery")
        await settle(pilot)
        await type_text(pilot, code.lower())
        await pilot.press("tab")
        await type_text(pilot, "brand new words here")
        await pilot.press("tab")
        await type_text(pilot, "brand new words here")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, JournalScreen)
        await pilot.press("ctrl+l")
        await settle(pilot)
        assert isinstance(app.screen, UnlockScreen)
    open_store(paths, "brand new words here", writable=False).close()
    open_store(paths, recovery_code=code, writable=False).close()


async def test_lock_drops_content_and_refuses_area_keys(
    make_app: AppFactory, paths: StorePaths
) -> None:
    session, _ = make_store(paths)
    app = make_app(session=session)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, JournalScreen)
        await pilot.press("f3")
        await settle(pilot)
        await pilot.press("ctrl+l")
        await settle(pilot)
        assert isinstance(app.screen, UnlockScreen)
        assert app.keeper is None
        assert not any(
            isinstance(s, AreaScreen | JournalScreen)
            for stack in app._screen_stacks.values()
            for s in stack
        ), "no content screen is left"
        for key in ("f2", "f3", "f4", "f5", "f6"):
            await pilot.press(key)
            await settle(pilot)
            assert isinstance(app.screen, UnlockScreen), key
    assert session.conn.__class__ is not None  # the session object still exists...
    try:
        session.conn.execute("select 1")
        raise AssertionError("the database must be closed after lock")
    except Exception as err:  # noqa: BLE001
        assert "closed" in str(err).lower()


async def test_idle_lock_follows_the_injected_clock(
    make_app: AppFactory, paths: StorePaths, clock
) -> None:
    session, _ = make_store(paths)
    app = make_app(session=session)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        clock.advance(10 * 60 - 1)
        await pilot.pause(0.2)
        assert isinstance(app.screen, JournalScreen), "just under the limit: still unlocked"
        clock.advance(1)
        await pilot.pause(0.2)
        await settle(pilot)
        assert isinstance(app.screen, UnlockScreen), "at the limit: locked"
        assert app.keeper is None


async def test_a_key_press_resets_the_idle_clock(
    make_app: AppFactory, paths: StorePaths, clock
) -> None:
    session, _ = make_store(paths)
    app = make_app(session=session)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        clock.advance(9 * 60)
        await pilot.press("f3")
        clock.advance(2 * 60)
        await pilot.pause(0.2)
        assert isinstance(app.screen, AreaScreen), "2 minutes since the last key"
        assert cast(AreaScreen, app.screen).area == "plan"


async def test_damaged_store_offers_the_backup_generation(
    make_app: AppFactory, paths: StorePaths
) -> None:
    session, _ = make_store(paths, TYPED)
    journal.save_writing(
        session,
        new_id(),
        body="from the earlier session",
        prompt_key=None,
        prompt_text="",
        perspective="first",
        minutes=5,
    )
    session.save()
    session.close()
    again = open_store(paths, TYPED)
    journal.save_writing(
        again,
        new_id(),
        body="written later",
        prompt_key=None,
        prompt_text="",
        perspective="first",
        minutes=5,
    )
    again.save()
    again.close()
    data = bytearray(paths.vault.read_bytes())
    data[-40] ^= 0xFF  # damage the sealed body of the current file
    paths.vault.write_bytes(bytes(data))
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        backup_button = app.screen.query_one("#open-backup")
        assert not backup_button.display, "no choice offered before anything is known"
        await type_text(pilot, TYPED)
        await pilot.press("enter")
        await settle(pilot)
        message = status(pilot, "#unlock-status")
        assert "damaged" in message and "backup generation, saved" in message
        assert app.keeper is None, "nothing is opened until the person chooses"
        assert backup_button.display
        field = app.screen.query_one("#passphrase", Input)
        assert field.value == TYPED, "the passphrase stays, so one click opens the backup"
        await pilot.click("#open-backup")
        await settle(pilot)
        assert isinstance(app.screen, JournalScreen)
        assert app.keeper is not None
        bodies = [e.body for e in journal.browse(app.keeper.session)]
        assert bodies == ["from the earlier session"]
