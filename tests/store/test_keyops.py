"""Keys for life: passphrase change, recovery, new codes, sealed copies."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlmodel import select

from selfcare.models import JournalEntry
from selfcare.store.api import open_store
from selfcare.store.copies import backup_to, restore_from
from selfcare.store.errors import AlreadyOpen, WrongPassphrase, WrongRecoveryCode
from selfcare.store.keyops import rekey
from selfcare.store.paths import StorePaths
from selfcare.store.session import Session
from support import PASSPHRASE, add_entry

NEW = "a whole new passphrase ✓"


def bodies(session: Session) -> list[str]:
    with session.orm() as db:
        return sorted(e.body for e in db.exec(select(JournalEntry)))


def two_generations(paths: StorePaths, session: Session) -> None:
    """Leave the store closed with a current file and a backup generation."""
    add_entry(session, "older")
    session.save()
    session.close()
    again = open_store(paths, PASSPHRASE)
    add_entry(again, "newer")
    again.save()
    again.close()


def test_passphrase_change_round_trip(paths: StorePaths, store: tuple[Session, str]) -> None:
    session, code = store
    two_generations(paths, session)
    again = open_store(paths, PASSPHRASE)
    old_dek = bytes(again.dek)
    rekey(again, new_passphrase=NEW, allow_weak=True)
    assert bytes(again.dek) != old_dek, "a passphrase change rotates the data key"
    again.close()
    for use_backup in (False, True):
        with pytest.raises(WrongPassphrase):
            open_store(paths, PASSPHRASE, use_backup=use_backup, writable=False)
        opened = open_store(paths, NEW, use_backup=use_backup, writable=False)
        assert bytes(opened.dek) != old_dek
        expected = ["newer", "older"] if not use_backup else ["older"]
        assert bodies(opened) == expected
        opened.close()
    by_code = open_store(paths, recovery_code=code, writable=False)
    assert bodies(by_code) == ["newer", "older"]
    by_code.close()


def test_recover_sets_new_passphrase(paths: StorePaths, store: tuple[Session, str]) -> None:
    session, code = store
    two_generations(paths, session)
    with pytest.raises(WrongRecoveryCode):
        open_store(paths, recovery_code="0000-0000-0000-0000-0000-0000-0000")
    recovering = open_store(paths, recovery_code=code.lower().replace("-", ""))
    assert rekey(recovering, new_passphrase=NEW, allow_weak=True) is None
    recovering.close()
    opened = open_store(paths, NEW)
    assert bodies(opened) == ["newer", "older"]
    opened.close()
    still = open_store(paths, recovery_code=code, writable=False)
    still.close()


def test_new_code_retires_the_old_one(paths: StorePaths, store: tuple[Session, str]) -> None:
    session, code = store
    two_generations(paths, session)
    opened = open_store(paths, PASSPHRASE)
    fresh = rekey(opened, new_passphrase=None, new_code=True)
    opened.close()
    assert fresh is not None and fresh != code
    for use_backup in (False, True):
        with pytest.raises(WrongRecoveryCode):
            open_store(paths, recovery_code=code, use_backup=use_backup, writable=False)
        open_store(paths, recovery_code=fresh, use_backup=use_backup, writable=False).close()
        open_store(paths, PASSPHRASE, use_backup=use_backup, writable=False).close()


def test_backup_then_restore_on_fresh_machine(
    paths: StorePaths, store: tuple[Session, str], tmp_path: Path
) -> None:
    session, code = store
    add_entry(session, "carried over ✈")
    session.save()
    session.stage_draft("journal:x", "journal", None, {"body": "unsaved, carried too"})
    session.write_draft_now()
    session.close()
    copy = tmp_path / "copy.selfcare"
    backup_to(paths, PASSPHRASE, copy)
    assert copy.stat().st_mode & 0o777 == 0o600
    assert b"carried over" not in copy.read_bytes()
    fresh = StorePaths(tmp_path / "new-laptop")
    restore_from(fresh, copy, PASSPHRASE)
    opened = open_store(fresh, PASSPHRASE)
    assert bodies(opened) == ["carried over ✈"]
    assert [d.fields["body"] for d in opened.drafts()] == ["unsaved, carried too"]
    opened.close()
    open_store(fresh, recovery_code=code, writable=False).close()


def test_restore_keeps_current_as_backup(
    paths: StorePaths, store: tuple[Session, str], tmp_path: Path
) -> None:
    session, _ = store
    add_entry(session, "in the copy")
    session.save()
    session.close()
    copy = tmp_path / "copy.selfcare"
    backup_to(paths, PASSPHRASE, copy)
    later = open_store(paths, PASSPHRASE)
    add_entry(later, "written after the copy")
    later.save()
    later.stage_draft("journal:y", "journal", None, {"body": "draft before restore"})
    later.write_draft_now()
    later.close()
    restore_from(paths, copy, PASSPHRASE)
    current = open_store(paths, PASSPHRASE, writable=False)
    assert bodies(current) == ["in the copy"]
    current.close()
    kept = open_store(paths, PASSPHRASE, use_backup=True, writable=False)
    assert bodies(kept) == ["in the copy", "written after the copy"]
    assert [d.fields["body"] for d in kept.drafts()] == ["draft before restore"]
    kept.close()


def test_restore_refuses_while_open_and_with_wrong_passphrase(
    paths: StorePaths, store: tuple[Session, str], tmp_path: Path
) -> None:
    session, _ = store
    session.save(force=True)
    copy = tmp_path / "copy.selfcare"
    backup_to(paths, PASSPHRASE, copy)
    before = paths.vault.read_bytes()
    with pytest.raises(AlreadyOpen):
        restore_from(paths, copy, PASSPHRASE)
    session.close()
    with pytest.raises(WrongPassphrase):
        restore_from(paths, copy, "not it")
    assert paths.vault.read_bytes() == before
