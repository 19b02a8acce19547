"""SelfCareApp: modes, global keys, the palette, lock and unlock. No screen code here."""

from __future__ import annotations

import asyncio
import os
import signal
import threading
from collections.abc import Iterable
from functools import partial
from pathlib import Path

from rich.segment import Segments
from rich.text import Text
from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from selfcare.crash import crash_sentence
from selfcare.domain.clock import Clock, system_clock
from selfcare.domain.contacts import Nation
from selfcare.keeper import SessionKeeper
from selfcare.saving import Autosave
from selfcare.screens.area import AreaScreen
from selfcare.screens.first_run import FirstRunScreen
from selfcare.screens.help_now import HelpNowScreen
from selfcare.screens.journal import JournalScreen
from selfcare.screens.keys import screen_commands
from selfcare.screens.settings import SettingsScreen
from selfcare.screens.unlock import UnlockScreen
from selfcare.store import keys, repos
from selfcare.store.paths import StorePaths
from selfcare.store.session import Session
from selfcare.store.settings import Settings
from selfcare.themes import THEMES
from selfcare.widgets.app_header import AREAS

GATE = "gate"
SHUTDOWN_GRACE = 3.0
"""Seconds a signalled shutdown may take before the process ends itself (already saved)."""
LOCKED_ACTIONS = frozenset({"area", "lock", "settings", "new", "save_close"})


