"""Key derivation settings, the recovery code, passphrase normalisation and size padding."""

from __future__ import annotations

import re
import struct
import time
import unicodedata
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from selfcare.store import keys, vault
from selfcare.store.api import create_store, open_store
from selfcare.store.errors import Damaged, UsageError, WrongRecoveryCode
from selfcare.store.paths import StorePaths
from selfcare.store.session import Session
from support import PASSPHRASE, make_store

MIB = 1024  # in KiB, as Argon2 memory costs are given

# --- production key-derivation settings ----------------------------------------------


@pytest.fixture(scope="module")
def calibrated() -> keys.KdfParams:
    """Run the real calibration once (about 1-3 s: several 64-256 MiB derivations)."""
    return keys.calibrate()


def test_calibrated_defaults_meet_the_floor_and_the_reader_bounds(
    calibrated: keys.KdfParams,
) -> None:
    assert keys.meets_floor(calibrated)
    assert calibrated.p == 4
    assert 3 <= calibrated.t <= 12
    assert calibrated.m in {64 * MIB, 128 * MIB, 256 * MIB}
    assert len(calibrated.salt) == keys.SALT_BYTES
    # What is written can be read back: within the reader's bounds, unchanged.
    assert keys.KdfParams.from_json(calibrated.to_json()) == calibrated

    start = time.perf_counter()
    key = keys.derive_key(PASSPHRASE, calibrated)  # no allow_weak: the floor is met
    took = time.perf_counter() - start
    assert len(key) == keys.KEY_BYTES
    # Calibrated to 0.5-1 s here; a loose bound so a busy machine does not fail it.
    assert took < 5.0


