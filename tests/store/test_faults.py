"""Real fault tests: processes killed during a save, the disk filling up at each step of a
save, a second writer, and a vault file replaced behind the saver's back.

Process tests drive ``fault_child.py``. Every wait has a deadline and every child is
killed in a ``finally``, so a broken save shows up as a failure, never as a hang.
"""

from __future__ import annotations

import errno
import os
import random
import select
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from selfcare import cli
from selfcare.store import vault
from selfcare.store.api import check_generation, open_store
from selfcare.store.errors import AlreadyOpen, CannotWrite
from selfcare.store.paths import DRAFT_TEMP_PREFIX, TEMP_PREFIX, StorePaths
from selfcare.store.session import Session
from support import PASSPHRASE, add_entry, make_store

CHILD = Path(__file__).with_name("fault_child.py")
SEED = 20261124
STEP_KILLS_PER_PHASE = 8
FREE_KILLS = 24
MAX_FREE_DELAY = 0.12
"""Seconds; one open-add-save-close round takes a few milliseconds here."""
TIMEOUT = 20.0
"""Seconds any single wait on a child may take before the test fails."""


# --- helpers ---------------------------------------------------------------------------


def bodies(session: Session) -> list[str]:
    """Every journal entry body in a session, sorted."""
    return sorted(row[0] for row in session.conn.execute("SELECT body FROM journal_entry"))


def read_bodies(paths: StorePaths, *, use_backup: bool = False) -> list[str]:
    """Open a generation read-only (no lock, nothing written) and list its bodies."""
    session = open_store(paths, PASSPHRASE, writable=False, use_backup=use_backup)
    try:
        return bodies(session)
    finally:
        session.close()


def vault_temps(paths: StorePaths) -> list[Path]:
    """Temp files of the vault itself (not of the backup link, not of the draft)."""
    return [
        p
        for p in paths.temp_files()
        if p.name.startswith(TEMP_PREFIX) and not p.name.startswith(f"{TEMP_PREFIX}bak-")
    ]


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
class Kill:
    """What one killed worker reported before it died."""

    mode: str
    phase: str | None
    """The phase the worker was stopped in (step mode), else None."""
    lines: list[str]
    status: int

    @property
    def adding(self) -> list[str]:
        return [line.split(" ", 1)[1] for line in self.lines if line.startswith("adding ")]

    @property
    def saved(self) -> list[str]:
        return [line.split(" ", 1)[1] for line in self.lines if line.startswith("saved ")]

    @property
    def last_event(self) -> str:
        return self.lines[-1] if self.lines else "nothing"


class ChildServer:
    """``fault_child.py DATA_DIR serve``: forks saving workers for the parent to kill."""

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

    def send(self, data: bytes) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(data)
        self.proc.stdin.flush()

    def start(self, mode: str, tag: str) -> list[str]:
        self.send(f"{mode} {tag}\n".encode())
        first = self.line(time.monotonic() + TIMEOUT)
        assert first.startswith("pid "), first
        self.worker = int(first.split()[1])
        return []

    def finish(self, mode: str, phase: str | None, lines: list[str]) -> Kill:
        """Kill the worker, then read what it said until the server reports its end."""
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
        return Kill(mode, phase, lines, int(status))

    def kill_at_phase(self, tag: str, phase: str, on_save: int) -> Kill:
        """Step a worker through its saves; SIGKILL it at ``phase`` of save ``on_save``."""
        lines = self.start("step", tag)
        deadline = time.monotonic() + TIMEOUT
        while True:
            line = self.line(deadline)
            assert not line.startswith("exited "), f"worker died:\n{self.stderr()}"
            lines.append(line)
            if line.startswith("phase "):
                if line == f"phase {phase}" and len(lines_of(lines, "adding ")) == on_save + 1:
                    return self.finish("step", phase, lines)
                self.send(b".")

    def kill_after(self, tag: str, delay: float) -> Kill:
        """Let a worker save freely, SIGKILL it after ``delay`` seconds."""
        lines = self.start("free", tag)
        kill_at = time.monotonic() + delay
        while True:
            try:
                line = self.out.readline(kill_at)
            except TimeoutError:
                break
            assert line is not None and not line.startswith("exited "), self.stderr()
            lines.append(line)
        return self.finish("free", None, lines)

    def close(self) -> None:
        if self.worker is not None:
            try:
                os.kill(self.worker, signal.SIGKILL)
            except ProcessLookupError:
                pass
        try:
            self.send(b"quit\n")
            self.proc.wait(timeout=10)
        except (OSError, subprocess.TimeoutExpired):
            pass
        finally:
            if self.proc.poll() is None:
                self.proc.kill()
                self.proc.wait(timeout=10)
            self.err.close()


