"""Writing prompts and the texts around the writing area."""

from __future__ import annotations

import re

import pytest

from selfcare.domain.prompts import (
    CAUTION,
    CLOSING_LINE,
    CONFIDENTIALITY_NOTE,
    HARD_INCIDENT,
    MOOD_DIP_NOTE,
    PROMPTS,
    Prompt,
    Theme,
    next_prompt,
    prompt_by_key,
)


def test_at_least_fifteen_prompts_with_unique_keys() -> None:
    assert len(PROMPTS) >= 15
    keys = [p.key for p in PROMPTS]
    assert len(set(keys)) == len(keys)
    for key in keys:
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", key), key


@pytest.mark.parametrize("prompt", PROMPTS, ids=lambda p: p.key)
def test_each_prompt_has_distinct_first_and_third_forms(prompt: Prompt) -> None:
    assert prompt.first.strip() and prompt.third.strip()
    assert prompt.first != prompt.third
    assert re.search(r"\byou(r)?\b", prompt.first)
    assert not re.search(r"\byou(r)?\b", prompt.third.replace("Write to the worker as you", ""))
    assert re.search(r"\b(the worker|they|them|their|themselves)\b", prompt.third)
    assert prompt.text("first") == prompt.first
    assert prompt.text("third") == prompt.third


def test_text_rejects_unknown_perspective() -> None:
    with pytest.raises(ValueError):
        PROMPTS[0].text("second")


def test_every_theme_is_used_and_required_ones_present() -> None:
    used = {p.theme for p in PROMPTS}
    assert used == set(Theme)
    firsts = " ".join(p.first for p in PROMPTS)
    assert "colleague" in firsts
    assert "what stopped you" in firsts
    assert "did not resource" in firsts


def test_prompt_by_key() -> None:
    assert prompt_by_key("not-resourced").theme is Theme.SYSTEM
    with pytest.raises(KeyError):
        prompt_by_key("no-such-prompt")


def test_next_prompt_cycles_through_all() -> None:
    assert next_prompt(None) == PROMPTS[0]
    assert next_prompt(PROMPTS[0].key) == PROMPTS[1]
    assert next_prompt(PROMPTS[-1].key) == PROMPTS[0]
    seen = []
    key = PROMPTS[0].key
    for _ in PROMPTS:
        prompt = next_prompt(key)
        seen.append(prompt.key)
        key = prompt.key
    assert sorted(seen) == sorted(p.key for p in PROMPTS)
    with pytest.raises(KeyError):
        next_prompt("no-such-prompt")


def test_fixed_texts_say_what_they_must() -> None:
    assert "Help now" in CAUTION and "stop" in CAUTION
    assert "Help now is one key away" in CLOSING_LINE
    assert "saved" in CLOSING_LINE and "stop" in CLOSING_LINE
    assert "role or initial" in CONFIDENTIALITY_NOTE
    assert "not a case record" in CONFIDENTIALITY_NOTE
    assert "duty manager" in CONFIDENTIALITY_NOTE
    assert "passes" in MOOD_DIP_NOTE


def test_hard_incident_texts() -> None:
    intro = HARD_INCIDENT.intro.lower()
    for word in ("death", "assault", "restraint", "not advised"):
        assert word in intro
    assert "one line" in HARD_INCIDENT.name_it.lower()
    assert HARD_INCIDENT.tell and HARD_INCIDENT.record
    assert any("duty manager" in line for line in HARD_INCIDENT.tell)
    assert any("incident report" in line for line in HARD_INCIDENT.record)
    assert "later" in HARD_INCIDENT.later.lower() or "weeks" in HARD_INCIDENT.later


def test_no_guilt_or_streak_words() -> None:
    texts = [p.first for p in PROMPTS] + [p.third for p in PROMPTS]
    texts += [CAUTION, CLOSING_LINE, CONFIDENTIALITY_NOTE, MOOD_DIP_NOTE, HARD_INCIDENT.intro]
    for text in texts:
        lowered = text.lower()
        for word in ("streak", "should", "must", "failed", "diagnos"):
            assert word not in lowered, (word, text)
