"""The command line's key and copy commands: passwd, recover, backup, restore, import.

Every test runs the real ``python -m selfcare`` in a subprocess against stores made with
fast key derivation. ``passwd`` and ``recover`` calibrate real settings (the fast ones
are below the floor), so those tests take a few seconds each; there are few of them.
"""

from __future__ import annotations

import json
import os
import select
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from selfcare.domain.vocab import ActionKind
from selfcare.models import ActionItem, JournalEmotion, JournalWorkArea
from selfcare.store import keys
from selfcare.store.api import open_store
from selfcare.store.copies import backup_to
from selfcare.store.errors import WrongPassphrase, WrongRecoveryCode
from selfcare.store.exchange import export_data
from selfcare.store.paths import StorePaths
from selfcare.store.session import Session
from support import PASSPHRASE, add_entry, make_store, run_cli
from tests_text import MULTILINE_UNICODE

NEW = "a new passphrase for the new year ✓ 🌱"
OTHER = "someone else's passphrase ✗"

HOLD = r"""
import os, sys
from pathlib import Path
from selfcare.store.api import open_store
from selfcare.store.paths import StorePaths
passphrase = sys.stdin.buffer.readline().decode("utf-8").rstrip("\n")
session = open_store(StorePaths(Path(sys.argv[1])), passphrase)
os.write(1, b"ready\n")
while os.read(0, 1):
    pass
session.close()
"""
"""A child that holds the store open for writing until its stdin closes."""


# --- helpers ---------------------------------------------------------------------------


def fails(
    done: subprocess.CompletedProcess[str], code: int, *secrets: str, stdout: str = ""
) -> str:
    """Assert an error exit: the code, one sentence on stderr, no traceback, no secret."""
    assert done.returncode == code, (done.returncode, done.stderr)
    assert "Traceback" not in done.stderr + done.stdout
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("selfcare: ") and len(lines[0]) > len("selfcare: ") + 10
    assert done.stdout == stdout
    for secret in (PASSPHRASE, NEW, OTHER, *secrets):
        assert secret not in done.stderr + done.stdout, "a secret was printed"
    return lines[0]


def ok(done: subprocess.CompletedProcess[str], *secrets: str) -> None:
    """Assert success, and that no passphrase (nor the given secrets) was printed."""
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    for secret in (PASSPHRASE, NEW, OTHER, *secrets):
        assert secret not in done.stderr + done.stdout, "a secret was printed"


def files(paths: StorePaths) -> dict[str, bytes]:
    """Every file of the data directory with its bytes."""
    return {p.name: p.read_bytes() for p in sorted(paths.data_dir.iterdir())}


def bodies(session: Session) -> list[str]:
    return sorted(row[0] for row in session.conn.execute("SELECT body FROM journal_entry"))


def read_bodies(paths: StorePaths, passphrase: str | None = None, **kw: Any) -> list[str]:
    session = open_store(paths, passphrase, writable=False, **kw)
    try:
        return bodies(session)
    finally:
        session.close()


def two_generations(paths: StorePaths) -> str:
    """A closed store: current ["newer", "older"], backup ["older"]; returns the code."""
    session, code = make_store(paths)
    add_entry(session, "older")
    session.save()
    session.close()
    session = open_store(paths, PASSPHRASE)
    add_entry(session, "newer")
    session.save()
    session.close()
    return code


def rich_store(paths: StorePaths) -> str:
    """A closed store with a row in many tables and an unsaved draft in the sidecar."""
    session, code = make_store(paths)
    entry = add_entry(session, MULTILINE_UNICODE, doing="handover", with_roles=["colleague"])
    add_entry(session, "a second, shorter entry")
    with session.orm() as db:
        db.add(JournalEmotion(entry_id=entry, emotion="guilt", intensity=6))
        db.add(JournalWorkArea(entry_id=entry, area="demands", subtag="caseload"))
        when = datetime(2026, 6, 1, 8, 0, tzinfo=UTC)
        db.add(
            ActionItem(created=when, updated=when, text="ask for supervision", kind=ActionKind.ASK)
        )
        db.commit()
    session.save()
    session.stage_draft("journal:new", "journal", None, {"body": "typed, never saved ✍"})
    session.write_draft_now()
    session.close()
    return code


