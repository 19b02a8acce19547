"""Settings: theme, timers, Help now nation, word count, personal contacts, keys, erase."""

from __future__ import annotations

from dataclasses import replace
from typing import cast

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import Button, Footer, Input, Select, Static, Switch

from selfcare.domain.contacts import Nation
from selfcare.screens.base import AppScreen
from selfcare.screens.dialogs import (
    ChangePassphraseDialog,
    ConfirmDialog,
    EraseDialog,
    RecoveryCodeDialog,
    erase_and_exit,
    issue_new_code,
)
from selfcare.screens.keys import help_now_first
from selfcare.store import repos
from selfcare.store.errors import SelfcareError
from selfcare.store.settings import WRITING_MINUTES, Settings, save_settings
from selfcare.widgets.app_header import AppHeader
from selfcare.widgets.contact_row import ContactRow, Row

THEME_CHOICES = (("Dark", "selfcare-dark"), ("Light", "selfcare-light"))
IDLE_CHOICES = (2, 5, 10, 15, 30, 60, 0)

DEMO_NOTE = "This is the demo: changes last until you quit and are never written to disk."
CONTACTS_INTRO = (
    "People or places you would turn to, shown in Help now (F1) under your own contacts. "
    "They are kept encrypted in your store, never in the settings file."
)
UNSAVED = "Some changes are not saved yet. Ctrl+S saves them; Esc again leaves without saving."
PASSPHRASE_CHANGED = (
    "Your new passphrase is set and your recovery code still works. Copies made earlier "
    "with 'selfcare backup' keep the old passphrase."
)
NEW_CODE_BODY = (
    "This makes a new recovery code and shows it to you once. Your current code stops "
    "working for this store. Have pen and paper ready."
)


def _minutes(n: int) -> str:
    return "Never" if n == 0 else f"{n} minute" + ("" if n == 1 else "s")


def _choices(values: tuple[int, ...], current: int) -> list[tuple[str, int]]:
    """Minute choices, keeping an unusual value from config.toml selectable."""
    shown = values if current in values else tuple(sorted((*values, current)))
    return [(_minutes(n), n) for n in shown]


def _setting(title: str, hint: str, control: Widget) -> Horizontal:
    """One line of the form: what it is and what it does, then the control."""
    label = Vertical(
        Static(title, classes="setting-title"),
        Static(hint, classes="setting-hint"),
        classes="setting-label",
    )
    return Horizontal(label, control, classes="setting-row")


