"""Small per-area queries returning model objects. All run on the app's thread."""

from __future__ import annotations

from collections.abc import Iterable

from sqlmodel import col, delete, select

from selfcare.models import Flag, PersonalContact
from selfcare.store.session import Session


def list_contacts(session: Session) -> list[PersonalContact]:
    """Personal contacts in their chosen order."""
    with session.orm() as db:
        return list(db.exec(select(PersonalContact).order_by(col(PersonalContact.position))))


def replace_contacts(session: Session, contacts: Iterable[tuple[str, str, str]]) -> None:
    """Replace every personal contact with ``(name, how, note)`` rows, in order."""
    with session.orm() as db:
        db.exec(delete(PersonalContact))
        for position, (name, how, note) in enumerate(contacts):
            if name.strip() or how.strip():
                db.add(
                    PersonalContact(
                        name=name.strip(), how=how.strip(), note=note.strip(), position=position
                    )
                )
        db.commit()


def flag(session: Session, name: str) -> bool:
    """Whether a flag is set."""
    with session.orm() as db:
        row = db.get(Flag, name)
        return row is not None and row.value == "1"


def set_flag(session: Session, name: str) -> None:
    """Set a flag (idempotent)."""
    with session.orm() as db:
        if db.get(Flag, name) is None:
            db.add(Flag(id=name, value="1"))
            db.commit()
