"""Thinking patterns, cue words and pattern counts."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from selfcare.domain.thinking import (
    CUES,
    THINKING_ERROR_KEYS,
    THINKING_ERRORS,
    CueSpan,
    count_patterns,
    cue_spans,
    error_by_key,
)


def _words(text: str) -> list[str]:
    return [span.word for span in cue_spans(text)]


def _normalise(matched: str) -> str:
    return " ".join(matched.lower().replace("\u2019", "'").split())


def test_catalogue_covers_box_5_11() -> None:
    keys = set(THINKING_ERROR_KEYS)
    for key in (
        "magnify-minimise",
        "catastrophising",
        "over-generalising",
        "all-or-nothing",
        "demands",
        "emotional-reasoning",
        "magical-thinking",
        "personalisation",
        "mind-reading",
        "fortune-telling",
        "control-fallacy",
        "labelling",
        "just-world",
        "heavens-reward",
    ):
        assert key in keys
    assert len(keys) == len(THINKING_ERRORS)
    for error in THINKING_ERRORS:
        assert error.label and error.description and error.question.endswith("?")
    assert error_by_key("demands").label == "Shoulds and musts"
    with pytest.raises(KeyError):
        error_by_key("nope")


def test_cues_are_normalised_and_point_at_known_patterns() -> None:
    words = [cue.word for cue in CUES]
    assert len(set(words)) == len(words)
    for cue in CUES:
        assert cue.word == _normalise(cue.word)
        assert cue.error_keys
        assert set(cue.error_keys) <= set(THINKING_ERROR_KEYS)
    for needed in ("should", "always", "never", "must", "everything", "totally", "no one"):
        assert needed in words
    covered = {key for cue in CUES for key in cue.error_keys}
    assert covered == set(THINKING_ERROR_KEYS)


def test_simple_sentence() -> None:
    text = "I should have stayed. I always get this wrong."
    assert cue_spans(text) == [
        CueSpan(2, 8, "should", ("demands",)),
        CueSpan(24, 30, "always", ("all-or-nothing", "over-generalising")),
    ]


def test_case_insensitive() -> None:
    spans = cue_spans("NEVER again. Never. never")
    assert [(s.start, s.end) for s in spans] == [(0, 5), (13, 18), (20, 25)]
    assert {s.word for s in spans} == {"never"}


def test_whole_words_only() -> None:
    assert cue_spans("Nevertheless the mustard was shoulder-high, alwaysy") == []
    assert _words("overmust, must-do, (always)") == ["must", "always"]
    assert _words("café always") == ["always"]
    assert _words("éalways") == []


def test_contractions() -> None:
    text = "I shouldn’t have and mustn't forget. I should've known. Shoulda."
    assert _words(text) == ["shouldn't", "mustn't", "should've"]
    span = cue_spans(text)[0]
    assert text[span.start : span.end] == "shouldn’t"
    # A clitic after a cue stays outside the span.
    spans = cue_spans("Everyone's tired and no one's listening.")
    assert [s.word for s in spans] == ["everyone", "no one"]
    assert spans[0].end == len("Everyone")


def test_multi_word_cues() -> None:
    assert _words("What if it was my fault?") == ["what if", "my fault"]
    assert _words("no  one\tcame; No-one rang") == ["no one", "no-one"]
    assert _words("no\none") == []
    assert _words("It is all on me, and they'll think I'm useless") == [
        "all on me",
        "they'll think",
        "useless",
    ]


def test_longest_cue_wins_at_one_place() -> None:
    spans = cue_spans("They must think I'm slow")
    assert [s.word for s in spans] == ["must think"]
    assert spans[0].error_keys == ("mind-reading",)


def test_empty_and_plain_text() -> None:
    assert cue_spans("") == []
    assert cue_spans("A long shift, and a cup of tea after.") == []


_CUE_WORDS = [cue.word for cue in CUES]
_pieces = st.one_of(
    st.sampled_from(_CUE_WORDS).map(lambda w: w.upper() if len(w) % 2 else w.title()),
    st.sampled_from([" ", "  ", "\t", "\n", ".", ",", "'", "\u2019", "-", "x", "é", "ſ", "K"]),
    st.text(max_size=6),
)


@settings(deadline=None, max_examples=300)
@given(st.lists(_pieces, max_size=20).map("".join))
def test_cue_spans_properties(text: str) -> None:
    spans = cue_spans(text)
    previous_end = 0
    cue_keys = {cue.word: cue.error_keys for cue in CUES}
    for span in spans:
        assert 0 <= span.start < span.end <= len(text)
        assert span.start >= previous_end
        previous_end = span.end
        assert _normalise(text[span.start : span.end]) == span.word
        assert cue_keys[span.word] == span.error_keys
        before = text[span.start - 1] if span.start else " "
        after = text[span.end] if span.end < len(text) else " "
        assert not before.isalnum() and before != "_"
        assert not after.isalnum() and after != "_"
    assert spans == sorted(spans)


@settings(deadline=None, max_examples=100)
@given(st.sampled_from(_CUE_WORDS), st.sampled_from(["", "I think ", "(", "- "]))
def test_each_cue_is_found_on_its_own(word: str, prefix: str) -> None:
    text = f"{prefix}{word}."
    spans = cue_spans(text)
    assert len(spans) == 1
    assert spans[0].word == word
    assert spans[0].start == len(prefix)


def test_count_patterns_orders_by_count_then_catalogue() -> None:
    result = count_patterns(
        [
            ["personalisation", "demands"],
            ["demands", "demands"],
            ["catastrophising"],
            ["personalisation", "not-a-pattern"],
            [],
        ]
    )
    assert result == [("demands", 2), ("personalisation", 2), ("catastrophising", 1)]
    assert THINKING_ERROR_KEYS.index("demands") < THINKING_ERROR_KEYS.index("personalisation")


def test_count_patterns_ties_follow_catalogue_not_input() -> None:
    reversed_keys = list(reversed(THINKING_ERROR_KEYS))
    result = count_patterns([reversed_keys])
    assert [key for key, _ in result] == list(THINKING_ERROR_KEYS)
    assert all(count == 1 for _, count in result)


def test_count_patterns_accepts_generators_and_empty() -> None:
    assert count_patterns([]) == []
    assert count_patterns(iter([iter(["labelling"]), ("labelling",)])) == [("labelling", 2)]
