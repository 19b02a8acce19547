"""The app in a real pseudo-terminal: SIGHUP, SIGTERM and a closed terminal save and exit,
a crash shows nothing private, the demo cleans up, a wrong passphrase is answered calmly.

Each test starts a child on a pty (``ptyscreen.PtyScreen``) with a private HOME, TMPDIR,
data directory and config file, polls the pyte screen with deadlines, and kills the child
in ``finally`` (the context manager) whatever happens.
"""

from __future__ import annotations

import os
import signal
import sys
import time
from pathlib import Path

import pytest
from app_child import DRAFT_TEXT, USER_TEXT
from ptyscreen import KEY_CTRL_Q, KEY_ENTER, KEY_F9, PtyScreen
from sqlmodel import select

from selfcare.crash import crash_sentence
from selfcare.models import JournalEntry
from selfcare.screens.area import NOT_BUILT
from selfcare.store.api import open_store
from selfcare.store.paths import BACKUP_NAME, DRAFT_NAME, LOCK_NAME, VAULT_NAME, StorePaths
from support import PASSPHRASE, make_store

pytestmark = pytest.mark.slow

CHILD = Path(__file__).with_name("app_child.py")
STORE_FILES = {VAULT_NAME, BACKUP_NAME, DRAFT_NAME, LOCK_NAME}
START_TIMEOUT = 20.0
"""Python, Textual and the first frame, on a busy 2-core machine."""
EXIT_TIMEOUT = 10.0
JOURNAL_TAB = "Journal F2"
"""The tab bar: shown only once unlocked (the unlock screen's header has no tabs)."""
JOURNAL_SIGNS = (NOT_BUILT, "New entry")
"""The Journal's placeholder, or the footer of the real Journal screen once it lands."""
ALT_SCREEN_ON = "\x1b[?1049h"
ALT_SCREEN_OFF = "\x1b[?1049l"


@pytest.fixture
def env(tmp_path: Path, paths: StorePaths, private_tmpdir: Path) -> dict[str, str]:
    """A private HOME, TMPDIR, data directory and config file for the child."""
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
    )
    return env


@pytest.fixture
def closed_store(paths: StorePaths) -> StorePaths:
    """A store (fast key derivation) that exists on disk and is not open."""
    session, _code = make_store(paths)
    session.close()
    return paths


def wait_for_journal(term: PtyScreen, timeout: float) -> None:
    """The Journal, unlocked: its tab in the header and the area itself."""
    term.wait_for(JOURNAL_TAB, timeout)
    term.wait_for_any(JOURNAL_SIGNS, timeout)


def unlock(term: PtyScreen, passphrase: str = PASSPHRASE) -> None:
    """Type the passphrase on the unlock screen and wait for the Journal."""
    term.wait_for("Passphrase", START_TIMEOUT)
    term.type_text(passphrase)
    term.send(KEY_ENTER)
    wait_for_journal(term, EXIT_TIMEOUT)


def flat(text: str) -> str:
    """Whitespace collapsed, so a sentence wrapped by the terminal still matches."""
    return " ".join(text.split())


def assert_saved(paths: StorePaths, marker: str, tmpdir: Path) -> None:
    """The entry and the draft reached the vault; nothing stray is left behind."""
    session = open_store(paths, PASSPHRASE, writable=False)
    try:
        with session.orm() as db:
            bodies = [entry.body for entry in db.exec(select(JournalEntry)).all()]
        drafts = [draft.fields.get("body") for draft in session.drafts()]
    finally:
        session.close()
    assert marker in bodies
    assert DRAFT_TEXT in drafts
    assert paths.temp_files() == []
    assert {p.name for p in paths.data_dir.iterdir()} <= STORE_FILES
    assert not paths.draft.exists(), "a full save removes the draft sidecar"
    assert [p.name for p in tmpdir.iterdir() if "selfcare" in p.name] == []


@pytest.mark.parametrize("sig", [signal.SIGHUP, signal.SIGTERM], ids=["SIGHUP", "SIGTERM"])
def test_signal_saves_and_exits_0(
    closed_store: StorePaths, env: dict[str, str], private_tmpdir: Path, sig: signal.Signals
) -> None:
    """The autosave timer is slowed to an hour: only the signal handler can have saved."""
    marker = f"entry before {sig.name} ✍"
    with PtyScreen() as term:
        term.start([sys.executable, str(CHILD), str(closed_store.data_dir), "save", marker], env)
        unlock(term)
        term.signal(sig)
        assert term.wait(EXIT_TIMEOUT) == 0, term.describe()
        assert term.output().rsplit(ALT_SCREEN_ON, 1)[-1].count(ALT_SCREEN_OFF) >= 1, (
            "the terminal is given back (alternate screen left)"
        )
    assert_saved(closed_store, marker, private_tmpdir)


HANG_UP_ATTEMPTS = 2
"""The hang on a closed terminal is a race (1 run in 6 to 2 in 3 hang here): try twice.
``test_signal_exit_ends_even_if_shutdown_hangs`` makes that hang deterministic."""


