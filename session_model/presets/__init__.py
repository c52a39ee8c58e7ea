"""Built-in personas: one validated JSON file each in this folder, shown in the presets gallery.

A preset file holds ``name``, a one-line ``description`` and the ``session`` (the flat
export shape). The file name orders the gallery (``10_phone_support.json``) and,
without its number, gives the preset's id (``phone_support``). Add a persona by adding
a file; the tests check that every one validates.
"""

from __future__ import annotations

import copy
import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from session_model.apis import check
from session_model.export import export_session
from session_model.loading import InputError, load_object

FOLDER = Path(__file__).resolve().parent
_ORDER_PREFIX = re.compile(r"^\d+_")
_KEYS = {"name", "description", "session"}


class PresetError(ValueError):
    """A preset file that is not a valid preset; the message names the file and the problem."""


@dataclass(frozen=True)
class Preset:
    """A built-in persona: its id, name, one-line description and validated session export."""

    id: str
    name: str
    description: str
    session: dict[str, Any]

    def draft(self) -> dict[str, Any]:
        """A copy of the session to edit (the preset itself is shared and must stay as it is)."""
        return copy.deepcopy(self.session)


def load_preset(path: Path) -> Preset:
    """Read and validate one preset file (``PresetError`` with the reason if it is not valid)."""
    try:
        data = load_object(path.read_bytes()).data
    except (OSError, InputError) as exc:
        raise PresetError(f"{path.name}: {exc}") from None
    if set(data) != _KEYS:
        raise PresetError(f"{path.name}: a preset has exactly the keys {sorted(_KEYS)}; found {sorted(data)}")
    for key in ("name", "description"):
        if not isinstance(data[key], str) or not data[key].strip() or "\n" in data[key]:
            raise PresetError(f"{path.name}: {key} must be one line of text")
    _, session, problems = check(data["session"])
    if session is None:
        raise PresetError(f"{path.name}: " + "; ".join(f"{p.where}: {p.message}" for p in problems))
    preset_id = _ORDER_PREFIX.sub("", path.stem)
    return Preset(preset_id, data["name"].strip(), data["description"].strip(), export_session(session))  # type: ignore[arg-type]


@functools.cache
def _all() -> tuple[Preset, ...]:
    return tuple(load_preset(path) for path in sorted(FOLDER.glob("*.json")))


def presets() -> tuple[Preset, ...]:
    """Every built-in preset, in gallery order (read once per process)."""
    return _all()


def by_id(preset_id: str) -> Preset:
    """The preset with this id (``KeyError`` if there is none)."""
    for preset in presets():
        if preset.id == preset_id:
            return preset
    raise KeyError(preset_id)
