"""Writing: the cursor is in the text at once; prompt above, a calm timer, nothing in front."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Footer, Input, Static, TextArea

from selfcare.domain.prompts import (
    CAUTION,
    CLOSING_LINE,
    CONFIDENTIALITY_NOTE,
    PROMPTS,
    next_prompt,
    prompt_by_key,
)
from selfcare.domain.vocab import Perspective
from selfcare.models import new_id
from selfcare.screens.base import AppScreen
from selfcare.screens.keys import help_now_first
from selfcare.store import journal, repos
from selfcare.widgets.app_header import AppHeader
from selfcare.widgets.banner import Banner
from selfcare.widgets.writing_timer import WritingTimer

MINUTES = (3, 5, 10, 15, 20)
CONFIDENTIALITY_FLAG = "journal.confidentiality-seen"


@dataclass
class Resume:
    """Where writing starts from: an interrupted draft or an existing entry."""

    entry_id: str
    body: str = ""
    prompt_key: str | None = None
    perspective: str = Perspective.FIRST.value
    minutes: int | None = None
    prompt_hidden: bool = False
    mood_before: int | None = None
    exists: bool = False
    """Whether the entry is already saved (editing) rather than new."""
    from_draft: datetime | None = None
    """When an interrupted draft was last typed in, if this is one."""

    @classmethod
    def from_draft_fields(
        cls, entry_id: str, fields: dict[str, Any], updated: datetime, exists: bool
    ) -> Resume:
        """Rebuild from a draft's stored fields (anything odd falls back to a default)."""
        minutes = fields.get("minutes")
        mood = fields.get("mood_before")
        return cls(
            entry_id=entry_id,
            body=str(fields.get("body", "")),
            prompt_key=fields.get("prompt_key")
            if isinstance(fields.get("prompt_key"), str)
            else None,
            perspective=Perspective.THIRD.value
            if fields.get("perspective") == Perspective.THIRD.value
            else Perspective.FIRST.value,
            minutes=minutes if isinstance(minutes, int) and minutes in MINUTES else None,
            prompt_hidden=bool(fields.get("prompt_hidden", False)),
            mood_before=mood if isinstance(mood, int) and 0 <= mood <= 10 else None,
            exists=exists,
            from_draft=updated,
        )


