"""Crash output that never shows what someone wrote.

No traceback, no local variables, no exception message (it may quote user text or a
passphrase): only the exception's type and a calm sentence. No core dumps either.
"""

from __future__ import annotations

import sys
import threading
from types import TracebackType

EXIT_INTERNAL = 70
"""Exit status for an unexpected internal error (EX_SOFTWARE)."""


def crash_sentence(exc: BaseException) -> str:
    """The one sentence shown for an unexpected error: its type only."""
    return (
        f"selfcare stopped because of an internal error ({type(exc).__name__}). "
        "Nothing you wrote is shown here; what was saved is safe."
    )


def _excepthook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    print(crash_sentence(exc), file=sys.stderr)


def _thread_hook(args: threading.ExceptHookArgs) -> None:
    if args.exc_value is not None:
        print(crash_sentence(args.exc_value), file=sys.stderr)


def harden_process() -> None:
    """Turn off core dumps and route any uncaught exception to ``crash_sentence``."""
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    except (ImportError, ValueError, OSError):  # pragma: no cover - non-POSIX
        pass
    sys.excepthook = _excepthook
    threading.excepthook = _thread_hook
