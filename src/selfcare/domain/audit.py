"""The monthly self-care check-in: items in six areas of life, and averages over months.

Each item is a short statement, answered with how often it was true in the past month, from
0 (never) to 4 (always). It is a reflection for the person, not a clinical measure, and
nothing here is a pass mark. Many items depend on the work as much as on the person: a low
number for breaks or supervision often says more about staffing than about self-care.

The areas follow the workbook's idea of looking after the physical, mental and social sides
of life, and of finding what to repair, what to keep and what to build on. The wording of
every item is our own.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

SCALE_MIN = 0
"""The lowest answer: never."""
SCALE_MAX = 4
"""The highest answer: always."""

SCALE_LABELS: tuple[str, ...] = ("Never", "Rarely", "Sometimes", "Often", "Always")
"""The label of each answer, indexed by its value."""

SCALE_QUESTION = "How often was this true in the past month?"
"""The question every item answers."""

REFLECTION_NOTE = (
    "This is a reflection for you, not a clinical measure or a test. There are no right "
    "answers, and a low number is often about the work, not about you."
)
"""Shown at the top of the check-in and beside its charts."""


@dataclass(frozen=True, slots=True)
class AuditDomain:
    """An area of life the check-in looks at.

    Attributes:
        key: Stable identifier.
        title: Short heading.
        description: One line on what the area covers.
    """

    key: str
    title: str
    description: str


@dataclass(frozen=True, slots=True)
class AuditItem:
    """One statement, answered 0 to 4.

    Attributes:
        key: Stable identifier, stored with the answer.
        domain: Key of the area it belongs to.
        text: The statement.
    """

    key: str
    domain: str
    text: str


DOMAINS: tuple[AuditDomain, ...] = (
    AuditDomain("body", "Body and rest", "Sleep, food, movement and rest when unwell."),
    AuditDomain(
        "mind", "Mind", "Switching off, quiet, and things that use a different part of you."
    ),
    AuditDomain("feelings", "Feelings", "Noticing feelings and meeting them kindly."),
    AuditDomain("people", "People", "Time with the people who matter and who have your back."),
    AuditDomain(
        "work", "Work life", "Breaks, hours, boundaries, supervision and raising concerns."
    ),
    AuditDomain(
        "meaning", "Meaning", "Values, pride and what makes it worth it, in and out of work."
    ),
)
"""The areas, in the order they are shown."""


def _items(domain: str, *pairs: tuple[str, str]) -> tuple[AuditItem, ...]:
    return tuple(AuditItem(f"{domain}-{key}", domain, text) for key, text in pairs)


ITEMS: tuple[AuditItem, ...] = (
    *_items(
        "body",
        ("sleep", "I slept enough to feel rested."),
        ("food", "I ate and drank properly on working days."),
        ("move", "I moved my body in a way I enjoyed."),
        ("unwell", "When I was unwell, I rested instead of working through it."),
        ("health", "I kept up with my own health appointments."),
    ),
    *_items(
        "mind",
        ("switch-off", "I could put work down in my own time."),
        (
            "solve-not-circle",
            "When work came to mind at home, I worked something out rather "
            "than going round in circles.",
        ),
        ("different", "I did something that used a different part of me from work."),
        ("quiet", "I had some quiet time with nothing asked of me."),
        ("interest", "I read, learned or made something just for my own interest."),
    ),
    *_items(
        "feelings",
        ("notice", "I noticed how I was feeling and could put a name to it."),
        ("kind", "When something went wrong, I spoke to myself kindly."),
        ("good-enough", "I let good enough be good enough."),
        ("let-feel", "I let myself feel upset, angry or sad instead of pushing it away."),
        ("lightness", "I had moments of laughter or lightness."),
    ),
    *_items(
        "people",
        ("talk", "I talked to someone I trust about how things really were."),
        ("unhurried", "I spent unhurried time with people I care about."),
        ("ask", "I asked for help when I needed it."),
        ("outside", "I kept in touch with people outside work."),
    ),
    *_items(
        "work",
        ("breaks", "I got my breaks, away from the work."),
        ("hours", "I finished close to the time I was paid to finish."),
        ("supervision", "Supervision or a reflective space happened when it was meant to."),
        ("no", "I said no, or not yet, to work I had no room for."),
        ("raise", "I could raise a concern about workload or safety when I needed to."),
        ("backed", "I felt my team or manager had my back."),
        ("transition", "I had a way to mark the end of the working day."),
    ),
    *_items(
        "meaning",
        ("why", "Something reminded me why I do this work."),
        ("values", "I was able to work in line with my values."),
        ("did-well", "I noticed something I did well."),
        ("beyond-work", "I made time for something that matters to me outside work."),
        ("grow", "I had time to learn or grow in my role."),
    ),
)
"""Every item, grouped by area in `DOMAINS` order."""

_MONTH = re.compile(r"[0-9]{4}-(0[1-9]|1[0-2])")


def item_by_key(key: str) -> AuditItem:
    """Return the item with the given key.

    Raises:
        KeyError: no item has that key.
    """
    for item in ITEMS:
        if item.key == key:
            return item
    raise KeyError(key)


def items_in(domain: str) -> tuple[AuditItem, ...]:
    """Return the items of one area, in catalogue order (empty for an unknown area)."""
    return tuple(item for item in ITEMS if item.domain == domain)


def domain_scores(scores: Mapping[str, int]) -> dict[str, float | None]:
    """Average the answers in each area.

    Args:
        scores: Answers by item key; unanswered items are simply absent. Keys that are not
            in the catalogue (say, from an older version) are ignored.

    Returns:
        Every area key, in `DOMAINS` order, with the mean of its answered items, or None
        when none of its items was answered.

    Raises:
        ValueError: an answer to a known item is outside 0 to 4.
    """
    totals: dict[str, list[int]] = {domain.key: [] for domain in DOMAINS}
    for item in ITEMS:
        if item.key not in scores:
            continue
        value = scores[item.key]
        if isinstance(value, bool) or not SCALE_MIN <= value <= SCALE_MAX:
            raise ValueError(f"answer to {item.key} must be {SCALE_MIN} to {SCALE_MAX}")
        totals[item.domain].append(value)
    return {key: (sum(values) / len(values) if values else None) for key, values in totals.items()}


def month_series(
    audits: Iterable[tuple[str, Mapping[str, int]]],
) -> dict[str, list[tuple[str, float | None]]]:
    """Build one series per area across months, for charts.

    Args:
        audits: (month, answers) pairs, month as "YYYY-MM", in any order. If a month
            appears twice, its answers are merged and the later pair wins for each item.

    Returns:
        Every area key, in `DOMAINS` order, with (month, mean or None) for every month
        given, months ascending.

    Raises:
        ValueError: a month is not "YYYY-MM", or an answer is outside 0 to 4.
    """
    by_month: dict[str, dict[str, int]] = {}
    for month, answers in audits:
        if not _MONTH.fullmatch(month):
            raise ValueError(f"month must be YYYY-MM, not {month!r}")
        by_month.setdefault(month, {}).update(answers)
    series: dict[str, list[tuple[str, float | None]]] = {domain.key: [] for domain in DOMAINS}
    for month in sorted(by_month):
        for key, mean in domain_scores(by_month[month]).items():
            series[key].append((month, mean))
    return series
