"""A passphrase change survives being killed at any moment, and a disk error at any step.

``keyops.rekey`` writes both new files (current and backup generation), then replaces
the current file, then the backup. Killed anywhere, the current file must open with the
old or the new passphrase (exactly one), hold every entry and the unsaved draft, and
still open with the recovery code; the next writable open must leave no temp file and a
backup generation under the current file's passphrase (or none at all).

The process tests drive ``rekey_child.py`` (a fork server, as ``fault_child.py``). Every
wait has a deadline and every child is killed in a ``finally``.
"""

from __future__ import annotations

import errno
import os
import random
import select
import signal
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from rekey_child import DRAFT_KEY, NEW_PASSPHRASE, PASSPHRASES

from selfcare.store import drafts, vault
from selfcare.store.api import open_store
from selfcare.store.errors import CannotWrite, WrongPassphrase, WrongRecoveryCode
from selfcare.store.keyops import REKEY_PHASES, rekey
from selfcare.store.paths import DRAFT_TEMP_PREFIX, TEMP_PREFIX, StorePaths
from selfcare.store.session import Session
from support import PASSPHRASE, add_entry, make_store

CHILD = Path(__file__).with_name("rekey_child.py")
SEED = 20261125
KILLS_PER_PHASE = 5
FREE_KILLS = 24
MAX_FREE_DELAY = 0.15
"""Seconds; one open-add-draft-rekey-close round takes some milliseconds here."""
TIMEOUT = 20.0
"""Seconds any single wait on a child may take before the test fails."""

CURRENT_BODIES = ["first", "second"]
BACKUP_BODIES = ["first"]
TEMPS_AT = {"current-written": 1, "backup-written": 2, "current-replaced": 1, "backup-replaced": 0}
"""Vault temp files on disk when killed at each phase (before anything cleans up)."""
LANDED_AT = {"current-written": False, "backup-written": False}
LANDED_AT |= {"current-replaced": True, "backup-replaced": True}
"""Whether the current file is under the new passphrase when killed at each phase."""


# --- helpers ---------------------------------------------------------------------------


def two_generations(paths: StorePaths) -> str:
    """A closed store under ``PASSPHRASE``: current ["first", "second"], backup ["first"]."""
    session, code = make_store(paths)
    add_entry(session, "first")
    session.save()
    session.close()
    session = open_store(paths, PASSPHRASE)
    add_entry(session, "second")
    session.save()
    session.close()
    return code


def bodies(session: Session) -> list[str]:
    """Every journal entry body, sorted."""
    return sorted(row[0] for row in session.conn.execute("SELECT body FROM journal_entry"))


def draft_bodies(session: Session) -> list[tuple[str, str]]:
    """The interrupted drafts a session holds (database rows and a newer sidecar)."""
    return [(d.id, str(d.fields.get("body"))) for d in session.drafts()]


def opens_with(paths: StorePaths, *, use_backup: bool = False) -> list[int]:
    """Which of ``PASSPHRASES`` open a generation (read-only; damage fails the test)."""
    found = []
    for index, passphrase in enumerate(PASSPHRASES):
        try:
            session = open_store(paths, passphrase, use_backup=use_backup, writable=False)
        except WrongPassphrase:
            continue
        session.close()
        found.append(index)
    return found


def read(
    paths: StorePaths, passphrase: str | None = None, *, code: str | None = None, **kw: bool
) -> tuple[list[str], list[tuple[str, str]]]:
    """Bodies and drafts of a generation opened read-only."""
    session = open_store(paths, passphrase, recovery_code=code, writable=False, **kw)
    try:
        return bodies(session), draft_bodies(session)
    finally:
        session.close()


def vault_temps(paths: StorePaths) -> list[Path]:
    return [p for p in paths.temp_files() if p.name.startswith(TEMP_PREFIX)]


class LineReader:
    """Lines from a pipe with a deadline on every read (``select``, never a blocking read)."""

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self.buf = b""
        self.eof = False

    def readline(self, deadline: float) -> str | None:
        """The next line, None at end of file; ``TimeoutError`` when the deadline passes."""
        while b"\n" not in self.buf:
            if self.eof:
                return None
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError
            ready, _, _ = select.select([self.fd], [], [], left)
            if ready:
                chunk = os.read(self.fd, 65536)
                self.eof = not chunk
                self.buf += chunk
        line, self.buf = self.buf.split(b"\n", 1)
        return line.decode("utf-8")


