"""The command line: stdin rules, exit codes, one-sentence errors, exports."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from selfcare.store.api import open_store
from selfcare.store.paths import StorePaths
from support import PASSPHRASE, add_entry, make_store, run_cli
from tests_text import MULTILINE_UNICODE


def one_sentence(stderr: str) -> None:
    assert "Traceback" not in stderr
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1, stderr


def test_init_then_export_round_trip(paths: StorePaths, tmp_path: Path) -> None:
    """Through the real command line: calibrated key derivation, Unicode passphrase."""
    made = run_cli(["init", "--passphrase-stdin"], paths, tmp_path, stdin=PASSPHRASE + "\n")
    assert made.returncode == 0, made.stderr
    code = made.stdout.strip()
    assert len(code.split("-")) == 7, "the recovery code is printed once on stdout, grouped"
    assert "recovery code" in made.stderr
    session = open_store(paths, PASSPHRASE)
    add_entry(session, MULTILINE_UNICODE)
    session.save()
    session.close()
    out = tmp_path / "export.json"
    done = run_cli(
        ["export", "--format", "json", "--out", str(out), "--passphrase-stdin"],
        paths,
        tmp_path,
        stdin=PASSPHRASE + "\n",
    )
    assert done.returncode == 0, done.stderr
    assert "NOT encrypted" in done.stderr
    assert (os.stat(out).st_mode & 0o777) == 0o600
    data = json.loads(out.read_text(encoding="utf-8"))
    assert [row["body"] for row in data["tables"]["journal_entry"]] == [MULTILINE_UNICODE]


def test_crlf_stdin_and_nfd_passphrase(paths: StorePaths, tmp_path: Path) -> None:
    session, _ = make_store(paths, "café")
    session.close()
    nfd = "cafe\u0301"
    done = run_cli(["check", "--passphrase-stdin"], paths, tmp_path, stdin=nfd + "\r\n")
    assert done.returncode == 0, done.stderr


def test_wrong_passphrase_exit_2_then_right(paths: StorePaths, tmp_path: Path) -> None:
    session, _ = make_store(paths)
    session.close()
    wrong = run_cli(["check", "--passphrase-stdin"], paths, tmp_path, stdin="not it\n")
    assert wrong.returncode == 2
    one_sentence(wrong.stderr)
    assert "passphrase did not open" in wrong.stderr
    right = run_cli(["check", "--passphrase-stdin"], paths, tmp_path, stdin=PASSPHRASE + "\n")
    assert right.returncode == 0, right.stderr
    assert "current file: readable" in right.stdout


def test_bogus_option_exits_1(paths: StorePaths, tmp_path: Path) -> None:
    done = run_cli(["--bogus"], paths, tmp_path)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize("command", ["init", "check", "export --out x.json"])
def test_missing_stdin_line_exits_1(paths: StorePaths, tmp_path: Path, command: str) -> None:
    if command != "init":
        make_store(paths)[0].close()
    done = run_cli([*command.split(), "--passphrase-stdin"], paths, tmp_path, stdin=b"")
    assert done.returncode == 1
    one_sentence(done.stderr)
    assert "Standard input ended" in done.stderr


def test_no_terminal_no_flag_exits_1(paths: StorePaths, tmp_path: Path) -> None:
    make_store(paths)[0].close()
    done = run_cli(["check"], paths, tmp_path, stdin=PASSPHRASE + "\n")
    assert done.returncode == 1
    one_sentence(done.stderr)
    assert "--passphrase-stdin" in done.stderr


def test_invalid_utf8_stdin_exits_1(paths: StorePaths, tmp_path: Path) -> None:
    make_store(paths)[0].close()
    done = run_cli(["check", "--passphrase-stdin"], paths, tmp_path, stdin=b"\xff\xfe\n")
    assert done.returncode == 1
    one_sentence(done.stderr)


def test_init_refuses_existing_store(paths: StorePaths, tmp_path: Path) -> None:
    make_store(paths)[0].close()
    done = run_cli(["init", "--passphrase-stdin"], paths, tmp_path, stdin="other\n")
    assert done.returncode == 1
    one_sentence(done.stderr)
    assert "already exists" in done.stderr


def test_export_never_overwrites_without_force(paths: StorePaths, tmp_path: Path) -> None:
    make_store(paths)[0].close()
    out = tmp_path / "export.json"
    out.write_text("keep me", encoding="utf-8")
    args = ["export", "--out", str(out), "--passphrase-stdin"]
    refused = run_cli(args, paths, tmp_path, stdin=PASSPHRASE + "\n")
    assert refused.returncode == 1
    one_sentence(refused.stderr)
    assert out.read_text(encoding="utf-8") == "keep me"
    forced = run_cli([*args, "--force"], paths, tmp_path, stdin=PASSPHRASE + "\n")
    assert forced.returncode == 0, forced.stderr
    assert json.loads(out.read_text(encoding="utf-8"))["format"] == "selfcare-export"


def test_export_holds_unsnapshotted_draft_without_writing(
    paths: StorePaths, tmp_path: Path
) -> None:
    """A draft written to the sidecar, process 'killed' before any snapshot."""
    session, _ = make_store(paths)
    session.stage_draft("journal:new", "journal", None, {"body": "words typed just now ✍"})
    session.write_draft_now()
    # No save, no close: the lock is held, as by a killed app whose lock the kernel dropped.
    session.conn.close()
    session.saver = None  # type: ignore[assignment]
    session._lock.release()  # type: ignore[union-attr]
    before = {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in paths.data_dir.iterdir()}
    out = tmp_path / "export.json"
    done = run_cli(
        ["export", "--out", str(out), "--passphrase-stdin"], paths, tmp_path, stdin=PASSPHRASE
    )
    assert done.returncode == 0, done.stderr
    drafts = json.loads(out.read_text(encoding="utf-8"))["tables"]["draft_text"]
    assert [d["fields"]["body"] for d in drafts] == ["words typed just now ✍"]
    after = {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in paths.data_dir.iterdir()}
    assert after == before, "a read-only command writes nothing"


def test_help_needs_no_passphrase_and_follows_nation(paths: StorePaths, tmp_path: Path) -> None:
    england = run_cli(["help"], paths, tmp_path)
    assert england.returncode == 0
    for number in ("999", "112", "111", "116 123", "85258"):
        assert number in england.stdout
    (tmp_path / "config.toml").write_text('nation = "scotland"\n', encoding="utf-8")
    scotland = run_cli(["help"], paths, tmp_path)
    assert "0800 83 85 87" in scotland.stdout
    assert not paths.data_dir.exists(), "help touches no store"


def test_paths_touches_nothing(paths: StorePaths, tmp_path: Path) -> None:
    done = run_cli(["--data-dir", str(tmp_path / "elsewhere"), "paths"], paths, tmp_path)
    assert done.returncode == 0
    assert str(tmp_path / "elsewhere" / "selfcare.vault") in done.stdout
    assert not (tmp_path / "elsewhere").exists()


def test_module_entry_point_and_version(paths: StorePaths, tmp_path: Path) -> None:
    done = run_cli(["--version"], paths, tmp_path)
    assert done.returncode == 0
    assert done.stdout.startswith("selfcare ")
