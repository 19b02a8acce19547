"""Help now: crisis and support contacts, in tiers, with a preset for each nation.

The tiers run from the most urgent to the least: in danger now, urgent but not an
emergency, someone to talk to, about work, and worried about someone else tonight. Numbers
differ between the four UK nations and Ireland; everything else is worded once.

Numbers follow each service's published details as they stood when this was written. They
change rarely, but they do change: review them before each release.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Nation(StrEnum):
    """Where the person works, which decides the numbers shown."""

    ENGLAND = "england"
    WALES = "wales"
    SCOTLAND = "scotland"
    NORTHERN_IRELAND = "northern-ireland"
    IRELAND = "ireland"

    @property
    def label(self) -> str:
        """The nation's name as people read it."""
        return _NATION_LABELS[self]


_NATION_LABELS: dict[Nation, str] = {
    Nation.ENGLAND: "England",
    Nation.WALES: "Wales",
    Nation.SCOTLAND: "Scotland",
    Nation.NORTHERN_IRELAND: "Northern Ireland",
    Nation.IRELAND: "Ireland",
}

DEFAULT_NATION = Nation.ENGLAND
"""The preset used until someone chooses another."""

TIER_KEYS: tuple[str, ...] = ("danger", "urgent", "talk", "work", "someone")
"""The tier keys, in the order `tiers_for` returns them."""

NOT_A_CRISIS_SERVICE = (
    "This app is not a crisis service. You can stop whatever you are doing here at any "
    "time; stopping is always fine."
)
"""Shown with the contacts: what the app is not, and permission to stop."""

OWN_CONTACTS_AFTER_UNLOCK = "Your own saved contacts show in Help now once the app is unlocked."
"""Shown where personal contacts would be while the vault is still locked."""


@dataclass(frozen=True, slots=True)
class Contact:
    """One way to get help.

    Attributes:
        name: Who or what this is, e.g. "Samaritans".
        how: How to reach them, e.g. "Call 116 123".
        note: When or why to use it, in one short line.
    """

    name: str
    how: str
    note: str


@dataclass(frozen=True, slots=True)
class Tier:
    """A group of contacts for one kind of moment.

    Attributes:
        key: Stable identifier, one of `TIER_KEYS`.
        title: The heading people read.
        contacts: The contacts, most fitting first.
    """

    key: str
    title: str
    contacts: tuple[Contact, ...]


_UK = (Nation.ENGLAND, Nation.WALES, Nation.SCOTLAND, Nation.NORTHERN_IRELAND)


def _danger(nation: Nation) -> Tier:
    if nation is Nation.IRELAND:
        contact = Contact(
            "Emergency services",
            "Call 112 or 999",
            "If a life is at risk or someone is hurt. Or go to the nearest emergency department.",
        )
    else:
        contact = Contact(
            "Emergency services",
            "Call 999 or 112",
            "If a life is at risk or someone is hurt. Or go to the nearest A&E.",
        )
    return Tier("danger", "In danger now", (contact,))


def _urgent(nation: Nation) -> Tier:
    gp = Contact(
        "Your GP, or the GP out-of-hours service",
        "Call your surgery; out of hours, its message gives the number",
        "For urgent help that is not an emergency.",
    )
    contacts: tuple[Contact, ...]
    if nation is Nation.ENGLAND:
        contacts = (
            Contact(
                "NHS 111, mental health option",
                "Call 111 and choose option 2",
                "Free, day and night, for you or for someone you are worried about.",
            ),
        )
    elif nation is Nation.WALES:
        contacts = (
            Contact(
                "NHS 111 Wales, mental health option",
                "Call 111 and press 2",
                "Free, day and night, for you or for someone you are worried about.",
            ),
        )
    elif nation is Nation.SCOTLAND:
        contacts = (
            Contact(
                "NHS 24",
                "Call 111 and choose the mental health option",
                "Free, day and night, for you or for someone you are worried about.",
            ),
        )
    elif nation is Nation.NORTHERN_IRELAND:
        contacts = (
            Contact(
                "Lifeline",
                "Call 0808 808 8000",
                "Free crisis support by phone, day and night.",
            ),
            gp,
        )
    else:
        contacts = (gp,)
    return Tier("urgent", "Urgent, but not an emergency", contacts)


