"""Dialogs and key actions for Settings: change the passphrase, new code, erase."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Input, Label, Static

from selfcare.domain.strength import strength
from selfcare.screens.base import AppModal
from selfcare.store import keys
from selfcare.store.erase import erase_all
from selfcare.store.errors import SelfcareError, UsageError
from selfcare.store.keyops import Rekey, apply_rekey, passphrase_opens, prepare_rekey, rekey
from selfcare.store.session import Session
from selfcare.widgets.password_input import PasswordInput

if TYPE_CHECKING:
    from selfcare.app import SelfCareApp

ERASE_WORD = "erase"
SAVE_GROUPS = ("draft", "save")
"""Autosave's worker groups: let them finish before the store's files are erased."""
ERASED = (
    "selfcare has erased its store and settings from this computer. Copies made with "
    "'selfcare backup' and exported files were not touched."
)

PASSPHRASE_INTRO = (
    "Type your current passphrase, then the new one twice. Your recovery code keeps "
    "working. Copies made earlier with 'selfcare backup' keep the old passphrase."
)
WRONG_CURRENT = (
    "That is not your current passphrase, so nothing has changed. Take your time and try again."
)
ERASE_INTRO = (
    "This deletes your store, its backup generation, any unsaved draft and your settings "
    "from this computer, and then closes selfcare. It cannot be undone. Copies you made "
    "with 'selfcare backup' and exported files are not touched.\n\n"
    f"To go ahead, type the word {ERASE_WORD} below."
)


def _panel(title: str) -> VerticalScroll:
    """The dialog's box, titled on its border (so the title stays in view)."""
    panel = VerticalScroll(classes="dialog-panel", can_focus=False)
    panel.border_title = title
    return panel


def _show(line: Static, text: str) -> None:
    """Put a sentence in a status line; an empty line takes no room."""
    line.update(text)
    line.display = bool(text)


def _close_binding(dialog: str) -> Binding:
    return Binding(
        "escape", "cancel", "Cancel", id=f"{dialog}-cancel", tooltip="Close, change nothing"
    )


