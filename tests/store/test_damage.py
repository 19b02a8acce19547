"""A damaged, cut-short or hostile store file is always `Damaged` (exit 3), never a crash.

Layout (see ``selfcare.store.vault``)::

    magic (8) | header length (4, BE) | header JSON | SHA-256 of the preceding bytes (32)
    | nonce (12) | AES-256-GCM ciphertext | tag (16)

The pristine files are built once per module (a store with two entries saved in one
session and a third in a second session, so ``selfcare.vault.bak`` holds the generation
with two entries); each test copies them into its own data directory and damages a copy.
"""

from __future__ import annotations

import base64
import hashlib
import json
import struct
import subprocess
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlmodel import select

from selfcare.models import JournalEntry
from selfcare.store import access, keys
from selfcare.store.api import open_store
from selfcare.store.errors import Damaged, NewerFormat, WrongPassphrase
from selfcare.store.paths import StorePaths
from support import PASSPHRASE, add_entry, make_store, run_cli

BACKUP_BODIES = {"first entry, saved in session one", "second entry, saved in session one"}
CURRENT_BODIES = BACKUP_BODIES | {"third entry, saved in session two"}

MAGIC_LEN, LENGTH_LEN, HASH_LEN, NONCE_LEN, TAG_LEN = 8, 4, 32, 12, 16