def _talk(nation: Nation) -> Tier:
    samaritans = Contact(
        "Samaritans",
        "Call 116 123",
        "Free, day and night, whatever is going on. You don't have to be in crisis.",
    )
    contacts: tuple[Contact, ...]
    if nation is Nation.IRELAND:
        contacts = (
            samaritans,
            Contact("50808 text service", "Text HELLO to 50808", "Free, day and night, by text."),
            Contact(
                "Pieta",
                "Call 1800 247 247",
                "Free, day and night, if you are thinking of suicide or self-harm.",
            ),
        )
    else:
        shout = Contact(
            "Shout",
            "Text SHOUT to 85258",
            "Free, day and night, by text, if talking out loud is too much.",
        )
        contacts = (samaritans, shout)
        if nation is Nation.SCOTLAND:
            contacts += (
                Contact(
                    "Breathing Space",
                    "Call 0800 83 85 87",
                    "Free. Monday to Thursday 6pm to 2am; Friday 6pm to Monday 6am.",
                ),
            )
    return Tier("talk", "Someone to talk to, now", contacts)


def _work(nation: Nation) -> Tier:
    if nation is Nation.ENGLAND:
        speak_up = Contact(
            "Freedom to Speak Up Guardian",
            "Through your organisation's intranet or staff pages",
            "In NHS organisations. Elsewhere, use your employer's speak-up or "
            "whistleblowing route.",
        )
    else:
        speak_up = Contact(
            "Your speak-up route",
            "Your employer's speaking-up or whistleblowing policy",
            "For concerns about safety or about how the work is run.",
        )
    contacts = (
        Contact(
            "Your union rep",
            "Through your union branch or workplace rep",
            "On your side, not your employer's. They can come to meetings with you.",
        ),
        Contact(
            "Occupational health",
            "Through your employer; many services let you refer yourself",
            "Confidential advice on your health and work, including changes that would help.",
        ),
        Contact(
            "Employee assistance programme",
            "The number is usually on your intranet or staff pages",
            "Confidential support, often by phone at any hour.",
        ),
        speak_up,
    )
    return Tier("work", "About work", contacts)


def _someone(nation: Nation) -> Tier:
    emergency = "Call 112 or 999" if nation is Nation.IRELAND else "Call 999"
    contacts = (
        Contact(
            "The duty manager",
            "Through your service's on-call route",
            "Tell them tonight. You don't have to hold this on your own.",
        ),
        Contact(
            "Out-of-hours or emergency duty team",
            "The number your service gives for nights and weekends",
            "For concerns about someone's safety that can't wait until morning.",
        ),
        Contact("Emergency services", emergency, "If someone is in immediate danger."),
    )
    return Tier("someone", "Worried about someone I work with or support, tonight", contacts)


def tiers_for(nation: Nation = DEFAULT_NATION) -> tuple[Tier, ...]:
    """Return the Help now tiers for a nation, most urgent first.

    Args:
        nation: Where the person works.

    Returns:
        The tiers "danger", "urgent", "talk", "work" and "someone", in that order.
    """
    nation = Nation(nation)
    return (_danger(nation), _urgent(nation), _talk(nation), _work(nation), _someone(nation))


def as_text(nation: Nation = DEFAULT_NATION) -> str:
    """Render every tier as plain text, for `selfcare help` on the command line.

    Args:
        nation: Where the person works.

    Returns:
        Plain text ending in a newline: a heading, each tier with its contacts, then the
        notes that this is not a crisis service and where personal contacts appear.
    """
    nation = Nation(nation)
    lines = [f"Help now ({nation.label})", ""]
    for tier in tiers_for(nation):
        lines.append(tier.title)
        for contact in tier.contacts:
            lines.append(f"  {contact.name}: {contact.how}")
            if contact.note:
                lines.append(f"    {contact.note}")
        lines.append("")
    lines.append(NOT_A_CRISIS_SERVICE)
    lines.append(OWN_CONTACTS_AFTER_UNLOCK)
    return "\n".join(lines) + "\n"