class ChangePassphraseDialog(AppModal[bool]):
    """Current, new, new again; derives in a worker; True once the new keys are on disk."""

    CSS_PATH = "dialogs.tcss"
    BINDINGS = [_close_binding("change-passphrase")]

    def __init__(self, session: Session) -> None:
        super().__init__(id="change-passphrase")
        self.session = session
        self._weak_confirmed = False
        self._busy = False

    def compose(self) -> ComposeResult:
        with _panel("Change passphrase"):
            yield Static(PASSPHRASE_INTRO, classes="dialog-intro")
            yield Label("Current passphrase", classes="field-label")
            yield PasswordInput(id="current-passphrase")
            yield Label("New passphrase", classes="field-label")
            yield PasswordInput(id="changed-passphrase")
            yield Static("", id="changed-strength", classes="dialog-hint")
            yield Label("New passphrase again", classes="field-label")
            yield PasswordInput(id="changed-passphrase-again")
            yield Static("", id="change-passphrase-status", classes="dialog-status")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Change passphrase", id="change-passphrase-go", variant="primary")
                yield Button("Cancel", id="change-passphrase-cancel-button")

    def on_mount(self) -> None:
        self.query_one("#current-passphrase").focus()

    def _say(self, text: str) -> None:
        _show(self.query_one("#change-passphrase-status", Static), text)

    def action_cancel(self) -> None:
        """Close without changing anything (a derivation under way is then not applied)."""
        self._clear()
        self.dismiss(False)

    @on(Button.Pressed, "#change-passphrase-cancel-button")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

    @on(Input.Changed, "#changed-passphrase")
    def _rate(self, event: Input.Changed) -> None:
        self._weak_confirmed = False
        rated = strength(event.value)
        text = (
            f"Strength: {rated.label} ({rated.score} of 4). {rated.advice}" if event.value else ""
        )
        _show(self.query_one("#changed-strength", Static), text)

    @on(Input.Submitted, "#current-passphrase")
    def _to_new(self) -> None:
        self.query_one("#changed-passphrase").focus()

    @on(Input.Submitted, "#changed-passphrase")
    def _to_again(self) -> None:
        self.query_one("#changed-passphrase-again").focus()

    @on(Input.Submitted, "#changed-passphrase-again")
    @on(Button.Pressed, "#change-passphrase-go")
    def _go(self) -> None:
        if self._busy:
            return
        current = self.query_one("#current-passphrase", Input).value
        new = self.query_one("#changed-passphrase", Input).value
        again = self.query_one("#changed-passphrase-again", Input).value
        if not current or not new:
            self._say("Type your current passphrase and a new one.")
            return
        if new != again:
            self._say("The two new passphrases are not the same yet. Try typing the second again.")
            self.query_one("#changed-passphrase-again", Input).value = ""
            self.query_one("#changed-passphrase-again").focus()
            return
        if strength(new).weak and not self._weak_confirmed:
            self._weak_confirmed = True
            self._say(
                "This passphrase would be easy to guess. You can still use it: press "
                "Change passphrase again. Or add another word or two."
            )
            return
        self._set_busy(True)
        self._say("Checking your passphrase and setting the new one… this takes a second or two.")
        self._derive(current, new)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        for field in self.query(Input):
            field.disabled = busy
        self.query_one("#change-passphrase-go", Button).disabled = busy

    @work(thread=True, exclusive=True, group="change-passphrase")
    def _derive(self, current: str, new: str) -> None:
        app = self.selfcare
        header = self.session.header
        result: Rekey | str
        if not passphrase_opens(header, current):
            result = WRONG_CURRENT
        else:
            try:
                result = prepare_rekey(
                    header,
                    self.session.dek,
                    new_passphrase=new,
                    params=app.kdf_params,
                    allow_weak=app.allow_weak,
                )
            except SelfcareError as err:
                result = str(err)
        app.call_from_thread(self._derived, result)

    def _derived(self, result: Rekey | str) -> None:
        keeper = self.selfcare.keeper
        if not self.is_attached or keeper is None or keeper.session is not self.session:
            if isinstance(result, Rekey):
                keys.wipe(result.dek)
            return  # cancelled, locked or closed meanwhile: apply nothing
        self._set_busy(False)
        if isinstance(result, str):
            self._say(result)
            if result == WRONG_CURRENT:
                field = self.query_one("#current-passphrase", Input)
                field.value = ""
                field.focus()
            return
        try:
            apply_rekey(self.session, result)
        except SelfcareError as err:
            keys.wipe(result.dek)
            self._say(f"{err} Your passphrase has not changed.")
            return
        self._clear()
        self.dismiss(True)

    def _clear(self) -> None:
        for field in self.query(PasswordInput):
            field.value = ""


