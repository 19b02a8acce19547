"""Keys for life: change the passphrase, recover, issue a new recovery code, settle backups.

The app and the command line both call these; nothing here asks or prints.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from selfcare.store import keys, vault
from selfcare.store.access import new_header, open_bytes, slot_of
from selfcare.store.drafts import open_draft
from selfcare.store.errors import CannotWrite, Damaged, UsageError, WrongPassphrase
from selfcare.store.session import Session

REKEY_PHASES = ("current-written", "backup-written", "current-replaced", "backup-replaced")


def _params_for_writing(header: dict[str, Any], allow_weak: bool) -> keys.KdfParams:
    params = keys.KdfParams.from_json(header.get("kdf"))
    if allow_weak or keys.meets_floor(params):
        return params
    return keys.calibrate()


def _recipient(header: dict[str, Any]) -> bytes:
    return keys.unb64(slot_of(header, "recovery").get("recipient"))


def _reseal_backup(
    session: Session, old_deks: list[bytearray], header: dict[str, Any], dek: bytearray
) -> bytes | None:
    """The backup generation sealed under the new key, or None when there is none to keep."""
    try:
        data = vault.read_file(session.paths.backup)
    except FileNotFoundError:
        return None
    try:
        parsed = vault.parse(data)
    except Damaged:
        return None
    for old in old_deks:
        try:
            body = vault.open_body(parsed, old)
        except Damaged:
            continue
        return vault.seal(header, dek, body)
    return None


@dataclass
class Rekey:
    """New keys for an open store, prepared off the app's thread."""

    header: dict[str, Any]
    dek: bytearray
    code: str | None


def prepare_rekey(
    header: dict[str, Any],
    dek: bytearray,
    *,
    new_passphrase: str | None,
    new_code: bool = False,
    params: keys.KdfParams | None = None,
    allow_weak: bool = False,
) -> Rekey:
    """Derive the new keys (slow with a new passphrase: run it in a worker). No disk, no SQL.

    With ``new_passphrase``: a new data key, salt and passphrase slot; the recovery
    recipient is kept (or replaced when ``new_code``). With only ``new_code``: the same
    data key and passphrase slot, a new recovery recipient.
    """
    code = keys.new_recovery_code() if new_code else None
    recipient = keys.recovery_public_key(code) if code else _recipient(header)
    if new_passphrase is not None:
        if not new_passphrase:
            raise UsageError("The passphrase cannot be empty.")
        new_dek = keys.new_data_key()
        chosen = params or _params_for_writing(header, allow_weak)
        new_header_ = new_header(new_passphrase, new_dek, recipient, chosen, allow_weak=allow_weak)
        new_header_["id"] = header.get("id", new_header_["id"])
        return Rekey(header=new_header_, dek=new_dek, code=code)
    same = bytearray(dek)
    slots = [
        slot if slot.get("type") != "recovery" else keys.recovery_slot(recipient, same)
        for slot in header["keyslots"]
    ]
    return Rekey(header={**header, "keyslots": slots}, dek=same, code=code)


def apply_rekey(session: Session, new: Rekey) -> None:
    """Re-seal the current file and the backup generation under the new keys (app thread).

    Raises:
        CannotWrite: the disk refused; the old files stand and the session is unchanged.
    """
    if not session.writable:
        raise UsageError("The store is open read-only.")
    old_dek = session.dek
    snap = session.take_snapshot(extra_meta={"rekey": {"old_dek": keys.b64(old_dek)}})
    if snap is None:
        raise CannotWrite("The store is busy; please try again in a moment.")
    current = vault.seal(new.header, new.dek, snap.body)
    backup = _reseal_backup(session, [old_dek], new.header, new.dek)
    try:
        session.saver.write_rekeyed(
            current, backup, new.header, new.dek, snap.draft_seq, snap.generation
        )
    except BaseException:
        session.snapshot_failed()
        raise
    session.snapshot_written(snap)
    session.header, session.dek = new.header, new.dek
    keys.wipe(old_dek)


def rekey(
    session: Session,
    *,
    new_passphrase: str | None,
    new_code: bool = False,
    params: keys.KdfParams | None = None,
    allow_weak: bool = False,
) -> str | None:
    """Prepare and apply new keys in one call (the command line).

    Returns:
        The new recovery code when ``new_code``, else None.
    """
    new = prepare_rekey(
        session.header,
        session.dek,
        new_passphrase=new_passphrase,
        new_code=new_code,
        params=params,
        allow_weak=allow_weak,
    )
    apply_rekey(session, new)
    return new.code


def settle_backup(session: Session, meta: dict[str, Any]) -> str:
    """After a passphrase change was interrupted, bring the backup under the current key.

    A snapshot written by ``rekey`` carries the previous data key inside its sealed body.
    If the backup generation is still sealed under that key, it is re-sealed now; if it
    opens under neither key, it is removed so the old passphrase opens nothing we keep.

    Returns:
        ``"none"``, ``"kept"``, ``"resealed"`` or ``"removed"``.
    """
    rekey_info = meta.get("rekey")
    paths = session.paths
    if not isinstance(rekey_info, dict) or not session.writable:
        return "none"
    _remove_old_draft(session, rekey_info, meta)
    if not paths.backup.exists():
        return "none"
    try:
        data = vault.read_file(paths.backup)
        parsed = vault.parse(data)
        if parsed.header == session.header:
            return "kept"
        old = bytearray(keys.unb64(rekey_info.get("old_dek")))
        body = vault.open_body(parsed, old)
    except (Damaged, OSError):
        paths.backup.unlink(missing_ok=True)
        return "removed"
    vault.write_atomic(paths, paths.backup, vault.seal(session.header, session.dek, body))
    return "resealed"


def _remove_old_draft(session: Session, rekey_info: dict[str, Any], meta: dict[str, Any]) -> None:
    """A sidecar still sealed under the old key, whose text the snapshot holds, goes."""
    try:
        data = session.paths.draft.read_bytes()
        old = bytearray(keys.unb64(rekey_info.get("old_dek")))
    except (OSError, Damaged):
        return
    found = open_draft(data, old, session.store_id)
    if found is not None and found.seq <= int(meta.get("draft_seq", 0)):
        session.paths.draft.unlink(missing_ok=True)


def open_for_passphrase_check(data: bytes, passphrase: str) -> None:
    """Verify that a file opens with ``passphrase`` (header, key and body).

    Raises:
        Damaged, NewerFormat, WrongPassphrase.
    """
    dek, _header, _meta, image = open_bytes(data, passphrase)
    keys.wipe(dek)
    if not image.startswith(b"SQLite format 3\x00"):
        raise Damaged("That file is damaged and could not be read.")


def passphrase_opens(header: dict[str, Any], passphrase: str) -> bool:
    """Whether ``passphrase`` opens the header's passphrase slot (slow: derive in a worker)."""
    try:
        slot = slot_of(header, "passphrase")
        keys.check_slot(slot)
        params = keys.KdfParams.from_json(header.get("kdf"))
        kek = keys.derive_key(passphrase, params, allow_weak=True)
    except Damaged:
        return False
    try:
        keys.wipe(keys.open_passphrase_slot(kek, slot))
        return True
    except (WrongPassphrase, Damaged):
        return False
    finally:
        keys.wipe(kek)
