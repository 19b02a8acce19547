"""Import the JSON of ``export``: merges rows by id, so importing twice adds nothing.

Every value is checked against its column before anything is written; a malformed or
hostile file is refused whole, with a sentence that names a table and column (never a
value), and the store is left unchanged.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import JSON, Column, Date, Integer, Table
from sqlalchemy.exc import IntegrityError
from sqlmodel import SQLModel
from sqlmodel.sql.sqltypes import AutoString, UTCDateTime

from selfcare.store import migrations
from selfcare.store.errors import NewerFormat, UsageError
from selfcare.store.exchange import EXPORT_FORMAT, EXPORT_VERSION
from selfcare.store.session import Session

MAX_FILE_BYTES = 512 * 1024 * 1024
MAX_TEXT = 2_000_000
"""Longest text value accepted (characters); a long journal entry is far shorter."""
MAX_JSON_TEXT = 200_000


class Refused(UsageError):
    """The import file is malformed or hostile (exit 1)."""


def _refuse(table: str, column: str, why: str) -> Refused:
    return Refused(f"The import file was refused: {table}.{column} {why}; nothing was imported.")


def _value(table: Table, column: Column[Any], raw: Any) -> Any:
    name, kind = table.name, column.type
    if raw is None:
        if not column.nullable:
            raise _refuse(name, column.name, "is empty but must have a value")
        return None
    if isinstance(kind, AutoString):
        if not isinstance(raw, str):
            raise _refuse(name, column.name, "is not text")
        if len(raw) > MAX_TEXT:
            raise _refuse(name, column.name, "is longer than selfcare accepts")
        return raw
    if isinstance(kind, Integer):
        if type(raw) is not int or not -(2**62) < raw < 2**62:
            raise _refuse(name, column.name, "is not a whole number in range")
        return raw
    if isinstance(kind, UTCDateTime):
        try:
            value = datetime.fromisoformat(raw) if isinstance(raw, str) else None
        except ValueError:
            value = None
        if value is None or value.tzinfo is None:
            raise _refuse(name, column.name, "is not a date and time with an offset")
        return value
    if isinstance(kind, Date):
        if not isinstance(raw, str) or len(raw) != 10:
            raise _refuse(name, column.name, "is not a date")
        try:
            return date.fromisoformat(raw)
        except ValueError:
            raise _refuse(name, column.name, "is not a date") from None
    if isinstance(kind, JSON):
        if not isinstance(raw, list | dict):
            raise _refuse(name, column.name, "is not a list or a mapping")
        if len(json.dumps(raw, ensure_ascii=False)) > MAX_TEXT + MAX_JSON_TEXT:
            raise _refuse(name, column.name, "is larger than selfcare accepts")
        return raw
    raise _refuse(name, column.name, "has a type selfcare cannot import")  # pragma: no cover


def _rows(table: Table, raw_rows: Any) -> list[dict[str, Any]]:
    if not isinstance(raw_rows, list):
        raise _refuse(table.name, "*", "is not a list of rows")
    names = {c.name for c in table.columns}
    rows = []
    for raw in raw_rows:
        if not isinstance(raw, dict):
            raise _refuse(table.name, "*", "has a row that is not a mapping")
        unknown = set(raw) - names
        if unknown:
            raise _refuse(table.name, sorted(unknown)[0], "is not a column selfcare knows")
        rows.append({c.name: _value(table, c, raw.get(c.name)) for c in table.columns})
    return rows


def parse_export(data: bytes) -> dict[str, list[dict[str, Any]]]:
    """Check a whole export and return its rows by table, values converted.

    Raises:
        Refused: malformed or hostile content.
        NewerFormat: made by a newer selfcare.
    """
    if len(data) > MAX_FILE_BYTES:
        raise Refused("The import file is larger than selfcare accepts; nothing was imported.")
    try:
        doc = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise Refused("The import file is not valid JSON; nothing was imported.") from None
    if not isinstance(doc, dict) or doc.get("format") != EXPORT_FORMAT:
        raise Refused("That file is not a selfcare export; nothing was imported.")
    version, schema = doc.get("version"), doc.get("schema_version")
    if type(version) is not int or type(schema) is not int:
        raise Refused("The import file has no valid version; nothing was imported.")
    if version > EXPORT_VERSION or schema > migrations.SCHEMA_VERSION:
        raise NewerFormat("That export was made by a newer version of selfcare; please update.")
    tables = doc.get("tables")
    if not isinstance(tables, dict):
        raise Refused("The import file has no tables; nothing was imported.")
    known = SQLModel.metadata.tables
    for name in tables:
        if name not in known:
            raise _refuse(str(name)[:40], "*", "is not a table selfcare knows")
    return {t.name: _rows(t, tables.get(t.name, [])) for t in SQLModel.metadata.sorted_tables}


def import_rows(session: Session, rows: dict[str, list[dict[str, Any]]]) -> dict[str, int]:
    """Insert rows whose id is new, in one transaction; returns how many per table.

    Raises:
        Refused: a row points at a row that is in neither the file nor the store.
    """
    added: dict[str, int] = {}
    try:
        with session.engine.begin() as conn:
            for table in SQLModel.metadata.sorted_tables:
                key = next(iter(table.primary_key.columns))
                existing = {r[0] for r in conn.execute(table.select().with_only_columns(key))}
                new: dict[Any, dict[str, Any]] = {}
                for row in rows.get(table.name, []):
                    if row[key.name] not in existing:
                        new.setdefault(row[key.name], row)
                if new:
                    conn.execute(table.insert(), list(new.values()))
                added[table.name] = len(new)
    except IntegrityError:
        raise Refused(
            "The import file refers to rows it does not contain; nothing was imported."
        ) from None
    return added


def parse_export_file(path: Path) -> dict[str, list[dict[str, Any]]]:
    """Read and check an export file (before any passphrase is asked)."""
    try:
        data = path.read_bytes()
    except OSError:
        raise Refused("The import file could not be read; nothing was imported.") from None
    return parse_export(data)


def import_json(session: Session, path: Path) -> dict[str, int]:
    """Read, check and merge an export file into an open, writable session."""
    return import_rows(session, parse_export_file(path))
