"""Bindings shared by screens."""

from __future__ import annotations

from collections.abc import Iterator

from textual.app import SystemCommand
from textual.binding import Binding
from textual.screen import Screen


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


def screen_commands(screen: Screen[object]) -> Iterator[SystemCommand]:
    """Palette entries, "Area: Action", for every described binding of ``screen``.

    A screen opts in with a ``PALETTE_AREA`` class attribute (e.g. "Journal").
    """
    area = getattr(screen, "PALETTE_AREA", None)
    if not area:
        return
    for binding in type(screen).BINDINGS:
        if not isinstance(binding, Binding) or not binding.description:
            continue
        if binding.action.startswith("app."):
            continue
        action = binding.action

        async def run(action: str = action) -> None:
            await screen.run_action(action)

        yield SystemCommand(
            f"{area}: {binding.description}", binding.tooltip or binding.description, run
        )