def test_create_store_writes_calibrated_settings(
    calibrated: keys.KdfParams, paths: StorePaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without explicit params, create_store uses calibrate() and writes them to the header."""
    used: list[keys.KdfParams] = []

    def fake_calibrate() -> keys.KdfParams:  # the real one already ran in the fixture
        used.append(calibrated)
        return calibrated

    monkeypatch.setattr(keys, "calibrate", fake_calibrate)
    session, _code = create_store(paths, PASSPHRASE)
    session.close()
    assert used == [calibrated]
    written = keys.KdfParams.from_json(vault.parse(paths.vault.read_bytes()).header["kdf"])
    assert keys.meets_floor(written)
    assert (written.t, written.p, written.m) == (calibrated.t, calibrated.p, calibrated.m)


BELOW_FLOOR = [
    pytest.param(keys.KdfParams(t=2, p=4, m=64 * MIB, salt=bytes(16)), id="t=2"),
    pytest.param(keys.KdfParams(t=3, p=3, m=64 * MIB, salt=bytes(16)), id="p=3"),
    pytest.param(keys.KdfParams(t=3, p=4, m=64 * MIB - 1, salt=bytes(16)), id="m=64MiB-1"),
    pytest.param(replace(keys.FAST_TEST_PARAMS, salt=bytes(16)), id="fast-test-params"),
]


@pytest.mark.parametrize("params", BELOW_FLOOR)
def test_derive_key_refuses_below_the_floor_unless_allow_weak(params: keys.KdfParams) -> None:
    assert not keys.meets_floor(params)
    with pytest.raises(UsageError):
        keys.derive_key(PASSPHRASE, params)
    if params.m < 1024:  # only derive for real with the cheap settings
        assert len(keys.derive_key(PASSPHRASE, params, allow_weak=True)) == keys.KEY_BYTES


def test_floor_itself_is_accepted() -> None:
    assert keys.meets_floor(keys.FLOOR)


def test_create_store_refuses_weak_settings_and_writes_nothing(paths: StorePaths) -> None:
    with pytest.raises(UsageError):
        create_store(paths, PASSPHRASE, params=keys.FAST_TEST_PARAMS)
    assert not paths.exists()


@pytest.mark.parametrize(
    ("t", "p", "m"),
    [(1, 1, 8), (100, 64, 4 * 1024 * MIB), (3, 4, 32)],
    ids=["smallest", "largest", "m=8*p"],
)
def test_reader_accepts_sane_settings(t: int, p: int, m: int) -> None:
    params = keys.KdfParams(t=t, p=p, m=m, salt=bytes(16))
    assert keys.KdfParams.from_json(params.to_json()) == params


@pytest.mark.parametrize(
    ("t", "p", "m"),
    [(0, 1, 8), (101, 1, 8), (1, 0, 8), (1, 65, 65 * 8), (1, 4, 31), (1, 1, 4 * 1024 * MIB + 1)],
    ids=["t=0", "t=101", "p=0", "p=65", "m<8*p", "m>4GiB"],
)
def test_reader_refuses_insane_settings(t: int, p: int, m: int) -> None:
    params = keys.KdfParams(t=t, p=p, m=m, salt=bytes(16))
    with pytest.raises(Damaged):
        keys.KdfParams.from_json(params.to_json())


# --- recovery code -------------------------------------------------------------------

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford base32
CODE_RE = re.compile(rf"[{ALPHABET}]{{4}}(-[{ALPHABET}]{{4}}){{6}}")

# A code as a person would have written it on paper; it must keep opening the store in
# every later version, so its secret bytes are pinned here.
FIXED_CODE = "QM0N-3MQ1-0CWQ-BNZD-NKMG-0VJM-V9GG"
FIXED_RAW = bytes.fromhex("bd0151d2e1033975d7edace9006e54da")
FIXED_CHARS = FIXED_CODE.replace("-", "")
FIXED_SLOT = keys.recovery_slot(keys.recovery_public_key(FIXED_CODE), bytearray(range(32)))


def regroup(chars: str) -> str:
    return "-".join(chars[i : i + 4] for i in range(0, len(chars), 4))


def test_new_recovery_code_is_seven_groups_of_four() -> None:
    codes = {keys.new_recovery_code() for _ in range(50)}
    assert len(codes) == 50
    for code in codes:
        assert CODE_RE.fullmatch(code), code
        assert len(code.split("-")) == 7
        assert all(len(group) == 4 for group in code.split("-"))
        assert len(keys.parse_recovery_code(code)) == 16


def test_pinned_code_still_parses() -> None:
    assert keys.parse_recovery_code(FIXED_CODE) == FIXED_RAW


@pytest.mark.parametrize(
    "typed",
    [
        FIXED_CODE,
        FIXED_CODE.lower(),
        FIXED_CHARS,
        FIXED_CHARS.lower(),
        FIXED_CODE.replace("-", " "),
        " ".join(FIXED_CHARS),
        f"  {FIXED_CODE}\n",
        "qm0n-3MQ1 0cwq BNZD-nkmg-0vjm\tV9GG",
        # Confusables: O for 0, I / L for 1, in either case.
        FIXED_CODE.replace("0", "O"),
        FIXED_CODE.replace("0", "o").replace("1", "l"),
        FIXED_CODE.replace("1", "I"),
        FIXED_CODE.replace("1", "i"),
        FIXED_CODE.replace("1", "L"),
    ],
)
def test_recovery_code_accepts_any_case_spacing_and_confusables(typed: str) -> None:
    assert keys.parse_recovery_code(typed) == FIXED_RAW


@pytest.mark.parametrize(
    "typed",
    ["", FIXED_CODE[:-1], FIXED_CODE + "0", FIXED_CODE.replace("M", "!"), "#" * 28],
    ids=["empty", "short", "long", "bad-char", "symbols"],
)
def test_malformed_recovery_code_is_rejected(typed: str) -> None:
    with pytest.raises(WrongRecoveryCode):
        keys.parse_recovery_code(typed)


@settings(deadline=None, max_examples=200)
@given(
    position=st.integers(min_value=0, max_value=len(FIXED_CHARS) - 1),
    replacement=st.sampled_from(ALPHABET),
    dashes=st.booleans(),
)
def test_single_character_typo_is_rejected(position: int, replacement: str, dashes: bool) -> None:
    """A typo never opens the slot.

    The parser's 8-bit checksum misses about 1 in 256 typos in the secret part; those
    give another secret, whose recipient does not match, so the guarantee is stated for
    opening the slot (both raise ``WrongRecoveryCode``).
    """
    original = FIXED_CHARS[position]
    replacement = replacement if replacement != original else ALPHABET[ALPHABET.index(original) - 1]
    chars = FIXED_CHARS[:position] + replacement + FIXED_CHARS[position + 1 :]
    typo = regroup(chars) if dashes else chars
    with pytest.raises(WrongRecoveryCode):
        keys.open_recovery_slot(typo, FIXED_SLOT)


def test_typo_in_the_last_character_is_rejected_by_the_parser() -> None:
    """The last character carries 1 checksum bit and 4 padding bits; the padding is checked."""
    accepted = []
    for replacement in ALPHABET.replace(FIXED_CHARS[-1], ""):
        try:
            keys.parse_recovery_code(FIXED_CHARS[:-1] + replacement)
        except WrongRecoveryCode:
            continue
        accepted.append(replacement)
    assert accepted == [], f"typos of the last character {FIXED_CHARS[-1]!r} were accepted"


def test_recovery_slot_opens_with_its_code_only(store: tuple[Session, str]) -> None:
    session, code = store
    paths = session.paths
    other = keys.new_recovery_code()
    assert keys.parse_recovery_code(other) != keys.parse_recovery_code(code)

    for typed in (code, code.lower().replace("-", " ")):
        opened = open_store(paths, recovery_code=typed, writable=False)
        try:
            assert bytes(opened.dek) == bytes(session.dek)
        finally:
            opened.close()

    with pytest.raises(WrongRecoveryCode):
        open_store(paths, recovery_code=other, writable=False)
    with pytest.raises(WrongRecoveryCode):
        open_store(paths, recovery_code="not a code", writable=False)
    slot = next(s for s in session.header["keyslots"] if s["type"] == "recovery")
    assert bytes(keys.open_recovery_slot(code, slot)) == bytes(session.dek)
    with pytest.raises(WrongRecoveryCode):
        keys.open_recovery_slot(other, slot)


# --- passphrase normalisation --------------------------------------------------------

NFC = unicodedata.normalize("NFC", "crème brûlée, pâté ✓ Åsa 🌱")
NFD = unicodedata.normalize("NFD", NFC)


@pytest.mark.parametrize(("made_with", "opened_with"), [(NFC, NFD), (NFD, NFC)], ids=["nfc", "nfd"])
def test_passphrase_in_other_normal_form_opens_the_store(
    paths: StorePaths, made_with: str, opened_with: str
) -> None:
    assert NFC != NFD and NFC.encode() != NFD.encode()
    session, _code = make_store(paths, made_with)
    session.close()
    opened = open_store(paths, opened_with)
    opened.close()


def test_derive_key_is_the_same_for_both_normal_forms() -> None:
    params = replace(keys.FAST_TEST_PARAMS, salt=bytes(16))
    nfc = keys.derive_key(NFC, params, allow_weak=True)
    assert nfc == keys.derive_key(NFD, params, allow_weak=True)
    assert nfc != keys.derive_key(NFC + " ", params, allow_weak=True)


# --- size padding --------------------------------------------------------------------

SIZES = st.integers(min_value=0, max_value=2**40)


@given(n=SIZES)
def test_bucket_is_large_enough_and_wastes_at_most_an_eighth(n: int) -> None:
    size = vault.bucket_size(n)
    assert size >= n
    assert size >= vault.MIN_BUCKET
    assert size - n <= n / 8 + 64 * 1024
    assert vault.bucket_size(size) == size  # a bucket is its own bucket


@given(a=SIZES, b=SIZES)
def test_bucket_size_is_monotonic(a: int, b: int) -> None:
    low, high = sorted((a, b))
    assert vault.bucket_size(low) <= vault.bucket_size(high)


def test_bucket_steps() -> None:
    assert vault.bucket_size(0) == vault.bucket_size(64 * 1024) == 64 * 1024
    assert vault.bucket_size(64 * 1024 + 1) == 72 * 1024
    assert vault.bucket_size(1 << 20) == 1 << 20
    assert vault.bucket_size((1 << 20) + 1) == (1 << 20) + (1 << 17)


@settings(deadline=None, max_examples=25, suppress_health_check=[HealthCheck.too_slow])
@given(image_len=st.integers(min_value=1, max_value=300_000))
def test_sealed_body_fills_its_bucket_exactly(image_len: int) -> None:
    image = bytes([7]) * image_len
    meta = {"generation": 1, "app": "test", "draft_seq": 0}
    body = vault.pack_body(image, meta)
    assert vault.bucket_size(len(body) + vault.TAG_BYTES) == len(body) + vault.TAG_BYTES
    (mlen,) = struct.unpack(">I", body[:4])
    content = 4 + mlen + image_len + vault.TAG_BYTES
    assert len(body) + vault.TAG_BYTES - content <= content / 8 + 64 * 1024
    got_meta, got_image = vault.unpack_body(body)
    assert got_image == image and got_meta["generation"] == 1