class ConfirmDialog(AppModal[bool]):
    """A question with a yes and a no; True for yes."""

    CSS_PATH = "dialogs.tcss"
    BINDINGS = [_close_binding("confirm")]

    def __init__(self, title: str, body: str, yes: str, *, id: str) -> None:
        super().__init__(id=id)
        self.title_text = title
        self.body = body
        self.yes = yes

    def compose(self) -> ComposeResult:
        with _panel(self.title_text):
            yield Static(self.body, classes="dialog-intro")
            with Horizontal(classes="dialog-buttons"):
                yield Button(self.yes, id="confirm-yes", variant="primary")
                yield Button("Cancel", id="confirm-no")

    def on_mount(self) -> None:
        self.query_one("#confirm-no").focus()

    def action_cancel(self) -> None:
        """No."""
        self.dismiss(False)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Yes or no."""
        event.stop()
        self.dismiss(event.button.id == "confirm-yes")


class RecoveryCodeDialog(AppModal[None]):
    """A new recovery code, shown this once; only "I have stored it" closes it."""

    CSS_PATH = "dialogs.tcss"
    BINDINGS = [
        Binding(
            "escape",
            "noop",
            "",
            show=False,
            id="recovery-code-stay",
            tooltip="The code is shown once: press I have stored it when it is safe",
        )
    ]

    def __init__(self, code: str) -> None:
        super().__init__(id="recovery-code-dialog")
        self.code = code

    def compose(self) -> ComposeResult:
        with _panel("Your new recovery code"):
            yield Static(
                "It is shown only this once, and your old code no longer works. Write it "
                "down and keep it somewhere safe, away from this computer. Copies made "
                "earlier with 'selfcare backup' still open with the old code.",
                classes="dialog-intro",
            )
            yield Static(self.code, id="new-recovery-code")
            with Horizontal(classes="dialog-buttons"):
                yield Button("I have stored it", id="code-stored", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#code-stored").focus()

    def action_noop(self) -> None:
        """Escape does not skip the code."""

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Close; the code is gone from the screen."""
        event.stop()
        self.query_one("#new-recovery-code", Static).update("")
        self.code = ""
        self.dismiss(None)


class EraseDialog(AppModal[bool]):
    """Type the word ``erase`` to confirm; True only then."""

    CSS_PATH = "dialogs.tcss"
    BINDINGS = [_close_binding("erase")]

    def compose(self) -> ComposeResult:
        with _panel("Erase all data"):
            yield Static(ERASE_INTRO, classes="dialog-intro")
            yield Label(f"Type {ERASE_WORD} to confirm", classes="field-label")
            yield Input(id="erase-word", max_length=20)
            yield Static("", id="erase-status", classes="dialog-status")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Erase everything", id="erase-go", variant="error")
                yield Button("Cancel", id="erase-cancel-button", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#erase-word").focus()

    def action_cancel(self) -> None:
        """Keep everything."""
        self.dismiss(False)

    @on(Button.Pressed, "#erase-cancel-button")
    def _cancel_pressed(self) -> None:
        self.dismiss(False)

    @on(Input.Submitted, "#erase-word")
    @on(Button.Pressed, "#erase-go")
    def _go(self) -> None:
        word = self.query_one("#erase-word", Input).value
        if word.strip().lower() == ERASE_WORD:
            self.dismiss(True)
            return
        _show(
            self.query_one("#erase-status", Static),
            f"Nothing has been erased. To erase everything, type the word {ERASE_WORD}; "
            "to keep it all, press Cancel or Esc.",
        )


def issue_new_code(app: SelfCareApp) -> str:
    """Seal the data key to a new recovery recipient and write it (app thread; fast).

    Raises:
        SelfcareError: nothing was changed (the store is locked, or the disk refused).
    """
    if app.keeper is None:
        raise UsageError("selfcare is locked.")
    return rekey(app.keeper.session, new_passphrase=None, new_code=True) or ""


async def erase_and_exit(app: SelfCareApp) -> None:
    """Close the session without saving, erase the store and settings, then exit."""
    keepers = [k for k in (app.keeper, app.held) if k is not None]
    app.keeper = app.held = None  # no more saves start from here
    busy = [w for w in app.workers if w.group in SAVE_GROUPS]
    if busy:
        await app.workers.wait_for_complete(busy)
    for keeper in keepers:
        keeper.session.close()
    config = Path(str(app.settings_path)) if app.settings_path is not None else None
    try:
        erased = erase_all(app.paths, config)
    except SelfcareError as err:
        app.exit(message=f"{err} Nothing was erased.", return_code=1)
        return
    if erased.complete:
        app.exit(message=ERASED)
        return
    left = ", ".join(str(p) for p in erased.left)
    app.exit(message=f"selfcare erased what it could, but could not remove: {left}.", return_code=1)
