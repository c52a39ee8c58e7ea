"""What the studio keeps beside a draft (never exported): the persona builder's answers and example tool results.

Saved with each library version and each autosave (their ``extras``), put back when either
is opened, reset when a preset starts a new draft.
"""

from __future__ import annotations

from collections.abc import Mapping, MutableMapping
from typing import Any

from studio import persona_builder

EXAMPLES = "tool_examples"  # {function name: JSON text}: what a live call's answer box starts with
EXAMPLE_BOX = "live:example:"  # the Try it page's text box of one example, by function name


def examples(state: Mapping[str, Any]) -> dict[str, str]:
    """The example results kept for the draft's function tools, by function name."""
    kept = state.get(EXAMPLES)
    return {str(k): str(v) for k, v in kept.items()} if isinstance(kept, dict) else {}


def collect(state: Mapping[str, Any]) -> dict[str, Any]:
    """Everything to save beside the draft (JSON-ready)."""
    return {**persona_builder.extras(state), EXAMPLES: examples(state)}


def restore(state: MutableMapping[str, Any], saved: Mapping[str, Any] | None) -> None:
    """Put back what was saved beside a draft (``None``: a new draft, nothing kept)."""
    persona_builder.restore(state, saved)
    kept = (saved or {}).get(EXAMPLES)
    state[EXAMPLES] = {str(k): str(v) for k, v in kept.items()} if isinstance(kept, dict) else {}
    for key in [k for k in state if str(k).startswith(EXAMPLE_BOX)]:
        del state[key]  # the text boxes show the restored examples on their next draw
