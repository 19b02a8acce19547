"""Journal drafts survive a killed or hung-up terminal: the real ``selfcare`` in a pty.

Each test runs ``python -m selfcare`` on a pseudo-terminal (``ptyscreen.PtyScreen``) with a
private HOME, TMPDIR, data directory and config file, against a store made with fast key
derivation. It unlocks by typing the passphrase, starts a new entry with Ctrl+N, types a
multi-line, non-ASCII text one character at a time, waits until the app's ~1 s draft tick
has sealed exactly that text into ``selfcare.draft``, and then ends the app:

- SIGKILL to its whole process group: nothing runs on the way out, so the words can only
  come from the sidecar; ``selfcare export`` straight afterwards (no restart) holds them.
- SIGHUP: the app saves everything (the open editor as a draft row) and exits 0.

Then it restarts the app, unlocks, and checks the draft is listed, opens it word for word,
and is in the store. Every wait has a deadline; each child is killed in ``finally`` (the
``PtyScreen`` context manager).
"""

from __future__ import annotations

import json
import os
import secrets
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from ptyscreen import KEY_CTRL_Q, KEY_ENTER, PtyScreen

from selfcare.models import DraftText
from selfcare.store.api import open_store
from selfcare.store.paths import StorePaths
from support import PASSPHRASE, all_bytes_under, make_store

pytestmark = pytest.mark.slow

START_TIMEOUT = 20.0
"""Python, Textual and the first frame, on a busy 2-core machine."""
STEP_TIMEOUT = 10.0
DRAFT_TIMEOUT = 8.0
"""The draft sidecar is rewritten at most once a second, on a 0.5 s tick."""
KEY_CTRL_N = b"\x0e"
JOURNAL_SIGN = "New entry"
"""The Journal's footer (the unlock screen has no such key)."""
WRITING_SIGN = "Save & close"
"""The writing screen's footer."""
DRAFT_BACK = "is back, word for word"
"""The writing screen's inline banner for a reopened draft."""


# --- fixtures and helpers ------------------------------------------------------------------


@pytest.fixture
def env(tmp_path: Path, paths: StorePaths, private_tmpdir: Path) -> dict[str, str]:
    """A private HOME, TMPDIR, data directory and config file for every child."""
    home = tmp_path / "home"
    home.mkdir()
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("SELFCARE_", "TEXTUAL", "XDG_"))
    }
    env.update(
        HOME=str(home),
        TMPDIR=str(private_tmpdir),
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_DATA_HOME=str(home / ".local" / "share"),
        XDG_CACHE_HOME=str(home / ".cache"),
        SELFCARE_DATA_DIR=str(paths.data_dir),
        SELFCARE_CONFIG=str(tmp_path / "config.toml"),
        PYTHONDONTWRITEBYTECODE="1",
        TERM="xterm-256color",
    )
    env.pop("COLUMNS", None)
    env.pop("LINES", None)
    return env


@pytest.fixture
def closed_store(paths: StorePaths) -> StorePaths:
    """A store (fast key derivation, the full non-ASCII passphrase), not open."""
    session, _code = make_store(paths, PASSPHRASE)
    session.close()
    return paths


@pytest.fixture
def terms() -> Iterator[list[PtyScreen]]:
    """Every pty child a test starts; each is killed (whole session) in the end."""
    started: list[PtyScreen] = []
    try:
        yield started
    finally:
        for term in started:
            term.close()


def start_app(terms: list[PtyScreen], env: dict[str, str]) -> PtyScreen:
    """``python -m selfcare`` on a fresh 100x30 pty."""
    term = PtyScreen()
    terms.append(term)
    term.start([sys.executable, "-m", "selfcare"], env)
    return term


def unlock(term: PtyScreen) -> None:
    """Type the passphrase (UTF-8 through the pty) and wait for the Journal's footer."""
    term.wait_for("Passphrase", START_TIMEOUT)
    term.type_text(PASSPHRASE)
    term.send(KEY_ENTER)
    term.wait_for(JOURNAL_SIGN, STEP_TIMEOUT)


