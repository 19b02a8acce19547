"""Settings: preferences go to config.toml, personal contacts to the vault, keys, erase."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.binding import Binding
from textual.pilot import Pilot
from textual.widgets import Input, Select, Static, Switch

from conftest import settle, type_text
from selfcare.app import SelfCareApp
from selfcare.screens import dialogs
from selfcare.screens.dialogs import (
    ChangePassphraseDialog,
    ConfirmDialog,
    EraseDialog,
    RecoveryCodeDialog,
)
from selfcare.screens.help_now import HelpNowScreen
from selfcare.screens.settings import DEMO_NOTE, UNSAVED, SettingsScreen
from selfcare.store import keys, repos
from selfcare.store.api import open_store
from selfcare.store.errors import WrongPassphrase, WrongRecoveryCode
from selfcare.store.paths import StorePaths
from selfcare.store.settings import Settings, save_settings
from support import FixedClock, make_store

OLD_PASSPHRASE = "pâté 🌱 seven"
"""Typed with the pilot, which drops some symbols (such as ✓), so none of those here."""
NEW_PASSPHRASE = "maple harbour lantern é"
CODE_SHAPE = re.compile(r"^[0-9A-Z]{4}(-[0-9A-Z]{4}){6}$")

Build = Callable[..., SelfCareApp]


@pytest.fixture
def config(tmp_path: Path) -> Path:
    """Where this test's settings file goes."""
    return tmp_path / "config.toml"


@pytest.fixture
def recovery() -> dict[str, str]:
    """The recovery code of the store the app is built on (filled in by ``build``)."""
    return {}


@pytest.fixture
def build(paths: StorePaths, config: Path, recovery: dict[str, str]) -> Iterator[Build]:
    """Build an unlocked app on a fresh store; keyword arguments override the defaults.

    Sessions left open by a test (no quit) are closed afterwards.
    """
    apps: list[SelfCareApp] = []

    def make(**overrides: Any) -> SelfCareApp:
        if "session" not in overrides:
            session, recovery["code"] = make_store(paths, OLD_PASSPHRASE)
            overrides["session"] = session
        options: dict[str, Any] = {
            "paths": paths,
            "settings": Settings(),
            "settings_path": config,
            "clock": FixedClock(),
            "kdf_params": keys.FAST_TEST_PARAMS,
            "allow_weak": True,
        }
        options.update(overrides)
        app = SelfCareApp(**options)
        apps.append(app)
        return app

    yield make
    for app in apps:
        for keeper in (app.keeper, app.held):
            if keeper is not None:
                keeper.session.close()


async def open_settings(pilot: Pilot[None]) -> SettingsScreen:
    await settle(pilot)
    await pilot.press("f6")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, SettingsScreen)
    return screen


async def choose(pilot: Pilot[None], selector: str, label: str) -> None:
    """Pick an option of a Select with the keyboard (type to search, Enter)."""
    select = pilot.app.screen.query_one(selector, Select)
    select.focus()
    await pilot.press("enter")
    await pilot.pause()
    await type_text(pilot, label)
    await pilot.press("enter")
    await settle(pilot)


async def activate(pilot: Pilot[None], selector: str) -> None:
    """Tab-free keyboard use: focus a button or switch (scrolling it into view), Enter."""
    pilot.app.screen.query_one(selector).focus()
    await pilot.pause()
    await pilot.press("enter")
    await settle(pilot)


def texts(pilot: Pilot[None]) -> str:
    return "\n".join(str(w.render()) for w in pilot.app.screen.query(Static))


def read_config(path: Path) -> dict[str, Any]:
    return tomllib.loads(path.read_text(encoding="utf-8"))


async def help_now_text(pilot: Pilot[None]) -> str:
    await pilot.press("f1")
    await settle(pilot)
    assert isinstance(pilot.app.screen, HelpNowScreen)
    text = texts(pilot)
    await pilot.press("escape")
    await settle(pilot)
    return text


async def test_nation_and_timers_are_saved_and_help_now_follows(build: Build, config: Path) -> None:
    app = build()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_settings(pilot)
        await choose(pilot, "#nation", "Scot")
        await choose(pilot, "#idle-lock", "Never")
        await choose(pilot, "#writing-minutes", "15")
        assert screen.query_one("#nation", Select).value == "scotland"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, SettingsScreen), "Ctrl+S saves and closes"
        saved = read_config(config)
        assert saved["nation"] == "scotland"
        assert saved["idle_lock_minutes"] == 0 and saved["writing_minutes"] == 15
        assert app.settings.nation == "scotland" and app.settings.idle_lock_minutes == 0
        text = await help_now_text(pilot)
        assert "0800 83 85 87" in text and "Scotland" in text