@dataclass
class Round:
    """One open-add-draft-rekey round of a worker, as far as it got."""

    tag: str
    which: int
    lines: list[str] = field(default_factory=list)

    def said(self, prefix: str) -> bool:
        return any(line.startswith(prefix) for line in self.lines)

    @property
    def done(self) -> bool:
        """``rekey`` returned: the change has landed."""
        return "rekeyed" in self.lines

    @property
    def entry(self) -> str:
        return f"entry-{self.tag}"

    @property
    def draft(self) -> str:
        return f"draft-{self.tag}"


@dataclass
class Kill:
    """What one killed worker said before it died."""

    mode: str
    phase: str | None
    lines: list[str]

    def rounds(self) -> list[Round]:
        found: list[Round] = []
        for line in self.lines:
            if line.startswith("round "):
                _, tag, which = line.split()
                found.append(Round(tag, int(which)))
            elif found:
                found[-1].lines.append(line)
        return found

    @property
    def last_event(self) -> str:
        return self.lines[-1] if self.lines else "nothing"


class RekeyServer:
    """``rekey_child.py DATA_DIR serve``: forks rekeying workers for the parent to kill."""

    def __init__(self, paths: StorePaths, log: Path) -> None:
        self.log = log
        self.err = log.open("wb")
        self.proc = subprocess.Popen(
            [sys.executable, str(CHILD), str(paths.data_dir), "serve"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self.err,
            env=dict(os.environ),
        )
        assert self.proc.stdout is not None and self.proc.stdin is not None
        self.out = LineReader(self.proc.stdout.fileno())
        self.worker: int | None = None
        try:
            assert self.line(time.monotonic() + 60) == "ready"
        except BaseException:
            self.close()
            raise

    def line(self, deadline: float) -> str:
        """The next line, failing the test (with the child's stderr) on a timeout or EOF."""
        try:
            line = self.out.readline(deadline)
        except TimeoutError:
            pytest.fail(f"the child said nothing in time; its stderr:\n{self.stderr()}")
        if line is None:
            pytest.fail(f"the child ended early; its stderr:\n{self.stderr()}")
        return line

    def stderr(self) -> str:
        self.err.flush()
        return self.log.read_text("utf-8", "replace")[-4000:]

    def start(self, command: str) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(f"{command}\n".encode())
        self.proc.stdin.flush()
        first = self.line(time.monotonic() + TIMEOUT)
        assert first.startswith("pid "), first
        self.worker = int(first.split()[1])

    def finish(self, mode: str, phase: str | None, lines: list[str]) -> Kill:
        """SIGKILL the worker, then read what it said until the server reports its end."""
        assert self.worker is not None
        try:
            os.kill(self.worker, signal.SIGKILL)
        except ProcessLookupError:
            pass  # it ended by itself: the status check below says so
        deadline = time.monotonic() + TIMEOUT
        while not (line := self.line(deadline)).startswith("exited "):
            lines.append(line)
        _, pid, status = line.split()
        assert int(pid) == self.worker
        self.worker = None
        assert os.WIFSIGNALED(int(status)), f"worker ended by itself:\n{self.stderr()}"
        assert os.WTERMSIG(int(status)) == signal.SIGKILL
        return Kill(mode, phase, lines)

    def kill_at_phase(self, tag: str, which: int, phase: str) -> Kill:
        """One round from ``PASSPHRASES[which]``; SIGKILL the worker once it waits at ``phase``."""
        self.start(f"step {tag} {which} {phase}")
        lines: list[str] = []
        deadline = time.monotonic() + TIMEOUT
        while True:
            line = self.line(deadline)
            assert not line.startswith("exited "), f"worker died:\n{self.stderr()}"
            assert line != "missed", f"the rekey never reached {phase}: {lines}"
            lines.append(line)
            if line == f"phase {phase}":
                return self.finish("step", phase, lines)

    def kill_after(self, mode: str, tag: str, which: int, delay: float) -> Kill:
        """Let a worker change the passphrase back and forth; SIGKILL it after ``delay``."""
        self.start(f"{mode} {tag} {which}")
        lines: list[str] = []
        kill_at = time.monotonic() + delay
        while True:
            try:
                line = self.out.readline(kill_at)
            except TimeoutError:
                break
            assert line is not None and not line.startswith("exited "), self.stderr()
            lines.append(line)
        return self.finish(mode, None, lines)

    def close(self) -> None:
        if self.worker is not None:
            try:
                os.kill(self.worker, signal.SIGKILL)
            except ProcessLookupError:
                pass
        try:
            assert self.proc.stdin is not None
            self.proc.stdin.write(b"quit\n")
            self.proc.stdin.flush()
            self.proc.wait(timeout=10)
        except (OSError, subprocess.TimeoutExpired):
            pass
        finally:
            if self.proc.poll() is None:
                self.proc.kill()
                self.proc.wait(timeout=10)
            self.err.close()


@dataclass
class Ledger:
    """What the store must hold after each kill, carried from one kill to the next."""

    code: str
    which: int = 0
    """Index in ``PASSPHRASES`` of the passphrase the current file opens with."""
    entries: set[str] = field(default_factory=lambda: set(CURRENT_BODIES))
    draft: str | None = None
    landed: Counter[str] = field(default_factory=Counter)
    backups: Counter[str] = field(default_factory=Counter)

    def check(self, paths: StorePaths, kill: Kill) -> None:
        rounds = kill.rounds()  # none when killed as it started
        assert kill.phase is None or len(rounds) == 1, kill.lines
        assert all(r.done for r in rounds[:-1]), "a worker went on after a failed round"
        assert [r.which for r in rounds] == [(self.which + i) % 2 for i in range(len(rounds))]
        finished = [r for r in rounds if r.done]
        last = rounds[-1] if rounds and not rounds[-1].done else None

        # 1. Before anything cleans up: the temp files the phase leaves.
        if kill.phase is not None:
            assert len(vault_temps(paths)) == TEMPS_AT[kill.phase], (kill.phase, paths.temp_files())
            assert not [p for p in paths.temp_files() if p.name.startswith(DRAFT_TEMP_PREFIX)]

        # 2. The current file opens with exactly one of the two passphrases.
        now = opens_with(paths)
        assert len(now) == 1, f"the current file opens with {now} after {kill.last_event}"
        which = now[0]
        before_last = (self.which + len(finished)) % 2
        last_landed = which != before_last
        if kill.phase is not None:
            assert last_landed == LANDED_AT[kill.phase], kill.phase
        if last_landed:
            assert last is not None and last.said("draft-written"), kill.lines
        if last is not None and "phase current-replaced" in last.lines:
            assert last_landed, "the current file was replaced, yet opens with the old passphrase"

        # 3. Every entry and the newest draft, with the passphrase and with the code.
        expected = self.entries | {r.entry for r in finished}
        if last_landed:
            assert last is not None
            expected.add(last.entry)
        newest = next((r.draft for r in reversed(rounds) if r.said("draft-written")), self.draft)
        allowed = {newest}
        if last is not None and last.said("staging"):
            allowed.add(last.draft)  # the sidecar may have landed just before the kill
        found, found_drafts = read(paths, PASSPHRASES[which])
        assert found == sorted(expected), f"after {kill.last_event}"
        assert len(found_drafts) <= 1, found_drafts
        text = found_drafts[0][1] if found_drafts else None
        assert not found_drafts or found_drafts[0][0] == DRAFT_KEY, found_drafts
        assert text in allowed, f"draft {text!r}, expected one of {allowed} ({kill.last_event})"
        self.draft = text
        assert read(paths, code=self.code) == (found, found_drafts)
        if kill.phase == "current-replaced":
            # Not settled yet: the backup is still the old one, under the old passphrase.
            assert opens_with(paths, use_backup=True) == [1 - which]

        # 4. The next writable open cleans up and settles the backup generation.
        open_store(paths, PASSPHRASES[which]).close()
        assert paths.temp_files() == [], "a writable open left temp files"
        if paths.backup.exists():
            assert opens_with(paths, use_backup=True) == [which], "backup under another key"
            assert read(paths, PASSPHRASES[which], use_backup=True)[0] == BACKUP_BODIES
            assert read(paths, code=self.code, use_backup=True)[0] == BACKUP_BODIES
            self.backups["kept"] += 1
        else:
            self.backups["removed"] += 1
        assert opens_with(paths) == [which]

        self.which, self.entries = which, expected
        self.landed[f"{kill.phase or kill.mode}:{'new' if last_landed else 'old'}"] += 1


# --- 1. killed during a passphrase change ---------------------------------------------


@pytest.mark.slow
def test_kill_at_every_phase_of_a_passphrase_change(paths: StorePaths, tmp_path: Path) -> None:
    ledger = Ledger(code=two_generations(paths))
    rng = random.Random(SEED)
    plan: list[str | None] = [p for p in REKEY_PHASES for _ in range(KILLS_PER_PHASE)]
    plan += [None] * FREE_KILLS
    rng.shuffle(plan)

    kills: list[Kill] = []
    started = time.monotonic()
    server = RekeyServer(paths, tmp_path / "child.log")
    try:
        for i, phase in enumerate(plan):
            if phase is None:
                mode = ("free", "spin")[i % 2]
                delay = rng.uniform(0, MAX_FREE_DELAY)
                kill = server.kill_after(mode, f"f{i}", ledger.which, delay)
            else:
                kill = server.kill_at_phase(f"s{i}", ledger.which, phase)
            ledger.check(paths, kill)
            kills.append(kill)
    finally:
        server.close()
    elapsed = time.monotonic() - started

    hit = Counter(k.phase for k in kills if k.phase)
    assert hit == dict.fromkeys(REKEY_PHASES, KILLS_PER_PHASE), hit
    free = [k for k in kills if k.phase is None]
    free_rounds = sum(len(k.rounds()) for k in free)
    assert free_rounds > len(free), "the free-running workers never finished a round"
    assert {k.mode for k in free} == {"free", "spin"}
    assert ledger.backups["kept"] == len(kills), ledger.backups
    print(
        f"\n{len(kills)} kills in {elapsed:.1f}s; per phase: {dict(hit)}; "
        f"random kills: {len(free)} over {free_rounds} rounds, last events "
        f"{sorted(Counter(k.last_event for k in free if 'phase' in k.last_event).items())} "
        f"{sorted(Counter(k.last_event.split()[0] for k in free).items())}; "
        f"outcomes: {dict(ledger.landed)}; backups: {dict(ledger.backups)}"
    )


# --- 2. a passphrase change that is not interrupted -----------------------------------


def test_passphrase_change_round_trip(paths: StorePaths) -> None:
    code = two_generations(paths)
    session = open_store(paths, PASSPHRASE)
    try:
        session.stage_draft(DRAFT_KEY, "journal", None, {"body": "typed, not saved ✍"})
        session.write_draft_now()
        before = bytes(session.dek)
        assert rekey(session, new_passphrase=NEW_PASSPHRASE, allow_weak=True) is None
        assert bytes(session.dek) != before, "a passphrase change rotates the data key"
        assert len(session.dek) == 32
    finally:
        session.close()

    assert paths.temp_files() == []
    draft = [(DRAFT_KEY, "typed, not saved ✍")]
    for use_backup in (False, True):
        with pytest.raises(WrongPassphrase):
            open_store(paths, PASSPHRASE, use_backup=use_backup, writable=False)
        opened = open_store(paths, NEW_PASSPHRASE, use_backup=use_backup, writable=False)
        try:
            assert bytes(opened.dek) != before
            assert bodies(opened) == (BACKUP_BODIES if use_backup else CURRENT_BODIES)
            if not use_backup:
                assert draft_bodies(opened) == draft
        finally:
            opened.close()
        assert read(paths, code=code, use_backup=use_backup)[0] == (
            BACKUP_BODIES if use_backup else CURRENT_BODIES
        )
    with pytest.raises(WrongRecoveryCode):
        open_store(paths, recovery_code="0" * 28, writable=False)

    again = open_store(paths, NEW_PASSPHRASE)  # the next writable session saves as usual
    try:
        add_entry(again, "third")
        assert again.save()
    finally:
        again.close()
    assert read(paths, NEW_PASSPHRASE) == (["first", "second", "third"], draft)
    assert opens_with(paths) == [1]


class Interrupted(BaseException):
    """Stands in for a kill inside one process: nothing after the phase runs."""


@pytest.mark.parametrize("how", ["completed", "killed-after-current-replaced"])
def test_no_draft_sealed_under_the_old_key_outlives_the_change(paths: StorePaths, how: str) -> None:
    """The old data key must open nothing kept in the data directory once the change landed.

    The draft sidecar is sealed with the data key. ``rekey`` folds its text into the new
    current file but leaves the sidecar, still sealed under the old key, in place, and
    ``settle_backup`` does not look at it. Anyone holding the old passphrase and a copy
    made before the change (``selfcare backup`` copies keep the old passphrase, by design)
    can unwrap the old data key and read that draft text.
    """
    two_generations(paths)

    def stop(phase: str) -> None:
        if how != "completed" and phase == "current-replaced":
            raise Interrupted

    session = open_store(paths, PASSPHRASE, on_phase=stop)
    old_dek, store_id = bytes(session.dek), session.store_id
    session.stage_draft(DRAFT_KEY, "journal", None, {"body": "words from before the change"})
    session.write_draft_now()
    try:
        rekey(session, new_passphrase=NEW_PASSPHRASE, allow_weak=True)
    except Interrupted:
        pass
    finally:
        session.close()
    open_store(paths, NEW_PASSPHRASE).close()  # the next writable open settles the change

    assert opens_with(paths) == [1]
    words = [(DRAFT_KEY, "words from before the change")]
    assert read(paths, NEW_PASSPHRASE)[1] == words, "the draft text must not be lost"
    if paths.draft.exists():
        stale = drafts.open_draft(paths.draft.read_bytes(), old_dek, store_id)
        assert stale is None, (
            "selfcare.draft is still sealed under the old data key after the passphrase change"
        )


# --- 3. the disk fails during a passphrase change -------------------------------------


class FaultOps(vault.FileOps):
    """File operations whose ``nth`` call of one step fails with an OSError while armed."""

    def __init__(self, paths: StorePaths, step: str, nth: int) -> None:
        self.paths = paths
        self.step = step
        self.nth = nth
        self.armed = False
        self.calls: Counter[str] = Counter()
        self.hits = 0

    def _maybe_fail(self, step: str) -> None:
        if not self.armed:
            return
        self.calls[step] += 1
        if step == self.step and self.calls[step] == self.nth:
            self.hits += 1
            raise OSError(errno.EIO, os.strerror(errno.EIO))

    def write(self, fd: int, data: bytes) -> None:
        self._maybe_fail("write")
        super().write(fd, data)

    def fsync(self, fd: int) -> None:
        self._maybe_fail("fsync")
        super().fsync(fd)

    def replace(self, src: Path, dst: Path) -> None:
        self._maybe_fail("replace-backup" if dst == self.paths.backup else "replace")
        super().replace(src, dst)


@pytest.mark.parametrize(
    ("step", "nth"),
    [
        ("write", 1),
        ("fsync", 1),
        ("write", 2),
        ("fsync", 2),
        ("replace", 1),
        ("replace-backup", 1),
    ],
    ids=[
        "write-current",
        "fsync-current",
        "write-backup",
        "fsync-backup",
        "replace-current",
        "replace-backup",
    ],
)
def test_disk_error_during_a_passphrase_change_leaves_disk_and_session_agreeing(
    paths: StorePaths, step: str, nth: int
) -> None:
    """``rekey`` promises: on CannotWrite "the old files stand and the session is
    unchanged". Whatever step fails, the passphrase the current file opens with must be
    the one the caller was told is in force, and the session must go on saving."""
    code = two_generations(paths)
    ops = FaultOps(paths, step, nth)
    session = open_store(paths, PASSPHRASE, ops=ops)
    try:
        session.stage_draft(DRAFT_KEY, "journal", None, {"body": "draft"})
        session.write_draft_now()
        ops.armed = True
        try:
            rekey(session, new_passphrase=NEW_PASSPHRASE, allow_weak=True)
        except CannotWrite:
            told = 0  # the caller was told the passphrase did not change
        else:
            told = 1
        ops.armed = False
        assert ops.hits == 1
        assert paths.temp_files() == [], "a failed passphrase change left temp files"
        now = opens_with(paths)
        assert now == [told], (
            f"after a failure at {step} the current file opens with passphrase {now} "
            f"(0 old, 1 new), but the caller was told {told} is in force"
        )
        # What is typed next must survive, whichever key the disk now holds.
        session.stage_draft(DRAFT_KEY, "journal", None, {"body": "typed after the failure"})
        session.write_draft_now()
        add_entry(session, "after the failure")
        assert session.save(), "the session could not save after the failed change"
    finally:
        session.close()
    draft = [(DRAFT_KEY, "typed after the failure")]
    expected = (["after the failure", *CURRENT_BODIES], draft)
    assert read(paths, PASSPHRASES[told]) == expected
    assert read(paths, code=code) == expected
    open_store(paths, PASSPHRASES[told]).close()
    if paths.backup.exists():
        assert opens_with(paths, use_backup=True) == [told]
