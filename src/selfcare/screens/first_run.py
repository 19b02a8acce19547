"""First run: choose a passphrase (typed twice), then see the recovery code once."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Button, Footer, Input, Label, Static

from selfcare.domain.strength import strength
from selfcare.screens.base import AppScreen
from selfcare.screens.code_shown import CodeShownScreen
from selfcare.store.api import NewKeys, create_with_keys, prepare_keys
from selfcare.store.errors import SelfcareError
from selfcare.widgets.app_header import AppHeader
from selfcare.widgets.password_input import PasswordInput

WELCOME = (
    "Welcome. selfcare keeps what you write in one encrypted file on this computer. "
    "Nothing is sent anywhere. Choose a passphrase: a few unrelated words work well."
)


class FirstRunScreen(AppScreen[None]):
    """Create the store."""

    CSS_PATH = "gate.tcss"

    def __init__(self) -> None:
        super().__init__(id="first-run")
        self._weak_confirmed = False

    def compose(self) -> ComposeResult:
        yield AppHeader(locked=True)
        with VerticalScroll(classes="gate-panel"):
            yield Static(WELCOME, classes="gate-intro")
            yield Label("Passphrase", classes="field-label")
            yield PasswordInput(id="new-passphrase")
            yield Static("", id="strength")
            yield Label("Type it again", classes="field-label")
            yield PasswordInput(id="new-passphrase-again")
            yield Button("Create my store", id="create", variant="primary")
            yield Static("", id="first-run-status", classes="gate-status")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#new-passphrase").focus()

    @on(Input.Changed, "#new-passphrase")
    def _rate(self, event: Input.Changed) -> None:
        self._weak_confirmed = False
        rated = strength(event.value)
        text = (
            f"Strength: {rated.label} ({rated.score} of 4). {rated.advice}" if event.value else ""
        )
        self.query_one("#strength", Static).update(text)

    @on(Input.Submitted, "#new-passphrase")
    def _next_field(self) -> None:
        self.query_one("#new-passphrase-again").focus()

    @on(Input.Submitted, "#new-passphrase-again")
    @on(Button.Pressed, "#create")
    def _create(self) -> None:
        first = self.query_one("#new-passphrase", Input).value
        second = self.query_one("#new-passphrase-again", Input).value
        status = self.query_one("#first-run-status", Static)
        self.call_after_refresh(status.scroll_visible)
        if not first:
            status.update("Choose a passphrase first.")
            return
        if first != second:
            status.update("The two passphrases are not the same yet. Try typing the second again.")
            self.query_one("#new-passphrase-again", Input).value = ""
            self.query_one("#new-passphrase-again").focus()
            return
        if strength(first).weak and not self._weak_confirmed:
            self._weak_confirmed = True
            status.update(
                "This passphrase would be easy to guess. You can still use it: "
                "press Create again. Or add another word or two."
            )
            return
        status.update("Setting up your key… this takes a second or two.")
        self.query_one("#create", Button).disabled = True
        self._prepare(first)

    @work(thread=True, exclusive=True, group="first-run")
    def _prepare(self, passphrase: str) -> None:
        app = self.selfcare
        try:
            result: NewKeys | SelfcareError = prepare_keys(
                passphrase, params=app.kdf_params, allow_weak=app.allow_weak
            )
        except SelfcareError as err:
            result = err
        app.call_from_thread(self._created, result)

    def _created(self, result: NewKeys | SelfcareError) -> None:
        status = self.query_one("#first-run-status", Static)
        self.query_one("#create", Button).disabled = False
        if isinstance(result, SelfcareError):
            status.update(str(result))
            return
        try:
            session = create_with_keys(self.selfcare.paths, result, clock=self.selfcare.clock)
        except SelfcareError as err:
            status.update(str(err))
            return
        for field in self.query(PasswordInput):
            field.value = ""
        self.app.push_screen(
            CodeShownScreen(result.code), lambda _: self.selfcare.unlocked(session)
        )
