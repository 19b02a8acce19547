"""Bindings shared by screens."""

from __future__ import annotations

from textual.binding import Binding


def help_now_first(screen: str) -> Binding:
    """A footer entry for Help now, to list first in a screen's ``BINDINGS``.

    Textual's footer shows a screen's own bindings before the app's, so without this a
    screen with bindings pushes Help now out of first place; the app's F1 (a priority
    binding) is still the one that runs.
    """
    return Binding(
        "f1",
        "app.help_now",
        "Help now",
        id=f"{screen}-help-now",
        tooltip="Crisis and support contacts",
    )
