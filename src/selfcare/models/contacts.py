"""Personal Help now contacts: kept in the vault, shown once unlocked."""

from __future__ import annotations

from sqlmodel import Field, SQLModel

from selfcare.models.base import new_id


class PersonalContact(SQLModel, table=True):
    """Someone or somewhere the person chose to have one key away."""

    __tablename__ = "personal_contact"

    id: str = Field(default_factory=new_id, primary_key=True)
    name: str
    """Who, e.g. "My union rep" or "Duty manager"."""
    how: str = ""
    """How to reach them: a number, an extension, a place."""
    note: str = ""
    """When to use it, in the person's own words."""
    position: int = 0
    """Order on the Help now screen."""
