"""Base classes giving every screen typed access to the app."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar, cast

from textual.screen import ModalScreen, Screen

if TYPE_CHECKING:
    from selfcare.app import SelfCareApp

ResultT = TypeVar("ResultT")


class AppScreen(Screen[ResultT]):
    """A screen of selfcare."""

    @property
    def selfcare(self) -> SelfCareApp:
        """The app, typed (store paths, settings, clock, keeper)."""
        return cast("SelfCareApp", self.app)


class AppModal(ModalScreen[ResultT]):
    """A dialog of selfcare."""

    @property
    def selfcare(self) -> SelfCareApp:
        """The app, typed (store paths, settings, clock, keeper)."""
        return cast("SelfCareApp", self.app)
