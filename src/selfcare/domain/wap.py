"""Wellness Action Plan: the sections of a personal plan for staying well at work.

A Wellness Action Plan is for anyone, with or without a mental health problem. It names what
keeps you well at work, what wears you down, the signs that things are slipping, and what
would help, from you and from your manager. It belongs to the person who writes it: sharing
it is a choice, and it can open a conversation about what the work needs to change.
"""

from __future__ import annotations

from dataclasses import dataclass

WAP_INTRO = (
    "This plan is yours. Fill in as much or as little as you like, and share it only if and "
    "when you choose. It is a starting point for a conversation, not a contract."
)
"""Shown above the plan."""


@dataclass(frozen=True, slots=True)
class WapSection:
    """One section of the plan.

    Attributes:
        key: Stable identifier, stored with the section's text.
        title: Short heading.
        question: The question that helps someone fill it in.
        hint: A few examples, shown as placeholder text.
    """

    key: str
    title: str
    question: str
    hint: str


WAP_SECTIONS: tuple[WapSection, ...] = (
    WapSection(
        "stay-well",
        "What helps me stay well at work",
        "What keeps you well at work? Think of conditions, people, routines and ways of coping.",
        "A proper break, a manageable caseload, a colleague to debrief with, a walk at lunch.",
    ),
    WapSection(
        "pressures",
        "What makes work harder for me",
        "Which situations at work tend to push your stress up?",
        "Back-to-back visits, cancelled supervision, late changes to the rota, a new system.",
    ),
    WapSection(
        "early-signs",
        "My early warning signs",
        "What changes might you, or people around you, notice when work is getting too much?",
        "Sleeping badly, going quiet in meetings, emailing late at night, snapping at people.",
    ),
    WapSection(
        "effect-on-work",
        "How it can show in my work",
        "When things are hard, how can it show up in your work, if at all?",
        "Taking longer over notes, putting off calls, finding it hard to concentrate.",
    ),
    WapSection(
        "my-steps",
        "What I can do when I notice the signs",
        "What steps can you take yourself when you spot those signs?",
        "Talk to someone I trust, take my full break, ask for a catch-up with my manager.",
    ),
    WapSection(
        "if-noticed",
        "If my manager notices the signs",
        "If your manager notices those signs, what would you like them to do, and what would "
        "you rather they didn't?",
        "Ask me privately how I am; don't raise it in front of the team.",
    ),
    WapSection(
        "manager-support",
        "Support I would like from my manager",
        "What could your manager do, or keep doing, that helps you work well?",
        "Regular supervision that goes ahead, clear priorities, notice of changes.",
    ),
    WapSection(
        "changes",
        "Changes to my work that would help",
        "Are there changes to workload, hours, place or ways of working that would help? "
        "These are things to ask for.",
        "A protected admin afternoon, fewer late shifts in a row, a quiet space to write notes.",
    ),
    WapSection(
        "anything-else",
        "Anything else",
        "Is there anything else you would like your manager or team to know?",
        "What has helped in the past, or what I would like to try.",
    ),
    WapSection(
        "review",
        "Looking at this again",
        "When would you like to look at this plan again, and with whom?",
        "In three months, or sooner if my role changes; with my manager at supervision.",
    ),
)
"""Every section, in the order they are shown."""


def section_by_key(key: str) -> WapSection:
    """Return the plan section with the given key.

    Raises:
        KeyError: no section has that key.
    """
    for section in WAP_SECTIONS:
        if section.key == key:
            return section
    raise KeyError(key)