def export_tables(
    paths: StorePaths, tmp_path: Path, name: str, data_dir: Path | None = None
) -> dict[str, list[dict[str, Any]]]:
    """``selfcare export`` through the command line; returns the tables."""
    out = tmp_path / name
    args = ["export", "--out", str(out), "--passphrase-stdin"]
    if data_dir is not None:
        args = ["--data-dir", str(data_dir), *args]
    done = run_cli(args, paths, tmp_path, stdin=PASSPHRASE + "\n")
    ok(done)
    tables: dict[str, list[dict[str, Any]]] = json.loads(out.read_text("utf-8"))["tables"]
    return tables


# --- passwd ----------------------------------------------------------------------------


def test_passwd_changes_the_passphrase_and_the_code_still_works(
    paths: StorePaths, tmp_path: Path
) -> None:
    code = two_generations(paths)
    done = run_cli(["passwd", "--passphrase-stdin"], paths, tmp_path, f"{PASSPHRASE}\n{NEW}\n")
    ok(done, code)
    assert done.stdout == ""
    assert "passphrase is changed" in done.stderr

    checked = run_cli(["check", "--passphrase-stdin"], paths, tmp_path, stdin=NEW + "\n")
    ok(checked)
    assert "current file: readable" in checked.stdout
    assert "backup generation: readable" in checked.stdout, "the backup was re-sealed too"
    old = run_cli(["check", "--passphrase-stdin"], paths, tmp_path, stdin=PASSPHRASE + "\n")
    assert "passphrase did not open" in fails(old, 2)

    assert read_bodies(paths, recovery_code=code) == ["newer", "older"]
    assert read_bodies(paths, recovery_code=code, use_backup=True) == ["older"]
    assert paths.temp_files() == []


def test_passwd_refusals_change_nothing(paths: StorePaths, tmp_path: Path) -> None:
    two_generations(paths)
    before = files(paths)

    one_line = run_cli(["passwd", "--passphrase-stdin"], paths, tmp_path, PASSPHRASE + "\n")
    assert "line 2" in fails(one_line, 1)
    assert files(paths) == before

    wrong = run_cli(["passwd", "--passphrase-stdin"], paths, tmp_path, f"not it\n{NEW}\n")
    assert "passphrase did not open" in fails(wrong, 2)
    assert files(paths) == before
    assert read_bodies(paths, PASSPHRASE) == ["newer", "older"]


# --- recover ---------------------------------------------------------------------------


def test_recover_with_the_code_then_issue_a_new_code(paths: StorePaths, tmp_path: Path) -> None:
    code = two_generations(paths)
    before = files(paths)
    args = ["recover", "--passphrase-stdin"]

    other_code = keys.new_recovery_code()  # well formed, but another store's
    wrong = run_cli(args, paths, tmp_path, f"{other_code}\n{NEW}\n")
    sentence = fails(wrong, 2, code, other_code)
    assert "recovery code did not open" in sentence
    assert "passphrase did not open" not in sentence
    assert files(paths) == before

    typed = code.lower().replace("-", "")
    done = run_cli(args, paths, tmp_path, f"{typed}\n{NEW}\n")
    ok(done, code, typed)
    assert done.stdout == "", "no new code was asked for, so none is printed"
    assert "recovery code still works" in done.stderr
    with pytest.raises(WrongPassphrase):
        open_store(paths, PASSPHRASE, writable=False)
    assert read_bodies(paths, NEW) == ["newer", "older"]
    assert read_bodies(paths, recovery_code=code, use_backup=True) == ["older"]

    done = run_cli([*args, "--new-code"], paths, tmp_path, f"{code}\n{PASSPHRASE}\n")
    assert done.returncode == 0, done.stderr
    fresh = done.stdout.strip()
    assert done.stdout == fresh + "\n"
    groups = fresh.split("-")
    assert len(groups) == 7 and all(len(g) == 4 for g in groups), fresh
    assert fresh != code
    assert code not in done.stdout + done.stderr

    old_code = run_cli(args, paths, tmp_path, f"{code}\n{NEW}\n")
    assert "recovery code did not open" in fails(old_code, 2, code, fresh)
    for use_backup in (False, True):
        with pytest.raises(WrongRecoveryCode):
            open_store(paths, recovery_code=code, use_backup=use_backup, writable=False)
    assert read_bodies(paths, recovery_code=fresh) == ["newer", "older"]
    assert read_bodies(paths, recovery_code=fresh, use_backup=True) == ["older"]