def test_closed_terminal_saves_and_exits(
    closed_store: StorePaths, env: dict[str, str], private_tmpdir: Path, tmp_path: Path
) -> None:
    """The terminal window goes away (the pty master is closed): the kernel sends SIGHUP
    (and SIGCONT) to the app; it must save and then actually exit, not linger for ever.
    """
    stacks = tmp_path / "stacks.txt"
    for attempt in range(HANG_UP_ATTEMPTS):
        marker = f"entry before the window closed #{attempt}"
        with PtyScreen() as term:
            term.start(
                [sys.executable, str(CHILD), str(closed_store.data_dir), "save", marker],
                {**env, "APP_CHILD_STACKS": str(stacks)},
            )
            unlock(term)
            term.hang_up()
            exited = term.exited_within(EXIT_TIMEOUT)
            if not exited:
                term.signal(signal.SIGUSR1)  # app_child dumps every thread's stack
                time.sleep(0.5)
        assert_saved(closed_store, marker, private_tmpdir)
        assert exited, (
            f"attempt {attempt + 1}: saved, but still running {EXIT_TIMEOUT} s after its "
            "terminal closed. Textual's SIGCONT handler restarts application mode on "
            "hang-up and its shutdown then blocks in WriterThread.stop().\n"
            + stacks.read_text(errors="replace")
        )


def test_signal_exit_ends_even_if_shutdown_hangs(
    closed_store: StorePaths, env: dict[str, str], private_tmpdir: Path
) -> None:
    """Textual's shutdown blocks for ever (as on a closed terminal): once saved, the process
    must still end, not linger as an orphan. (SIGTERM takes the same handler.)
    """
    sig = signal.SIGHUP
    marker = "entry before a stuck shutdown"
    with PtyScreen() as term:
        term.start([sys.executable, str(CHILD), str(closed_store.data_dir), "stuck", marker], env)
        unlock(term)
        term.signal(sig)
        exited = term.exited_within(EXIT_TIMEOUT)
    assert_saved(closed_store, marker, private_tmpdir)
    assert exited, f"saved, but still running {EXIT_TIMEOUT} s after {sig.name}"


def test_crash_shows_no_user_text_and_saves(
    closed_store: StorePaths, env: dict[str, str], private_tmpdir: Path
) -> None:
    """F9 raises with user text in the message and the passphrase in a local variable."""
    marker = "entry before the crash"
    with PtyScreen() as term:
        term.start([sys.executable, str(CHILD), str(closed_store.data_dir), "crash", marker], env)
        unlock(term)
        term.send(KEY_F9)
        code = term.wait(EXIT_TIMEOUT)
        out = term.output()
    assert code != 0
    # The entry and the draft may be listed by the Journal itself; these two never are.
    for private in (USER_TEXT, PASSPHRASE, "pâté", "correct horse"):
        assert private not in out
    assert "Traceback" not in out
    assert "locals" not in out
    assert flat(crash_sentence(RuntimeError())) in flat(out)
    assert "internal error (RuntimeError)" in flat(out)
    assert_saved(closed_store, marker, private_tmpdir)


def test_demo_shows_journal_and_cleans_up(
    tmp_path: Path, paths: StorePaths, env: dict[str, str], private_tmpdir: Path
) -> None:
    """``selfcare --demo``: no prompt, the Journal, Ctrl+Q exits 0, the temp store is gone."""
    with PtyScreen() as term:
        term.start([sys.executable, "-m", "selfcare", "--demo"], env)
        wait_for_journal(term, START_TIMEOUT)
        demo_dirs = [
            p.name for p in private_tmpdir.iterdir() if p.name.startswith("selfcare-demo-")
        ]
        assert len(demo_dirs) == 1, "the demo store lives in TMPDIR while it runs"
        term.send(KEY_CTRL_Q)
        assert term.wait(EXIT_TIMEOUT) == 0, term.describe()
    assert list(private_tmpdir.glob("selfcare-demo-*")) == []
    assert not (tmp_path / "config.toml").exists(), "--demo never writes the settings"
    assert not paths.data_dir.exists(), "--demo never touches the real data directory"


def test_wrong_then_right_passphrase(closed_store: StorePaths, env: dict[str, str]) -> None:
    """The real ``selfcare``: a wrong passphrase is answered calmly, the right one opens."""
    with PtyScreen() as term:
        term.start([sys.executable, "-m", "selfcare"], env)
        term.wait_for("Passphrase", START_TIMEOUT)
        term.type_text("not my passphrase")
        term.send(KEY_ENTER)
        term.wait_for("didn't open", EXIT_TIMEOUT)
        assert JOURNAL_TAB not in term.screen_text()
        unlock(term)
        term.wait_gone("didn't open")
        term.send(KEY_CTRL_Q)
        assert term.wait(EXIT_TIMEOUT) == 0, term.describe()
    assert closed_store.temp_files() == []