def lines_of(lines: list[str], prefix: str) -> list[str]:
    return [line for line in lines if line.startswith(prefix)]


@dataclass
class Ledger:
    """What must be, and what may be, in the store after each kill."""

    required: set[str] = field(default_factory=set)
    generation: int = 1
    temps_seen_at: dict[str, int] = field(default_factory=dict)

    def check(self, paths: StorePaths, kill: Kill) -> None:
        adding, saved = kill.adding, kill.saved
        # Saves run one at a time: all but the last one started have returned.
        assert saved in (adding, adding[:-1]), kill.lines
        in_flight = {adding[-1]} if adding and saved != adding else set()
        self.required |= set(saved)

        temps = paths.temp_files()
        assert not [p for p in temps if p.name.startswith(DRAFT_TEMP_PREFIX)]
        if kill.phase in ("temp-written", "synced", "linked"):
            assert len(vault_temps(paths)) == 1, (kill.phase, temps)
        elif kill.phase == "replaced":
            assert vault_temps(paths) == [], temps
        if temps:
            key = kill.phase or "free"
            self.temps_seen_at[key] = self.temps_seen_at.get(key, 0) + 1

        session = open_store(paths, PASSPHRASE, writable=True)
        try:
            assert paths.temp_files() == [], "opening did not remove stale temp files"
            assert session.conn.execute("PRAGMA quick_check").fetchone() == ("ok",)
            found = bodies(session)
            assert len(found) == len(set(found))
            missing = self.required - set(found)
            assert not missing, f"saved entries lost after a kill at {kill.last_event}"
            extra = set(found) - self.required
            assert extra <= in_flight, f"entries from nowhere: {extra}"
            self.required |= extra  # once on disk, an in-flight entry must stay
            if kill.phase == "replaced":
                assert extra == in_flight, "the rename happened, yet the entry is missing"
            elif kill.phase is not None:
                assert extra == set(), f"an entry appeared before the rename ({kill.phase})"
            # One generation per completed save, each adding one entry; none skipped.
            assert session.generation == 1 + len(found)
            assert session.generation >= self.generation
            self.generation = session.generation
        finally:
            session.close()

        report = check_generation(paths, PASSPHRASE, use_backup=False)
        assert report.ok and report.generation == self.generation, report
        if paths.backup.exists():
            backup = open_store(paths, PASSPHRASE, use_backup=True, writable=False)
            try:
                older = bodies(backup)
                assert set(older) <= set(found)
                assert backup.generation in (self.generation - 1, self.generation)
                assert backup.generation == 1 + len(older)
            finally:
                backup.close()


# --- 1. killed during a save -----------------------------------------------------------


@pytest.mark.slow
def test_kill_at_every_phase_of_a_save_leaves_a_complete_generation(
    paths: StorePaths, tmp_path: Path
) -> None:
    session, _ = make_store(paths)
    session.close()
    rng = random.Random(SEED)
    plan: list[str | None] = [p for p in vault.PHASES for _ in range(STEP_KILLS_PER_PHASE)]
    plan += [None] * FREE_KILLS
    rng.shuffle(plan)

    ledger = Ledger()
    kills: list[Kill] = []
    started = time.monotonic()
    server = ChildServer(paths, tmp_path / "child.log")
    try:
        for i, phase in enumerate(plan):
            if phase is None:
                kill = server.kill_after(f"f{i}", rng.uniform(0.0, MAX_FREE_DELAY))
            else:
                kill = server.kill_at_phase(f"s{i}", phase, on_save=rng.randrange(3))
            ledger.check(paths, kill)
            kills.append(kill)
    finally:
        server.close()
    elapsed = time.monotonic() - started

    hit = {k.phase for k in kills if k.phase}
    assert len(kills) >= 50
    assert hit == set(vault.PHASES), hit
    # The temp file was there to clean up, at least when killed before the rename.
    assert ledger.temps_seen_at.get("temp-written", 0) == STEP_KILLS_PER_PHASE
    assert ledger.temps_seen_at.get("synced", 0) == STEP_KILLS_PER_PHASE
    free_saves = sum(len(k.saved) for k in kills if k.mode == "free")
    assert free_saves > 0, "the free-running workers never finished a save"
    assert len(ledger.required) > len(kills)
    free = [k for k in kills if k.mode == "free"]
    print(
        f"\n{len(kills)} kills in {elapsed:.1f}s; phases hit: "
        f"{sorted((p, sum(k.phase == p for k in kills)) for p in hit)}; "
        f"free kills' last events: {sorted(k.last_event.split()[0] for k in free)}; "
        f"entries kept: {len(ledger.required)}; temps before open: {ledger.temps_seen_at}"
    )


