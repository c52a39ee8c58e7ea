"""Who acts on the library, and what each role may do. The library checks every write against these."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Role = Literal["viewer", "editor", "admin"]
ROLES: tuple[Role, ...] = ("viewer", "editor", "admin")

# What each action needs, and the plain words for it. A role can do what every lower role can.
NEEDS: dict[str, tuple[Role, str]] = {
    "save": ("editor", "save personas"),
    "restore": ("editor", "restore an older version"),
    "rename": ("editor", "rename personas"),
    "duplicate": ("editor", "duplicate personas"),
    "delete": ("editor", "delete personas"),
    "details": ("editor", "change a persona's description and tags"),
    "note": ("editor", "keep test notes on saved versions"),
    "undelete": ("admin", "bring back a persona someone else deleted"),
    "see deleted": ("admin", "see deleted personas"),
    "team presets": ("admin", "manage team presets"),
}
WHO_CAN: dict[Role, str] = {"editor": "editors and admins", "admin": "admins"}


@dataclass(frozen=True)
class Actor:
    """The person behind a library call: a display name, an e-mail (their identity) and a role."""

    name: str
    email: str
    role: Role = "viewer"

    def __post_init__(self) -> None:
        if self.role not in ROLES:
            raise ValueError(f"Unknown role {self.role!r}; it is one of {', '.join(ROLES)}.")

    def can(self, action: str) -> bool:
        """True when this actor's role allows ``action`` (a key of ``NEEDS``)."""
        needed, _ = NEEDS[action]
        return ROLES.index(self.role) >= ROLES.index(needed)

    def refusal(self, action: str) -> str:
        """The sentence that says why this actor may not do ``action``, and who can."""
        needed, words = NEEDS[action]
        return f"Only {WHO_CAN[needed]} can {words}; you are signed in as {self.email} ({self.role})."

    @property
    def label(self) -> str:
        """How the actor is named in the history: the name, with the e-mail when they differ."""
        if not self.name or self.name == self.email:
            return self.email
        return f"{self.name} <{self.email}>"


# The single person on a laptop, with no sign-in configured: they own the library.
LOCAL = Actor("local", "local", "admin")


def cli_actor(author: str | None) -> Actor:
    """The actor of a command-line call: ``--author`` or ``STUDIO_AUTHOR`` (an e-mail or a name), else local.

    The command line needs direct access to the database, so whoever runs it owns the library.
    """
    author = " ".join((author or "").split()) or "local"
    return Actor(author, author, "admin")
