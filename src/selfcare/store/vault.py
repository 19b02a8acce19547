"""The vault file: format, sealing, and the atomic write with a backup generation.

Layout (see docs/storage.md)::

    magic (8) | header length (4, big-endian) | header (JSON) | SHA-256 of the above (32)
    | nonce (12) | AES-256-GCM ciphertext of the padded body | tag (16)

The header is the associated data of the body, so a changed header never decrypts. The
SHA-256 only tells damage apart from a wrong passphrase; it is not a seal.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import secrets
import struct
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from selfcare.store.errors import CannotWrite, Damaged, NewerFormat
from selfcare.store.keys import NONCE_BYTES
from selfcare.store.paths import TEMP_PREFIX, StorePaths

MAGIC = b"SELFCARE"
FORMAT_VERSION = 1
MAX_HEADER = 64 * 1024
HASH_BYTES = 32
TAG_BYTES = 16
MIN_BUCKET = 64 * 1024

PhaseHook = Callable[[str], None]
PHASES = ("temp-written", "synced", "linked", "replaced")


@dataclass(frozen=True)
class ParsedVault:
    """A vault file split into its parts, with the header checked and parsed."""

    header: dict[str, Any]
    aad: bytes
    nonce: bytes
    ciphertext: bytes


def _damaged(what: str = "") -> Damaged:
    return Damaged(f"The store file is damaged{what} and could not be read.")


def parse(data: bytes) -> ParsedVault:
    """Check the magic, length, header hash and format version; nothing is derived.

    Raises:
        Damaged: any part is missing or fails its check.
        NewerFormat: a newer selfcare wrote it.
    """
    if len(data) < len(MAGIC) + 4 or data[: len(MAGIC)] != MAGIC:
        raise Damaged("This is not a selfcare store file, or its start is damaged.")
    (length,) = struct.unpack(">I", data[8:12])
    end = 12 + length
    if length == 0 or length > MAX_HEADER or len(data) < end + HASH_BYTES + NONCE_BYTES + TAG_BYTES:
        raise _damaged(" (it is cut short or its header is broken)")
    aad = data[:end]
    if hashlib.sha256(aad).digest() != data[end : end + HASH_BYTES]:
        raise _damaged(" (its header checksum does not match)")
    try:
        header = json.loads(data[12:end].decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise _damaged() from exc
    if not isinstance(header, dict) or type(header.get("format")) is not int:
        raise _damaged()
    if header["format"] > FORMAT_VERSION:
        raise NewerFormat("This store was made by a newer version of selfcare; please update.")
    if header["format"] < 1 or not isinstance(header.get("keyslots"), list):
        raise _damaged()
    body = end + HASH_BYTES
    return ParsedVault(
        header=header,
        aad=aad + data[end:body],
        nonce=data[body : body + NONCE_BYTES],
        ciphertext=data[body + NONCE_BYTES :],
    )


def encode_header(header: dict[str, Any]) -> bytes:
    """Magic, length, header JSON and its SHA-256."""
    raw = json.dumps(header, sort_keys=True, separators=(",", ":")).encode("utf-8")
    head = MAGIC + struct.pack(">I", len(raw)) + raw
    return head + hashlib.sha256(head).digest()


def bucket_size(n: int) -> int:
    """Round up to a size bucket: 64 KiB at least, then steps of 1/8 of a power of two.

    So a file's size says little more than its order of magnitude (at most 12.5% padding).
    """
    if n <= MIN_BUCKET:
        return MIN_BUCKET
    step = 1 << max(n.bit_length() - 4, 0)
    return -(-n // step) * step


def pack_body(db_image: bytes, meta: dict[str, Any]) -> bytes:
    """Meta JSON (generation, app version, draft sequence), the SQLite image, padding."""
    meta_raw = json.dumps({**meta, "db_len": len(db_image)}, sort_keys=True).encode("utf-8")
    body = struct.pack(">I", len(meta_raw)) + meta_raw + db_image
    return body + bytes(bucket_size(len(body) + TAG_BYTES) - len(body) - TAG_BYTES)


def unpack_body(plain: bytes) -> tuple[dict[str, Any], bytes]:
    """Split a decrypted body into its meta and the SQLite image.

    Raises:
        Damaged: the body's inner layout is wrong.
    """
    try:
        (mlen,) = struct.unpack(">I", plain[:4])
        meta = json.loads(plain[4 : 4 + mlen].decode("utf-8"))
        db_len = meta["db_len"]
        if not isinstance(meta, dict) or type(db_len) is not int:
            raise ValueError
        if not 0 < db_len <= len(plain) - 4 - mlen or type(meta.get("generation")) is not int:
            raise ValueError
    except (struct.error, ValueError, KeyError, TypeError, UnicodeDecodeError) as exc:
        raise _damaged() from exc
    start = 4 + mlen
    return meta, plain[start : start + db_len]


def seal(header: dict[str, Any], dek: bytes | bytearray, body: bytes) -> bytes:
    """The whole file: header, then the body sealed with the data key."""
    head = encode_header(header)
    nonce = os.urandom(NONCE_BYTES)
    return head + nonce + AESGCM(bytes(dek)).encrypt(nonce, body, head)


def open_body(parsed: ParsedVault, dek: bytes | bytearray) -> bytes:
    """Decrypt the body.

    Raises:
        Damaged: the body fails authentication (the key opened, so the file is damaged).
    """
    try:
        return AESGCM(bytes(dek)).decrypt(parsed.nonce, parsed.ciphertext, parsed.aad)
    except InvalidTag as exc:
        raise _damaged(" (its contents fail their check)") from exc


def read_file(path: Path) -> bytes:
    """Read a whole store file, turning OS errors into sentences."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise
    except OSError as exc:
        raise Damaged("The store file could not be read from the disk.") from exc