# --- backup and restore ----------------------------------------------------------------


def test_backup_then_restore_into_a_fresh_data_dir(paths: StorePaths, tmp_path: Path) -> None:
    code = rich_store(paths)
    before = files(paths)
    copy = tmp_path / "copy.selfcare"
    ok(run_cli(["backup", "--out", str(copy), "--passphrase-stdin"], paths, tmp_path, PASSPHRASE))
    assert files(paths) == before, "backup is read-only"
    assert copy.stat().st_mode & 0o777 == 0o600
    assert b"never saved" not in copy.read_bytes()

    laptop = tmp_path / "new-laptop"
    restored = run_cli(
        ["--data-dir", str(laptop), "restore", str(copy), "--passphrase-stdin"],
        paths,
        tmp_path,
        PASSPHRASE + "\n",
    )
    ok(restored)
    assert "Restored" in restored.stderr

    original = export_tables(paths, tmp_path, "original.json")
    again = export_tables(paths, tmp_path, "restored.json", data_dir=laptop)
    assert again == original
    assert [d["fields"]["body"] for d in again["draft_text"]] == ["typed, never saved ✍"]
    assert len(again["journal_entry"]) == 2 and again["action_item"]
    assert read_bodies(StorePaths(laptop), recovery_code=code) == sorted(
        [MULTILINE_UNICODE, "a second, shorter entry"]
    )


def test_backup_refuses_to_overwrite_before_asking(paths: StorePaths, tmp_path: Path) -> None:
    make_store(paths)[0].close()
    out = tmp_path / "copy.selfcare"
    out.write_bytes(b"keep me")
    args = ["backup", "--out", str(out), "--passphrase-stdin"]
    refused = run_cli(args, paths, tmp_path, stdin=b"")  # nothing to read: it must not ask
    sentence = fails(refused, 1)
    assert "already exists" in sentence and "--force" in sentence
    assert out.read_bytes() == b"keep me"

    forced = run_cli([*args, "--force"], paths, tmp_path, PASSPHRASE + "\n")
    ok(forced)
    assert out.read_bytes().startswith(b"SELFCARE")


def wait_ready(proc: subprocess.Popen[bytes], timeout: float = 60) -> None:
    assert proc.stdout is not None
    ready, _, _ = select.select([proc.stdout], [], [], timeout)
    assert ready, "the holding child never got the store open"
    line = proc.stdout.readline()
    assert line == b"ready\n", proc.stderr.read().decode() if proc.stderr else line