class SettingsScreen(AppScreen[None]):
    """Theme, timers, nation, personal contacts, keys."""

    CSS_PATH = "settings.tcss"
    PALETTE_AREA = "Settings"
    BINDINGS = [
        help_now_first("settings"),
        Binding(
            "escape",
            "back",
            "Back",
            id="settings-back",
            tooltip="Leave Settings (asks first when something is not saved)",
        ),
        Binding(
            "ctrl+s",
            "save_close",
            "Save",
            id="settings-save",
            tooltip="Save settings and contacts, then go back",
        ),
        Binding(
            "ctrl+n",
            "add_contact",
            "Add contact",
            id="settings-add-contact",
            tooltip="Add a row for one of your own Help now contacts",
        ),
    ]

    def __init__(self) -> None:
        super().__init__(id="settings")
        self._loaded: list[Row] = []
        self._next_row = 0
        self._leave_armed = False

    # --- the form --------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        app = self.selfcare
        s = app.settings
        keeper = app.keeper
        contacts = repos.list_contacts(keeper.session) if keeper is not None else []
        self._loaded = [(c.name, c.how, c.note) for c in contacts]
        yield AppHeader()
        with VerticalScroll(id="settings-panel", can_focus=False):
            yield Static("Settings", id="settings-title")
            if app.settings_path is None:
                yield Static(DEMO_NOTE, classes="settings-note", id="settings-demo")
            yield Static("How selfcare looks and behaves", classes="section-title")
            yield _setting(
                "Theme",
                "Colours for every screen; changes as you choose.",
                Select(THEME_CHOICES, value=s.theme, allow_blank=False, id="theme"),
            )
            yield _setting(
                "Lock when idle",
                "Lock after this long without a key press or click.",
                Select(
                    _choices(IDLE_CHOICES, s.idle_lock_minutes),
                    value=s.idle_lock_minutes,
                    allow_blank=False,
                    id="idle-lock",
                ),
            )
            yield _setting(
                "Writing time",
                "How long the journal timer runs unless you choose otherwise.",
                Select(
                    _choices(WRITING_MINUTES, s.writing_minutes),
                    value=s.writing_minutes,
                    allow_blank=False,
                    id="writing-minutes",
                ),
            )
            yield _setting(
                "Help now numbers",
                "Which country's crisis numbers Help now shows.",
                Select(
                    [(n.label, n.value) for n in Nation],
                    value=s.nation,
                    allow_blank=False,
                    id="nation",
                ),
            )
            yield _setting(
                "Word count while writing",
                "Show how many words so far, nothing more.",
                Horizontal(
                    Switch(value=s.word_count, id="word-count"),
                    Static(self._on_off(s.word_count), id="word-count-state"),
                    classes="switch-box",
                ),
            )
            yield Static("Your own Help now contacts", classes="section-title")
            yield Static(CONTACTS_INTRO, classes="settings-note")
            with Horizontal(id="contact-heads"):
                yield Static("Name", classes="contact-name")
                yield Static("How to reach", classes="contact-how")
                yield Static("Note", classes="contact-note")
            yield Static("No contacts yet.", id="no-contacts", classes="settings-note")
            with Vertical(id="contact-rows"):
                for row in self._loaded:
                    yield self._new_row(row)
            yield Button("Add a contact (Ctrl+N)", id="add-contact")
            with Horizontal(classes="settings-buttons"):
                yield Button("Save and go back (Ctrl+S)", id="save-settings", variant="primary")
                yield Button("Back (Esc)", id="leave-settings")
            yield Static("Keys and your data", classes="section-title")
            yield _setting(
                "Passphrase",
                "Choose a new passphrase; your recovery code keeps working.",
                Button("Change passphrase", id="change-passphrase-button"),
            )
            yield _setting(
                "Recovery code",
                "Make a new code, shown once; the old one stops working.",
                Button("New recovery code", id="new-code-button"),
            )
            yield _setting(
                "Erase all data",
                "Delete the store, its backup and your settings; asks you first.",
                Button("Erase all data…", id="erase-button", variant="error"),
            )
        yield Static("", id="settings-status")
        yield Footer()

    def on_mount(self) -> None:
        self._rows_changed()
        self.query_one("#theme").focus()

    def on_unmount(self) -> None:
        """A theme tried but not saved goes back to the saved one."""
        app = self.selfcare
        if app.theme != app.settings.theme:
            app.theme = app.settings.theme

    @staticmethod
    def _on_off(value: bool) -> str:
        return "On" if value else "Off"

    def _say(self, text: str) -> None:
        status = self.query_one("#settings-status", Static)
        status.update(text)
        status.display = bool(text)

    def _new_row(self, row: Row = ("", "", "")) -> ContactRow:
        self._next_row += 1
        return ContactRow(self._next_row, row)

    def _rows_changed(self) -> None:
        self.query_one("#no-contacts").display = not self.query(ContactRow)
        self.query_one("#contact-heads").display = bool(self.query(ContactRow))

    def _select(self, selector: str, default: int | str) -> int | str:
        value = self.query_one(selector, Select).value
        return default if value is Select.NULL else cast("int | str", value)

    def form_settings(self) -> Settings:
        """The settings as the form shows them now."""
        s = self.selfcare.settings
        return replace(
            s,
            theme=str(self._select("#theme", s.theme)),
            idle_lock_minutes=int(self._select("#idle-lock", s.idle_lock_minutes)),
            writing_minutes=int(self._select("#writing-minutes", s.writing_minutes)),
            nation=str(self._select("#nation", s.nation)),
            word_count=self.query_one("#word-count", Switch).value,
        )

    def contact_rows(self) -> list[Row]:
        """The contacts as typed, blank rows left out."""
        return [row for row in (r.values() for r in self.query(ContactRow)) if any(row)]

    def _dirty(self) -> bool:
        return self.form_settings() != self.selfcare.settings or self.contact_rows() != self._loaded

    @on(Select.Changed)
    @on(Switch.Changed)
    @on(Input.Changed)
    def _changed(self, event: Select.Changed | Switch.Changed | Input.Changed) -> None:
        self._leave_armed = False
        if isinstance(event, Select.Changed) and event.select.id == "theme":
            if isinstance(event.value, str) and event.value != self.app.theme:
                self.app.theme = event.value
        if isinstance(event, Switch.Changed):
            self.query_one("#word-count-state", Static).update(self._on_off(event.value))

    # --- actions ---------------------------------------------------------------------

    async def action_add_contact(self) -> None:
        """Add an empty contact row and put the cursor in it."""
        row = self._new_row()
        await self.query_one("#contact-rows").mount(row)
        self._rows_changed()
        name = row.query_one(f"#contact-{row.number}-name", Input)
        name.focus(scroll_visible=False)
        self.call_after_refresh(row.scroll_visible)

    @on(Button.Pressed, "#add-contact")
    async def _add_pressed(self) -> None:
        await self.action_add_contact()

    @on(Button.Pressed, ".contact-remove")
    async def _remove_pressed(self, event: Button.Pressed) -> None:
        row = event.button.parent
        if isinstance(row, ContactRow):
            await row.remove()
            self._leave_armed = False
            self._rows_changed()
            self.query_one("#add-contact").focus()

    def action_back(self) -> None:
        """Go back; with unsaved changes, say so first and go on the second Escape."""
        if self._dirty() and not self._leave_armed:
            self._leave_armed = True
            self._say(UNSAVED)
            return
        self.dismiss(None)

    @on(Button.Pressed, "#leave-settings")
    def _leave_pressed(self) -> None:
        self.action_back()

    @on(Button.Pressed, "#save-settings")
    def action_save_close(self) -> None:
        """Save settings (config.toml) and contacts (the vault), then go back."""
        if self.save():
            self.dismiss(None)
            self.app.notify("Settings saved.", timeout=3)

    def save(self) -> bool:
        """Save; returns whether everything was saved (else the status line says why)."""
        app = self.selfcare
        keeper = app.keeper
        if keeper is None:
            return False
        rows = self.contact_rows()
        if any(not name and not how for name, how, _note in rows):
            self._say("Each contact needs a name or a way to reach them; add one, or remove it.")
            return False
        if rows != self._loaded:
            repos.replace_contacts(keeper.session, rows)
            keeper.request_snapshot()
            self._loaded = rows
        new = self.form_settings()
        changed = new != app.settings
        app.settings = new
        if changed and app.settings_path is not None:
            try:
                save_settings(app.settings_path, new)
            except OSError:
                self._say(
                    "Your settings apply now, but the settings file could not be written, "
                    "so they last only until you quit."
                )
                return False
        return True

    # --- keys and erase ----------------------------------------------------------------

    @on(Button.Pressed, "#change-passphrase-button")
    def _change_passphrase(self) -> None:
        keeper = self.selfcare.keeper
        if keeper is not None:
            self.app.push_screen(ChangePassphraseDialog(keeper.session), self._passphrase_done)

    def _passphrase_done(self, changed: bool | None) -> None:
        self._say(PASSPHRASE_CHANGED if changed else "")

    @on(Button.Pressed, "#new-code-button")
    def _new_code(self) -> None:
        dialog = ConfirmDialog("New recovery code", NEW_CODE_BODY, "Make a new code", id="new-code")
        self.app.push_screen(dialog, self._new_code_confirmed)

    def _new_code_confirmed(self, yes: bool | None) -> None:
        if not yes:
            return
        try:
            code = issue_new_code(self.selfcare)
        except SelfcareError as err:
            self._say(f"{err} Your recovery code has not changed.")
            return
        self._say("")
        self.app.push_screen(RecoveryCodeDialog(code))

    @on(Button.Pressed, "#erase-button")
    def _erase(self) -> None:
        self.app.push_screen(EraseDialog(id="erase"), self._erase_confirmed)

    async def _erase_confirmed(self, yes: bool | None) -> None:
        if not yes:
            self._say("Nothing was erased.")
            return
        await erase_and_exit(self.selfcare)
