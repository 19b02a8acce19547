"""End-of-shift writing prompts, and the short texts that sit around the writing area.

Each prompt comes in two forms: the first person ("you") and the third person ("the
worker", "they"). Writing about yourself from a little distance can make a hard shift
easier to look at. Themes cover hard and good moments, meaning, self-compassion, moral
distress and naming what the system asked of the person.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Theme(StrEnum):
    """What a prompt is about."""

    HARD = "hard"
    GOOD = "good"
    MEANING = "meaning"
    COMPASSION = "compassion"
    MORAL_DISTRESS = "moral-distress"
    SYSTEM = "system"
    NOTICING = "noticing"


@dataclass(frozen=True, slots=True)
class Prompt:
    """One writing prompt.

    Attributes:
        key: Stable identifier, stored with each entry.
        theme: What the prompt is about.
        first: The prompt addressed to the writer ("you").
        third: The same prompt about "the worker" ("they"), for writing at a distance.
    """

    key: str
    theme: Theme
    first: str
    third: str

    def text(self, perspective: str = "first") -> str:
        """Return the prompt in the given perspective.

        Args:
            perspective: "first" or "third" (a `Perspective` value works too).

        Returns:
            The wording for that perspective.

        Raises:
            ValueError: the perspective is neither "first" nor "third".
        """
        if perspective == "first":
            return self.first
        if perspective == "third":
            return self.third
        raise ValueError(f"unknown perspective: {perspective!r}")


PROMPTS: tuple[Prompt, ...] = (
    Prompt(
        "hardest-moment",
        Theme.HARD,
        "What was the hardest moment of this shift, and what did you feel as it happened?",
        "What was the hardest moment of the worker's shift, and what did they feel as it happened?",
    ),
    Prompt(
        "still-with-me",
        Theme.HARD,
        "Which part of today is still with you now? Write what happened and what it stirred up.",
        "Which part of today is still with the worker now? Write what happened and what it "
        "stirred up in them.",
    ),
    Prompt(
        "out-of-depth",
        Theme.HARD,
        "Was there a moment today when you felt unsure, afraid or out of your depth? "
        "Describe it as plainly as you can.",
        "Was there a moment today when the worker felt unsure, afraid or out of their depth? "
        "Describe it as plainly as possible.",
    ),
    Prompt(
        "got-in-the-way",
        Theme.HARD,
        "What got in your way today? Write about the frustration, and where it came from.",
        "What got in the worker's way today? Write about their frustration, and where it "
        "came from.",
    ),
    Prompt(
        "went-well",
        Theme.GOOD,
        "What went well for you today, even for a moment? Stay with it for a few lines.",
        "What went well for the worker today, even for a moment? Stay with it for a few lines.",
    ),
    Prompt(
        "done-properly",
        Theme.GOOD,
        "When today did you feel you did something properly? What made that possible?",
        "When today did the worker feel they did something properly? What made that possible?",
    ),
    Prompt(
        "quietly-proud",
        Theme.GOOD,
        "What did you do today that you would admire if a colleague had done it?",
        "What did the worker do today that they would admire if a colleague had done it?",
    ),
    Prompt(
        "why-i-do-this",
        Theme.MEANING,
        "Was there a moment today that reminded you why you do this work?",
        "Was there a moment today that reminded the worker why they do this work?",
    ),
    Prompt(
        "made-a-difference",
        Theme.MEANING,
        "Who did you make a difference to today, even a small one, and how could you tell?",
        "Who did the worker make a difference to today, even a small one, and how could they tell?",
    ),
    Prompt(
        "letter-from-a-colleague",
        Theme.COMPASSION,
        "Write to yourself as you would to a colleague after this shift. What do you want "
        "them to hear?",
        "Write to the worker as you would to a colleague after this shift. What do they need "
        "to hear?",
    ),
    Prompt(
        "kinder-voice",
        Theme.COMPASSION,
        "Where were you hard on yourself today? How would a friend who knows the job describe "
        "the same moment?",
        "Where was the worker hard on themselves today? How would a friend who knows the job "
        "describe the same moment?",
    ),
    Prompt(
        "with-what-i-had",
        Theme.COMPASSION,
        "What did you manage today, given the time, staff and help you actually had?",
        "What did the worker manage today, given the time, staff and help they actually had?",
    ),
    Prompt(
        "not-what-was-right",
        Theme.MORAL_DISTRESS,
        "When today could you not do what you believed was right, and what stopped you?",
        "When today could the worker not do what they believed was right, and what stopped them?",
    ),
    Prompt(
        "with-what-was-needed",
        Theme.MORAL_DISTRESS,
        "Did anything today sit uneasily with your values? What would you have done with the "
        "time and resources it needed?",
        "Did anything today sit uneasily with the worker's values? What would they have done "
        "with the time and resources it needed?",
    ),
    Prompt(
        "not-resourced",
        Theme.SYSTEM,
        "What did today ask of you that the service did not resource?",
        "What did today ask of the worker that the service did not resource?",
    ),
    Prompt(
        "where-pressure-came-from",
        Theme.SYSTEM,
        "Which of today's pressures came from how the work is organised, not from you? Name "
        "them plainly.",
        "Which of today's pressures came from how the work is organised, not from the worker? "
        "Name them plainly.",
    ),
    Prompt(
        "one-moment-closely",
        Theme.NOTICING,
        "Pick one moment from today. What were you doing, who was there (by role), and what "
        "did you feel?",
        "Pick one moment from the worker's day. What were they doing, who was there (by role), "
        "and what did they feel?",
    ),
    Prompt(
        "leave-and-take",
        Theme.NOTICING,
        "What would you like to leave at work tonight, and what would you like to take home?",
        "What would the worker like to leave at work tonight, and what would they like to "
        "take home?",
    ),
)
"""Every prompt, in the order they are offered."""


def prompt_by_key(key: str) -> Prompt:
    """Return the prompt with the given key.

    Args:
        key: A prompt key.

    Returns:
        The matching prompt.

    Raises:
        KeyError: no prompt has that key.
    """
    for prompt in PROMPTS:
        if prompt.key == key:
            return prompt
    raise KeyError(key)


def next_prompt(key: str | None) -> Prompt:
    """Return the prompt after the given one, going back to the first after the last.

    Args:
        key: The key of the prompt shown now, or None for the first prompt.

    Returns:
        The next prompt in `PROMPTS`.

    Raises:
        KeyError: the key names no prompt.
    """
    if key is None:
        return PROMPTS[0]
    index = PROMPTS.index(prompt_by_key(key))
    return PROMPTS[(index + 1) % len(PROMPTS)]


CAUTION = (
    "Writing about hard things helps many people, but not everyone, and not at every time. "
    "Plenty of people in this work bring their own experience of mental health difficulties. "
    "If you are going through something serious right now, this may not be the moment for "
    "deep writing, and that is fine. You can stop at any point; Help now is one key away."
)
"""A gentle caution shown above the writing area (an inline banner, never a dialog)."""

CLOSING_LINE = (
    "If tonight is more than you can hold, Help now is one key away. You can stop here; "
    "your words are saved."
)
"""The same quiet line at the end of every entry."""

CONFIDENTIALITY_NOTE = (
    "Refer to the people you support by role or initial, not by name. This is not a case "
    "record: safeguarding concerns go to the duty manager and into the proper record."
)
"""A reminder about the people in the writing."""

MOOD_DIP_NOTE = (
    "Feeling lower straight after writing is common, and it usually passes. Go gently for a while."
)
"""Shown after writing, or when mood after is lower than mood before."""


@dataclass(frozen=True, slots=True)
class HardIncidentText:
    """The texts for writing straight after a hard incident.

    Attributes:
        title: The heading.
        intro: Why deep writing can wait.
        name_it: The prompt for one line that names what happened.
        tell: Who to tell at work, one line each.
        record: What to record at work, one line each.
        later: The offer to write at length another time.
    """

    title: str
    intro: str
    name_it: str
    tell: tuple[str, ...]
    record: tuple[str, ...]
    later: str


HARD_INCIDENT = HardIncidentText(
    title="After a hard incident",
    intro=(
        "After a death, an assault, a restraint or anything like it, writing in depth straight "
        "away is not advised: it can keep the moment raw. Tonight, one line is enough."
    ),
    name_it="In one line, name what happened. No detail needed.",
    tell=(
        "Tell the person in charge of the shift or the duty manager, before you leave if you can.",
        "Ask for a debrief or a check-in; it is reasonable to expect one.",
        "If you were hurt, get it seen to, even if it seems minor.",
        "Your union rep can support you through whatever follows.",
    ),
    record=(
        "Complete your service's incident report: facts, times, and who was there by role.",
        "If someone is at risk, follow your safeguarding procedure and record it in the proper "
        "place, not here.",
    ),
    later=(
        "In a few days or weeks, when you feel ready, you can come back and write about it "
        "at length. Nothing here has to happen tonight."
    ),
)
"""What the app shows when someone chooses "after a hard incident"."""
