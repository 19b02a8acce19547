"""Schema versions and ordered migrations.

A new database gets the latest schema from ``create_all`` and no steps. An older one runs
each newer step in version order (a step changes tables that exist: new columns, data
moves, and checks what is there first), then ``create_all`` adds any new tables.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from sqlalchemy.engine import Engine
from sqlmodel import SQLModel

import selfcare.models  # noqa: F401  (registers every table)
from selfcare.store.errors import NewerFormat

Migration = Callable[[sqlite3.Connection], None]

MIGRATIONS: tuple[tuple[int, Migration], ...] = ()
"""(version, step) pairs in ascending order; version 1 is the first schema."""

SCHEMA_VERSION = max((v for v, _ in MIGRATIONS), default=1)


def current_version(conn: sqlite3.Connection) -> int:
    """The stored schema version (0 for an empty database)."""
    conn.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
    row = conn.execute("SELECT max(version) FROM schema_version").fetchone()
    return int(row[0]) if row and row[0] is not None else 0


def migrate(conn: sqlite3.Connection, engine: Engine) -> int:
    """Bring the database to ``SCHEMA_VERSION``.

    Returns:
        The version it was at before.

    Raises:
        NewerFormat: a newer selfcare made this database.
    """
    before = current_version(conn)
    if before > SCHEMA_VERSION:
        raise NewerFormat("This store was made by a newer version of selfcare; please update.")
    if before > 0:
        # Steps change tables that exist; each checks what is there (a table may be newer
        # than the step). New tables come from create_all afterwards.
        for version, step in MIGRATIONS:
            if before < version:
                step(conn)
    SQLModel.metadata.create_all(engine)
    if before < SCHEMA_VERSION:
        conn.execute("DELETE FROM schema_version")
        conn.execute("INSERT INTO schema_version (version) VALUES (?)", (SCHEMA_VERSION,))
    conn.commit()
    return before