async def test_personal_contact_goes_to_the_vault_not_the_config(
    build: Build, config: Path, paths: StorePaths
) -> None:
    app = build()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_settings(pilot)
        assert screen.query_one("#no-contacts").display
        await activate(pilot, "#add-contact")
        await settle(pilot)
        assert app.focused is not None and app.focused.id == "contact-1-name"
        await type_text(pilot, "Union rep")
        await pilot.press("tab")
        await type_text(pilot, "07700 900123")
        await pilot.press("tab")
        await type_text(pilot, "weekdays")
        await activate(pilot, "#word-count")  # a preference too, so config.toml is written
        await pilot.pause()
        assert screen.query_one("#word-count", Switch).value is True
        assert "On" in str(screen.query_one("#word-count-state", Static).render())
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.keeper is not None
        stored = repos.list_contacts(app.keeper.session)
        assert [(c.name, c.how, c.note) for c in stored] == [
            ("Union rep", "07700 900123", "weekdays")
        ]
        for _ in range(40):  # saving contacts asks for a snapshot at the next tick
            if not app.keeper.session.dirty:
                break
            await pilot.pause(0.05)
        on_disk = open_store(paths, OLD_PASSPHRASE, writable=False)
        try:
            assert [c.name for c in repos.list_contacts(on_disk)] == ["Union rep"]
        finally:
            on_disk.close()
        raw = config.read_text(encoding="utf-8")
        assert read_config(config)["word_count"] is True
        assert "Union" not in raw and "07700" not in raw
        text = await help_now_text(pilot)
        assert "Union rep: 07700 900123" in text
        await pilot.press("ctrl+q")
        await settle(pilot)
    session = open_store(paths, OLD_PASSPHRASE, writable=False)
    try:
        assert [c.name for c in repos.list_contacts(session)] == ["Union rep"]
    finally:
        session.close()


async def test_contacts_can_be_removed_and_a_note_alone_is_refused(build: Build) -> None:
    app = build()
    assert app._initial is not None
    repos.replace_contacts(app._initial, [("Duty manager", "ext 4410", "")])
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_settings(pilot)
        assert screen.query_one("#contact-1-name", Input).value == "Duty manager"
        await activate(pilot, "#add-contact")
        await settle(pilot)
        await pilot.press("tab", "tab")
        await type_text(pilot, "only a note")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, SettingsScreen), "not saved, not closed"
        assert "needs a name or a way to reach" in texts(pilot)
        await activate(pilot, "#contact-2-remove")
        await activate(pilot, "#contact-1-remove")
        await settle(pilot)
        assert not screen.query("#contact-1")
        assert screen.query_one("#no-contacts").display
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.keeper is not None
        assert repos.list_contacts(app.keeper.session) == []
        text = await help_now_text(pilot)
        assert "None yet" in text


async def test_light_theme_applies_at_once_and_is_saved(build: Build, config: Path) -> None:
    app = build()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_settings(pilot)
        assert app.theme == "selfcare-dark"
        await choose(pilot, "#theme", "Light")
        assert app.theme == "selfcare-light", "applied before saving"
        await activate(pilot, "#save-settings")
        await settle(pilot)
        assert app.theme == "selfcare-light"
        assert read_config(config)["theme"] == "selfcare-light"
        assert app.settings.theme == "selfcare-light"


async def test_leaving_unsaved_asks_once_then_puts_the_theme_back(
    build: Build, config: Path
) -> None:
    app = build()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_settings(pilot)
        await choose(pilot, "#theme", "Light")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, SettingsScreen)
        assert UNSAVED in texts(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, SettingsScreen)
        assert app.theme == "selfcare-dark" and app.settings.theme == "selfcare-dark"
        await open_settings(pilot)
        await pilot.press("escape")  # nothing changed: one Escape goes back
        await settle(pilot)
        assert not isinstance(app.screen, SettingsScreen)
    assert not config.exists()


async def test_demo_never_writes_settings(build: Build, tmp_path: Path) -> None:
    app = build(settings_path=None)
    before = {p for p in tmp_path.rglob("*") if p.is_file()}
    async with app.run_test(size=(80, 24)) as pilot:
        await open_settings(pilot)
        assert DEMO_NOTE in texts(pilot)
        await choose(pilot, "#theme", "Light")
        await choose(pilot, "#nation", "Ire")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.settings.nation == "ireland" and app.theme == "selfcare-light"
        text = await help_now_text(pilot)
        assert "1800 247 247" in text
    after = {p for p in tmp_path.rglob("*") if p.is_file()}
    assert not [p for p in after - before if p.suffix in {".toml", ".tmp"}]
    assert not list(tmp_path.rglob("*.toml"))


