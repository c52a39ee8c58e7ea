"""The little CSS the studio needs where Streamlit's theme options (.streamlit/config.toml) do not reach."""

from __future__ import annotations

import streamlit as st

from form.names import HIDDEN_NAME_CSS

# The code blocks' syntax colours are fixed in Streamlit (no theme option): on the light code
# background its property blue (#00a4d4) and string green (#09ab3b) are under 3:1. These are
# the same hues darkened to 5:1 or more on every light background the studio uses. The dark
# theme keeps Streamlit's own colours, which are light on dark.
CODE_COLOURS_CSS = """
@media (prefers-color-scheme: light) {
  [data-testid="stCode"] .token.comment, [data-testid="stCode"] .token.prolog,
  [data-testid="stCode"] .token.doctype, [data-testid="stCode"] .token.cdata,
  [data-testid="stCode"] .token.punctuation { color: #5c5f6b; }
  [data-testid="stCode"] .token.attr-name, [data-testid="stCode"] .token.property,
  [data-testid="stCode"] .token.variable { color: #0b6e8a; }
  [data-testid="stCode"] .token.string, [data-testid="stCode"] .token.char,
  [data-testid="stCode"] .token.attr-value, [data-testid="stCode"] .token.inserted { color: #0e6f3a; }
  [data-testid="stCode"] .token.number, [data-testid="stCode"] .token.regex,
  [data-testid="stCode"] .token.url { color: #6a4c93; }
  [data-testid="stCode"] .token.boolean, [data-testid="stCode"] .token.constant,
  [data-testid="stCode"] .token.symbol { color: #8a4a00; }
  [data-testid="stCode"] .token.operator, [data-testid="stCode"] .token.entity,
  [data-testid="stCode"] .token.decorator, [data-testid="stCode"] .token.atrule { color: #a33a00; }
  [data-testid="stCode"] .token.keyword, [data-testid="stCode"] .token.tag,
  [data-testid="stCode"] .token.function, [data-testid="stCode"] .token.class-name,
  [data-testid="stCode"] .token.selector { color: #1d4ed8; }
  [data-testid="stCode"] .token.important, [data-testid="stCode"] .token.deleted { color: #9e303b; }
}
"""

# Streamlit puts a "Link to heading" anchor beside every heading: invisible until hovered, yet
# reached by Tab, and a page of preset cards gets eleven links of that one name. The studio's
# addresses carry the draft, not a position on the page, so the anchors only get in the way.
HEADING_ANCHORS_CSS = """
[data-testid="stHeaderActionElements"] { display: none; }
"""

# Streamlit shows keyboard focus on a page link (sidebar or st.page_link) and on the scrollable
# main area with a faint grey tint at most (the same as under the pointer): draw a ring.
FOCUS_CSS = """
[data-testid="stSidebarNavLink"]:focus-visible, [data-testid="stPageLink-NavLink"]:focus-visible,
[data-testid="stMain"]:focus-visible {
  outline: 2px solid currentColor; outline-offset: -2px;
}
"""


def apply() -> None:
    """Add the studio's CSS to the page (once per full run; a fragment's rerun keeps it)."""
    st.html(f"<style>{HIDDEN_NAME_CSS}{CODE_COLOURS_CSS}{HEADING_ANCHORS_CSS}{FOCUS_CSS}</style>")