class FileOps:
    """The system calls a save makes, injectable so tests can make any of them fail."""

    def write(self, fd: int, data: bytes) -> None:
        """Write all of ``data``."""
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]

    def fsync(self, fd: int) -> None:
        """Flush a file to the disk."""
        os.fsync(fd)

    def link(self, src: Path, dst: Path) -> None:
        """Hard-link ``src`` as ``dst``."""
        os.link(src, dst)

    def replace(self, src: Path, dst: Path) -> None:
        """Atomically rename ``src`` over ``dst``."""
        os.replace(src, dst)

    def fsync_dir(self, path: Path) -> None:
        """Flush a directory entry change to the disk."""
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def cannot_write(exc: OSError) -> CannotWrite:
    """A plain sentence for a failed write."""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return CannotWrite("The disk is full, so your latest changes are not saved yet.")
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return CannotWrite("selfcare may not write to its folder, so changes are not saved yet.")
    return CannotWrite("Saving failed, so your latest changes are not saved yet.")


def _remove(path: Path) -> None:
    try:
        path.unlink()
    except FileNotFoundError:
        pass


def write_temp(
    paths: StorePaths,
    data: bytes,
    ops: FileOps,
    on_written: PhaseHook | None = None,
    prefix: str = TEMP_PREFIX,
) -> Path:
    """Write and fsync a new temp file in the data directory; removed again on failure.

    Raises:
        OSError: as the system call raised it.
    """
    tmp = paths.data_dir / f"{prefix}{secrets.token_hex(6)}"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        ops.write(fd, data)
        if on_written is not None:
            on_written("temp-written")
        ops.fsync(fd)
    except OSError:
        os.close(fd)
        _remove(tmp)
        raise
    os.close(fd)
    return tmp


def write_atomic(
    paths: StorePaths,
    target: Path,
    data: bytes,
    *,
    backup_from: Path | None = None,
    ops: FileOps | None = None,
    on_phase: PhaseHook | None = None,
) -> os.stat_result:
    """Write ``data`` to ``target`` so a crash leaves the old or the new file, never neither.

    Temp file, fsync, optionally hard-link ``backup_from`` as the backup generation (link
    to a temp name, then replace), ``os.replace``, fsync the directory.

    Returns:
        The stat of the new file, so the saver can tell if something else replaces it.

    Raises:
        CannotWrite: any step failed; temp files are removed and the old file stands.
    """
    ops = ops or FileOps()
    hook = on_phase or (lambda _phase: None)
    tmp: Path | None = None
    bak_tmp = paths.data_dir / f"{TEMP_PREFIX}bak-{secrets.token_hex(6)}"
    try:
        tmp = write_temp(paths, data, ops, hook)
        hook("synced")
        if backup_from is not None and backup_from.exists():
            ops.link(backup_from, bak_tmp)
            ops.replace(bak_tmp, paths.backup)
            # Renaming onto another name of the same file is a no-op that succeeds.
            _remove(bak_tmp)
            hook("linked")
        ops.replace(tmp, target)
        hook("replaced")
    except OSError as exc:
        if tmp is not None:
            _remove(tmp)
        _remove(bak_tmp)
        raise cannot_write(exc) from exc
    st = os.stat(target)
    sync_dir(paths, ops)
    return st


def sync_dir(paths: StorePaths, ops: FileOps) -> None:
    """Flush the directory after a rename; best effort (the next save flushes it again)."""
    try:
        ops.fsync_dir(paths.data_dir)
    except OSError:
        pass
