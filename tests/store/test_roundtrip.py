"""The store keeps what it is given, and nothing readable reaches the disk."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from sqlmodel import select

from selfcare.models import JournalEntry
from selfcare.store.api import open_store
from selfcare.store.errors import NoStore, StoreExists, WrongPassphrase
from selfcare.store.paths import StorePaths
from selfcare.store.session import Session
from support import PASSPHRASE, add_entry, all_bytes_under, make_store
from tests_text import MULTILINE_UNICODE


def bodies(session: Session) -> list[str]:
    with session.orm() as db:
        return sorted(e.body for e in db.exec(select(JournalEntry)))


def test_round_trip_non_ascii(paths: StorePaths, store: tuple[Session, str]) -> None:
    session, _ = store
    add_entry(session, MULTILINE_UNICODE, doing="home visit", with_roles=["colleague"])
    assert session.save()
    session.close()
    again = open_store(paths, PASSPHRASE)
    try:
        assert bodies(again) == [MULTILINE_UNICODE]
        with again.orm() as db:
            entry = db.exec(select(JournalEntry)).one()
        assert entry.with_roles == ["colleague"]
        assert entry.doing == "home visit"
        assert again.generation == 2
    finally:
        again.close()


def test_wrong_passphrase_then_right(paths: StorePaths, store: tuple[Session, str]) -> None:
    session, _ = store
    add_entry(session, "kept")
    session.save()
    session.close()
    with pytest.raises(WrongPassphrase):
        open_store(paths, PASSPHRASE + "x")
    assert not paths.temp_files()
    again = open_store(paths, PASSPHRASE)
    assert bodies(again) == ["kept"]
    again.close()


def test_create_refuses_existing_store(paths: StorePaths, store: tuple[Session, str]) -> None:
    session, _ = store
    with pytest.raises(StoreExists):  # refused before any key derivation
        make_store(paths)
    session.close()
    with pytest.raises(StoreExists):
        make_store(paths)
    paths.backup.write_bytes(b"an older generation")
    paths.vault.unlink()
    with pytest.raises(StoreExists, match="already exists"):
        make_store(paths)


def test_create_after_interrupted_first_save(paths: StorePaths) -> None:
    """Only a temp file left: the first save never finished, so creating again works."""
    paths.ensure_dir()
    leftover = paths.data_dir / "selfcare.vault.tmp-leftover"
    leftover.write_bytes(b"half a first save")
    session, _ = make_store(paths)
    session.close()
    assert not leftover.exists()
    open_store(paths, PASSPHRASE).close()


def test_open_without_store(paths: StorePaths) -> None:
    with pytest.raises(NoStore):
        open_store(paths, PASSPHRASE)
    assert not paths.data_dir.exists(), "a failed open must not create the data directory"


def test_data_dir_is_private(paths: StorePaths, store: tuple[Session, str]) -> None:
    assert (os.stat(paths.data_dir).st_mode & 0o777) == 0o700
    assert (os.stat(paths.vault).st_mode & 0o777) == 0o600
    names = {p.name for p in paths.data_dir.iterdir()}
    assert names == {"selfcare.vault", "selfcare.lock"}


def test_first_save_of_session_makes_backup(paths: StorePaths, store: tuple[Session, str]) -> None:
    session, _ = store
    add_entry(session, "first")
    session.save()
    session.close()
    again = open_store(paths, PASSPHRASE)
    add_entry(again, "second")
    again.save()
    add_entry(again, "third")
    again.save()
    again.close()
    backup = open_store(paths, PASSPHRASE, use_backup=True, writable=False)
    try:
        assert bodies(backup) == ["first"], "the backup is the previous session's last save"
    finally:
        backup.close()


def test_no_plaintext_on_disk(
    paths: StorePaths, store: tuple[Session, str], private_tmpdir: Path
) -> None:
    marker = "MARKER-7f3a-ünïcode-☂"
    session, _ = store
    add_entry(session, f"before {marker} after")
    session.save()
    session.stage_draft("journal:new", "journal", None, {"body": f"draft {marker}"})
    session.write_draft_now()
    assert paths.draft.exists()
    files = all_bytes_under(paths.data_dir, private_tmpdir)
    assert files, "the scan must see the store's files"
    for path, data in files:
        for needle in (marker.encode(), marker.encode("utf-16-le"), b"SQLite format 3"):
            assert needle not in data, f"{needle!r} readable in {path.name}"


def test_size_is_padded(paths: StorePaths, store: tuple[Session, str]) -> None:
    session, _ = store
    session.save(force=True)
    small = paths.vault.stat().st_size
    add_entry(session, "a few words")
    session.save()
    assert paths.vault.stat().st_size == small, "a small change must not change the file size"


def test_deleted_text_not_in_next_snapshot(paths: StorePaths, store: tuple[Session, str]) -> None:
    session, _ = store
    secret = "DELETE-ME-" + "q" * 300
    entry_id = add_entry(session, secret)
    snap = session.take_snapshot()
    assert snap is not None and secret.encode() in snap.body
    with session.orm() as db:
        db.delete(db.get(JournalEntry, entry_id))
        db.commit()
    snap = session.take_snapshot()
    assert snap is not None
    assert b"DELETE-ME-" not in snap.body, "secure_delete must overwrite the freed page"


def test_no_snapshot_inside_transaction(store: tuple[Session, str]) -> None:
    session, _ = store
    session.conn.execute("CREATE TABLE scratch (x TEXT)")
    session.conn.execute("INSERT INTO scratch VALUES ('half')")
    assert session.conn.in_transaction
    assert session.take_snapshot() is None
    session.conn.commit()
    assert session.take_snapshot() is not None


def test_pragmas_set_on_every_open(paths: StorePaths, store: tuple[Session, str]) -> None:
    session, _ = store
    session.close()
    again = open_store(paths, PASSPHRASE, writable=False)
    try:
        assert again.conn.execute("PRAGMA temp_store").fetchone()[0] == 2  # MEMORY
        assert again.conn.execute("PRAGMA secure_delete").fetchone()[0] == 1
    finally:
        again.close()


def test_saved_draft_comes_back_once(paths: StorePaths, store: tuple[Session, str]) -> None:
    session, _ = store
    session.stage_draft("journal:a", "journal", None, {"body": "first draft"})
    session.stage_draft("journal:b", "journal", "entry-id", {"body": "second draft"})
    session.write_draft_now()
    session.close()  # as if killed: no snapshot after the draft
    again = open_store(paths, PASSPHRASE)
    assert again.recovered_drafts == ["journal:a", "journal:b"]
    assert sorted(d.fields["body"] for d in again.drafts("journal")) == [  # type: ignore[type-var]
        "first draft",
        "second draft",
    ]
    again.save()
    assert not paths.draft.exists(), "a snapshot holding the drafts removes the sidecar"
    again.drop_draft("journal:a")
    again.save()
    again.close()
    third = open_store(paths, PASSPHRASE)
    try:
        assert third.recovered_drafts == []
        assert [d.id for d in third.drafts()] == ["journal:b"]
    finally:
        third.close()


def test_draft_newer_than_snapshot_survives_save_race(
    paths: StorePaths, store: tuple[Session, str]
) -> None:
    """Text typed after a snapshot was taken is not lost when that snapshot lands."""
    session, _ = store
    session.stage_draft("journal:a", "journal", None, {"body": "v1"})
    snap = session.take_snapshot()
    assert snap is not None
    session.stage_draft("journal:a", "journal", None, {"body": "v2 typed meanwhile"})
    session.write_draft_now()
    session.saver.write_snapshot(snap)
    session.snapshot_written(snap)
    assert paths.draft.exists(), "the newer draft must stay"
    assert session.dirty
    session.close()
    again = open_store(paths, PASSPHRASE)
    try:
        assert [d.fields["body"] for d in again.drafts()] == ["v2 typed meanwhile"]
    finally:
        again.close()


def test_an_older_snapshot_never_replaces_a_newer_one(
    paths: StorePaths, store: tuple[Session, str]
) -> None:
    """A worker's snapshot that lands after a newer synchronous save is dropped."""
    session, _ = store
    add_entry(session, "in the older snapshot")
    older = session.take_snapshot()
    add_entry(session, "in the newer snapshot")
    assert session.save()
    assert older is not None and older.generation < session.generation
    on_disk = paths.vault.read_bytes()
    session.saver.write_snapshot(older)
    session.snapshot_written(older)
    assert paths.vault.read_bytes() == on_disk
    session.close()
    again = open_store(paths, PASSPHRASE, writable=False)
    try:
        assert bodies(again) == ["in the newer snapshot", "in the older snapshot"]
    finally:
        again.close()


def test_no_write_after_close(paths: StorePaths, store: tuple[Session, str]) -> None:
    """A late worker never seals with the wiped key of a closed session."""
    session, _ = store
    add_entry(session, "saved before closing")
    session.save()
    add_entry(session, "a late snapshot")
    late = session.take_snapshot()
    session.stage_draft("journal:x", "journal", None, {"body": "late draft"})
    seq, sealed = session.sealed_draft()
    on_disk = paths.vault.read_bytes()
    session.close()
    assert late is not None
    session.saver.write_snapshot(late)
    session.saver.write_draft(seq, sealed)
    assert paths.vault.read_bytes() == on_disk
    assert not paths.draft.exists()
    open_store(paths, PASSPHRASE, writable=False).close()