class Interrupted(BaseException):
    """Stands in for a kill inside one process: nothing after the phase runs."""


def test_first_save_after_one_interrupted_after_linking_leaves_no_temp_file(
    paths: StorePaths,
) -> None:
    """After a crash between linking the backup and the rename, ``selfcare.vault.bak`` and
    ``selfcare.vault`` are one file. The next session's first save must still leave only the
    store's own files behind (``rename()`` of two links to one file does nothing at all)."""
    session, _ = make_store(paths)
    session.close()

    def stop_after_link(phase: str) -> None:
        if phase == "linked":
            raise Interrupted

    session = open_store(paths, PASSPHRASE, on_phase=stop_after_link)
    add_entry(session, "lost with the crash")
    with pytest.raises(Interrupted):
        session.save()
    session.close()
    assert os.path.samefile(paths.vault, paths.backup)

    session = open_store(paths, PASSPHRASE)
    try:
        assert paths.temp_files() == []
        add_entry(session, "after the crash")
        assert session.save()
        assert paths.temp_files() == [], "a successful save left a temp file behind"
        assert sorted(p.name for p in paths.data_dir.iterdir()) == [
            "selfcare.lock",
            "selfcare.vault",
            "selfcare.vault.bak",
        ]
    finally:
        session.close()


# --- 2. the disk fills up --------------------------------------------------------------


class FaultOps(vault.FileOps):
    """File operations that fail one step with ENOSPC while ``armed``."""

    def __init__(self, paths: StorePaths, step: str, err: int = errno.ENOSPC) -> None:
        self.paths = paths
        self.step = step
        self.err = err
        self.armed = False
        self.hits = 0

    def _maybe_fail(self, step: str) -> None:
        if self.armed and step == self.step:
            self.hits += 1
            raise OSError(self.err, os.strerror(self.err))

    def write(self, fd: int, data: bytes) -> None:
        self._maybe_fail("write")
        super().write(fd, data)

    def fsync(self, fd: int) -> None:
        self._maybe_fail("fsync")
        super().fsync(fd)

    def link(self, src: Path, dst: Path) -> None:
        self._maybe_fail("link")
        super().link(src, dst)

    def replace(self, src: Path, dst: Path) -> None:
        names = {self.paths.backup: "replace-backup", self.paths.draft: "replace-draft"}
        self._maybe_fail(names.get(dst, "replace"))
        super().replace(src, dst)

    def fsync_dir(self, path: Path) -> None:
        self._maybe_fail("fsync_dir")
        super().fsync_dir(path)


@pytest.mark.parametrize(
    ("step", "first_save"),
    [
        ("write", True),
        ("write", False),
        ("fsync", True),
        ("fsync", False),
        ("link", True),
        ("replace-backup", True),
        ("replace", True),
        ("replace", False),
    ],
    ids=lambda v: {True: "first-save", False: "later-save"}.get(v, v),
)
def test_disk_full_at_each_step_keeps_the_old_generation_and_the_data(
    paths: StorePaths, step: str, first_save: bool
) -> None:
    session, _ = make_store(paths)
    add_entry(session, "old")
    session.save()
    session.close()

    ops = FaultOps(paths, step)
    session = open_store(paths, PASSPHRASE, ops=ops)
    try:
        if not first_save:
            add_entry(session, "middle")
            assert session.save()
        on_disk = read_bodies(paths)
        vault_before = paths.vault.read_bytes()
        backup_before = paths.backup.read_bytes() if paths.backup.exists() else None
        generation = session.generation

        add_entry(session, "new")
        ops.armed = True
        with pytest.raises(CannotWrite) as info:
            session.save()
        assert ops.hits == 1
        assert "disk is full" in str(info.value)

        assert paths.temp_files() == [], "a failed save left a temp file"
        assert paths.vault.read_bytes() == vault_before, "the current file was touched"
        if paths.backup.exists():
            assert paths.backup.read_bytes() in (backup_before, vault_before)
        assert read_bodies(paths) == on_disk
        assert bodies(session) == sorted([*on_disk, "new"])
        assert session.dirty
        assert session.generation == generation

        ops.armed = False
        assert session.save()
        assert paths.temp_files() == [], "the save after the fault left a temp file"
        assert session.generation == generation + 1
    finally:
        session.close()

    session = open_store(paths, PASSPHRASE)
    try:
        assert bodies(session) == sorted([*on_disk, "new"])
        assert session.generation == generation + 1
    finally:
        session.close()
    # The backup is the generation before this session, whatever failed on the way.
    assert read_bodies(paths, use_backup=True) == ["old"]