def new_text(label: str) -> tuple[str, str]:
    """A unique multi-line, non-ASCII text and its marker word."""
    marker = f"marker-{label}-{secrets.token_hex(4)}"
    text = f"Night shift, ward 4 ({label}).\nMrs D asked for her daughter — café closed {marker} ✍"
    return text, marker


def type_entry(term: PtyScreen, text: str) -> float:
    """Ctrl+N from the Journal, type ``text`` (Enter between lines); returns when typed."""
    term.send(KEY_CTRL_N)
    term.wait_for(WRITING_SIGN, STEP_TIMEOUT)
    for number, line in enumerate(text.split("\n")):
        if number:
            term.send(KEY_ENTER)
        term.type_text(line)
    typed = time.time()
    last_word = text.split()[-2]  # the marker (the final ✍ is a single cell either way)
    term.wait_for(last_word, STEP_TIMEOUT)
    return typed


def journal_drafts(paths: StorePaths) -> list[DraftText]:
    """The Journal's drafts as a read-only opener sees them (the vault plus a newer sidecar)."""
    session = open_store(paths, PASSPHRASE, writable=False)
    try:
        return session.drafts("journal")
    finally:
        session.close()


def bodies(drafts: list[DraftText]) -> list[str]:
    """The draft texts."""
    return [str(draft.fields.get("body")) for draft in drafts]


def wait_for_sidecar(paths: StorePaths, text: str, typed: float) -> None:
    """Poll until ``selfcare.draft`` is newer than the last keystroke and holds ``text``."""
    deadline = time.monotonic() + DRAFT_TIMEOUT
    seen: list[str] = []
    while time.monotonic() < deadline:
        try:
            fresh = paths.draft.stat().st_mtime >= typed
        except FileNotFoundError:
            fresh = False
        if fresh:
            seen = bodies(journal_drafts(paths))
            if text in seen:
                return
        time.sleep(0.1)
    raise AssertionError(
        f"the draft sidecar did not hold the typed text within {DRAFT_TIMEOUT} s "
        f"(exists: {paths.draft.exists()}, drafts: {len(seen)})"
    )


def kill_group(term: PtyScreen) -> None:
    """SIGKILL the app's whole session (process group); it cannot run any code."""
    assert term.proc is not None
    os.killpg(term.proc.pid, signal.SIGKILL)
    assert term.wait(STEP_TIMEOUT) == -signal.SIGKILL


