"""Unlock with the recovery code and set a new passphrase."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Footer, Input, Label, Static

from selfcare.screens.base import AppScreen
from selfcare.store.access import StoreLock, unlock
from selfcare.store.api import begin_open, finish_open
from selfcare.store.errors import SelfcareError
from selfcare.store.keyops import Rekey, apply_rekey, prepare_rekey
from selfcare.widgets.app_header import AppHeader
from selfcare.widgets.password_input import PasswordInput

if TYPE_CHECKING:
    from selfcare.store.access import Unlocked

INTRO = (
    "Type the recovery code you wrote down when you set selfcare up (any case, dashes "
    "optional), then choose a new passphrase. Your recovery code keeps working afterwards."
)


class RecoveryScreen(AppScreen[None]):
    """Recovery code plus a new passphrase, typed twice."""

    CSS_PATH = "gate.tcss"
    BINDINGS = [Binding("escape", "back", "Back", id="recovery-back", tooltip="Back to unlock")]

    def __init__(self) -> None:
        super().__init__(id="recovery")
        self._lock: StoreLock | None = None

    def compose(self) -> ComposeResult:
        yield AppHeader(locked=True)
        with VerticalScroll(classes="gate-panel"):
            yield Static(INTRO, classes="gate-intro")
            yield Label("Recovery code", classes="field-label")
            yield Input(id="recovery-code", placeholder="XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX")
            yield Label("New passphrase", classes="field-label")
            yield PasswordInput(id="recover-new")
            yield Label("Type it again", classes="field-label")
            yield PasswordInput(id="recover-again")
            with Horizontal(classes="gate-buttons"):
                yield Button("Set new passphrase", id="recover-button", variant="primary")
                yield Button("Back", id="recover-back")
            yield Static("", id="recovery-status", classes="gate-status")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#recovery-code").focus()

    def action_back(self) -> None:
        """Back to the unlock screen."""
        self.dismiss(None)

    @on(Button.Pressed, "#recover-back")
    def _back(self) -> None:
        self.dismiss(None)

    def _say(self, text: str) -> None:
        self.query_one("#recovery-status", Static).update(text)

    @on(Input.Submitted, "#recover-again")
    @on(Button.Pressed, "#recover-button")
    def _recover(self) -> None:
        code = self.query_one("#recovery-code", Input).value
        new = self.query_one("#recover-new", Input).value
        if not code or not new:
            self._say("Type the recovery code and a new passphrase.")
            return
        if new != self.query_one("#recover-again", Input).value:
            self._say("The two new passphrases are not the same yet.")
            return
        try:
            self._lock = begin_open(self.selfcare.paths)
        except SelfcareError as err:
            self._say(str(err))
            return
        self._say("checking the code and setting your new passphrase…")
        self.query_one("#recover-button", Button).disabled = True
        self._derive(code, new)

    @work(thread=True, exclusive=True, group="recovery")
    def _derive(self, code: str, new: str) -> None:
        app = self.selfcare
        try:
            unlocked = unlock(app.paths, recovery_code=code)
            rekeyed = prepare_rekey(
                unlocked.header,
                unlocked.dek,
                new_passphrase=new,
                params=app.kdf_params,
                allow_weak=app.allow_weak,
            )
            result: tuple[Unlocked, Rekey] | SelfcareError = (unlocked, rekeyed)
        except SelfcareError as err:
            result = err
        app.call_from_thread(self._finish, result)

    def _finish(self, result: tuple[Unlocked, Rekey] | SelfcareError) -> None:
        self.query_one("#recover-button", Button).disabled = False
        lock, self._lock = self._lock, None
        if isinstance(result, SelfcareError):
            if lock is not None:
                lock.release()
            self._say(str(result))
            return
        unlocked, rekeyed = result
        try:
            session = finish_open(self.selfcare.paths, unlocked, lock, clock=self.selfcare.clock)
        except SelfcareError as err:
            if lock is not None:
                lock.release()
            self._say(str(err))
            return
        try:
            apply_rekey(session, rekeyed)
        except SelfcareError as err:
            session.close()
            self._say(str(err))
            return
        for field in self.query(Input):
            field.value = ""
        self.dismiss(None)
        self.selfcare.unlocked(session)