def test_restore_refusals_leave_the_store_unchanged(paths: StorePaths, tmp_path: Path) -> None:
    two_generations(paths)
    copy = tmp_path / "copy.selfcare"
    backup_to(paths, PASSPHRASE, copy)
    before = files(paths)
    args = ["restore", str(copy), "--passphrase-stdin"]

    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(paths.data_dir)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        assert holder.stdin is not None
        holder.stdin.write(PASSPHRASE.encode("utf-8") + b"\n")
        holder.stdin.flush()
        wait_ready(holder)
        held = run_cli(args, paths, tmp_path, PASSPHRASE + "\n")
        assert "already open" in fails(held, 4)
        assert files(paths) == before
    finally:
        holder.communicate(timeout=30)  # closes its stdin: it closes the store and ends
    assert holder.returncode == 0

    damaged = tmp_path / "damaged.selfcare"
    data = bytearray(copy.read_bytes())
    data[len(data) // 2] ^= 0x40
    damaged.write_bytes(bytes(data))
    broken = run_cli(["restore", str(damaged), "--passphrase-stdin"], paths, tmp_path, PASSPHRASE)
    assert "damaged" in fails(broken, 3)
    assert files(paths) == before

    other = StorePaths(tmp_path / "other")
    session, _ = make_store(other, OTHER)
    add_entry(session, "someone else's entry")
    session.save()
    session.close()
    foreign = tmp_path / "foreign.selfcare"
    backup_to(other, OTHER, foreign)
    wrong = run_cli(["restore", str(foreign), "--passphrase-stdin"], paths, tmp_path, PASSPHRASE)
    assert "did not open" in fails(wrong, 2)
    assert files(paths) == before
    assert read_bodies(paths, PASSPHRASE) == ["newer", "older"]


# --- import ----------------------------------------------------------------------------


def test_import_an_export_into_a_fresh_store_then_again(paths: StorePaths, tmp_path: Path) -> None:
    rich_store(paths)
    exported = tmp_path / "export.json"
    ok(
        run_cli(
            ["export", "--out", str(exported), "--passphrase-stdin"], paths, tmp_path, PASSPHRASE
        )
    )
    source = json.loads(exported.read_text("utf-8"))["tables"]

    fresh = StorePaths(tmp_path / "fresh")
    make_store(fresh)[0].close()
    args = ["--data-dir", str(fresh.data_dir), "import", str(exported), "--passphrase-stdin"]
    first = run_cli(args, paths, tmp_path, PASSPHRASE + "\n")
    ok(first)
    rows = sum(len(v) for v in source.values())
    assert f"Imported {rows} new rows" in first.stderr
    assert export_tables(paths, tmp_path, "again.json", data_dir=fresh.data_dir) == source

    before = files(fresh)
    second = run_cli(args, paths, tmp_path, PASSPHRASE + "\n")
    ok(second)
    assert "Imported 0 new rows" in second.stderr
    assert files(fresh) == before, "importing the same file again changed the store"


def test_import_refusals_leave_the_store_unchanged(paths: StorePaths, tmp_path: Path) -> None:
    session, _ = make_store(paths)
    add_entry(session, "already here")
    session.save()
    base = export_data(session)
    session.close()
    before = files(paths)
    cases: list[tuple[str, bytes, int, str]] = []
    cases.append(("malformed", b'{"format": "selfcare-export", "version": 1,', 1, "not valid JSON"))
    newer = {**base, "version": 2}
    cases.append(("newer", json.dumps(newer).encode(), 6, "newer version"))
    hostile = json.loads(json.dumps(base))
    hostile["tables"]["journal_entry"][0]["body"] = "x" * 3_000_000
    cases.append(("huge string", json.dumps(hostile).encode(), 1, "journal_entry.body"))

    for name, raw, code, words in cases:
        path = tmp_path / f"{name}.json"
        path.write_bytes(raw)
        done = run_cli(["import", str(path), "--passphrase-stdin"], paths, tmp_path, PASSPHRASE)
        sentence = fails(done, code, "x" * 50)
        assert words in sentence, (name, sentence)
        assert files(paths) == before, name
    assert read_bodies(paths, PASSPHRASE) == ["already here"]
    assert os.listdir(tmp_path / "tmp") == [], "nothing spilled into TMPDIR"
