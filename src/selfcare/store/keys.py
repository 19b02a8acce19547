"""Keys: Argon2id from the passphrase, the data key, keyslots and the recovery recipient.

The data key (DEK) is random. It is wrapped twice: by a key derived from the passphrase,
and to a recovery recipient, an X25519 public key whose private key comes from a 128-bit
recovery code shown once. The app never stores the code, yet can seal a new DEK to the
recipient, so a passphrase change rotates the DEK and the code keeps working.
"""

from __future__ import annotations

import base64
import hashlib
import os
import time
import unicodedata
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from selfcare.store.errors import Damaged, UsageError, WrongPassphrase, WrongRecoveryCode

KEY_BYTES = 32
NONCE_BYTES = 12
SALT_BYTES = 16

PASSPHRASE_SLOT_AAD = b"selfcare/keyslot/passphrase/v1"
RECOVERY_SLOT_AAD = b"selfcare/keyslot/recovery/v1"
RECOVERY_HKDF_INFO = b"selfcare/recovery/x25519/v1"
RECOVERY_WRAP_INFO = b"selfcare/recovery/wrap/v1"

# Reader bounds: anything sane opens; the rest is refused before deriving anything.
MIN_T, MAX_T = 1, 100
MIN_P, MAX_P = 1, 64
MAX_M_KIB = 4 * 1024 * 1024  # 4 GiB


@dataclass(frozen=True)
class KdfParams:
    """Argon2id parameters as stored in the header."""

    t: int
    """Iterations."""
    p: int
    """Lanes."""
    m: int
    """Memory cost in KiB."""
    salt: bytes

    def to_json(self) -> dict[str, Any]:
        """The header form."""
        return {"name": "argon2id", "t": self.t, "p": self.p, "m": self.m, "salt": b64(self.salt)}

    @classmethod
    def from_json(cls, data: Any) -> KdfParams:
        """Parse and bound-check header values before any derivation.

        Raises:
            Damaged: the values are missing, of the wrong type, or out of sane bounds.
        """
        if not isinstance(data, dict) or data.get("name") != "argon2id":
            raise Damaged("The store's key settings are not ones selfcare can read.")
        t, p, m = data.get("t"), data.get("p"), data.get("m")
        if not all(type(v) is int for v in (t, p, m)):
            raise Damaged("The store's key settings are damaged.")
        assert isinstance(t, int) and isinstance(p, int) and isinstance(m, int)
        if not (MIN_T <= t <= MAX_T and MIN_P <= p <= MAX_P and 8 * p <= m <= MAX_M_KIB):
            raise Damaged("The store's key settings are outside safe limits, so it was not opened.")
        salt = unb64(data.get("salt"))
        if not 8 <= len(salt) <= 64:
            raise Damaged("The store's key settings are damaged.")
        return cls(t=t, p=p, m=m, salt=salt)


FLOOR = KdfParams(t=3, p=4, m=64 * 1024, salt=b"")
"""The weakest settings selfcare writes (about 0.15 s here)."""

FAST_TEST_PARAMS = KdfParams(t=1, p=1, m=8, salt=b"")
"""Very fast settings for tests only; pass them explicitly with ``allow_weak=True``."""


def b64(data: bytes | bytearray) -> str:
    """Standard base64 text."""
    return base64.b64encode(data).decode("ascii")


def unb64(text: Any) -> bytes:
    """Decode base64 text from a header, treating anything odd as damage."""
    if not isinstance(text, str):
        raise Damaged("The store's header is damaged.")
    try:
        return base64.b64decode(text.encode("ascii"), validate=True)
    except (ValueError, UnicodeEncodeError) as exc:
        raise Damaged("The store's header is damaged.") from exc


def normalize_passphrase(passphrase: str) -> str:
    """NFC-normalise, so the same passphrase typed on any system gives the same key."""
    return unicodedata.normalize("NFC", passphrase)


def meets_floor(params: KdfParams) -> bool:
    """Whether ``params`` are at least as strong as the floor."""
    return params.t >= FLOOR.t and params.p >= FLOOR.p and params.m >= FLOOR.m