@pytest.mark.parametrize("step", ["write", "fsync", "replace-draft"])
def test_disk_full_while_writing_the_draft_keeps_the_previous_draft(
    paths: StorePaths, step: str
) -> None:
    session, _ = make_store(paths)
    session.close()
    ops = FaultOps(paths, step)
    session = open_store(paths, PASSPHRASE, ops=ops)
    try:
        session.stage_draft("journal:new", "journal", None, {"body": "draft one"})
        session.write_draft_now()
        before = paths.draft.read_bytes()

        session.stage_draft("journal:new", "journal", None, {"body": "draft two"})
        ops.armed = True
        with pytest.raises(CannotWrite, match="disk is full"):
            session.write_draft_now()
        assert ops.hits == 1
        assert paths.temp_files() == []
        assert paths.draft.read_bytes() == before
        reader = open_store(paths, PASSPHRASE, writable=False)
        assert [d.fields for d in reader.drafts()] == [{"body": "draft one"}]
        reader.close()

        ops.armed = False
        session.write_draft_now()
        reader = open_store(paths, PASSPHRASE, writable=False)
        assert [d.fields for d in reader.drafts()] == [{"body": "draft two"}]
        reader.close()
    finally:
        session.close()


def test_failed_directory_fsync_does_not_stop_later_saves(paths: StorePaths) -> None:
    """The rename is done when the directory fsync fails: the saver must not then take its
    own file for one "changed by something else" and refuse every later save."""
    session, _ = make_store(paths)
    add_entry(session, "old")
    session.save()
    session.close()

    ops = FaultOps(paths, "fsync_dir", errno.EIO)
    session = open_store(paths, PASSPHRASE, ops=ops)
    try:
        add_entry(session, "new")
        ops.armed = True
        try:
            session.save()
        except CannotWrite:
            assert session.dirty
        assert ops.hits == 1
        ops.armed = False
        add_entry(session, "after")
        assert session.save()  # CannotWrite here: the session can never save again
        assert paths.temp_files() == []
    finally:
        session.close()
    assert read_bodies(paths) == ["after", "new", "old"]
    assert read_bodies(paths, use_backup=True) == ["old"]


# --- 3. a second writer ----------------------------------------------------------------


def test_second_writer_is_refused_and_a_reader_is_not(paths: StorePaths) -> None:
    session, _ = make_store(paths)
    try:
        add_entry(session, "held")
        session.save()
        in_flight = paths.data_dir / f"{TEMP_PREFIX}in-flight"
        in_flight.write_bytes(b"the holder's save in progress")

        with pytest.raises(AlreadyOpen) as info:
            open_store(paths, PASSPHRASE)
        assert info.value.exit_code == 4
        assert AlreadyOpen.exit_code == 4
        assert "already open" in str(info.value)
        assert in_flight.exists(), "a refused writer removed the holder's temp file"

        assert read_bodies(paths) == ["held"]
        assert in_flight.exists(), "a reader removed a temp file"
        in_flight.unlink()
    finally:
        session.close()
    open_store(paths, PASSPHRASE).close()  # closing released the lock


def _spawn(paths: StorePaths, mode: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, str(CHILD), str(paths.data_dir), mode],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=dict(os.environ),
    )


def _try_open_in_child(paths: StorePaths) -> str:
    proc = subprocess.run(
        [sys.executable, str(CHILD), str(paths.data_dir), "try-open"],
        capture_output=True,
        timeout=60,
        env=dict(os.environ),
        check=False,
    )
    assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")
    return proc.stdout.decode().strip()


