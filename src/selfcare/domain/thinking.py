"""Thinking patterns, the cue words that can hint at them, and counts over time.

A cue word is only a nudge to look again. Plenty of thoughts with "always" or "never" in
them are accurate, and many painful thoughts about work are true because the work really is
like that. The app offers the question; the person decides.

Cue matching rules, for `cue_spans`:

- Whole words only, case-insensitive (ASCII case folding), so "Never" matches "never" but
  "nevertheless" does not.
- "shouldn't", "mustn't" and "should've" are cues of their own; the "should" inside
  "shouldn't" is never matched by itself. A clitic after a cue is left outside the span:
  in "everyone's" the span covers "everyone". Straight (') and curly (’) apostrophes both
  work.
- Multi-word cues ("no one", "what if") match across any run of spaces or tabs, but not
  across a line break.
- Matches never overlap. Reading left to right, the leftmost cue wins, and at one place
  the longest cue wins ("no one" rather than nothing, "must think" rather than "must").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import NamedTuple


@dataclass(frozen=True, slots=True)
class ThinkingError:
    """A thinking pattern that can make a hard day feel harder.

    Attributes:
        key: Stable identifier, stored as a tag on thought records.
        label: Short name.
        description: What the pattern is, in a sentence.
        question: A question to test a thought against.
    """

    key: str
    label: str
    description: str
    question: str


THINKING_ERRORS: tuple[ThinkingError, ...] = (
    ThinkingError(
        "magnify-minimise",
        "Magnifying and shrinking",
        "Making what went wrong loom large while what went right barely counts.",
        "If your good moments weighed as much as your slips, what would the picture be?",
    ),
    ThinkingError(
        "catastrophising",
        "Catastrophising",
        "Leaping to the worst possible outcome and treating it as likely.",
        "What is the most likely outcome, and what would you do if the worst did happen?",
    ),
    ThinkingError(
        "over-generalising",
        "Over-generalising",
        "Drawing a sweeping conclusion from one event or one piece of evidence.",
        "Is this one event, or truly a pattern? What do you know that doesn't fit it?",
    ),
    ThinkingError(
        "all-or-nothing",
        "All or nothing",
        "Seeing only extremes, with nothing between complete success and complete failure.",
        "On a scale from 0 to 100, where does this really sit?",
    ),
    ThinkingError(
        "demands",
        "Shoulds and musts",
        "Holding fixed rules about how you or the world ought to be, and feeling guilty or "
        "braced for blame when they are broken.",
        "Whose rule is this, and would you hold a colleague to it in the same conditions?",
    ),
    ThinkingError(
        "emotional-reasoning",
        "Emotional reasoning",
        "Taking a strong feeling as proof that something is true.",
        "The feeling is real. Setting it aside for a moment, what does the evidence say?",
    ),
    ThinkingError(
        "magical-thinking",
        "Magical thinking",
        "Believing your actions or your goodness control events they cannot reach.",
        "Could what you did, or who you are, really have caused or prevented this?",
    ),
    ThinkingError(
        "personalisation",
        "Personalisation",
        "Taking the blame for things that were outside your control.",
        "What part of this was in your hands, and what belonged to staffing, time, other "
        "people or the service?",
    ),
    ThinkingError(
        "mind-reading",
        "Mind-reading",
        "Assuming you know what others think of you, without anything they said or did.",
        "What have they actually said or done? What else might they be thinking?",
    ),
    ThinkingError(
        "fortune-telling",
        "Fortune-telling",
        "Treating a bad outcome as already settled before it has happened.",
        "What would have to happen for this to turn out differently?",
    ),
    ThinkingError(
        "control-fallacy",
        "Control fallacy",
        "Feeling either powerless against everything outside you, or responsible for "
        "everyone's feelings and outcomes.",
        "What could you influence here, and what was genuinely out of your reach?",
    ),
    ThinkingError(
        "labelling",
        "Labelling",
        "Turning one mistake or trait into a verdict on a whole person, yourself or another.",
        "What would a fuller, fairer description of this person include?",
    ),
    ThinkingError(
        "just-world",
        "Just-world thinking",
        "Believing people get what they deserve, so any hardship must have been earned.",
        "What circumstances, luck or systems might also explain this?",
    ),
    ThinkingError(
        "heavens-reward",
        "Heaven's reward",
        "Expecting that giving more and more of yourself will one day be noticed and repaid.",
        "What has the extra actually brought you back? What could you ask for now, instead "
        "of waiting?",
    ),
)
"""Every thinking pattern, in the order they are shown."""

THINKING_ERROR_KEYS: tuple[str, ...] = tuple(e.key for e in THINKING_ERRORS)
"""The keys of `THINKING_ERRORS`, in catalogue order."""


def error_by_key(key: str) -> ThinkingError:
    """Return the thinking pattern with the given key.

    Raises:
        KeyError: no pattern has that key.
    """
    for error in THINKING_ERRORS:
        if error.key == key:
            return error
    raise KeyError(key)


@dataclass(frozen=True, slots=True)
class Cue:
    """A word or phrase that can hint at one or more thinking patterns.

    Attributes:
        word: The cue, lower case, words separated by single spaces.
        error_keys: Keys of the patterns it may point to.
    """

    word: str
    error_keys: tuple[str, ...]


_AON = ("all-or-nothing", "over-generalising")


def _cues(error_keys: tuple[str, ...], *words: str) -> tuple[Cue, ...]:
    return tuple(Cue(word, error_keys) for word in words)


CUES: tuple[Cue, ...] = (
    *_cues(_AON, "always", "never", "every time", "everything", "nothing"),
    *_cues(_AON, "everyone", "everybody", "no one", "no-one", "nobody"),
    *_cues(("all-or-nothing",), "totally", "completely"),
    *_cues(("demands",), "should", "shouldn't", "should've", "must", "mustn't"),
    *_cues(("demands",), "ought to", "oughtn't"),
    *_cues(("catastrophising",), "what if", "disaster", "the worst"),
    *_cues(("fortune-telling",), "just know", "bound to", "why bother", "no point"),
    *_cues(("mind-reading",), "they think", "they'll think", "must think", "thinks i'm"),
    *_cues(("personalisation",), "my fault", "because of me", "i let them down"),
    *_cues(("emotional-reasoning",), "i feel like", "feels like"),
    *_cues(("labelling",), "useless", "hopeless", "idiot", "stupid", "loser"),
    *_cues(("labelling",), "incompetent", "i'm a failure", "i am a failure"),
    *_cues(("magnify-minimise",), "only luck", "just luck", "doesn't count", "anyone could"),
    *_cues(("magical-thinking",), "tempting fate", "jinxed", "karma"),
    *_cues(("control-fallacy",), "all on me", "up to me", "what did i do"),
    *_cues(("just-world",), "brought it on", "deserved it", "had it coming"),
    *_cues(("heavens-reward",), "pay off", "be rewarded"),
    *_cues(("heavens-reward", "demands"), "hard enough"),
)
"""Cue words and phrases, each with the patterns it may point to."""

CUE_NOTE = (
    "Highlighted words are only a nudge to look again. Sometimes the thought is accurate, "
    "and what needs to change is the work, not your thinking."
)
"""Shown beside highlighted cue words."""


class CueSpan(NamedTuple):
    """Where a cue occurs in a text.

    Attributes:
        start: Offset of the first character.
        end: Offset just past the last character (`text[start:end]` is the match).
        word: The cue as listed in `CUES` (lower case, straight apostrophe, single spaces).
        error_keys: Keys of the patterns the cue may point to.
    """

    start: int
    end: int
    word: str
    error_keys: tuple[str, ...]


_APOSTROPHES = "['\u2019]"
_GAP = "[ \\t]+"


def _cue_regex(word: str) -> str:
    parts = []
    for token in word.split(" "):
        parts.append(_APOSTROPHES.join(re.escape(piece) for piece in token.split("'")))
    return _GAP.join(parts)


@cache
def _pattern() -> re.Pattern[str]:
    """Compile the cue matcher once, on first use (no work at import time)."""
    order = sorted(range(len(CUES)), key=lambda i: (-len(CUES[i].word), i))
    alternatives = "|".join(f"(?P<c{i}>{_cue_regex(CUES[i].word)})" for i in order)
    before = f"(?<!\\w)(?<!\\w{_APOSTROPHES})"
    after = "(?!\\w)"
    return re.compile(f"{before}(?ai:{alternatives}){after}")


def cue_spans(text: str) -> list[CueSpan]:
    """Find cue words in a text.

    See the module docstring for the matching rules.

    Args:
        text: Any text, e.g. a journal entry or a thought.

    Returns:
        Non-overlapping spans, sorted by start offset.
    """
    spans: list[CueSpan] = []
    for match in _pattern().finditer(text):
        group = match.lastgroup
        assert group is not None
        cue = CUES[int(group[1:])]
        spans.append(CueSpan(match.start(), match.end(), cue.word, cue.error_keys))
    return spans


def count_patterns(tag_lists: Iterable[Iterable[str]]) -> list[tuple[str, int]]:
    """Count how often each thinking pattern was tagged.

    A pattern tagged twice on the same record counts once for that record. Keys that are
    not in the catalogue are left out, and patterns never tagged do not appear.

    Args:
        tag_lists: The thinking-pattern keys of each record.

    Returns:
        (key, count) pairs, most common first; ties keep catalogue order.
    """
    known = set(THINKING_ERROR_KEYS)
    counts: Counter[str] = Counter()
    for tags in tag_lists:
        counts.update(set(tags) & known)
    rank = {key: i for i, key in enumerate(THINKING_ERROR_KEYS)}
    return sorted(counts.items(), key=lambda item: (-item[1], rank[item[0]]))
