"""Wellness Action Plan sections."""

from __future__ import annotations

import dataclasses

import pytest

from selfcare.domain.wap import WAP_INTRO, WAP_SECTIONS, section_by_key


def test_sections_have_unique_keys_and_text() -> None:
    keys = [s.key for s in WAP_SECTIONS]
    assert len(set(keys)) == len(keys)
    assert len(WAP_SECTIONS) >= 8
    for section in WAP_SECTIONS:
        assert section.title and section.hint
        assert "?" in section.question


def test_sections_follow_the_plan_structure() -> None:
    keys = [s.key for s in WAP_SECTIONS]
    for needed in (
        "stay-well",
        "pressures",
        "early-signs",
        "my-steps",
        "if-noticed",
        "manager-support",
        "review",
    ):
        assert needed in keys
    assert keys[0] == "stay-well"
    assert keys[-1] == "review"
    assert keys.index("early-signs") < keys.index("if-noticed")


def test_section_by_key() -> None:
    assert section_by_key("early-signs").title == "My early warning signs"
    with pytest.raises(KeyError):
        section_by_key("nope")


def test_frozen_and_intro() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        WAP_SECTIONS[0].title = "x"  # type: ignore[misc]
    assert "yours" in WAP_INTRO
