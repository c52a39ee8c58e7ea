"""Accessible names for buttons that show only a glyph (↺, ✎, ↑, ↓, ✕).

A screen reader announces a button by its text, so a form with ten "↺" buttons offers ten
buttons of the same name doing different things. Streamlit has no aria-label for a button
(``help=`` is a tooltip, not a name), so the label carries the full name in italics and
``HIDDEN_NAME_CSS`` hides the italic part from sight only: the button still shows its glyph
and its name is "↺ Reset Speaking speed".
"""

from __future__ import annotations

from form.context import plain

# Visually hidden (the usual clip technique), still in the accessibility tree and so in the name.
HIDDEN_NAME_CSS = """
[data-testid="stButton"] button [data-testid="stMarkdownContainer"] em {
  position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; border: 0;
  overflow: hidden; clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap;
}
"""


def named(shown: str, name: str) -> str:
    """A button label that shows ``shown`` and is announced as ``shown`` followed by ``name``."""
    return f"{shown} *{plain(name)}*"


def item_name(label: str, index: int, summary: str | None = None) -> str:
    """How a list's item is called in its buttons' names: "Tools item 2 (lookup_order)"."""
    return f"{label} item {index + 1}" + (f" ({summary})" if summary else "")
