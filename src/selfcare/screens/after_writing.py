"""After writing: optional questions, work areas first. Every one can be skipped."""

from __future__ import annotations

from typing import TypeVar

from rich.segment import Segment
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.geometry import Region
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Checkbox, Footer, Input, RadioButton, RadioSet, SelectionList, Static
from textual.widgets.selection_list import Selection

from selfcare.domain.prompts import MOOD_DIP_NOTE
from selfcare.domain.vocab import (
    EMOTIONS,
    INTENSITY_MAX,
    INTENSITY_MIN,
    ROLE_LABELS,
    WORK_AREAS,
    AreaInfo,
    Tone,
)
from selfcare.screens.base import AppScreen
from selfcare.screens.keys import help_now_first
from selfcare.store import journal
from selfcare.store.journal import Reflection
from selfcare.widgets.app_header import AppHeader

T = TypeVar("T")
AreaKey = tuple[str, str | None]
"""A work area and one of its sub-tags, or None for the area as a whole."""

DEFAULT_INTENSITY = 5
SCALE = r"(10|[0-9])?"
"""What an intensity or mood field accepts while typing: nothing, or 0 to 10."""
PROMPT_WIDTH = 66
"""An area's question is shown beside its name when both fit on one line at 80 columns."""

INTRO = "All optional. Answer any, none or some; you can come back to them later."
AREAS_HINT = "Space or a click ticks. Ticking a detail ticks its area too."
DOING_EXAMPLE = "e.g. a home visit, handover, a night shift"
ROLES_HINT = "By role, never names."
EMOTIONS_HINT = "Tick what you felt; each gets a strength from 0 to 10."
NO_EMOTIONS = "Tick an emotion to say how strong it was, 0 to 10."
TONES: tuple[tuple[Tone, str], ...] = (
    (Tone.HARD, "Mostly hard"),
    (Tone.GOOD, "Mostly good"),
    (Tone.MIXED, "Mixed"),
)


class TickList(SelectionList[T]):
    """A SelectionList whose unticked boxes are empty: ticked is an X, not only a colour."""

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        index = int(self.scroll_y) + y
        if index >= self.option_count or self.get_option_at_index(index).value in self.selected:
            return strip
        segments = list(strip)
        if len(segments) < 2 or segments[1].text != Checkbox.BUTTON_INNER:
            return strip
        segments[1] = Segment(" ", segments[1].style, segments[1].control)
        return Strip(segments, strip.cell_length)

    def action_select(self) -> None:
        """Toggle the highlighted row now.

        The stock list toggles whichever row is highlighted when its own message arrives,
        so a quick "space, down" could tick the wrong row.
        """
        index = self.highlighted
        if index is not None and not self.get_option_at_index(index).disabled:
            self.toggle(self.get_option_at_index(index))

    def on_focus(self) -> None:
        """Arriving by Tab highlights the first row, so Space ticks at once."""
        if self.highlighted is None and self.option_count:
            self.highlighted = 0


class ChoiceButton(RadioButton):
    """A RadioButton whose unchosen circle is empty: chosen is a dot, not only a colour."""

    def render(self) -> Content:
        self.BUTTON_INNER = RadioButton.BUTTON_INNER if self.value else " "
        return super().render()


def _section(name: str, question: str, hint: str | None = None) -> Vertical:
    """One question: what it asks, a hint, then (yielded inside) its field."""
    heading = [Static(question, classes="question")]
    if name == "areas":  # the first question carries the screen's title and intro
        heading[:0] = [
            Static("After writing", id="after-writing-title"),
            Static(INTRO, classes="hint"),
        ]
    if hint:
        heading.append(Static(hint, classes="hint"))
    return Vertical(*heading, id=f"section-{name}", classes="section")


def area_prompt(info: AreaInfo) -> Content:
    """The area's own row: its name in bold, and its question when that fits."""
    if len(info.label) + 3 + len(info.question) > PROMPT_WIDTH:
        return Content.assemble((info.label, "bold"))
    return Content.assemble((info.label, "bold"), " — ", (info.question, "italic"))


def _scale(value: str) -> int | None:
    """A typed 0-10 value, or None when blank (or, defensively, out of range)."""
    if value.isdigit() and INTENSITY_MIN <= int(value) <= INTENSITY_MAX:
        return int(value)
    return None