def export(paths: StorePaths, env: dict[str, str], out: Path) -> dict[str, object]:
    """``selfcare export --out OUT --passphrase-stdin``: exit 0; the parsed JSON."""
    proc = subprocess.run(
        [sys.executable, "-m", "selfcare", "export", "--out", str(out), "--passphrase-stdin"],
        input=(PASSPHRASE + "\n").encode("utf-8"),
        capture_output=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")
    data: dict[str, object] = json.loads(out.read_text(encoding="utf-8"))
    return data


def exported_draft_bodies(data: dict[str, object]) -> list[str]:
    """``tables.draft_text[*].fields.body`` of an export."""
    tables = data["tables"]
    assert isinstance(tables, dict)
    rows = tables["draft_text"]
    assert isinstance(rows, list)
    found = []
    for row in rows:
        fields = row["fields"]
        assert isinstance(fields, dict), "draft fields are exported as a JSON object"
        found.append(str(fields.get("body")))
    return found


def assert_no_plaintext(text: str, marker: str, *dirs: Path) -> None:
    """No file below ``dirs`` holds the marker or a line of the text in plaintext."""
    needles = [marker.encode("utf-8")]
    needles += [line.encode("utf-8") for line in text.split("\n")]
    needles.append("daughter — café".encode())
    for path, data in all_bytes_under(*dirs):
        for needle in needles:
            assert needle not in data, f"{needle!r} in plaintext in {path}"


def open_first_draft(term: PtyScreen, text: str) -> None:
    """The Journal lists the draft first; Enter opens it: every line, and the banner."""
    first_line = text.split("\n")[0]
    term.wait_for(f"Draft · {first_line}", STEP_TIMEOUT)
    term.send(KEY_ENTER)  # the table is focused and the drafts are at the top
    term.wait_for(WRITING_SIGN, STEP_TIMEOUT)
    term.wait_for(DRAFT_BACK, STEP_TIMEOUT)
    for line in text.split("\n"):
        term.wait_for(line, STEP_TIMEOUT)


def quit_app(term: PtyScreen) -> None:
    """Ctrl+Q (saves first): exit 0."""
    term.send(KEY_CTRL_Q)
    assert term.wait(STEP_TIMEOUT) == 0, term.describe()


# --- tests --------------------------------------------------------------------------------


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGHUP], ids=["SIGKILL", "SIGHUP"])
def test_interrupted_draft_comes_back_word_for_word(
    closed_store: StorePaths,
    env: dict[str, str],
    terms: list[PtyScreen],
    tmp_path: Path,
    private_tmpdir: Path,
    sig: signal.Signals,
) -> None:
    """Type, SIGKILL (or SIGHUP), export before any restart, restart, unlock, reopen.

    SIGKILL: the text survives only in the sealed sidecar, and ``export`` applies it.
    SIGHUP: the app saves a full snapshot (the open editor as a draft row) and exits 0.
    Either way the draft is listed, reopens word for word, and is in the store.
    """
    paths = closed_store
    text, marker = new_text(sig.name)

    term = start_app(terms, env)
    unlock(term)
    typed = type_entry(term, text)
    wait_for_sidecar(paths, text, typed)
    if sig == signal.SIGKILL:
        kill_group(term)
        assert paths.draft.exists(), "the words are in the sidecar only"
    else:
        term.signal(sig)
        assert term.wait(STEP_TIMEOUT) == 0, term.describe()
        assert not paths.draft.exists(), "a full save removes the sidecar"
    assert_no_plaintext(text, marker, paths.data_dir, private_tmpdir, tmp_path / "home")

    # Before any restart: a read-only export already holds the words, newlines and all.
    exports = tmp_path / "exports"
    exports.mkdir()
    data = export(paths, env, exports / "after.json")
    assert text in exported_draft_bodies(data)
    assert_no_plaintext(text, marker, paths.data_dir, private_tmpdir, tmp_path / "home")

    # Restart, unlock: listed first, Enter opens it word for word.
    term = start_app(terms, env)
    unlock(term)
    open_first_draft(term, text)
    quit_app(term)

    assert bodies(journal_drafts(paths)) == [text]
    assert not paths.draft.exists(), "quitting saved a full snapshot"
    assert_no_plaintext(text, marker, paths.data_dir, private_tmpdir, tmp_path / "home")


def test_several_interrupted_drafts_are_all_kept(
    closed_store: StorePaths,
    env: dict[str, str],
    terms: list[PtyScreen],
    tmp_path: Path,
) -> None:
    """SIGKILL while writing; restart and, at once, write another new entry; SIGKILL again.

    Restarting must not lose the first draft: both are in an export straight after the
    second kill, both are in the store, and both are listed after another restart.
    """
    paths = closed_store
    first, _ = new_text("first")
    second, _ = new_text("second")

    term = start_app(terms, env)
    unlock(term)
    wait_for_sidecar(paths, first, type_entry(term, first))
    kill_group(term)

    term = start_app(terms, env)
    unlock(term)
    term.wait_for(f"Draft · {first.splitlines()[0]}", STEP_TIMEOUT)
    wait_for_sidecar(paths, second, type_entry(term, second))
    kill_group(term)

    exports = tmp_path / "exports"
    exports.mkdir()
    exported = exported_draft_bodies(export(paths, env, exports / "both.json"))
    stored = bodies(journal_drafts(paths))
    assert sorted(stored) == sorted([first, second]), (
        "the first draft was lost: recovered from the sidecar on open, it lived only in "
        "the database until the next snapshot, and the new sidecar (staged editors only) "
        "replaced the one that held it"
    )
    assert sorted(exported) == sorted([first, second])

    term = start_app(terms, env)
    unlock(term)
    for text in (first, second):
        term.wait_for(f"Draft · {text.splitlines()[0]}", STEP_TIMEOUT)
    term.wait_for("2 unfinished drafts", STEP_TIMEOUT)
    quit_app(term)
    assert sorted(bodies(journal_drafts(paths))) == sorted([first, second])
