"""The Journal: entries newest first (drafts marked), search and filters, new, open, delete."""

from __future__ import annotations

from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import DataTable, Footer, Input, Select, Static

from selfcare.domain.prompts import CAUTION
from selfcare.domain.vocab import EMOTIONS, WORK_AREAS
from selfcare.models import DraftText, JournalEntry
from selfcare.screens.after_writing import AfterWritingScreen
from selfcare.screens.base import AppScreen
from selfcare.screens.dialogs_journal import ConfirmDelete
from selfcare.screens.hard_incident import HardIncidentScreen
from selfcare.screens.keys import help_now_first
from selfcare.screens.writing import Resume, WritingScreen
from selfcare.store import journal
from selfcare.widgets.app_header import AppHeader
from selfcare.widgets.banner import Banner

DRAFT_PREFIX = "draft:"


def _first_line(text: str, width: int = 60) -> str:
    line = next((part.strip() for part in text.splitlines() if part.strip()), "")
    return line if len(line) <= width else line[: width - 1] + "…"


def _parse_day(text: str) -> date | None:
    try:
        return date.fromisoformat(text.strip()) if text.strip() else None
    except ValueError:
        return None


class JournalScreen(AppScreen[None]):
    """The Journal area's base screen."""

    CSS_PATH = "journal.tcss"
    PALETTE_AREA = "Journal"
    BINDINGS = [
        help_now_first("journal"),
        Binding("ctrl+n", "new", "New entry", id="journal-new", tooltip="Start writing"),
        Binding(
            "ctrl+t",
            "hard_incident",
            "Hard incident",
            id="journal-incident",
            tooltip="A short note instead of long writing, for the first hours",
        ),
        Binding(
            "delete",
            "delete",
            "Delete",
            id="journal-delete",
            tooltip="Delete the selected entry (asks first)",
        ),
        Binding(
            "ctrl+k",
            "let_go",
            "Let it go",
            id="journal-let-go",
            tooltip="Delete the selected entry completely, on purpose (asks first)",
        ),
        Binding("ctrl+f", "search", "Search", id="journal-search", tooltip="Search your entries"),
        Binding(
            "ctrl+r",
            "reset",
            "Clear filters",
            show=False,
            id="journal-reset",
            tooltip="Show every entry again",
        ),
        Binding(
            "ctrl+e",
            "caution",
            "About writing",
            show=False,
            id="journal-caution",
            tooltip="When expressive writing may not suit",
        ),
    ]

    def __init__(self) -> None:
        super().__init__(id="journal", name="journal")
        self.area = "journal"

    def compose(self) -> ComposeResult:
        yield AppHeader(current="journal")
        yield Banner(id="journal-banner")
        with Horizontal(id="journal-filters", classes="filter-row"):
            yield Input(placeholder="search (Ctrl+F)", id="journal-search-input")
            yield Input(placeholder="from YYYY-MM-DD", id="filter-since", max_length=10)
            yield Input(placeholder="to YYYY-MM-DD", id="filter-until", max_length=10)
        with Horizontal(id="journal-filters-2", classes="filter-row"):
            yield Select(
                [(e.label, e.key) for e in EMOTIONS], prompt="any emotion", id="filter-emotion"
            )
            yield Select(
                [(a.label, a.area.value) for a in WORK_AREAS],
                prompt="any work area",
                id="filter-area",
            )
        yield Static("", id="journal-summary")
        table: DataTable[str] = DataTable(
            id="journal-entries", cursor_type="row", zebra_stripes=True
        )
        yield table
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#journal-entries", DataTable)
        table.add_columns("when", "entry", "areas")
        self.refresh_entries()
        table.focus()

    def on_screen_resume(self) -> None:
        """Back from writing: show what changed."""
        self.refresh_entries()

    # --- listing --------------------------------------------------------------------

    def filters(self) -> journal.Filters:
        """The filters as typed."""
        emotion = self.query_one("#filter-emotion", Select).value
        area = self.query_one("#filter-area", Select).value
        return journal.Filters(
            text=self.query_one("#journal-search-input", Input).value,
            emotion=emotion if isinstance(emotion, str) else None,
            area=area if isinstance(area, str) else None,
            since=_parse_day(self.query_one("#filter-since", Input).value),
            until=_parse_day(self.query_one("#filter-until", Input).value),
        )

    def refresh_entries(self) -> None:
        """Rebuild the list: interrupted drafts first, then entries, newest first."""
        keeper = self.selfcare.keeper
        if keeper is None:
            return
        session = keeper.session
        table = self.query_one("#journal-entries", DataTable)
        table.clear()
        filters = self.filters()
        drafts = session.drafts("journal") if filters == journal.Filters() else []
        for draft in drafts:
            body = str(draft.fields.get("body", ""))
            table.add_row(
                f"{draft.updated:%a %d %b %H:%M}",
                "Draft · " + _first_line(body, self._entry_width() - 8),
                "",
                key=DRAFT_PREFIX + draft.id,
            )
        entries = journal.browse(session, filters)
        for entry in entries:
            table.add_row(
                f"{entry.created:%a %d %b %Y}",
                _first_line(entry.body, self._entry_width()),
                _first_line(journal.area_summary(session, entry.id), 20),
                key=entry.id,
            )
        total = journal.count_entries(session)
        self._summarise(len(entries), total, len(drafts), filters)

    def _entry_width(self) -> int:
        """Characters for an entry's first line, so all three columns fit the screen."""
        return max(20, min(80, self.size.width - 44))

    def _summarise(self, shown: int, total: int, drafts: int, filters: journal.Filters) -> None:
        banner = self.query_one("#journal-banner", Banner)
        summary = self.query_one("#journal-summary", Static)
        if total == 0 and not drafts:
            banner.say(CAUTION)
            summary.update(
                "No entries yet. Ctrl+N starts one; the cursor goes straight to the page."
            )
            return
        if drafts:
            banner.say(
                f"{drafts} unfinished draft{'s' if drafts > 1 else ''} kept for you, at the top. "
                "Enter opens one, word for word."
            )
        else:
            banner.clear()
        if filters == journal.Filters():
            summary.update(f"{total} entries. Enter opens one; Ctrl+F searches.")
        else:
            summary.update(f"{shown} of {total} entries match. Ctrl+R shows them all again.")

    @on(Input.Changed, "#journal-search-input")
    @on(Input.Changed, "#filter-since")
    @on(Input.Changed, "#filter-until")
    @on(Select.Changed)
    def _filter_changed(self) -> None:
        self.refresh_entries()

    def action_search(self) -> None:
        """Focus the search field."""
        self.query_one("#journal-search-input").focus()

    def action_reset(self) -> None:
        """Clear every filter."""
        for selector in ("#journal-search-input", "#filter-since", "#filter-until"):
            self.query_one(selector, Input).value = ""
        self.query_one("#filter-emotion", Select).clear()
        self.query_one("#filter-area", Select).clear()
        self.refresh_entries()
        self.query_one("#journal-entries").focus()

    def action_caution(self) -> None:
        """The caution, inline."""
        self.query_one("#journal-banner", Banner).say(CAUTION)

    # --- writing --------------------------------------------------------------------

    def action_new(self) -> None:
        """Always a new entry, cursor in the writing area."""
        self.app.push_screen(WritingScreen(), self._after_writing)

    def _after_writing(self, entry_id: str | None) -> None:
        self.refresh_entries()
        if entry_id is not None:
            self.app.push_screen(AfterWritingScreen(entry_id), lambda _: self.refresh_entries())

    def action_hard_incident(self) -> None:
        """The short alternative to long writing."""
        self.app.push_screen(HardIncidentScreen(), lambda _: self.refresh_entries())

    def _selected_key(self) -> str | None:
        table = self.query_one("#journal-entries", DataTable)
        if table.row_count == 0:
            return None
        row_key, _ = table.coordinate_to_cell_key(table.cursor_coordinate)
        return str(row_key.value) if row_key.value is not None else None

    @on(DataTable.RowSelected, "#journal-entries")
    def _open(self, event: DataTable.RowSelected) -> None:
        key = str(event.row_key.value)
        keeper = self.selfcare.keeper
        if keeper is None:
            return
        if key.startswith(DRAFT_PREFIX):
            self._open_draft(key.removeprefix(DRAFT_PREFIX))
            return
        entry = journal.get_entry(keeper.session, key)
        if entry is not None:
            self.app.push_screen(WritingScreen(_resume_entry(entry)), self._after_writing)

    def _open_draft(self, draft_id: str) -> None:
        keeper = self.selfcare.keeper
        if keeper is None:
            return
        draft = next((d for d in keeper.session.drafts("journal") if d.id == draft_id), None)
        if draft is None:
            return
        if draft.fields.get("prompt_key") == journal.HARD_INCIDENT_PROMPT:
            line = str(draft.fields.get("body", ""))
            screen = HardIncidentScreen(draft.id.removeprefix("journal:"), line)
            self.app.push_screen(screen, lambda _: self.refresh_entries())
            return
        self.app.push_screen(WritingScreen(_resume_draft(draft)), self._after_writing)

    # --- deleting -------------------------------------------------------------------

    def action_delete(self) -> None:
        """Delete the selected entry, after asking."""
        self._ask_delete(let_go=False)

    def action_let_go(self) -> None:
        """Let the selected entry go: deleted completely, on purpose."""
        self._ask_delete(let_go=True)

    def _ask_delete(self, *, let_go: bool) -> None:
        key = self._selected_key()
        if key is None:
            return

        def done(confirmed: bool | None) -> None:
            keeper = self.selfcare.keeper
            if not confirmed or keeper is None:
                return
            if key.startswith(DRAFT_PREFIX):
                keeper.session.drop_draft(key.removeprefix(DRAFT_PREFIX))
            else:
                journal.delete_entry(keeper.session, key)
            keeper.request_snapshot()
            self.refresh_entries()

        self.app.push_screen(ConfirmDelete(let_go=let_go), done)


def _resume_entry(entry: JournalEntry) -> Resume:
    return Resume(
        entry_id=entry.id,
        body=entry.body,
        prompt_key=entry.prompt_key,
        perspective=entry.perspective,
        minutes=entry.minutes,
        prompt_hidden=entry.prompt_key is None,
        mood_before=entry.mood_before,
        exists=True,
    )


def _resume_draft(draft: DraftText) -> Resume:
    entry_id = draft.id.removeprefix("journal:")
    return Resume.from_draft_fields(
        entry_id, dict(draft.fields), draft.updated, exists=draft.ref_id is not None
    )