class SelfCareApp(App[None], inherit_bindings=False):
    """The app. Everything stateful is injected: store paths, settings, clock."""

    TITLE = "selfcare"
    CSS_PATH = "app.tcss"
    BINDINGS = [
        Binding(
            "f1",
            "help_now",
            "Help now",
            priority=True,
            id="help-now",
            tooltip="Crisis and support contacts",
        ),
        Binding("ctrl+g", "help_now", "Help now", show=False, priority=True, id="help-now-g"),
        Binding(
            "f2", "area('journal')", "Journal", show=False, id="area-journal", tooltip="Journal"
        ),
        Binding(
            "f3", "area('plan')", "Plan", show=False, id="area-plan", tooltip="Wellness Action Plan"
        ),
        Binding(
            "f4",
            "area('thinking')",
            "Thinking",
            show=False,
            id="area-thinking",
            tooltip="Thinking-error tagger",
        ),
        Binding(
            "f5", "area('audit')", "Audit", show=False, id="area-audit", tooltip="Monthly audit"
        ),
        Binding("f6", "settings", "Settings", id="settings", tooltip="Settings"),
        Binding(
            "ctrl+l",
            "lock",
            "Lock",
            priority=True,
            id="lock",
            tooltip="Lock now (also hides the screen)",
        ),
        Binding("ctrl+q", "quit", "Quit", priority=True, id="quit", tooltip="Save and quit"),
        Binding("ctrl+c", "help_quit", show=False, system=True),
    ]

    def __init__(
        self,
        *,
        paths: StorePaths,
        settings: Settings,
        clock: Clock = system_clock,
        settings_path: Path | None = None,
        kdf_params: keys.KdfParams | None = None,
        allow_weak: bool = False,
        session: Session | None = None,
        lock_enabled: bool = True,
        idle_poll: float = 0.5,
    ) -> None:
        super().__init__()
        self.paths = paths
        self.settings = settings
        self.clock = clock
        self.settings_path = settings_path
        self.kdf_params = kdf_params
        self.allow_weak = allow_weak
        self.lock_enabled = lock_enabled
        self.keeper: SessionKeeper | None = None
        self.held: SessionKeeper | None = None
        self.autosave = Autosave(self)
        self._initial = session
        self._idle_poll = idle_poll
        self.add_mode(GATE, self._gate_screen)

    # --- start and stop ---------------------------------------------------------

    def _gate_screen(self) -> Screen[None]:
        return UnlockScreen() if self.paths.exists() else FirstRunScreen()

    def on_mount(self) -> None:
        for theme in THEMES:
            self.register_theme(theme)
        self.theme = self.settings.theme
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGHUP, signal.SIGTERM):
            loop.add_signal_handler(sig, self._signal_exit)
        self.set_interval(self._idle_poll, self.autosave.tick, name="autosave")
        if self._initial is not None:
            self.unlocked(self._initial)
            self._initial = None
        else:
            self.switch_mode(GATE)

    def _signal_exit(self) -> None:
        """SIGHUP (terminal closed) or SIGTERM: save synchronously, then exit cleanly.

        A closed terminal also sends SIGCONT, and Textual's handler for it can leave the
        shutdown waiting for ever on a dead terminal; everything is saved by then, so a
        watchdog ends the process if shutdown has not finished in a few seconds.
        """
        self.autosave.close_all()
        watchdog = threading.Timer(SHUTDOWN_GRACE, os._exit, (0,))
        watchdog.daemon = True
        watchdog.start()
        self.exit()

    async def action_quit(self) -> None:
        """Save, then quit."""
        self.autosave.close_all()
        self.exit()

    def _handle_exception(self, error: Exception) -> None:
        """Any unhandled error: save what we can, then exit showing no text and no locals."""
        self._return_code = 1
        if self._exception is None:
            self._exception = error
            self._exception_event.set()
        try:
            self.autosave.close_all()
        except Exception:  # noqa: BLE001, S110 - saving is best effort on the way out
            pass
        self._fatal_error()

    def _fatal_error(self) -> None:
        error = self._exception or RuntimeError()
        self._exit_renderables.append(Segments(self.console.render(Text(crash_sentence(error)))))
        self._close_messages_no_wait()

    # --- unlock and lock ----------------------------------------------------------

    def unlocked(self, session: Session, keeper: SessionKeeper | None = None) -> None:
        """A session is open: add the area modes and land on the Journal."""
        self.keeper = keeper or SessionKeeper(session, self.clock)
        self.keeper.touched()
        for key, _label, _fkey in AREAS:
            if key not in self._modes:
                self.add_mode(key, JournalScreen if key == "journal" else partial(AreaScreen, key))
        self.switch_mode("journal")

    def unlocked_held(self) -> None:
        """Unlocked again while a session whose save failed was still held in memory."""
        held, self.held = self.held, None
        if held is not None:
            self.unlocked(held.session, held)  # keeps its pending draft and back-off

    def show_first_run(self) -> None:
        """The store vanished: go to first run."""
        self.push_screen(FirstRunScreen())

    async def action_lock(self) -> None:
        """Save, drop the content screens, the database and the key; show unlock."""
        if self.keeper is None or not self.lock_enabled:
            return
        keeper, self.keeper = self.keeper, None
        if self.current_mode != GATE:
            await self.remove_mode(GATE)  # a fresh unlock screen, nothing left from before
            self.add_mode(GATE, self._gate_screen)
        await self.switch_mode(GATE)
        for key, _label, _fkey in AREAS:
            if key in self._modes:
                await self.remove_mode(key)
        if not self.autosave.close(keeper):
            self.held = keeper
            self.notify("Locked, but not saved yet: selfcare keeps trying.", timeout=8)

    async def on_event(self, event: events.Event) -> None:
        """Idle is measured from key, mouse and paste events, on the injected clock."""
        if isinstance(event, events.InputEvent | events.Paste) and self.keeper is not None:
            self.keeper.touched()
        await super().on_event(event)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """While locked, only Help now, quit and the palette work."""
        if self.keeper is None and action in LOCKED_ACTIONS:
            return False
        return True

    # --- actions ------------------------------------------------------------------

    def action_area(self, area: str) -> None:
        """Switch to an area."""
        if self.keeper is not None and area in self._modes:
            self.switch_mode(area)

    def action_help_now(self) -> None:
        """Open Help now (never twice)."""
        if isinstance(self.screen, HelpNowScreen):
            return
        personal = repos.list_contacts(self.keeper.session) if self.keeper else None
        self.push_screen(HelpNowScreen(Nation(self.settings.nation), personal))

    def action_settings(self) -> None:
        """Open settings."""
        if self.keeper is not None and not any(
            isinstance(screen, SettingsScreen) for screen in self.screen_stack
        ):
            self.push_screen(SettingsScreen())

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """Every action as "Area: Action"; no Screenshot (it writes the screen to disk)."""
        yield SystemCommand("Help: Help now", "Crisis and support contacts", self.action_help_now)
        if self.keeper is not None:
            for key, label, fkey in AREAS:
                yield SystemCommand(
                    f"{label}: Open",
                    f"Go to {label} ({fkey.upper()})",
                    partial(self.action_area, key),
                )
            yield SystemCommand(
                "App: Settings", "Theme, timers, contacts, keys (F6)", self.action_settings
            )
            yield SystemCommand(
                "App: Lock now", "Lock and hide the screen (Ctrl+L)", self.action_lock
            )
        yield from screen_commands(screen)
        yield SystemCommand("App: Quit", "Save and quit (Ctrl+Q)", self.action_quit)
        for command in super().get_system_commands(screen):
            if command.title not in {"Screenshot", "Quit", "Theme"}:
                yield command
