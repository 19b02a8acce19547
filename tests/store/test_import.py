"""Import merges an export by id; malformed or hostile files change nothing."""

from __future__ import annotations

import json
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from selfcare.models import ActionItem, JournalEmotion, JournalEntry, JournalWorkArea
from selfcare.store.errors import NewerFormat, UsageError
from selfcare.store.exchange import export_data
from selfcare.store.importer import import_rows, parse_export
from selfcare.store.paths import StorePaths
from selfcare.store.session import Session
from support import NOW, add_entry, make_store

text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=400)
long_text = st.text(max_size=20).map(lambda s: s * 300)

entry_strategy = st.fixed_dictionaries(
    {
        "body": st.one_of(text, long_text, st.just("")),
        "doing": text,
        "prompt_text": text,
        "with_roles": st.lists(st.sampled_from(["colleague", "manager", "alone"]), max_size=3),
        "mood_before": st.one_of(st.none(), st.integers(0, 10)),
        "tone": st.one_of(st.none(), st.sampled_from(["hard", "good", "mixed"])),
        "minutes": st.sampled_from([3, 5, 10, 15, 20]),
        "offset": st.integers(0, 10_000),
        "emotions": st.lists(
            st.tuples(st.sampled_from(["guilt", "pride"]), st.integers(0, 10)), max_size=3
        ),
        "areas": st.lists(st.sampled_from(["demands", "support", "role"]), max_size=3),
        "action": st.one_of(st.none(), text),
    }
)


def fill(session: Session, entries: list[dict[str, Any]]) -> None:
    with session.orm() as db:
        for spec in entries:
            when = NOW - timedelta(minutes=spec["offset"])
            entry = JournalEntry(
                created=when,
                updated=when,
                body=spec["body"],
                doing=spec["doing"],
                prompt_text=spec["prompt_text"],
                with_roles=spec["with_roles"],
                mood_before=spec["mood_before"],
                tone=spec["tone"],
                minutes=spec["minutes"],
            )
            db.add(entry)
            db.flush()
            for emotion, level in spec["emotions"]:
                db.add(JournalEmotion(entry_id=entry.id, emotion=emotion, intensity=level))
            for area in spec["areas"]:
                db.add(JournalWorkArea(entry_id=entry.id, area=area))
            if spec["action"] is not None:
                db.add(
                    ActionItem(created=when, updated=when, text=spec["action"], source_id=entry.id)
                )
        db.commit()


def encoded(data: dict[str, Any]) -> bytes:
    return json.dumps(data, ensure_ascii=False).encode("utf-8")


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(entry_strategy, max_size=6))
def test_export_import_export_is_identical(entries: list[dict[str, Any]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        source, _ = make_store(StorePaths(Path(tmp) / "a"))
        target, _ = make_store(StorePaths(Path(tmp) / "b"))
        try:
            fill(source, entries)
            first = export_data(source)
            import_rows(target, parse_export(encoded(first)))
            second = export_data(target)
            assert second["tables"] == first["tables"]
            again = import_rows(target, parse_export(encoded(first)))
            assert sum(again.values()) == 0, "importing the same file twice adds nothing"
            assert export_data(target)["tables"] == first["tables"]
        finally:
            source.close()
            target.close()


def exported(session: Session) -> dict[str, Any]:
    add_entry(session, "a real entry")
    return export_data(session)


def hostile_cases(base: dict[str, Any]) -> list[tuple[str, Any]]:
    entry = base["tables"]["journal_entry"][0]

    def with_entry(**change: Any) -> dict[str, Any]:
        doc = json.loads(json.dumps(base))
        doc["tables"]["journal_entry"] = [{**entry, **change}]
        return doc

    return [
        ("not json", b"{nope"),
        ("not an object", [1, 2]),
        ("wrong format", {**base, "format": "something-else"}),
        ("no version", {k: v for k, v in base.items() if k != "version"}),
        ("tables not a mapping", {**base, "tables": []}),
        ("unknown table", {**base, "tables": {"evil": []}}),
        ("rows not a list", {**base, "tables": {"journal_entry": {}}}),
        ("int as text", with_entry(minutes="five")),
        ("bool as int", with_entry(minutes=True)),
        ("huge int", with_entry(minutes=10**30)),
        ("text as number", with_entry(body=5)),
        ("huge string", with_entry(body="x" * 3_000_000)),
        ("naive datetime", with_entry(created="2026-01-01T10:00:00")),
        ("bad datetime", with_entry(created="yesterday")),
        ("missing required", with_entry(created=None)),
        ("unknown column", with_entry(evil="1")),
        ("json column wrong", with_entry(with_roles="colleague")),
        (
            "dangling link",
            {
                **base,
                "tables": {
                    "journal_emotion": [
                        {"id": "e" * 32, "entry_id": "f" * 32, "emotion": "guilt", "intensity": 3}
                    ]
                },
            },
        ),
        ("deep nesting", b"[" * 100_000 + b"]" * 100_000),
        (
            "date as number",
            {
                **base,
                "tables": {
                    "action_item": [
                        {
                            "id": "a" * 32,
                            "created": NOW.isoformat(),
                            "updated": NOW.isoformat(),
                            "text": "x",
                            "due": 20260610,
                        }
                    ]
                },
            },
        ),
    ]


@pytest.mark.parametrize("index", range(20))
def test_hostile_import_is_refused_and_changes_nothing(
    store: tuple[Session, str], tmp_path: Path, index: int
) -> None:
    session, _ = store
    base = exported(session)
    target, _ = make_store(StorePaths(tmp_path / "target"))
    try:
        add_entry(target, "already here")
        before = export_data(target)["tables"]
        name, doc = hostile_cases(base)[index]
        raw = doc if isinstance(doc, bytes) else encoded(doc)
        with pytest.raises(UsageError) as caught:
            import_rows(target, parse_export(raw))
        assert caught.value.exit_code == 1, name
        assert "x" * 50 not in str(caught.value)
        assert export_data(target)["tables"] == before, name
    finally:
        target.close()


def test_newer_export_is_refused(store: tuple[Session, str]) -> None:
    session, _ = store
    base = exported(session)
    for change in ({"version": 2}, {"schema_version": 99}):
        with pytest.raises(NewerFormat) as caught:
            parse_export(encoded({**base, **change}))
        assert caught.value.exit_code == 6


def test_merge_keeps_local_rows_and_adds_new(store: tuple[Session, str], tmp_path: Path) -> None:
    session, _ = store
    base = exported(session)
    target, _ = make_store(StorePaths(tmp_path / "target"))
    try:
        add_entry(target, "local only")
        added = import_rows(target, parse_export(encoded(base)))
        assert added["journal_entry"] == 1
        bodies = sorted(r["body"] for r in export_data(target)["tables"]["journal_entry"])
        assert bodies == ["a real entry", "local only"]
    finally:
        target.close()


def test_exported_times_keep_their_offset(store: tuple[Session, str]) -> None:
    session, _ = store
    with session.orm() as db:
        when = datetime(2026, 6, 1, 8, 0, tzinfo=UTC)
        db.add(JournalEntry(created=when, updated=when, body="x"))
        db.commit()
    row = export_data(session)["tables"]["journal_entry"][0]
    assert datetime.fromisoformat(row["created"]) == datetime(2026, 6, 1, 8, 0, tzinfo=UTC)
