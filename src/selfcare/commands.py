"""What each subcommand does. Each returns an exit status or raises ``SelfcareError``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from selfcare.crash import EXIT_INTERNAL
from selfcare.domain.contacts import Nation, as_text
from selfcare.secrets_input import SecretReader
from selfcare.store.api import check_generation, create_store, open_store
from selfcare.store.copies import backup_to, restore_from
from selfcare.store.errors import Damaged, NoStore, StoreExists, UsageError, WrongPassphrase
from selfcare.store.exchange import export_json
from selfcare.store.importer import import_rows, parse_export_file
from selfcare.store.keyops import rekey
from selfcare.store.paths import StorePaths, resolve_config_file, resolve_data_dir
from selfcare.store.session import Session
from selfcare.store.settings import load_settings

if TYPE_CHECKING:
    from selfcare.app import SelfCareApp


def _paths(args: argparse.Namespace) -> StorePaths:
    return StorePaths(resolve_data_dir(args.data_dir))


def _say(text: str) -> None:
    print(text, file=sys.stderr)


def cmd_help(args: argparse.Namespace) -> int:
    """Print the Help now contacts for the nation in settings. No passphrase."""
    settings = load_settings(resolve_config_file(args.config))
    print(as_text(Nation(settings.nation)))
    return 0


def cmd_paths(args: argparse.Namespace) -> int:
    """Print where things live. Touches nothing."""
    paths = _paths(args)
    print(f"data directory: {paths.data_dir}")
    print(f"store:          {paths.vault}")
    print(f"backup:         {paths.backup}")
    print(f"draft:          {paths.draft}")
    print(f"lock:           {paths.lock}")
    print(f"settings:       {resolve_config_file(args.config)}")
    return 0


def cmd_init(args: argparse.Namespace) -> int:
    """Create a store, then print the recovery code once."""
    paths = _paths(args)
    if any(p.exists() for p in (paths.vault, paths.backup, paths.draft)):
        raise StoreExists()  # temp files alone are a first save that never finished
    passphrase = SecretReader(args.passphrase_stdin).ask_new(0)
    _say("Setting up your key; this takes a second or two...")
    session, code = create_store(paths, passphrase)
    session.close()
    _say(
        "Your store is ready. Below is your recovery code, shown only this once.\n"
        "Write it down and keep it somewhere safe, away from this computer.\n"
        "If you lose both your passphrase and this code, nobody can open your store."
    )
    print(code)
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    """Open both generations read-only and say which are readable."""
    paths = _paths(args)
    if not paths.exists():
        raise NoStore()
    passphrase = SecretReader(args.passphrase_stdin).ask("Passphrase: ", 0)
    current = check_generation(paths, passphrase, use_backup=False)
    if current.exit_code == WrongPassphrase.exit_code and not args.use_backup:
        raise WrongPassphrase()
    backup = check_generation(paths, passphrase, use_backup=True)
    for report in (current, backup):
        if not report.present:
            print(f"{report.name}: not present")
        elif report.ok and report.modified is not None:
            print(f"{report.name}: readable (saved {report.modified:%Y-%m-%d %H:%M})")
        else:
            print(f"{report.name}: not readable")
    chosen = backup if args.use_backup else current
    if not chosen.present:
        raise NoStore("There is no such generation to check.")
    if chosen.ok:
        return 0
    message = chosen.problem or "It could not be read."
    if not args.use_backup and backup.ok:
        message += (
            " The backup generation opens: add --use-backup to reach it "
            "(for example 'selfcare export --use-backup --out FILE')."
        )
    _say(f"selfcare: {message}")
    return chosen.exit_code


def _refuse_existing(out: str, force: bool) -> None:
    if Path(out).exists() and not force:
        raise UsageError("That file already exists; add --force to replace it.")


def _open_read_only(args: argparse.Namespace, passphrase: str) -> Session:
    """Open read-only; a damaged current file names ``--use-backup``."""
    try:
        return open_store(_paths(args), passphrase, use_backup=args.use_backup, writable=False)
    except Damaged as err:
        if args.use_backup:
            raise
        raise Damaged(
            f"{err} If the backup generation opens ('selfcare check' says), "
            "add --use-backup to use it."
        ) from err


def cmd_export(args: argparse.Namespace) -> int:
    """Write a plaintext JSON export (read-only: no lock, nothing else written)."""
    _refuse_existing(args.out, args.force)
    passphrase = SecretReader(args.passphrase_stdin).ask("Passphrase: ", 0)
    session = _open_read_only(args, passphrase)
    try:
        rows = export_json(session, Path(args.out), force=args.force)
    finally:
        session.close()
    _say(
        f"Wrote {rows} rows to {args.out}. This file is NOT encrypted: anyone who can "
        "read it can read everything you wrote. Delete it when you are done with it."
    )
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    """Merge an export into the store, then save."""
    paths = _paths(args)
    rows = parse_export_file(Path(args.file))
    passphrase = SecretReader(args.passphrase_stdin).ask("Passphrase: ", 0)
    session = open_store(paths, passphrase)
    try:
        added = import_rows(session, rows)
        session.save()
    finally:
        session.close()
    total = sum(added.values())
    _say(f"Imported {total} new rows; rows already in the store were left as they were.")
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    """Write a sealed copy of the store."""
    _refuse_existing(args.out, args.force)
    passphrase = SecretReader(args.passphrase_stdin).ask("Passphrase: ", 0)
    backup_to(_paths(args), passphrase, Path(args.out), force=args.force)
    _say(
        f"Wrote a sealed copy to {args.out}. It opens with today's passphrase and recovery "
        "code, even after you change them."
    )
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    """Make a sealed copy the current store; the current one becomes the backup."""
    passphrase = SecretReader(args.passphrase_stdin).ask("Passphrase of the copy: ", 0)
    paths = _paths(args)
    had_store = paths.vault.exists()
    restore_from(paths, Path(args.file), passphrase)
    _say(
        "Restored. The store you had before is kept as the backup generation."
        if had_store
        else "Restored. The copy is now your store."
    )
    return 0


def cmd_passwd(args: argparse.Namespace) -> int:
    """Change the passphrase: new data key, current file and backup re-sealed."""
    paths = _paths(args)
    reader = SecretReader(args.passphrase_stdin)
    old = reader.ask("Current passphrase: ", 0)
    session = open_store(paths, old)
    try:
        new = reader.ask_new(1)
        _say("Changing the key; this takes a second or two...")
        rekey(session, new_passphrase=new)
    finally:
        session.close()
    _say(
        "Your passphrase is changed and your recovery code still works. Copies made "
        "earlier with 'selfcare backup' still open with the old passphrase."
    )
    return 0


def cmd_recover(args: argparse.Namespace) -> int:
    """Open with the recovery code and set a new passphrase (and maybe a new code)."""
    paths = _paths(args)
    reader = SecretReader(args.passphrase_stdin)
    code = reader.ask("Recovery code: ", 0, what="recovery code")
    session = open_store(paths, recovery_code=code)
    try:
        new = reader.ask_new(1)
        _say("Setting your new passphrase; this takes a second or two...")
        fresh = rekey(session, new_passphrase=new, new_code=args.new_code)
    finally:
        session.close()
    if fresh:
        _say("Your new recovery code is below, shown only this once; the old one no longer works.")
        print(fresh)
    else:
        _say("Your new passphrase is set. Your recovery code still works.")
    return 0


def cmd_app(args: argparse.Namespace) -> int:
    """Open the app (or, with --demo, a seeded throwaway store that is deleted on exit)."""
    from selfcare.app import SelfCareApp  # textual loads only when the app runs

    if args.demo:
        return _run_demo(SelfCareApp)
    config = resolve_config_file(args.config)
    app = SelfCareApp(paths=_paths(args), settings=load_settings(config), settings_path=config)
    app.run()
    return _exit_status(app)


def _exit_status(app: SelfCareApp) -> int:
    """0 after a normal quit; 70 after an internal error (the app showed one sentence)."""
    if app._exception is not None:
        return EXIT_INTERNAL
    return app.return_code or 0


def _run_demo(app_class: type[SelfCareApp]) -> int:
    import secrets
    import shutil
    import tempfile

    from selfcare import demo
    from selfcare.store.api import create_store
    from selfcare.store.keys import FAST_TEST_PARAMS
    from selfcare.store.settings import Settings

    folder = Path(tempfile.mkdtemp(prefix="selfcare-demo-"))
    try:
        session, _code = create_store(
            StorePaths(folder / "data"),
            secrets.token_urlsafe(16),
            params=FAST_TEST_PARAMS,  # a throwaway store of made-up data
            allow_weak=True,
        )
        demo.seed(session)
        session.save()
        app = app_class(
            paths=session.paths, settings=Settings(), session=session, lock_enabled=False
        )
        app.run()
        return _exit_status(app)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