class WritingScreen(AppScreen[str | None]):
    """One entry. Dismisses with the entry id when saved, None when nothing was written."""

    CSS_PATH = "writing.tcss"
    PALETTE_AREA = "Journal"
    BINDINGS = [
        help_now_first("writing"),
        Binding(
            "ctrl+s",
            "close",
            "Save & close",
            id="writing-save",
            priority=True,
            tooltip="Save this entry and close it",
        ),
        Binding(
            "escape", "close", "Close", show=False, id="writing-close", tooltip="Save and close"
        ),
        Binding(
            "ctrl+r",
            "next_prompt",
            "Other prompt",
            id="writing-prompt",
            tooltip="Show a different prompt",
        ),
        Binding(
            "ctrl+t",
            "perspective",
            "I / they",
            id="writing-perspective",
            tooltip="Switch the prompt between first and third person",
        ),
        Binding(
            "ctrl+o",
            "hide_prompt",
            "Hide prompt",
            id="writing-hide",
            tooltip="Hide or show the prompt",
        ),
        Binding(
            "ctrl+f",
            "minutes",
            "Minutes",
            id="writing-minutes",
            tooltip="Change the timer: 3, 5, 10, 15 or 20 minutes",
        ),
        Binding(
            "ctrl+n",
            "new",
            "New entry",
            show=False,
            id="writing-new",
            tooltip="Save this entry and start a new one",
        ),
        Binding(
            "ctrl+e",
            "caution",
            "About writing",
            show=False,
            id="writing-caution",
            tooltip="Show the note on when expressive writing may not suit",
        ),
    ]

    def __init__(self, resume: Resume | None = None) -> None:
        super().__init__(id="writing")
        self.resume = resume or Resume(entry_id=new_id())
        self.entry_id = self.resume.entry_id
        self.prompt_key = self.resume.prompt_key or PROMPTS[0].key
        self.perspective = self.resume.perspective
        self.prompt_hidden = self.resume.prompt_hidden
        self._finishing = False

    @property
    def draft_key(self) -> str:
        """The draft sidecar key of this editor."""
        return f"journal:{self.entry_id}"

    def compose(self) -> ComposeResult:
        app = self.selfcare
        minutes = self.resume.minutes or app.settings.writing_minutes
        yield AppHeader(current="journal")
        yield Static("", id="writing-prompt-text")
        with Horizontal(id="writing-meta"):
            yield WritingTimer(minutes, app.clock, id="writing-timer")
            yield Static("", id="writing-perspective-label")
            yield Input(
                value="" if self.resume.mood_before is None else str(self.resume.mood_before),
                placeholder="mood now 0–10 (optional)",
                id="mood-before",
                restrict=r"(10|[0-9])?",
                max_length=2,
            )
        yield Banner(id="writing-banner")
        yield TextArea(self.resume.body, id="writing-area", soft_wrap=True, show_line_numbers=False)
        yield Static(CLOSING_LINE, id="writing-closing-line")
        yield Static("", id="writing-word-count")
        yield Footer()

    def on_mount(self) -> None:
        self._show_prompt()
        area = self.query_one("#writing-area", TextArea)
        area.focus()
        area.move_cursor(area.document.end)
        self._first_notes()
        self._count_words()

    def _first_notes(self) -> None:
        keeper = self.selfcare.keeper
        if keeper is None:
            return
        banner = self.query_one("#writing-banner", Banner)
        if self.resume.from_draft is not None:
            banner.say(
                f"Your draft from {self.resume.from_draft:%d %B at %H:%M} is back, word for word."
            )
        elif journal.count_entries(keeper.session) == 0:
            banner.say(CAUTION)
        elif not repos.flag(keeper.session, CONFIDENTIALITY_FLAG):
            banner.say(CONFIDENTIALITY_NOTE)
            repos.set_flag(keeper.session, CONFIDENTIALITY_FLAG)

    # --- prompt -----------------------------------------------------------------

    def _prompt_text(self) -> str:
        try:
            prompt = prompt_by_key(self.prompt_key)
        except KeyError:
            prompt = PROMPTS[0]
        return prompt.text(self.perspective)

    def _show_prompt(self) -> None:
        text = self.query_one("#writing-prompt-text", Static)
        text.update(self._prompt_text())
        text.display = not self.prompt_hidden
        label = "writing as: they" if self.perspective == Perspective.THIRD else "writing as: I"
        self.query_one("#writing-perspective-label", Static).update(label)

    def action_next_prompt(self) -> None:
        """Another prompt."""
        self.prompt_key = next_prompt(self.prompt_key).key
        self.prompt_hidden = False
        self._show_prompt()
        self._stage()

    def action_perspective(self) -> None:
        """First or third person."""
        self.perspective = (
            Perspective.FIRST.value
            if self.perspective == Perspective.THIRD
            else Perspective.THIRD.value
        )
        self._show_prompt()
        self._stage()

    def action_hide_prompt(self) -> None:
        """Hide or show the prompt."""
        self.prompt_hidden = not self.prompt_hidden
        self._show_prompt()
        self._stage()

    def action_minutes(self) -> None:
        """Cycle the timer length."""
        timer = self.query_one(WritingTimer)
        timer.set_minutes(
            MINUTES[(MINUTES.index(timer.minutes) + 1) % len(MINUTES)]
            if timer.minutes in MINUTES
            else MINUTES[1]
        )
        self._stage()

    def action_caution(self) -> None:
        """The caution, inline."""
        self.query_one("#writing-banner", Banner).say(CAUTION)

    # --- drafts and saving -----------------------------------------------------------

    def _fields(self) -> dict[str, Any]:
        mood = self.query_one("#mood-before", Input).value
        return {
            "body": self.query_one("#writing-area", TextArea).text,
            "prompt_key": self.prompt_key,
            "perspective": self.perspective,
            "minutes": self.query_one(WritingTimer).minutes,
            "prompt_hidden": self.prompt_hidden,
            "mood_before": int(mood) if mood.isdigit() else None,
        }

    def _stage(self) -> None:
        keeper = self.selfcare.keeper
        if keeper is not None and not self._finishing:
            ref = self.entry_id if self.resume.exists else None
            keeper.stage_draft(self.draft_key, "journal", ref, self._fields())

    @on(TextArea.Changed, "#writing-area")
    def _changed(self) -> None:
        self._stage()
        self._count_words()

    @on(Input.Changed, "#mood-before")
    def _mood_changed(self) -> None:
        self._stage()

    def _count_words(self) -> None:
        label = self.query_one("#writing-word-count", Static)
        label.display = self.selfcare.settings.word_count
        if self.selfcare.settings.word_count:
            words = len(self.query_one("#writing-area", TextArea).text.split())
            label.update(f"{words} words")

    def save(self) -> str | None:
        """Save into the vault (the entry) and forget the draft; returns the id, or None."""
        keeper = self.selfcare.keeper
        if keeper is None:
            return None
        fields = self._fields()
        self._finishing = True
        if not fields["body"].strip() and not self.resume.exists:
            keeper.session.drop_draft(self.draft_key)
            return None
        journal.save_writing(
            keeper.session,
            self.entry_id,
            body=fields["body"],
            prompt_key=None if self.prompt_hidden else self.prompt_key,
            prompt_text="" if self.prompt_hidden else self._prompt_text(),
            perspective=self.perspective,
            minutes=fields["minutes"],
            mood_before=fields["mood_before"],
        )
        keeper.session.drop_draft(self.draft_key)
        keeper.request_snapshot()
        return self.entry_id

    def action_close(self) -> None:
        """Save and close."""
        self.dismiss(self.save())

    def action_new(self) -> None:
        """Save this one, start another (never a dialog in between)."""
        self.save()
        self.app.switch_screen(WritingScreen())
