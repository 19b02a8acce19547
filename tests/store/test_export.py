"""The export covers every table, so a table added later cannot be left out silently."""

from __future__ import annotations

from sqlmodel import SQLModel

from selfcare.domain.vocab import ActionKind
from selfcare.models import ActionItem, Flag, JournalEmotion, JournalWorkArea, PersonalContact
from selfcare.store.exchange import EXPORT_VERSION, export_data
from selfcare.store.session import Session
from support import NOW, add_entry


def test_export_walks_every_table(store: tuple[Session, str]) -> None:
    session, _ = store
    entry = add_entry(session, "body")
    with session.orm() as db:
        db.add(JournalEmotion(entry_id=entry, emotion="pride", intensity=7))
        db.add(JournalWorkArea(entry_id=entry, area="demands", subtag="caseload"))
        db.add(
            ActionItem(created=NOW, updated=NOW, text="ask for supervision", kind=ActionKind.ASK)
        )
        db.add(PersonalContact(name="Union rep", how="07700 900123"))
        db.add(Flag(id="journal.confidentiality-seen", value="1"))
        db.commit()
    session.stage_draft("journal:x", "journal", None, {"body": "draft"})
    assert session.take_snapshot() is not None  # flushes the staged draft into its table
    data = export_data(session)
    assert data["version"] == EXPORT_VERSION
    assert set(data["tables"]) == set(SQLModel.metadata.tables)
    for name, table in SQLModel.metadata.tables.items():
        rows = data["tables"][name]
        assert rows, f"table {name} has a row in this test, so the export must hold it"
        assert set(rows[0]) == {c.name for c in table.columns}
