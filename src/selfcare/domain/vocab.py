"""The shared vocabulary: work areas, emotions, context roles and action items.

Every screen speaks these words. Keys are stable strings (they are stored); labels are
what people read and may be reworded freely.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

INTENSITY_MIN = 0
"""Lowest emotion intensity."""
INTENSITY_MAX = 10
"""Highest emotion intensity."""


class WorkArea(StrEnum):
    """Where the pressure comes from: the HSE's six areas, plus two of our own."""

    DEMANDS = "demands"
    CONTROL = "control"
    SUPPORT = "support"
    RELATIONSHIPS = "relationships"
    ROLE = "role"
    CHANGE = "change"
    MORAL_DISTRESS = "moral-distress"
    OUTSIDE_WORK = "outside-work"


@dataclass(frozen=True)
class SubTag:
    """A practitioner-level detail of a work area."""

    key: str
    label: str


@dataclass(frozen=True)
class AreaInfo:
    """A work area with its label, a short question and its sub-tags."""

    area: WorkArea
    label: str
    question: str
    subtags: tuple[SubTag, ...]


def _tags(*pairs: tuple[str, str]) -> tuple[SubTag, ...]:
    return tuple(SubTag(key, label) for key, label in pairs)


WORK_AREAS: tuple[AreaInfo, ...] = (
    AreaInfo(
        WorkArea.DEMANDS,
        "Demands",
        "Was there more to do than one person can do well?",
        _tags(
            ("caseload", "Caseload"),
            ("staffing-gaps", "Staffing gaps"),
            ("unpaid-hours", "Unpaid hours"),
            ("emotional-load", "Emotional load"),
            ("paperwork-it", "Paperwork and IT"),
            ("no-breaks", "No breaks"),
        ),
    ),
    AreaInfo(
        WorkArea.CONTROL,
        "Control",
        "Did you have a say in how the work was done?",
        _tags(
            ("no-say", "No say in decisions"),
            ("rigid-rota", "Rota or shifts"),
            ("targets", "Targets and timescales"),
        ),
    ),
    AreaInfo(
        WorkArea.SUPPORT,
        "Support",
        "Was there help, time and supervision when you needed it?",
        _tags(
            ("supervision-cancelled", "Supervision cancelled"),
            ("no-debrief", "No debrief"),
            ("manager-unavailable", "Manager not available"),
            ("no-training", "Not trained for it"),
        ),
    ),
    AreaInfo(
        WorkArea.RELATIONSHIPS,
        "Relationships",
        "Was anyone at work hard to be around, or unsafe?",
        _tags(
            ("conflict", "Conflict in the team"),
            ("bullying", "Bullying"),
            ("aggression", "Aggression from the public"),
            ("discrimination", "Discrimination"),
        ),
    ),
    AreaInfo(
        WorkArea.ROLE,
        "Role",
        "Was it clear what was yours to do?",
        _tags(
            ("unclear-role", "Unclear what is mine"),
            ("conflicting-asks", "Conflicting demands"),
            ("beyond-role", "Asked beyond my role"),
        ),
    ),
    AreaInfo(
        WorkArea.CHANGE,
        "Change",
        "Was change done with you, or to you?",
        _tags(
            ("restructure", "Restructure"),
            ("new-system", "New system or process"),
            ("not-consulted", "Not consulted"),
        ),
    ),
    AreaInfo(
        WorkArea.MORAL_DISTRESS,
        "Couldn't do what I believed was right",
        "Did something stop you doing what you believed was right?",
        _tags(
            ("no-resources", "No resources to do it"),
            ("policy-against", "Policy stood in the way"),
            ("rushed-care", "Care had to be rushed"),
        ),
    ),
    AreaInfo(
        WorkArea.OUTSIDE_WORK,
        "Outside work",
        "Was something outside work weighing on you?",
        _tags(
            ("home", "Home and family"),
            ("health", "Health"),
            ("money", "Money"),
        ),
    ),
)


def area_info(area: WorkArea | str) -> AreaInfo:
    """Return the catalogue entry of a work area.

    Raises:
        KeyError: the key names no work area.
    """
    key = WorkArea(area)
    for info in WORK_AREAS:
        if info.area is key:
            return info
    raise KeyError(str(area))  # pragma: no cover - every WorkArea is catalogued


def is_subtag(area: WorkArea | str, subtag: str) -> bool:
    """Whether ``subtag`` is a sub-tag of ``area``."""
    return any(tag.key == subtag for tag in area_info(area).subtags)


class Tone(StrEnum):
    """Whether an emotion, or a shift, was mostly hard, mostly good, or both."""

    HARD = "hard"
    GOOD = "good"
    MIXED = "mixed"


@dataclass(frozen=True)
class EmotionInfo:
    """A named emotion and whether it is usually felt as hard or good."""

    key: str
    label: str
    tone: Tone


EMOTIONS: tuple[EmotionInfo, ...] = tuple(
    EmotionInfo(key, key.replace("-", " ").capitalize(), tone)
    for tone, keys in (
        (
            Tone.HARD,
            (
                "sadness",
                "anger",
                "frustration",
                "anxiety",
                "fear",
                "guilt",
                "shame",
                "powerlessness",
                "fear-of-blame",
                "numbness",
                "dread",
                "exhaustion",
                "loneliness",
                "overwhelm",
            ),
        ),
        (
            Tone.GOOD,
            (
                "relief",
                "pride",
                "meaning",
                "gratitude",
                "calm",
                "hope",
                "connection",
                "satisfaction",
                "joy",
            ),
        ),
    )
    for key in keys
)

EMOTION_KEYS: frozenset[str] = frozenset(e.key for e in EMOTIONS)
"""Every emotion key, for validation."""


class ContextRole(StrEnum):
    """Who I was with, by role. Never names."""

    PERSON_SUPPORTED = "person-supported"
    FAMILY = "their-family"
    COLLEAGUE = "colleague"
    MANAGER = "manager"
    OTHER_AGENCY = "other-agency"
    ALONE = "alone"


ROLE_LABELS: dict[ContextRole, str] = {
    ContextRole.PERSON_SUPPORTED: "Person I support",
    ContextRole.FAMILY: "Their family",
    ContextRole.COLLEAGUE: "Colleague",
    ContextRole.MANAGER: "Manager",
    ContextRole.OTHER_AGENCY: "Another agency",
    ContextRole.ALONE: "Alone",
}


class Perspective(StrEnum):
    """Writing in the first or the third person."""

    FIRST = "first"
    THIRD = "third"


class ActionKind(StrEnum):
    """What an action is: something for myself, or something to ask of others."""

    REPAIR = "repair"
    MAINTAIN = "maintain"
    IMPROVE = "improve"
    ASK = "ask"
    """Something for a manager, team or organisation to change."""


class ActionSource(StrEnum):
    """Which area an action came from."""

    PLAN = "plan"
    AUDIT = "audit"
    JOURNAL = "journal"
    THINKING = "thinking"


class ActionStatus(StrEnum):
    """Where an action stands. Letting go is a choice, not a failure."""

    OPEN = "open"
    DONE = "done"
    LET_GO = "let-go"
