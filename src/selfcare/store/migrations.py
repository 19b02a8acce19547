"""Schema versions and ordered migrations.

New tables are created by ``create_all`` (it only adds what is missing); a migration
changes tables that already exist (new columns, data moves), in version order.
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
    SQLModel.metadata.create_all(engine)
    for version, step in MIGRATIONS:
        if before < version:
            step(conn)
    if before < SCHEMA_VERSION:
        conn.execute("DELETE FROM schema_version")
        conn.execute("INSERT INTO schema_version (version) VALUES (?)", (SCHEMA_VERSION,))
    conn.commit()
    return before
