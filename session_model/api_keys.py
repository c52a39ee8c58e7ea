"""Spot API keys and client secrets pasted into a config, so none is exported, shared or saved.

The studio never asks for a key: a session config does not need one. But people paste
one by mistake (into tracing metadata, prompt variables, instructions). A config
holding something that looks like a key is invalid, with a message that names the
field and shows only the key's first characters; autosave stores the draft with the
key masked. The patterns are deliberately narrow (long, mixed random-looking tails),
so ordinary ids such as tool names are not mistaken for keys.
"""

from __future__ import annotations

import re
from typing import Any, TextIO

from pydantic import BaseModel

# Platform keys (sk-..., sk-proj-..., sk-svcacct-...) and ephemeral client secrets (ek_...).
_CANDIDATES = re.compile(r"(?<![A-Za-z0-9])(?:sk-[A-Za-z0-9_-]{32,}|ek_[A-Za-z0-9]{24,})")
MASK = "(hidden: looks like an API key)"


def _random_looking(token: str) -> bool:
    tail = token[3:]
    return any(c.isdigit() for c in tail) and any(c.isalpha() for c in tail)


def secrets_in(text: str) -> list[str]:
    """The key-like tokens in a text, in order."""
    return [m.group(0) for m in _CANDIDATES.finditer(text) if _random_looking(m.group(0))]


def shown(token: str) -> str:
    """A key as a message may show it: its first characters only."""
    return token[:7] + "…"


def first_secret(value: Any) -> tuple[str, str] | None:
    """(where inside the value, the key) for the first key-like text in a JSON-shaped value; models are skipped.

    Nested models are checked by their own fields, so their errors point at the exact field.
    """
    stack: list[tuple[str, Any]] = [("", value)]
    while stack:
        where, node = stack.pop()
        if isinstance(node, str):
            found = secrets_in(node)
            if found:
                return mask(where), found[0]  # the path may run through a key that is itself the secret
        elif isinstance(node, dict):
            for key, item in reversed(list(node.items())):
                label = f"{where}.{key}" if where else str(key)
                stack.append((label, item))
                stack.append((label, key))
        elif isinstance(node, (list, tuple)) and not isinstance(node, BaseModel):
            stack.extend((f"{where}[{i}]", item) for i, item in reversed(list(enumerate(node))))
    return None


def mask(text: str) -> str:
    """The text with every key-like token cut to its first characters."""
    for token in secrets_in(text):
        text = text.replace(token, shown(token) + MASK)
    return text


def redact(value: Any) -> Any:
    """A copy of a JSON-shaped value with every key-like text masked (for autosave)."""
    if isinstance(value, str):
        return mask(value)
    if isinstance(value, dict):
        return {redact(k): redact(v) for k, v in value.items()}
    if isinstance(value, list):
        return [redact(v) for v in value]
    return value


class Masking:
    """A text stream that masks key-like tokens in everything written through it (CLI output lands in CI logs)."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        """Write the text with keys masked."""
        return self.stream.write(mask(text))

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stream, name)
