"""The JSON export (and, later, import): every table, versioned. See docs/export-format.md."""

from __future__ import annotations

import json
import os
import secrets
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlmodel import SQLModel

import selfcare
from selfcare.store import migrations
from selfcare.store.errors import UsageError
from selfcare.store.session import Session
from selfcare.store.vault import cannot_write

EXPORT_FORMAT = "selfcare-export"
EXPORT_VERSION = 1


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def export_data(session: Session) -> dict[str, Any]:
    """Every row of every table in the metadata, as JSON-ready data."""
    tables: dict[str, list[dict[str, Any]]] = {}
    with session.engine.connect() as conn:
        for table in SQLModel.metadata.sorted_tables:
            order = [c for c in table.primary_key.columns]
            rows = conn.execute(table.select().order_by(*order)).mappings().all()
            tables[table.name] = [{k: _plain(v) for k, v in row.items()} for row in rows]
    return {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "app": selfcare.__version__,
        "schema_version": migrations.SCHEMA_VERSION,
        "exported": session.clock().isoformat(),
        "tables": tables,
    }


def write_private(path: Path, data: bytes, *, force: bool) -> None:
    """Write a file atomically with mode 0600; refuse to replace one unless ``force``.

    Raises:
        UsageError: the file exists and ``force`` is false, or the folder is missing.
        CannotWrite: the disk refused.
    """
    if path.exists() and not force:
        raise UsageError("That file already exists; add --force to replace it.")
    if not path.parent.is_dir():
        raise UsageError("The folder for that file does not exist.")
    tmp = path.with_name(f".{path.name}.tmp-{secrets.token_hex(4)}")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if force:
            os.replace(tmp, path)
        else:
            os.link(tmp, path)  # fails if a file appeared meanwhile: never replaced
            os.unlink(tmp)
    except FileExistsError:
        tmp.unlink(missing_ok=True)
        raise UsageError("That file already exists; add --force to replace it.") from None
    except OSError as exc:
        try:
            tmp.unlink()
        except FileNotFoundError:
            pass
        raise cannot_write(exc) from exc


def export_json(session: Session, path: Path, *, force: bool = False) -> int:
    """Write the JSON export; returns the number of rows written."""
    data = export_data(session)
    raw = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True).encode("utf-8")
    write_private(path, raw + b"\n", force=force)
    return sum(len(rows) for rows in data["tables"].values())
