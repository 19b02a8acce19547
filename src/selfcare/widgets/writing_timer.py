"""A calm timer: counts down, says softly when time is up, never stops anyone writing."""

from __future__ import annotations

from textual.widgets import Static

from selfcare.domain.clock import Clock

TIME_UP = "Time's up, if you want it to be. Carry on as long as you like."


class WritingTimer(Static):
    """Minutes chosen and time left, on the injected clock. Reports no shortfall, ever."""

    DEFAULT_CSS = """
    WritingTimer {
        width: auto;
        padding: 0 2 0 0;
        color: $text-muted;
    }
    """

    def __init__(self, minutes: int, clock: Clock, *, id: str | None = None) -> None:
        super().__init__("", id=id)
        self.minutes = minutes
        self.clock = clock
        self.started = clock()

    def on_mount(self) -> None:
        self.tick()
        self.set_interval(1.0, self.tick, name="writing-timer")

    def set_minutes(self, minutes: int) -> None:
        """A new length, counted from when writing started."""
        self.minutes = minutes
        self.tick()

    @property
    def up(self) -> bool:
        """Whether the chosen minutes have passed."""
        return (self.clock() - self.started).total_seconds() >= self.minutes * 60

    def tick(self) -> None:
        """Redraw from the clock."""
        if self.up:
            self.update(f"{self.minutes} min · {TIME_UP}")
            return
        left = self.minutes * 60 - int((self.clock() - self.started).total_seconds())
        self.update(f"{self.minutes} min · {left // 60}:{left % 60:02d} left")