class AfterWritingScreen(AppScreen[None]):
    """The after-writing questions for one entry; also edits answers given before."""

    CSS_PATH = "after_writing.tcss"
    AUTO_FOCUS = ""  # focused in on_mount, without scrolling the title out of view
    PALETTE_AREA = "Journal"
    BINDINGS = [
        help_now_first("after-writing"),
        Binding(
            "ctrl+s",
            "save",
            "Save",
            id="after-writing-save",
            priority=True,
            tooltip="Save these answers and go back to the journal",
        ),
        Binding(
            "escape",
            "skip",
            "Skip",
            id="after-writing-skip",
            tooltip="Go back without saving these answers",
        ),
        Binding(
            "tab",
            "next_field",
            "Next",
            show=False,
            id="after-writing-next",
            tooltip="The next question",
        ),
        Binding(
            "shift+tab",
            "previous_field",
            "Previous",
            show=False,
            id="after-writing-previous",
            tooltip="The previous question",
        ),
    ]

    def __init__(self, entry_id: str) -> None:
        super().__init__(id="after-writing")
        self.entry_id = entry_id
        self.loaded = Reflection()
        self._kept = Reflection()
        """Answers the catalogue no longer lists: kept as they are, never dropped."""

    # --- the form ----------------------------------------------------------------------

    def _load(self) -> None:
        keeper = self.selfcare.keeper
        if keeper is not None:
            self.loaded = journal.reflection_of(keeper.session, self.entry_id)
        known_areas = {(i.area.value, None) for i in WORK_AREAS} | {
            (i.area.value, t.key) for i in WORK_AREAS for t in i.subtags
        }
        known_emotions = {e.key for e in EMOTIONS}
        known_roles = {r.value for r in ROLE_LABELS}
        tones = {t.value for t, _label in TONES}
        self._kept = Reflection(
            areas=[a for a in self.loaded.areas if a not in known_areas],
            with_roles=[r for r in self.loaded.with_roles if r not in known_roles],
            emotions=[e for e in self.loaded.emotions if e[0] not in known_emotions],
            tone=self.loaded.tone if self.loaded.tone not in tones else None,
        )

    def compose(self) -> ComposeResult:
        self._load()
        given = self.loaded
        yield AppHeader(current="journal")
        with VerticalScroll(id="after-writing-panel", can_focus=False):
            with _section("areas", "Which work areas did it touch?", AREAS_HINT):
                yield self._areas()
            with _section("doing", "What were you doing?"):
                yield Input(given.doing, placeholder=DOING_EXAMPLE, id="doing", max_length=200)
            with _section("roles", "Who were you with?", ROLES_HINT):
                yield TickList[str](
                    *(
                        (label, r.value, r.value in given.with_roles)
                        for r, label in ROLE_LABELS.items()
                    ),
                    id="with-roles",
                )
            with _section("emotions", "What did you feel, and how strongly?", EMOTIONS_HINT):
                yield from self._emotions()
            with _section("tone", "Overall, was it…"):
                with RadioSet(id="tone"):
                    for tone, label in TONES:
                        chosen = given.tone == tone.value
                        yield ChoiceButton(label, value=chosen, id=f"tone-{tone}")
            with _section("mood", "Mood now, after writing (0 to 10, optional)"):
                with Horizontal(id="mood-after-row"):
                    mood = "" if given.mood_after is None else str(given.mood_after)
                    yield Input(
                        mood, placeholder="0–10", id="mood-after", restrict=SCALE, max_length=2
                    )
                    yield Static(MOOD_DIP_NOTE, id="mood-dip-note")
        yield Footer()

    def _areas(self) -> TickList[AreaKey]:
        given = set(self.loaded.areas) | {(area, None) for area, _sub in self.loaded.areas}
        rows: list[Selection[AreaKey]] = []
        for info in WORK_AREAS:
            key: AreaKey = (info.area.value, None)
            rows.append(Selection(area_prompt(info), key, key in given))
            for tag in info.subtags:
                sub: AreaKey = (info.area.value, tag.key)
                rows.append(Selection(f"   {tag.label}", sub, sub in given))
        areas = TickList[AreaKey](*rows, id="work-areas")
        areas.tooltip = "Work areas and their details: space or a click ticks"
        return areas

    def _emotions(self) -> ComposeResult:
        felt = dict(self.loaded.emotions)
        with Horizontal(id="emotions-row"):
            yield TickList[str](*((e.label, e.key, e.key in felt) for e in EMOTIONS), id="emotions")
            with Vertical(id="intensities"):
                yield Static(NO_EMOTIONS, id="no-emotions", classes="hint")
                for emotion in EMOTIONS:
                    with Horizontal(id=f"intensity-row-{emotion.key}", classes="intensity-row"):
                        yield Static(emotion.label, classes="intensity-label")
                        field = Input(
                            str(felt.get(emotion.key, DEFAULT_INTENSITY)),
                            id=f"intensity-{emotion.key}",
                            classes="intensity",
                            restrict=SCALE,
                            max_length=2,
                        )
                        field.tooltip = f"How strong the {emotion.label.lower()} was, 0 to 10"
                        yield field
                        yield Static("out of 10", classes="intensity-scale")

    def on_mount(self) -> None:
        self._show_intensities()
        self.query_one("#work-areas", SelectionList).focus(scroll_visible=False)

    # --- keeping what matters in view ---------------------------------------------------------

    def action_next_field(self) -> None:
        """Tab: the next field, shown with its question."""
        self._move(1)

    def action_previous_field(self) -> None:
        """Shift+Tab: the previous field, shown with its question."""
        self._move(-1)

    def _move(self, step: int) -> None:
        """Focus without Textual's own scrolling, then show the field's whole question.

        Only for keys: a click never moves the page under the pointer.
        """
        chain = self.focus_chain
        if not chain:
            return
        at = chain.index(self.focused) if self.focused in chain else (-1 if step > 0 else 0)
        target = chain[(at + step) % len(chain)]
        self.set_focus(target, scroll_visible=False)
        section = next((n for n in target.ancestors if n.has_class("section")), None)
        if isinstance(section, Widget):
            self.call_after_refresh(self._scroll_to_section, section, target)
        else:
            target.scroll_visible(animate=False)

    def _scroll_to_section(self, section: Widget, focused: Widget) -> None:
        panel = self.query_one("#after-writing-panel", VerticalScroll)
        fits = section.outer_size.height <= panel.scrollable_content_region.height
        panel.scroll_to_widget(section, animate=False, top=not fits, immediate=True)
        if isinstance(focused, SelectionList) and focused.highlighted is not None:
            self._keep_in_view(focused, focused.highlighted)

    @on(SelectionList.SelectionHighlighted)
    def _follow(self, event: SelectionList.SelectionHighlighted[object]) -> None:
        """Keep the highlighted row in view: the lists are as tall as their contents."""
        if event.selection_list.has_focus:
            self._keep_in_view(event.selection_list, event.selection_index)

    def _keep_in_view(self, options: SelectionList[object], index: int) -> None:
        panel = self.query_one("#after-writing-panel", VerticalScroll)
        if not options.content_region or not panel.content_region:
            return
        top = options.content_region.y - panel.content_region.y + int(panel.scroll_y)
        row = top + index - int(options.scroll_y)
        panel.scroll_to_region(Region(0, row - 1, 1, 3), animate=False, immediate=True)

    # --- keeping the form consistent ---------------------------------------------------------

    @on(SelectionList.SelectionToggled, "#work-areas")
    def _area_toggled(self, event: SelectionList.SelectionToggled[AreaKey]) -> None:
        """A detail ticked ticks its area; an area unticked unticks its details."""
        areas = event.selection_list
        area, sub = event.selection.value
        ticked = event.selection.value in areas.selected
        if sub is not None and ticked:
            areas.select((area, None))
        elif sub is None and not ticked:
            for value in list(areas.selected):
                if value[0] == area:
                    areas.deselect(value)

    @on(SelectionList.SelectedChanged, "#emotions")
    def _show_intensities(self) -> None:
        chosen = set(self.query_one("#emotions", SelectionList).selected)
        for emotion in EMOTIONS:
            self.query_one(f"#intensity-row-{emotion.key}").display = emotion.key in chosen
        self.query_one("#no-emotions").display = not chosen

    # --- saving --------------------------------------------------------------------------

    def reflection(self) -> Reflection:
        """The answers as they stand in the form."""
        chosen = set(self.query_one("#work-areas", SelectionList).selected)
        areas: list[AreaKey] = []
        for info in WORK_AREAS:
            area = info.area.value
            details: list[AreaKey] = [
                (area, t.key) for t in info.subtags if (area, t.key) in chosen
            ]
            if details or (area, None) in chosen:  # a detail implies its area
                details += [kept for kept in self._kept.areas if kept[0] == area]
                areas.extend(details or [(area, None)])
        catalogued = {info.area.value for info in WORK_AREAS}
        areas += [kept for kept in self._kept.areas if kept[0] not in catalogued]
        roles = set(self.query_one("#with-roles", SelectionList).selected)
        felt = set(self.query_one("#emotions", SelectionList).selected)
        emotions: list[tuple[str, int]] = []
        for emotion in EMOTIONS:
            if emotion.key in felt:
                value = self.query_one(f"#intensity-{emotion.key}", Input).value
                strength = _scale(value)
                emotions.append((emotion.key, DEFAULT_INTENSITY if strength is None else strength))
        pressed = self.query_one("#tone", RadioSet).pressed_button
        tone = pressed.id.removeprefix("tone-") if pressed and pressed.id else self._kept.tone
        return Reflection(
            areas=areas,
            doing=self.query_one("#doing", Input).value.strip(),
            with_roles=[r.value for r in ROLE_LABELS if r.value in roles] + self._kept.with_roles,
            emotions=emotions + self._kept.emotions,
            tone=tone,
            mood_after=_scale(self.query_one("#mood-after", Input).value),
        )

    def action_save(self) -> None:
        """Save the answers, then go back."""
        keeper = self.selfcare.keeper
        if keeper is not None:
            journal.set_reflection(keeper.session, self.entry_id, self.reflection())
            keeper.request_snapshot()
        self.dismiss(None)

    def action_skip(self) -> None:
        """Go back; nothing more is saved."""
        self.dismiss(None)
