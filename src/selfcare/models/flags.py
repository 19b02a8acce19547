"""Small facts about using the app (e.g. a one-time note was seen): kept in the vault."""

from __future__ import annotations

from sqlmodel import Field, SQLModel


class Flag(SQLModel, table=True):
    """A named on/off fact, such as ``journal.confidentiality-seen``."""

    __tablename__ = "flag"

    id: str = Field(primary_key=True)
    """The flag's name."""
    value: str = ""
    """Its value (``"1"`` when set)."""