@pytest.mark.slow
def test_lock_held_by_another_process(
    paths: StorePaths,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    session, _ = make_store(paths)
    add_entry(session, "held")
    session.save()
    session.close()

    holder = _spawn(paths, "hold")
    try:
        assert holder.stdout is not None
        ready = LineReader(holder.stdout.fileno()).readline(time.monotonic() + 60)
        assert ready == "ready", holder.stderr.read().decode() if holder.stderr else ""

        assert _try_open_in_child(paths) == "AlreadyOpen"
        with pytest.raises(AlreadyOpen):
            open_store(paths, PASSPHRASE)
        assert read_bodies(paths) == ["held"]  # a reader needs no lock

        # No command writes yet besides init (which refuses an existing store first), so
        # drive the command line's error mapping with a handler that opens for writing.
        def cmd_write(_args: object) -> int:
            open_store(paths, PASSPHRASE).close()
            return 0

        monkeypatch.setattr(cli, "harden_process", lambda: None)
        monkeypatch.setitem(cli.HANDLERS, "check", cmd_write)
        capsys.readouterr()
        assert cli.main(["--data-dir", str(paths.data_dir), "check"]) == 4
        err = capsys.readouterr().err
        assert "already open" in err and "Traceback" not in err
        assert err.count("\n") == 1

        holder.send_signal(signal.SIGKILL)
        holder.wait(timeout=10)
        # The kernel dropped the lock with the process: no stale lock, no waiting.
        started = time.monotonic()
        open_store(paths, PASSPHRASE).close()
        assert time.monotonic() - started < 2
        assert _try_open_in_child(paths) == "opened"
        assert cli.main(["--data-dir", str(paths.data_dir), "check"]) == 0
    finally:
        if holder.poll() is None:
            holder.kill()
        holder.communicate(timeout=10)


# --- 4. the vault replaced by something else ------------------------------------------


@pytest.fixture
def other_store_bytes(tmp_path: Path) -> bytes:
    """The vault of a different store with the same passphrase."""
    other = StorePaths(tmp_path / "other")
    session, _ = make_store(other)
    add_entry(session, "another store")
    session.save()
    session.close()
    return other.vault.read_bytes()


@pytest.fixture
def reopened(paths: StorePaths) -> Iterator[Session]:
    """A store with a backup generation (["one"]) and a current one (["one", "two"]),
    open for writing."""
    session, _ = make_store(paths)
    add_entry(session, "one")
    session.save()
    session.close()
    session = open_store(paths, PASSPHRASE)
    add_entry(session, "two")
    session.save()
    yield session
    session.close()


@pytest.mark.parametrize("how", ["renamed-over", "written-in-place"])
@pytest.mark.parametrize("source", ["backup", "other-store"])
def test_saver_refuses_to_replace_a_vault_replaced_by_something_else(
    paths: StorePaths, reopened: Session, other_store_bytes: bytes, source: str, how: str
) -> None:
    session = reopened
    new = paths.backup.read_bytes() if source == "backup" else other_store_bytes
    assert new != paths.vault.read_bytes()
    if how == "renamed-over":
        staged = paths.data_dir.parent / "staged"
        staged.write_bytes(new)
        os.replace(staged, paths.vault)
    else:
        time.sleep(0.05)  # a later clock tick, so the mtime can tell
        with paths.vault.open("r+b") as f:  # same inode; buckets make the same size
            f.write(new)
            f.truncate()
    backup = paths.backup.read_bytes()
    expected = ["one"] if source == "backup" else ["another store"]
    assert read_bodies(paths) == expected

    add_entry(session, "three")
    with pytest.raises(CannotWrite, match="changed by something else"):
        session.save()
    assert paths.vault.read_bytes() == new
    assert paths.backup.read_bytes() == backup
    assert paths.temp_files() == []
    assert session.dirty
    assert bodies(session) == ["one", "three", "two"]
    assert read_bodies(paths) == expected


def test_saver_refuses_when_the_vault_was_copied_from_the_backup_with_shutil(
    paths: StorePaths, reopened: Session
) -> None:
    """``cp -p selfcare.vault.bak selfcare.vault`` while the app is open."""
    backup = paths.backup.read_bytes()
    shutil.copy2(paths.backup, paths.vault)
    add_entry(reopened, "three")
    with pytest.raises(CannotWrite, match="changed by something else"):
        reopened.save()
    assert paths.vault.read_bytes() == backup
    assert read_bodies(paths) == ["one"]
