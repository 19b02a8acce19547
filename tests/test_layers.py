"""GUIDE section 1: the core never imports textual, and importing does no work."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

CORE = """
import sys, pkgutil, importlib
import selfcare.domain, selfcare.models, selfcare.store
for pkg in (selfcare.domain, selfcare.models, selfcare.store):
    for mod in pkgutil.iter_modules(pkg.__path__):
        importlib.import_module(f"{pkg.__name__}.{mod.name}")
bad = sorted(m for m in sys.modules if m == "textual" or m.startswith("textual."))
print(",".join(bad) or "clean")
"""


def test_core_layers_import_no_textual() -> None:
    done = subprocess.run(
        [sys.executable, "-c", CORE], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.strip() == "clean"


def test_import_does_no_work(tmp_path: Path) -> None:
    """Importing every module makes no directory and opens no store."""
    script = (
        "import pkgutil, importlib, selfcare\n"
        "for m in pkgutil.walk_packages(selfcare.__path__, 'selfcare.'):\n"
        "    if m.name != 'selfcare.__main__':\n"
        "        importlib.import_module(m.name)\n"
    )
    home = tmp_path / "home"
    home.mkdir()
    env = {"HOME": str(home), "PATH": "/usr/bin:/bin", "XDG_DATA_HOME": str(home / "d")}
    subprocess.run([sys.executable, "-c", script], env=env, check=True, timeout=60)
    assert list(home.iterdir()) == []
