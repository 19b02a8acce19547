"""The monthly self-care check-in: catalogue, area averages and month series."""

from __future__ import annotations

import pytest

from selfcare.domain.audit import (
    DOMAINS,
    ITEMS,
    REFLECTION_NOTE,
    SCALE_LABELS,
    SCALE_MAX,
    SCALE_MIN,
    SCALE_QUESTION,
    domain_scores,
    item_by_key,
    items_in,
    month_series,
)

DOMAIN_KEYS = [d.key for d in DOMAINS]


def test_scale() -> None:
    assert (SCALE_MIN, SCALE_MAX) == (0, 4)
    assert [label.lower() for label in SCALE_LABELS] == [
        "never",
        "rarely",
        "sometimes",
        "often",
        "always",
    ]
    assert "past month" in SCALE_QUESTION
    assert "not a clinical measure" in REFLECTION_NOTE


def test_catalogue_shape() -> None:
    assert DOMAIN_KEYS == ["body", "mind", "feelings", "people", "work", "meaning"]
    keys = [item.key for item in ITEMS]
    assert len(set(keys)) == len(keys)
    for domain in DOMAINS:
        assert domain.title and domain.description
        assert len(items_in(domain.key)) >= 4
    assert {item.domain for item in ITEMS} == set(DOMAIN_KEYS)
    # Items are grouped by domain, in domain order.
    order = [DOMAIN_KEYS.index(item.domain) for item in ITEMS]
    assert order == sorted(order)
    for item in ITEMS:
        assert item.text.endswith(".") and len(item.text) <= 100


def test_work_domain_covers_boundaries_and_supervision() -> None:
    work = " ".join(item.text.lower() for item in items_in("work"))
    assert "supervision" in work
    assert "said no" in work
    assert "break" in work


def test_lookups() -> None:
    assert item_by_key("body-sleep").domain == "body"
    with pytest.raises(KeyError):
        item_by_key("body-nope")
    assert items_in("nope") == ()


def test_domain_scores_means_and_none() -> None:
    scores = {"body-sleep": 1, "body-food": 4, "mind-quiet": 3, "unknown-item": 2}
    result = domain_scores(scores)
    assert list(result) == DOMAIN_KEYS
    assert result["body"] == pytest.approx(2.5)
    assert result["mind"] == pytest.approx(3.0)
    assert result["feelings"] is None
    assert result["work"] is None


def test_domain_scores_zero_is_an_answer() -> None:
    result = domain_scores({"work-breaks": 0})
    assert result["work"] == 0.0
    assert domain_scores({}) == dict.fromkeys(DOMAIN_KEYS)


def test_domain_scores_full_marks() -> None:
    result = domain_scores({item.key: SCALE_MAX for item in ITEMS})
    assert all(value == float(SCALE_MAX) for value in result.values())


@pytest.mark.parametrize("value", [-1, 5, True])
def test_domain_scores_rejects_out_of_range(value: int) -> None:
    with pytest.raises(ValueError):
        domain_scores({"body-sleep": value})


def test_out_of_range_on_unknown_item_is_ignored() -> None:
    assert domain_scores({"retired-item": 99})["body"] is None


def test_month_series_sorted_per_domain() -> None:
    series = month_series(
        [
            ("2025-03", {"body-sleep": 4}),
            ("2024-12", {"body-sleep": 0, "body-food": 2, "mind-quiet": 3}),
            ("2025-01", {}),
        ]
    )
    assert list(series) == DOMAIN_KEYS
    assert series["body"] == [("2024-12", 1.0), ("2025-01", None), ("2025-03", 4.0)]
    assert series["mind"] == [("2024-12", 3.0), ("2025-01", None), ("2025-03", None)]
    for points in series.values():
        assert [month for month, _ in points] == ["2024-12", "2025-01", "2025-03"]


def test_month_series_empty() -> None:
    assert month_series([]) == {key: [] for key in DOMAIN_KEYS}


def test_month_series_merges_a_repeated_month_later_wins() -> None:
    series = month_series(
        [("2025-02", {"body-sleep": 0, "body-food": 4}), ("2025-02", {"body-sleep": 2})]
    )
    assert series["body"] == [("2025-02", 3.0)]


@pytest.mark.parametrize("month", ["2025-13", "2025-00", "2025-1", "25-01", "2025-01-01", ""])
def test_month_series_rejects_bad_months(month: str) -> None:
    with pytest.raises(ValueError):
        month_series([(month, {})])