# The hypothesis tests reuse the function-scoped ``paths`` directory (and the autouse
# private TMPDIR): every example overwrites the same vault file, so sharing it is safe.
FUZZ = settings(
    deadline=None,
    max_examples=60,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


# --- the pristine store and its layout ---------------------------------------------


@dataclass(frozen=True)
class Pristine:
    """The bytes of an undamaged store: current generation (3) and backup generation (2)."""

    vault: bytes
    backup: bytes
    code: str
    """The recovery code."""


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Pristine:
    """Build the store once: two sessions, so a backup generation exists."""
    paths = StorePaths(tmp_path_factory.mktemp("pristine") / "data")
    session, code = make_store(paths)
    for body in sorted(BACKUP_BODIES):
        add_entry(session, body)
    assert session.save()
    session.close()
    assert not paths.backup.exists()

    session = open_store(paths, PASSPHRASE)
    add_entry(session, "third entry, saved in session two")
    assert session.save()
    session.close()
    assert paths.backup.exists()
    return Pristine(vault=paths.vault.read_bytes(), backup=paths.backup.read_bytes(), code=code)


@dataclass(frozen=True)
class Layout:
    """Offsets of the parts of a vault file."""

    size: int
    header_len: int

    @property
    def header_start(self) -> int:
        return MAGIC_LEN + LENGTH_LEN

    @property
    def header_end(self) -> int:
        return self.header_start + self.header_len

    @property
    def hash_start(self) -> int:
        return self.header_end

    @property
    def nonce_start(self) -> int:
        return self.hash_start + HASH_LEN

    @property
    def ct_start(self) -> int:
        return self.nonce_start + NONCE_LEN

    @property
    def tag_start(self) -> int:
        return self.size - TAG_LEN

    def boundaries(self) -> list[int]:
        """Every offset where one part ends and the next begins (and their neighbours)."""
        edges = [
            0,
            MAGIC_LEN,
            self.header_start,
            self.header_end,
            self.nonce_start,
            self.ct_start,
            self.tag_start,
            self.size,
        ]
        return sorted({n + d for n in edges for d in (-1, 0, 1) if 0 <= n + d < self.size})


def layout(data: bytes) -> Layout:
    (header_len,) = struct.unpack(">I", data[MAGIC_LEN : MAGIC_LEN + LENGTH_LEN])
    return Layout(size=len(data), header_len=header_len)


def header_of(data: bytes) -> dict[str, Any]:
    lay = layout(data)
    header: dict[str, Any] = json.loads(data[lay.header_start : lay.header_end])
    return header


def slot_of(header: dict[str, Any], kind: str) -> dict[str, Any]:
    return next(s for s in header["keyslots"] if s["type"] == kind)


def passphrase_slot(header: dict[str, Any]) -> dict[str, Any]:
    return slot_of(header, "passphrase")


def offset_in_header(data: bytes, needle: bytes) -> int:
    """Absolute offset of ``needle`` (which must occur once) inside the header JSON."""
    lay = layout(data)
    raw = data[lay.header_start : lay.header_end]
    assert raw.count(needle) == 1
    return lay.header_start + raw.index(needle)


def region_offset(data: bytes, region: str) -> int:
    """A byte inside the named region of ``data``."""
    lay = layout(data)
    header = header_of(data)
    if region == "magic":
        return 3
    if region == "length-high":  # the length becomes > 16 MiB: refused by its bound
        return MAGIC_LEN
    if region == "length-low":  # the length is off by one: the header hash no longer matches
        return MAGIC_LEN + LENGTH_LEN - 1
    if region == "header-json":
        # Inside the store id's value, which is outside the keyslots list; the flipped
        # header is still valid JSON with a valid-looking id: only the hash notices.
        needle = b'"id":"' + header["id"].encode() + b'"'
        offset = offset_in_header(data, needle) + len(b'"id":"') + 4
        assert offset < offset_in_header(data, b'"keyslots":') or offset > lay.header_end
        return offset
    if region == "passphrase-keyslot-ct":
        ct = passphrase_slot(header)["ct"].encode()
        return offset_in_header(data, b'"ct":"' + ct + b'"') + len(b'"ct":"') + len(ct) // 2
    if region == "header-hash":
        return lay.hash_start + HASH_LEN // 2
    if region == "nonce":
        return lay.nonce_start + NONCE_LEN // 2
    if region == "ciphertext-start":
        return lay.ct_start
    if region == "ciphertext-middle":
        return (lay.ct_start + lay.tag_start) // 2
    if region == "tag":
        return lay.size - 1
    raise AssertionError(region)


HEADER_REGIONS = [
    "magic",
    "length-high",
    "length-low",
    "header-json",
    "passphrase-keyslot-ct",
    "header-hash",
]
BODY_REGIONS = ["nonce", "ciphertext-start", "ciphertext-middle", "tag"]
REGIONS = HEADER_REGIONS + BODY_REGIONS


def flip(data: bytes, offset: int, xor: int = 0x01) -> bytes:
    assert 0 <= offset < len(data) and 1 <= xor <= 255
    return data[:offset] + bytes([data[offset] ^ xor]) + data[offset + 1 :]


# --- hostile headers: only the value is hostile, the header hash is recomputed --------


def header_raw(data: bytes) -> bytes:
    lay = layout(data)
    return data[lay.header_start : lay.header_end]


def with_header_bytes(data: bytes, raw: bytes, *, length: int | None = None) -> bytes:
    """Replace the header JSON with ``raw`` and recompute the length and header hash."""
    lay = layout(data)
    head = data[:MAGIC_LEN] + struct.pack(">I", len(raw) if length is None else length) + raw
    return head + hashlib.sha256(head).digest() + data[lay.nonce_start :]


def with_header(data: bytes, mutate: Callable[[dict[str, Any]], object]) -> bytes:
    header = header_of(data)
    mutate(header)
    raw = json.dumps(header, sort_keys=True, separators=(",", ":")).encode("utf-8")
    return with_header_bytes(data, raw)


def _set(path: str, value: object) -> Callable[[dict[str, Any]], None]:
    def mutate(header: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        node = header
        for part in parents:
            node = node[part]
        node[last] = value

    return mutate


def _delete(key: str) -> Callable[[dict[str, Any]], None]:
    return lambda header: header.pop(key)


def _only_recovery_slot(header: dict[str, Any]) -> None:
    header["keyslots"] = [s for s in header["keyslots"] if s["type"] != "passphrase"]


def _slot_field(
    name: str, value: str, kind: str = "passphrase"
) -> Callable[[dict[str, Any]], None]:
    def mutate(header: dict[str, Any]) -> None:
        slot_of(header, kind)[name] = value

    return mutate


def _only_passphrase_slot(header: dict[str, Any]) -> None:
    header["keyslots"] = [s for s in header["keyslots"] if s["type"] != "recovery"]


def _deeply_nested(data: bytes) -> bytes:
    # 30,000 levels of lists (60 kB, under the 64 KiB header limit): json.loads raises
    # RecursionError, which is not a ValueError.
    raw = json.dumps(header_of(data), sort_keys=True, separators=(",", ":")).encode()
    raw = raw.replace(b'"id":', b'"id":' + b"[" * 30_000 + b"]" * 30_000 + b',"old_id":', 1)
    return with_header_bytes(data, raw)


HOSTILE: dict[str, Callable[[bytes], bytes]] = {
    "kdf.m=2**40": lambda d: with_header(d, _set("kdf.m", 2**40)),
    "kdf.m below 8*p": lambda d: with_header(d, _set("kdf.m", 7)),
    "kdf.p=0": lambda d: with_header(d, _set("kdf.p", 0)),
    "kdf.p=10**6": lambda d: with_header(d, _set("kdf.p", 10**6)),
    "kdf.t=0": lambda d: with_header(d, _set("kdf.t", 0)),
    "kdf.t=10**9": lambda d: with_header(d, _set("kdf.t", 10**9)),
    "kdf.t is a string": lambda d: with_header(d, _set("kdf.t", "3")),
    "kdf.t is true": lambda d: with_header(d, _set("kdf.t", True)),
    "kdf.salt not base64": lambda d: with_header(d, _set("kdf.salt", "not base64 at all!")),
    "kdf.salt too short": lambda d: with_header(d, _set("kdf.salt", "AAAA")),
    "kdf.name unknown": lambda d: with_header(d, _set("kdf.name", "scrypt")),
    "kdf missing": lambda d: with_header(d, _delete("kdf")),
    "kdf not an object": lambda d: with_header(d, _set("kdf", [1, 2, 3])),
    "keyslots not a list": lambda d: with_header(
        d, lambda h: h.update(keyslots={"passphrase": passphrase_slot(h)})
    ),
    "keyslots missing": lambda d: with_header(d, _delete("keyslots")),
    "passphrase slot missing": lambda d: with_header(d, _only_recovery_slot),
    # A slot whose fields cannot be a slot at all is damage, and cheap to see before
    # deriving; a ct of the wrong length would otherwise read as "wrong passphrase".
    "passphrase slot ct not base64": lambda d: with_header(d, _slot_field("ct", "%%%")),
    "passphrase slot ct too short": lambda d: with_header(d, _slot_field("ct", "AAAA")),
    "passphrase slot nonce too short": lambda d: with_header(d, _slot_field("nonce", "AAAA")),
    "format=0": lambda d: with_header(d, _set("format", 0)),
    "format is a string": lambda d: with_header(d, _set("format", "1")),
    "header is a list": lambda d: with_header_bytes(d, b"[1]"),
    "header is not utf-8": lambda d: with_header_bytes(d, b'{"format":1,"id":"\xff"}'),
    "header deeply nested": _deeply_nested,
    "header length field 2**31": lambda d: with_header_bytes(d, header_raw(d), length=2**31),
}


# Opened with the recovery code (no Argon2 on that path at all).
HOSTILE_RECOVERY: dict[str, Callable[[bytes], bytes]] = {
    "recovery slot missing": lambda d: with_header(d, _only_passphrase_slot),
    # X25519 with a low-order point gives an all-zero shared secret, which the
    # cryptography library refuses with ValueError.
    "recovery eph all zero": lambda d: with_header(
        d, _slot_field("eph", base64.b64encode(bytes(32)).decode(), "recovery")
    ),
    "recovery eph low order (1)": lambda d: with_header(
        d, _slot_field("eph", base64.b64encode(b"\x01" + bytes(31)).decode(), "recovery")
    ),
    "recovery eph 31 bytes": lambda d: with_header(
        d, _slot_field("eph", base64.b64encode(bytes(31)).decode(), "recovery")
    ),
    "recovery eph not base64": lambda d: with_header(d, _slot_field("eph", "%%%", "recovery")),
    "recovery recipient not base64": lambda d: with_header(
        d, _slot_field("recipient", "%%%", "recovery")
    ),
    "recovery nonce too short": lambda d: with_header(d, _slot_field("nonce", "AAAA", "recovery")),
}

NEWER: dict[str, Callable[[bytes], bytes]] = {
    "format=2": lambda d: with_header(d, _set("format", 2)),
    "format=10**20": lambda d: with_header(d, _set("format", 10**20)),
}


# --- helpers -------------------------------------------------------------------------


def install(paths: StorePaths, vault_bytes: bytes, backup_bytes: bytes | None) -> None:
    """Put a (damaged) current file and a backup generation into the data directory."""
    paths.ensure_dir()
    paths.vault.write_bytes(vault_bytes)
    if backup_bytes is not None:
        paths.backup.write_bytes(backup_bytes)


def bodies(paths: StorePaths, **kwargs: Any) -> tuple[set[str], int]:
    """The journal bodies and generation of a read-only session."""
    session = open_store(paths, PASSPHRASE, writable=False, **kwargs)
    try:
        with session.orm() as db:
            found = {e.body for e in db.exec(select(JournalEntry)).all()}
        return found, session.generation
    finally:
        session.close()


def assert_plain_sentence(err: BaseException, paths: StorePaths) -> None:
    """One line, no passphrase, no path."""
    text = str(err)
    assert text and "\n" not in text
    assert PASSPHRASE not in text and str(paths.data_dir) not in text


def assert_one_clean_line(stderr: str) -> None:
    assert "Traceback" not in stderr
    assert len(stderr.strip().splitlines()) == 1, stderr


@pytest.fixture
def derive_calls(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[object]]:
    """Record every key derivation (``derive_key`` and any direct ``Argon2id``)."""
    # access.py reaches it as ``keys.derive_key`` through the module object, so patching
    # the attribute on ``selfcare.store.keys`` also patches ``access.keys.derive_key``.
    access_keys = vars(access)["keys"]
    assert access_keys is keys
    calls: list[object] = []
    real_derive, real_argon = keys.derive_key, vars(keys)["Argon2id"]

    def recording_derive(
        passphrase: str, params: keys.KdfParams, *, allow_weak: bool = False
    ) -> bytearray:
        calls.append(("derive_key", params))
        return real_derive(passphrase, params, allow_weak=allow_weak)

    def recording_argon(**kwargs: Any) -> Any:
        calls.append(("Argon2id", kwargs))
        return real_argon(**kwargs)

    monkeypatch.setattr(keys, "derive_key", recording_derive)
    monkeypatch.setattr(keys, "Argon2id", recording_argon)
    assert access_keys.derive_key is recording_derive
    yield calls


def check_cli(
    paths: StorePaths, tmp_path: Path, *extra: str, passphrase: str = PASSPHRASE
) -> subprocess.CompletedProcess[str]:
    return run_cli(
        ["check", "--passphrase-stdin", *extra], paths, tmp_path, stdin=passphrase + "\n"
    )


# --- 1. damage matrix ----------------------------------------------------------------


def test_pristine_store_opens(pristine: Pristine, paths: StorePaths) -> None:
    install(paths, pristine.vault, pristine.backup)
    assert bodies(paths) == (CURRENT_BODIES, 3)
    assert bodies(paths, use_backup=True) == (BACKUP_BODIES, 2)
    lay = layout(pristine.vault)
    assert lay.header_end < lay.nonce_start < lay.ct_start < lay.tag_start
    assert pristine.vault[:MAGIC_LEN] == b"SELFCARE"


@pytest.mark.parametrize("region", REGIONS)
def test_flip_in_each_region_is_damaged_and_backup_still_opens(
    region: str, pristine: Pristine, paths: StorePaths, derive_calls: list[object]
) -> None:
    damaged = flip(pristine.vault, region_offset(pristine.vault, region))
    install(paths, damaged, pristine.backup)

    # A flip inside the passphrase keyslot's ``ct`` could, on its own, look exactly like
    # a wrong passphrase (the slot would fail to unwrap). It is reported as damage because
    # the keyslots are part of the header JSON, which the header SHA-256 covers: the hash
    # check fails first, before any key is derived.
    with pytest.raises(Damaged) as info:
        open_store(paths, PASSPHRASE)
    assert_plain_sentence(info.value, paths)
    if region in HEADER_REGIONS:
        assert derive_calls == [], "header damage must be found before deriving a key"

    # Nothing fell back silently and nothing was rewritten.
    assert paths.vault.read_bytes() == damaged
    assert paths.backup.read_bytes() == pristine.backup

    assert bodies(paths, use_backup=True) == (BACKUP_BODIES, 2)
    assert paths.vault.read_bytes() == damaged
    assert paths.backup.read_bytes() == pristine.backup


def test_cli_check_names_use_backup_and_export_reaches_it(
    pristine: Pristine, paths: StorePaths, tmp_path: Path
) -> None:
    damaged = flip(pristine.vault, region_offset(pristine.vault, "ciphertext-middle"))
    install(paths, damaged, pristine.backup)

    result = check_cli(paths, tmp_path)
    assert result.returncode == 3, result
    assert_one_clean_line(result.stderr)
    assert "--use-backup" in result.stderr
    assert "damaged" in result.stderr
    lines = result.stdout.splitlines()
    current = [line for line in lines if line.startswith("current file:")]
    backup = [line for line in lines if line.startswith("backup generation:")]
    assert len(current) == 1 and "not readable" in current[0]
    assert len(backup) == 1 and "readable (saved " in backup[0]
    assert "not readable" not in backup[0]

    result = check_cli(paths, tmp_path, "--use-backup")
    assert result.returncode == 0, result
    assert "Traceback" not in result.stderr

    out = tmp_path / "export.json"
    result = run_cli(
        ["export", "--use-backup", "--out", str(out), "--passphrase-stdin"],
        paths,
        tmp_path,
        stdin=PASSPHRASE + "\n",
    )
    assert result.returncode == 0, result
    exported = json.loads(out.read_text("utf-8"))
    assert {row["body"] for row in exported["tables"]["journal_entry"]} == BACKUP_BODIES
    assert paths.vault.read_bytes() == damaged
    assert paths.backup.read_bytes() == pristine.backup


def test_cli_export_of_damaged_store_exits_3_and_names_use_backup(
    pristine: Pristine, paths: StorePaths, tmp_path: Path
) -> None:
    # GUIDE §2: damaged -> "the command line exits 3 and names --use-backup".
    damaged = flip(pristine.vault, region_offset(pristine.vault, "ciphertext-middle"))
    install(paths, damaged, pristine.backup)
    out = tmp_path / "export.json"
    result = run_cli(
        ["export", "--out", str(out), "--passphrase-stdin"],
        paths,
        tmp_path,
        stdin=PASSPHRASE + "\n",
    )
    assert result.returncode == 3, result
    assert_one_clean_line(result.stderr)
    assert not out.exists()
    assert "--use-backup" in result.stderr


# --- 2. wrong passphrase is not damage -----------------------------------------------


def test_wrong_passphrase_is_not_damage(pristine: Pristine, paths: StorePaths) -> None:
    install(paths, pristine.vault, pristine.backup)
    with pytest.raises(WrongPassphrase) as info:
        open_store(paths, PASSPHRASE + "x")
    assert not isinstance(info.value, Damaged)
    assert_plain_sentence(info.value, paths)
    assert paths.vault.read_bytes() == pristine.vault
    assert paths.backup.read_bytes() == pristine.backup

    session = open_store(paths, PASSPHRASE)
    session.close()
    assert bodies(paths) == (CURRENT_BODIES, 3)


def test_header_damage_is_damage_even_with_a_wrong_passphrase(
    pristine: Pristine, paths: StorePaths, derive_calls: list[object]
) -> None:
    damaged = flip(pristine.vault, region_offset(pristine.vault, "passphrase-keyslot-ct"))
    install(paths, damaged, pristine.backup)
    with pytest.raises(Damaged):
        open_store(paths, "not the passphrase")
    assert derive_calls == []


def test_cli_wrong_passphrase_has_its_own_sentence(
    pristine: Pristine, paths: StorePaths, tmp_path: Path
) -> None:
    install(paths, pristine.vault, pristine.backup)
    wrong_sentence = WrongPassphrase.default_message
    assert wrong_sentence != Damaged.default_message

    result = check_cli(paths, tmp_path, passphrase="not the passphrase")
    assert result.returncode == 2, result
    assert_one_clean_line(result.stderr)
    assert wrong_sentence in result.stderr
    assert "damaged" not in (result.stdout + result.stderr).lower()
    assert "--use-backup" not in result.stderr

    out = tmp_path / "export.json"
    result = run_cli(
        ["export", "--out", str(out), "--passphrase-stdin"],
        paths,
        tmp_path,
        stdin="not the passphrase\n",
    )
    assert result.returncode == 2, result
    assert result.stderr.strip() == f"selfcare: {wrong_sentence}"
    assert not out.exists()

    result = check_cli(paths, tmp_path)
    assert result.returncode == 0, result
    assert result.stdout.count("readable (saved ") == 2


# --- 3. truncation, random flips, appended garbage -----------------------------------


def test_truncation_at_every_region_boundary_is_damaged(
    pristine: Pristine, paths: StorePaths
) -> None:
    paths.ensure_dir()
    for n in layout(pristine.vault).boundaries():
        paths.vault.write_bytes(pristine.vault[:n])
        with pytest.raises(Damaged):
            open_store(paths, PASSPHRASE)


@FUZZ
@given(data=st.data())
def test_truncation_anywhere_is_damaged(
    pristine: Pristine, paths: StorePaths, data: st.DataObject
) -> None:
    n = data.draw(st.integers(min_value=0, max_value=len(pristine.vault) - 1), label="length")
    install(paths, pristine.vault[:n], None)
    with pytest.raises(Damaged):
        open_store(paths, PASSPHRASE)


@FUZZ
@given(data=st.data(), xor=st.integers(min_value=1, max_value=255))
def test_single_byte_flip_anywhere_is_damaged(
    pristine: Pristine, paths: StorePaths, data: st.DataObject, xor: int
) -> None:
    position = data.draw(
        st.integers(min_value=0, max_value=len(pristine.vault) - 1), label="position"
    )
    install(paths, flip(pristine.vault, position, xor), None)
    with pytest.raises(Damaged):
        open_store(paths, PASSPHRASE)


@FUZZ
@given(garbage=st.binary(min_size=1, max_size=512))
def test_appended_garbage_is_damaged(pristine: Pristine, paths: StorePaths, garbage: bytes) -> None:
    install(paths, pristine.vault + garbage, None)
    with pytest.raises(Damaged):
        open_store(paths, PASSPHRASE)


# --- 4. hostile header values --------------------------------------------------------


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_header_is_refused_before_any_key_derivation(
    case: str, pristine: Pristine, paths: StorePaths, derive_calls: list[object]
) -> None:
    hostile = HOSTILE[case](pristine.vault)
    install(paths, hostile, pristine.backup)
    with pytest.raises(Damaged) as info:
        open_store(paths, PASSPHRASE)
    assert_plain_sentence(info.value, paths)
    assert derive_calls == [], f"{case}: a key was derived before the header was refused"
    assert paths.vault.read_bytes() == hostile


@pytest.mark.parametrize("case", sorted(HOSTILE_RECOVERY))
def test_hostile_recovery_slot_is_damaged(
    case: str, pristine: Pristine, paths: StorePaths, derive_calls: list[object]
) -> None:
    install(paths, HOSTILE_RECOVERY[case](pristine.vault), pristine.backup)
    with pytest.raises(Damaged) as info:
        open_store(paths, recovery_code=pristine.code)
    assert_plain_sentence(info.value, paths)
    assert derive_calls == []


@pytest.mark.parametrize("case", sorted(NEWER))
def test_newer_format_is_its_own_error(
    case: str, pristine: Pristine, paths: StorePaths, derive_calls: list[object]
) -> None:
    install(paths, NEWER[case](pristine.vault), pristine.backup)
    with pytest.raises(NewerFormat) as info:
        open_store(paths, PASSPHRASE)
    assert not isinstance(info.value, Damaged)
    assert_plain_sentence(info.value, paths)
    assert derive_calls == []


def test_cli_check_of_newer_format_exits_6(
    pristine: Pristine, paths: StorePaths, tmp_path: Path
) -> None:
    install(paths, NEWER["format=2"](pristine.vault), pristine.backup)
    result = check_cli(paths, tmp_path)
    assert result.returncode == 6, result
    assert "Traceback" not in result.stderr
    assert_one_clean_line(result.stderr)
    assert "newer version" in result.stderr


# --- 5. nothing unhandled on the command line ----------------------------------------

CLI_CASES: dict[str, Callable[[bytes], bytes]] = {
    **{
        f"flip {region}": (lambda r: lambda d: flip(d, region_offset(d, r)))(region)
        for region in ["magic", "passphrase-keyslot-ct", "tag"]
    },
    "truncated in header": lambda d: d[: layout(d).header_start + 10],
    "truncated by one byte": lambda d: d[:-1],
    "garbage appended": lambda d: d + b"\x00garbage",
    **{
        f"hostile {case}": HOSTILE[case]
        for case in ["kdf.m=2**40", "header deeply nested", "header length field 2**31"]
    },
}


@pytest.mark.parametrize("case", list(CLI_CASES))
def test_cli_never_shows_a_traceback(
    case: str, pristine: Pristine, paths: StorePaths, tmp_path: Path
) -> None:
    install(paths, CLI_CASES[case](pristine.vault), pristine.backup)
    result = check_cli(paths, tmp_path)
    assert result.returncode in {2, 3, 6}, result
    assert_one_clean_line(result.stderr)
    assert PASSPHRASE not in result.stdout + result.stderr
