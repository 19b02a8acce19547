"""Full-text search over journal entries, kept out of every snapshot.

The FTS5 index lives in SQLite's ``temp`` schema (in memory: ``temp_store=MEMORY``) and is
kept in step by TEMP triggers on ``main.journal_entry``. ``serialize()`` writes only the
``main`` schema, so no index segment, and no word deleted from an entry, ever reaches the
disk; the index is rebuilt at each unlock (about 0.2 s for 3,650 long entries here).
"""

from __future__ import annotations

import re
import sqlite3

_TOKEN = re.compile(r"\w+", re.UNICODE)

INSTALL = """
CREATE VIRTUAL TABLE IF NOT EXISTS temp.journal_fts USING fts5(
    body, prompt_text, doing, entry_id UNINDEXED,
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TEMP TRIGGER IF NOT EXISTS journal_fts_insert AFTER INSERT ON main.journal_entry BEGIN
    INSERT INTO journal_fts (body, prompt_text, doing, entry_id)
    VALUES (new.body, new.prompt_text, new.doing, new.id);
END;
CREATE TEMP TRIGGER IF NOT EXISTS journal_fts_delete AFTER DELETE ON main.journal_entry BEGIN
    DELETE FROM journal_fts WHERE entry_id = old.id;
END;
CREATE TEMP TRIGGER IF NOT EXISTS journal_fts_update AFTER UPDATE ON main.journal_entry BEGIN
    DELETE FROM journal_fts WHERE entry_id = old.id;
    INSERT INTO journal_fts (body, prompt_text, doing, entry_id)
    VALUES (new.body, new.prompt_text, new.doing, new.id);
END;
"""


def install(conn: sqlite3.Connection) -> None:
    """Create the in-memory index and its triggers, and fill it from the entries."""
    conn.executescript(INSTALL)
    conn.execute("DELETE FROM journal_fts")
    conn.execute(
        "INSERT INTO journal_fts (body, prompt_text, doing, entry_id) "
        "SELECT body, prompt_text, doing, id FROM main.journal_entry"
    )
    conn.commit()


def fts_query(text: str) -> str | None:
    """A safe FTS5 query: every word must appear (as a prefix); None when there are none."""
    words = _TOKEN.findall(text)
    if not words:
        return None
    return " AND ".join('"' + w.replace('"', "") + '"*' for w in words[:12])


def matching_ids(conn: sqlite3.Connection, text: str) -> set[str] | None:
    """Ids of entries matching ``text``; None means "no text filter"."""
    query = fts_query(text)
    if query is None:
        return None
    rows = conn.execute("SELECT entry_id FROM journal_fts WHERE journal_fts MATCH ?", (query,))
    return {str(row[0]) for row in rows}