def _available_memory_kib() -> int | None:
    try:
        with open("/proc/meminfo", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        return None
    return None


def calibrate(target: float = 0.5, ceiling: float = 1.0) -> KdfParams:
    """Choose Argon2id settings taking about ``target``–``ceiling`` seconds here.

    Starts at m = 256 MiB, p = 4, t = 3 (64 MiB when memory is short) and raises t until
    one derivation takes at least ``target`` seconds; halves memory (never below the floor)
    when even t = 3 is slower than ``ceiling``.
    """
    avail = _available_memory_kib()
    m = 256 * 1024 if avail is None or avail > 1024 * 1024 else FLOOR.m
    t = FLOOR.t
    salt = os.urandom(SALT_BYTES)
    while True:
        params = KdfParams(t=t, p=FLOOR.p, m=m, salt=salt)
        start = time.perf_counter()
        derive_key("calibration", params, allow_weak=True)
        took = time.perf_counter() - start
        if took > ceiling and t == FLOOR.t and m > FLOOR.m:
            m //= 2
            continue
        if took >= target or t >= 12:
            return params
        t += 1


def derive_key(passphrase: str, params: KdfParams, *, allow_weak: bool = False) -> bytearray:
    """Argon2id key from the passphrase.

    Args:
        passphrase: as typed; NFC-normalised here.
        params: the settings.
        allow_weak: permit settings below the floor (reading old stores, tests).

    Raises:
        UsageError: ``params`` are below the floor and ``allow_weak`` is false.
    """
    if not allow_weak and not meets_floor(params):
        raise UsageError("Key settings below the safe floor are refused when writing.")
    kdf = Argon2id(
        salt=params.salt,
        length=KEY_BYTES,
        iterations=params.t,
        lanes=params.p,
        memory_cost=params.m,
    )
    return bytearray(kdf.derive(normalize_passphrase(passphrase).encode("utf-8")))


def new_data_key() -> bytearray:
    """A fresh random 256-bit data key."""
    return bytearray(os.urandom(KEY_BYTES))


def wrap(key: bytes | bytearray, secret: bytes | bytearray, aad: bytes) -> dict[str, str]:
    """Seal ``secret`` with AES-256-GCM under ``key``."""
    nonce = os.urandom(NONCE_BYTES)
    ct = AESGCM(bytes(key)).encrypt(nonce, bytes(secret), aad)
    return {"nonce": b64(nonce), "ct": b64(ct)}


WRAPPED_BYTES = KEY_BYTES + 16
"""A wrapped data key: 32 bytes and the 16-byte tag."""


def check_slot(slot: dict[str, Any]) -> tuple[bytes, bytes]:
    """A slot's nonce and wrapped key, checked for shape before any key is derived.

    Raises:
        Damaged: missing, not base64, or the wrong length.
    """
    nonce, ct = unb64(slot.get("nonce")), unb64(slot.get("ct"))
    if len(nonce) != NONCE_BYTES or len(ct) != WRAPPED_BYTES:
        raise Damaged("The store's header is damaged.")
    return nonce, ct


def unwrap(key: bytes | bytearray, slot: dict[str, Any], aad: bytes) -> bytearray | None:
    """Open a wrapped secret, or None when the key is wrong."""
    nonce, ct = check_slot(slot)
    try:
        return bytearray(AESGCM(bytes(key)).decrypt(nonce, ct, aad))
    except InvalidTag:
        return None


def passphrase_slot(kek: bytearray, dek: bytearray) -> dict[str, Any]:
    """The passphrase keyslot for a derived key and a data key."""
    return {"type": "passphrase", **wrap(kek, dek, PASSPHRASE_SLOT_AAD)}


def open_passphrase_slot(kek: bytearray, slot: dict[str, Any]) -> bytearray:
    """Unwrap the data key with a passphrase-derived key.

    Raises:
        WrongPassphrase: the key does not open the slot.
    """
    dek = unwrap(kek, slot, PASSPHRASE_SLOT_AAD)
    if dek is None or len(dek) != KEY_BYTES:
        raise WrongPassphrase()
    return dek


# --- recovery code -----------------------------------------------------------------

_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford base32: no I, L, O, U
_CONFUSABLE = str.maketrans({"O": "0", "I": "1", "L": "1", "U": "V"})
CODE_BYTES = 16
_CODE_CHARS = 28  # 16 bytes + 1 check byte = 136 bits, padded to 140 bits


def _encode32(data: bytes) -> str:
    number = int.from_bytes(data, "big") << (_CODE_CHARS * 5 - len(data) * 8)
    return "".join(_ALPHABET[(number >> (5 * i)) & 31] for i in reversed(range(_CODE_CHARS)))


def new_recovery_code() -> str:
    """A fresh 128-bit recovery code, grouped as seven groups of four characters."""
    raw = os.urandom(CODE_BYTES)
    text = _encode32(raw + hashlib.sha256(raw).digest()[:1])
    return "-".join(text[i : i + 4] for i in range(0, _CODE_CHARS, 4))


def parse_recovery_code(code: str) -> bytes:
    """The 16 secret bytes of a recovery code typed in any case, with or without dashes.

    Raises:
        WrongRecoveryCode: the code is not well formed (a typo, most likely).
    """
    text = "".join(code.split()).replace("-", "").upper().translate(_CONFUSABLE)
    if len(text) != _CODE_CHARS or any(ch not in _ALPHABET for ch in text):
        raise WrongRecoveryCode("That is not a complete recovery code; please check it.")
    number = 0
    for ch in text:
        number = number * 32 + _ALPHABET.index(ch)
    if number & 0xF:  # the last character's four spare bits are always zero
        raise WrongRecoveryCode("That recovery code has a typo somewhere; please check it.")
    data = (number >> 4).to_bytes(CODE_BYTES + 1, "big")
    raw, check = data[:CODE_BYTES], data[CODE_BYTES:]
    if hashlib.sha256(raw).digest()[:1] != check:
        raise WrongRecoveryCode("That recovery code has a typo somewhere; please check it.")
    return raw


def _recovery_private(raw: bytes) -> X25519PrivateKey:
    seed = HKDF(hashes.SHA256(), KEY_BYTES, salt=None, info=RECOVERY_HKDF_INFO).derive(raw)
    return X25519PrivateKey.from_private_bytes(seed)


def _raw_public(key: X25519PublicKey) -> bytes:
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def recovery_public_key(code: str) -> bytes:
    """The recipient's raw X25519 public key for a recovery code."""
    return _raw_public(_recovery_private(parse_recovery_code(code)).public_key())


def _wrap_key(shared: bytes, eph_pub: bytes, recipient: bytes) -> bytes:
    return HKDF(
        hashes.SHA256(), KEY_BYTES, salt=eph_pub + recipient, info=RECOVERY_WRAP_INFO
    ).derive(shared)


def recovery_slot(recipient: bytes, dek: bytearray) -> dict[str, Any]:
    """Seal the data key to the recovery recipient (no code needed)."""
    eph = X25519PrivateKey.generate()
    eph_pub = _raw_public(eph.public_key())
    shared = eph.exchange(X25519PublicKey.from_public_bytes(recipient))
    wrapped = wrap(_wrap_key(shared, eph_pub, recipient), dek, RECOVERY_SLOT_AAD)
    return {"type": "recovery", "recipient": b64(recipient), "eph": b64(eph_pub), **wrapped}


def open_recovery_slot(code: str, slot: dict[str, Any]) -> bytearray:
    """Unwrap the data key with the recovery code.

    Raises:
        WrongRecoveryCode: the code is malformed or does not open the slot.
    """
    private = _recovery_private(parse_recovery_code(code))
    recipient = _raw_public(private.public_key())
    if unb64(slot.get("recipient")) != recipient:
        raise WrongRecoveryCode()
    eph_pub = unb64(slot.get("eph"))
    if len(eph_pub) != 32:
        raise Damaged("The store's header is damaged.")
    try:
        shared = private.exchange(X25519PublicKey.from_public_bytes(eph_pub))
    except ValueError as exc:  # a low-order point: only a tampered header has one
        raise Damaged("The store's header is damaged.") from exc
    dek = unwrap(_wrap_key(shared, eph_pub, recipient), slot, RECOVERY_SLOT_AAD)
    if dek is None or len(dek) != KEY_BYTES:
        raise WrongRecoveryCode()
    return dek


def wipe(buf: bytearray) -> None:
    """Overwrite a key buffer in place (best effort: Python may hold other copies)."""
    for i in range(len(buf)):
        buf[i] = 0
