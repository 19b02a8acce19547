"""Help now contacts: tiers, nation presets and the plain-text rendering."""

from __future__ import annotations

import dataclasses

import pytest

from selfcare.domain.contacts import (
    DEFAULT_NATION,
    NOT_A_CRISIS_SERVICE,
    OWN_CONTACTS_AFTER_UNLOCK,
    TIER_KEYS,
    Nation,
    Tier,
    as_text,
    tiers_for,
)


def _tier(nation: Nation, key: str) -> Tier:
    return {tier.key: tier for tier in tiers_for(nation)}[key]


def _blob(tier: Tier) -> str:
    return " ".join(f"{c.name} {c.how} {c.note}" for c in tier.contacts)


def test_nation_values_and_default() -> None:
    assert [n.value for n in Nation] == [
        "england",
        "wales",
        "scotland",
        "northern-ireland",
        "ireland",
    ]
    assert DEFAULT_NATION is Nation.ENGLAND
    assert Nation("northern-ireland").label == "Northern Ireland"
    assert tiers_for() == tiers_for(Nation.ENGLAND)


@pytest.mark.parametrize("nation", list(Nation))
def test_tiers_in_order_and_never_empty(nation: Nation) -> None:
    tiers = tiers_for(nation)
    assert tuple(t.key for t in tiers) == TIER_KEYS
    assert TIER_KEYS == ("danger", "urgent", "talk", "work", "someone")
    for tier in tiers:
        assert tier.title
        assert tier.contacts
        for contact in tier.contacts:
            assert contact.name and contact.how and contact.note


@pytest.mark.parametrize("nation", list(Nation))
def test_samaritans_everywhere(nation: Nation) -> None:
    talk = _blob(_tier(nation, "talk"))
    assert "Samaritans" in talk
    assert "116 123" in talk


@pytest.mark.parametrize("nation", [n for n in Nation if n is not Nation.IRELAND])
def test_uk_nations_have_999_112_and_shout(nation: Nation) -> None:
    danger = _blob(_tier(nation, "danger"))
    assert "999" in danger and "112" in danger
    assert "85258" in _blob(_tier(nation, "talk"))
    assert "999" in _blob(_tier(nation, "someone"))


def test_england_and_wales_use_111_option_2() -> None:
    for nation in (Nation.ENGLAND, Nation.WALES):
        urgent = _blob(_tier(nation, "urgent"))
        assert "111" in urgent
        assert "2" in _tier(nation, "urgent").contacts[0].how
    assert "Wales" in _blob(_tier(Nation.WALES, "urgent"))


def test_scotland_has_nhs_24_and_breathing_space() -> None:
    assert "NHS 24" in _blob(_tier(Nation.SCOTLAND, "urgent"))
    talk = _blob(_tier(Nation.SCOTLAND, "talk"))
    assert "Breathing Space" in talk
    assert "0800 83 85 87" in talk
    assert "Breathing Space" not in as_text(Nation.ENGLAND)


def test_northern_ireland_has_lifeline_not_111() -> None:
    urgent = _blob(_tier(Nation.NORTHERN_IRELAND, "urgent"))
    assert "Lifeline" in urgent
    assert "0808 808 8000" in urgent
    assert "111" not in urgent


def test_ireland_preset() -> None:
    text = as_text(Nation.IRELAND)
    assert "NHS" not in text
    assert "111" not in text
    assert "85258" not in text
    talk = _blob(_tier(Nation.IRELAND, "talk"))
    assert "50808" in talk
    assert "Pieta" in talk and "1800 247 247" in talk
    assert "112" in _tier(Nation.IRELAND, "danger").contacts[0].how.split(" or ")[0]
    assert "GP" in _blob(_tier(Nation.IRELAND, "urgent"))


def test_speak_up_guardian_only_named_in_england() -> None:
    assert "Freedom to Speak Up Guardian" in _blob(_tier(Nation.ENGLAND, "work"))
    for nation in (Nation.WALES, Nation.SCOTLAND, Nation.NORTHERN_IRELAND, Nation.IRELAND):
        work = _blob(_tier(nation, "work"))
        assert "Freedom to Speak Up" not in work
        assert "speak-up" in work.lower()


@pytest.mark.parametrize("nation", list(Nation))
def test_work_and_someone_tiers_are_generic(nation: Nation) -> None:
    work = _blob(_tier(nation, "work")).lower()
    for needle in ("union", "occupational health", "employee assistance"):
        assert needle in work
    assert not any(ch.isdigit() for ch in work)
    someone = _blob(_tier(nation, "someone")).lower()
    assert "duty manager" in someone
    assert "out-of-hours" in someone or "emergency duty" in someone


def test_catalogue_is_frozen() -> None:
    tier = tiers_for()[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        tier.key = "x"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        tier.contacts[0].how = "x"  # type: ignore[misc]


@pytest.mark.parametrize("nation", list(Nation))
def test_as_text_lists_every_tier_and_contact(nation: Nation) -> None:
    text = as_text(nation)
    assert text.startswith(f"Help now ({nation.label})")
    assert text.endswith("\n")
    for tier in tiers_for(nation):
        assert tier.title in text
        for contact in tier.contacts:
            assert contact.how in text
    assert NOT_A_CRISIS_SERVICE in text
    assert OWN_CONTACTS_AFTER_UNLOCK in text
    assert text.index("In danger now") < text.index("Someone to talk to")


def test_nation_from_string_value() -> None:
    assert as_text(Nation("scotland")) == as_text(Nation.SCOTLAND)
    with pytest.raises(ValueError):
        Nation("atlantis")