async def test_change_passphrase_in_the_app(
    build: Build, paths: StorePaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = build()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_settings(pilot)
        await activate(pilot, "#change-passphrase-button")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ChangePassphraseDialog)
        assert app.keeper is not None
        header_before = dict(app.keeper.session.header)

        await type_text(pilot, "nope")
        await pilot.press("enter")
        await type_text(pilot, NEW_PASSPHRASE)
        await pilot.press("enter")
        await type_text(pilot, NEW_PASSPHRASE)
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is dialog, "a wrong current passphrase keeps the dialog open"
        assert dialogs.WRONG_CURRENT in texts(pilot)
        assert app.keeper.session.header == header_before, "nothing changed"
        assert app.focused is not None and app.focused.id == "current-passphrase"

        seen: list[str] = []
        real = dialogs.ChangePassphraseDialog._say

        def spy(self: ChangePassphraseDialog, text: str) -> None:
            seen.append(text)
            real(self, text)

        monkeypatch.setattr(dialogs.ChangePassphraseDialog, "_say", spy)
        await type_text(pilot, OLD_PASSPHRASE)
        await activate(pilot, "#change-passphrase-go")
        assert not isinstance(app.screen, ChangePassphraseDialog)
        assert any("this takes a second or two" in s for s in seen), "progress was shown"
        assert "Your new passphrase is set" in texts(pilot)
        assert app.keeper.session.header != header_before
        await pilot.press("ctrl+q")
        await settle(pilot)
    session = open_store(paths, NEW_PASSPHRASE, writable=False)
    session.close()
    with pytest.raises(WrongPassphrase):
        open_store(paths, OLD_PASSPHRASE, writable=False)


async def test_new_recovery_code_is_shown_once_and_opens_the_store(
    build: Build, paths: StorePaths, recovery: dict[str, str]
) -> None:
    app = build()
    old_code = recovery["code"]
    async with app.run_test(size=(100, 30)) as pilot:
        await open_settings(pilot)
        await activate(pilot, "#new-code-button")
        await settle(pilot)
        assert isinstance(pilot.app.screen, ConfirmDialog)
        await pilot.press("enter")  # Cancel has the focus: nothing happens
        await settle(pilot)
        assert isinstance(pilot.app.screen, SettingsScreen)
        await activate(pilot, "#new-code-button")
        await settle(pilot)
        await activate(pilot, "#confirm-yes")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, RecoveryCodeDialog)
        code = str(dialog.query_one("#new-recovery-code", Static).render()).strip()
        assert CODE_SHAPE.match(code), code
        await pilot.press("escape")  # the code is not skipped by accident
        await settle(pilot)
        assert app.screen is dialog
        await pilot.press("enter")  # "I have stored it"
        await settle(pilot)
        assert isinstance(app.screen, SettingsScreen)
        assert code not in texts(pilot)
        await pilot.press("ctrl+q")
        await settle(pilot)
    session = open_store(paths, recovery_code=code, writable=False)
    session.close()
    with pytest.raises(WrongRecoveryCode):
        open_store(paths, recovery_code=old_code, writable=False)
    open_store(paths, OLD_PASSPHRASE, writable=False).close()


async def test_erase_needs_the_word_then_removes_everything(
    build: Build, paths: StorePaths, config: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    save_settings(config, Settings(nation="wales"))
    make_store(paths, OLD_PASSPHRASE)[0].close()
    session = open_store(paths, OLD_PASSPHRASE, clock=FixedClock())
    session.save(force=True)  # the first save of a session keeps the backup generation
    app = build(settings=Settings(nation="wales"), session=session)
    paths.draft.write_bytes(b"sealed draft stand-in")
    (paths.data_dir / "selfcare.vault.tmp-left").write_bytes(b"x")
    files = [paths.vault, paths.backup, paths.draft, paths.lock, config]
    assert all(p.exists() for p in files)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_settings(pilot)
        await activate(pilot, "#erase-button")
        await settle(pilot)
        assert isinstance(app.screen, EraseDialog)
        await type_text(pilot, "delete")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, EraseDialog)
        assert "Nothing has been erased" in texts(pilot)
        assert all(p.exists() for p in files) and app.keeper is not None
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, SettingsScreen)
        assert "Nothing was erased" in texts(pilot)

        await activate(pilot, "#erase-button")
        await settle(pilot)
        await type_text(pilot, "erase")
        await pilot.press("enter")
        await settle(pilot)
    assert app.return_code == 0
    assert app.keeper is None
    assert not any(p.exists() for p in files)
    assert not paths.temp_files() and not paths.exists()
    assert not paths.data_dir.exists()
    assert "selfcare has erased its store and settings" in capsys.readouterr().err


async def test_every_binding_has_an_id_and_a_tooltip() -> None:
    screens = (
        SettingsScreen,
        ChangePassphraseDialog,
        ConfirmDialog,
        RecoveryCodeDialog,
        EraseDialog,
    )
    for screen in screens:
        for binding in screen.BINDINGS:
            assert isinstance(binding, Binding)
            assert binding.id and binding.tooltip, (screen.__name__, binding.key)
            assert binding.id == binding.id.lower() and "_" not in binding.id
