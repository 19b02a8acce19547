"""Unlock: the passphrase, a calm retry, the recovery code, and a damaged store explained."""

from __future__ import annotations

from datetime import datetime

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Footer, Input, Label, Static

from selfcare.screens.base import AppScreen
from selfcare.screens.recovery import RecoveryScreen
from selfcare.store.access import StoreLock, Unlocked, unlock
from selfcare.store.api import begin_open, finish_open
from selfcare.store.errors import Damaged, NoStore, SelfcareError, WrongPassphrase
from selfcare.store.keyops import passphrase_opens
from selfcare.widgets.app_header import AppHeader
from selfcare.widgets.password_input import PasswordInput

LOCKED = "selfcare is locked. Your writing is sealed on this computer."
WRONG = "That passphrase didn't open it. Nothing has changed; take your time and try again."


class UnlockScreen(AppScreen[None]):
    """Type the passphrase; key derivation runs in a worker."""

    CSS_PATH = "gate.tcss"

    def __init__(self) -> None:
        super().__init__(id="unlock")
        self._lock: StoreLock | None = None

    def compose(self) -> ComposeResult:
        yield AppHeader(locked=True)
        with VerticalScroll(classes="gate-panel"):
            yield Static(LOCKED, classes="gate-intro")
            yield Label("Passphrase", classes="field-label")
            yield PasswordInput(id="passphrase")
            with Horizontal(classes="gate-buttons"):
                yield Button("Unlock", id="unlock-button", variant="primary")
                yield Button("Use recovery code", id="use-recovery")
            yield Static("", id="unlock-status", classes="gate-status")
            yield Button("Open the backup generation", id="open-backup")
        yield Footer()

    def on_mount(self) -> None:
        self.reset()

    def reset(self) -> None:
        """Back to an empty field and no message (after a lock)."""
        self.query_one("#passphrase", Input).value = ""
        self.query_one("#unlock-status", Static).update("")
        self.query_one("#open-backup").display = False
        self._busy(False)
        self.query_one("#passphrase").focus()

    def _busy(self, busy: bool) -> None:
        for selector in ("#passphrase", "#unlock-button", "#use-recovery", "#open-backup"):
            self.query_one(selector).disabled = busy

    def _say(self, text: str) -> None:
        self.query_one("#unlock-status", Static).update(text)

    @on(Input.Submitted, "#passphrase")
    @on(Button.Pressed, "#unlock-button")
    def _unlock(self) -> None:
        self._start(use_backup=False)

    @on(Button.Pressed, "#open-backup")
    def _open_backup(self) -> None:
        self._start(use_backup=True)

    @on(Button.Pressed, "#use-recovery")
    def _recovery(self) -> None:
        self.app.push_screen(RecoveryScreen())

    def _start(self, *, use_backup: bool) -> None:
        passphrase = self.query_one("#passphrase", Input).value
        if not passphrase:
            self._say("Type your passphrase, then press Enter.")
            return
        held = self.selfcare.held
        if held is not None:
            self._say("unlocking…")
            self._busy(True)
            self._verify_held(held.session.header, passphrase)
            return
        try:
            self._lock = begin_open(self.selfcare.paths)
        except NoStore:
            self.selfcare.show_first_run()
            return
        except SelfcareError as err:
            self._say(str(err))
            return
        self._say("unlocking…")
        self._busy(True)
        self._derive(passphrase, use_backup)

    @work(thread=True, exclusive=True, group="unlock")
    def _derive(self, passphrase: str, use_backup: bool) -> None:
        try:
            result: Unlocked | SelfcareError = unlock(
                self.selfcare.paths, passphrase, use_backup=use_backup
            )
        except SelfcareError as err:
            result = err
        self.app.call_from_thread(self._finish, result, use_backup)

    @work(thread=True, exclusive=True, group="unlock")
    def _verify_held(self, header: dict[str, object], passphrase: str) -> None:
        ok = passphrase_opens(header, passphrase)
        self.app.call_from_thread(self._finish_held, ok)

    def _finish_held(self, ok: bool) -> None:
        self._busy(False)
        if not ok:
            self._say(WRONG)
            self.query_one("#passphrase", Input).value = ""
            return
        self.query_one("#passphrase", Input).value = ""
        self.selfcare.unlocked_held()

    def _finish(self, result: Unlocked | SelfcareError, use_backup: bool) -> None:
        self._busy(False)
        lock, self._lock = self._lock, None
        if isinstance(result, SelfcareError):
            if lock is not None:
                lock.release()
            self._explain(result, use_backup)
            return
        field = self.query_one("#passphrase", Input)
        field.value = ""
        try:
            session = finish_open(self.selfcare.paths, result, lock, clock=self.selfcare.clock)
        except SelfcareError as err:
            if lock is not None:
                lock.release()
            self._explain(err, use_backup)
            return
        self.selfcare.unlocked(session)

    def _explain(self, err: SelfcareError, use_backup: bool) -> None:
        field = self.query_one("#passphrase", Input)
        if isinstance(err, WrongPassphrase):
            self._say(WRONG)
            field.value = ""
            field.focus()
            return
        if isinstance(err, Damaged) and not use_backup and self.selfcare.paths.backup.exists():
            saved = datetime.fromtimestamp(self.selfcare.paths.backup.stat().st_mtime)
            self._say(
                f"{err} Your backup generation, saved {saved:%d %B %Y at %H:%M}, may open: "
                "it holds what you had at the end of your previous session. Nothing is "
                "opened or changed until you choose."
            )
            self.query_one("#open-backup").display = True
            return
        self._say(str(err))
