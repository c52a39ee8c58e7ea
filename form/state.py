"""The draft dict and the bookkeeping around it. Works on any mutable mapping (st.session_state).

The draft is the truth; widgets are views of it. Every widget key derives from its
field path, so the keys of a subtree can be forgotten when the draft changes under
them (a preset, an import, a reorder) and the widgets redraw from the draft.
"""

from __future__ import annotations

from collections.abc import MutableMapping
from typing import Any

from form.introspect import Path

VARIANTS = "_form_variants"  # path -> {variant tag: the values last entered for it}
RAW_JSON = "_form_raw_json"  # path -> text of a JSON editor that does not parse yet
OPEN_ITEMS = "_form_open"  # path of a list item -> shown expanded
WIDGETS = "_form_widgets"  # widget key -> (field path, function giving the widget value for the current draft)
CUSTOM_MODE = "_form_custom"  # path -> the user chose to type their own value
LIST_PAGE = "_form_page"  # path of a long list -> the page of items shown (0-based)
SIGNATURES = "_form_signatures"  # section fragment key -> what it showed that depends on the rest of the draft
CHANGED_IN = "_form_changed_in"  # the fragment whose callback last changed the draft (popped by the page)
REFRESHED = "_form_refreshed"  # widget key -> value a callback wrote, to write again in the fragment's rerun
FORM_PROBLEMS = "_form_problems"  # path -> a problem the draft cannot show (clashing row names, unavailable value)
RAW_PAIRS = "_form_raw_pairs"  # path of a name -> value map -> the rows as typed, and the map they last gave
MISSING: Any = object()


def widget_key(prefix: str, path: Path, suffix: str = "") -> str:
    """The widget key of a field: ``f.engine.limits.rpm`` (plus an optional suffix)."""
    key = ".".join([prefix, *map(str, path)])
    return f"{key}:{suffix}" if suffix else key


def path_id(path: Path) -> str:
    """A stable string id for a path, used in bookkeeping dicts."""
    return ".".join(map(str, path))


def get_in(data: Any, path: Path, default: Any = MISSING) -> Any:
    """Value at a path, or ``default`` when any step is missing."""
    node = data
    for part in path:
        if isinstance(part, int) and isinstance(node, list) and -len(node) <= part < len(node):
            node = node[part]
        elif isinstance(part, str) and isinstance(node, dict) and part in node:
            node = node[part]
        else:
            return default
    return node


def set_in(data: dict[str, Any], path: Path, value: Any) -> None:
    """Set a value at a path, creating intermediate dicts."""
    node: Any = data
    for part in path[:-1]:
        if isinstance(node, list):
            node = node[part]  # type: ignore[index]
            continue
        child = node.get(part)
        if not isinstance(child, (dict, list)):
            child = node[part] = {}
        node = child
    node[path[-1]] = value


def del_in(data: dict[str, Any], path: Path) -> None:
    """Remove the value at a path if present (the field becomes unset)."""
    parent = get_in(data, path[:-1]) if len(path) > 1 else data
    if isinstance(parent, dict):
        parent.pop(path[-1], None)


def refresh_widgets(state: MutableMapping[str, Any], prefix: str, path: Path = ()) -> dict[str, Any]:
    """Write the draft's values into the widgets under a path (call from a callback); return them.

    Deleting a widget's state is not enough: the browser keeps showing the old value
    of a widget whose key did not change. Writing the key updates both.
    """
    registry = bookkeeping(state, WIDGETS, prefix)
    written = {}
    for key, (field_path, widget_value) in list(registry.items()):
        if tuple(field_path[: len(path)]) == tuple(path):
            state[key] = written[key] = widget_value()
    return written


def replay_refreshed(state: MutableMapping[str, Any]) -> None:
    """Write again the widget values that a callback wrote before a keyed fragment rerun.

    Streamlit 1.67 tells the browser to take a widget's value from the server only when
    the key was written during the same run. A callback that ends in
    ``st.rerun(["fragment", ...])`` writes it in a run that is then replaced, so the
    fragment's own run has to write it again, before its widgets are drawn.
    """
    for key, value in state.pop(REFRESHED, {}).items():
        state[key] = value


# Older name, kept for callers written before widgets were refreshed instead of dropped.
forget_widgets = refresh_widgets


def bookkeeping(state: MutableMapping[str, Any], name: str, prefix: str) -> dict[str, Any]:
    """A per-form bookkeeping dict (variant memory, raw JSON text, open items)."""
    return state.setdefault(f"{name}:{prefix}", {})


def load_draft(state: MutableMapping[str, Any], draft_key: str, prefix: str, data: dict[str, Any]) -> None:
    """Replace the whole draft (preset, import, restore) and make every widget redraw from it."""
    state[draft_key] = data
    for name in (VARIANTS, RAW_JSON, OPEN_ITEMS, CUSTOM_MODE, LIST_PAGE, FORM_PROBLEMS, RAW_PAIRS):
        state.pop(f"{name}:{prefix}", None)
    # The form may not be on screen (a preset started on another page): Streamlit tells the browser
    # to take a widget's value from the server only in a run that writes it, so the form's next run
    # writes them again (``replay_refreshed``); else the browser sends its old values back later.
    state.setdefault(REFRESHED, {}).update(refresh_widgets(state, prefix))
