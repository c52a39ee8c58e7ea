"""The shared core of the renderer: a form run (``FormCtx``) and one field being drawn (``FieldCtx``).

Every renderer module imports from here and from ``form.registry``; nothing here imports a
renderer, so the modules of the package import in any order. Nothing here knows what model
it draws.
"""

from __future__ import annotations

import re
from collections.abc import Callable, MutableMapping
from dataclasses import dataclass, field
from typing import Any

import streamlit as st
from pydantic import BaseModel

from form.classify import classify
from form.introspect import FieldSpec, Path, TypeSpec, field_specs
from form.messages import Problem
from form.state import (
    CHANGED_IN,
    FORM_PROBLEMS,
    MISSING,
    RAW_JSON,
    REFRESHED,
    WIDGETS,
    bookkeeping,
    del_in,
    get_in,
    path_id,
    refresh_widgets,
    set_in,
    widget_key,
)

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]()#|<>~$:])")
# Streamlit turns bare addresses into links even when escaped; an invisible word joiner
# inside "://", "www." and "@" keeps them text (they look the same).
_AUTOLINK = re.compile(r"(?i)(?<=[a-z0-9]):(?=//)|(?<![a-z0-9])www(?=\.)|(?<=\S)@(?=\S)")
WORD_JOINER = "\u2060"


def plain(text: str) -> str:
    """Escape text so Streamlit shows it literally instead of as markdown (or as a link)."""
    unlinked = _AUTOLINK.sub(lambda m: m.group(0) + WORD_JOINER if m.group(0) != "@" else WORD_JOINER + "@", str(text))
    return _MARKDOWN_SPECIAL.sub(r"\\\1", unlinked)


def blank(model: type[BaseModel]) -> dict[str, Any]:
    """A new draft for a model: only its fixed tags (single-value literals) filled in."""
    out: dict[str, Any] = {}
    for spec in field_specs(model):
        if classify(spec.type) == "const" and (spec.required or spec.has_default):
            out[spec.name] = spec.type.choices[0]
    return out


# Fragments outside a form that show something derived from its draft (a status line, a
# navigator's badges) say what they showed; a change made in a form reruns such a fragment
# only when that is no longer what it would show, so the browser redraws less.
SHOWN = "form:fragments_shown"  # fragment key -> what it last showed
_SHOWS: dict[str, Callable[[MutableMapping[str, Any]], str]] = {}


def shows(
    state: MutableMapping[str, Any], key: str, what: Callable[[MutableMapping[str, Any]], str], now: str | None = None
) -> None:
    """Call while fragment ``key`` draws: ``what(state)`` is what it shows of the draft, as text (``now``, if known)."""
    _SHOWS[key] = what
    state.setdefault(SHOWN, {})[key] = what(state) if now is None else now


def still_shown(state: MutableMapping[str, Any], key: str) -> bool:
    """Fragment ``key`` would show what it shows now (so a rerun would redraw the same thing)."""
    shown = state.get(SHOWN) or {}
    return key in shown and key in _SHOWS and shown[key] == _SHOWS[key](state)


@dataclass
class FormCtx:
    """Everything a form run needs: where the draft lives and the problems to show."""

    state: MutableMapping[str, Any]
    draft_key: str
    prefix: str = "f"
    problems: list[Problem] = field(default_factory=list)
    by_path: dict[Path, list[str]] = field(default_factory=dict)
    # Extra messages drawn beside fields, like errors but not blocking: path -> [(level, text)],
    # level "error", "warning" or "info" (any other level is drawn as "info").
    notes: dict[Path, list[tuple[str, str]]] = field(default_factory=dict)
    # The fragment (``@st.fragment(key=...)``) this form context draws in, and the fragments to
    # rerun, in order, after a change made in its widgets instead of the whole page. Empty:
    # Streamlit's default rerun.
    fragment: str | None = None
    rerun: tuple[str, ...] = ()
    # Asked at each change made in a fragment: True means the change must rerun the whole page
    # instead (something outside the fragments follows the draft as it changes).
    whole_page: Callable[[], bool] | None = None
    # Paths of fields drawn read-only in this run (a hint says the field is unavailable).
    disabled: set[Path] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.state.setdefault(self.draft_key, {})
        for problem in self.problems:
            self.by_path.setdefault(problem.path, []).append(problem.message)

    @property
    def draft(self) -> dict[str, Any]:
        return self.state[self.draft_key]

    def memo(self, name: str) -> dict[str, Any]:
        return bookkeeping(self.state, name, self.prefix)

    def key(self, path: Path, suffix: str = "") -> str:
        return widget_key(self.prefix, path, suffix)

    def refresh(self, path: Path) -> None:
        """Make the widgets under a path show the draft again (call from callbacks)."""
        written = refresh_widgets(self.state, self.prefix, path)
        if self.rerun:  # a keyed fragment rerun follows: its run writes them again
            self.state.setdefault(REFRESHED, {}).update(written)

    def changed(self) -> None:
        """Call at the end of a callback that changed the draft: rerun only what depends on it."""
        if self.rerun and self.whole_page is not None and self.whole_page():
            st.rerun()  # from a callback: the interaction ends in a full-app rerun
        if self.rerun:
            self.state[CHANGED_IN] = self.fragment
            st.rerun([key for key in self.rerun if key == self.fragment or not still_shown(self.state, key)])

    def callback(self, fn: Callable[[], Any]) -> Callable[[], None]:
        """``fn`` as a widget callback that ends with :meth:`changed`."""

        def run() -> None:
            fn()
            self.changed()

        return run

    def problems_under(self, path: Path) -> int:
        return sum(len(v) for p, v in self.by_path.items() if p[: len(path)] == path)

    def json_problems(self) -> list[Problem]:
        """Problems the draft cannot show: JSON text that does not parse, rows with clashing names,
        values in unavailable fields (the draft keeps the last good value)."""
        raw = [Problem(tuple(v["path"]), v["error"], "json_invalid") for v in self.memo(RAW_JSON).values()]
        return raw + [Problem(tuple(v["path"]), v["error"], v["code"]) for v in self.memo(FORM_PROBLEMS).values()]

    def report(self, path: Path, error: str | None, code: str = "invalid") -> None:
        """Record (or, with None, clear) a problem of a field that the draft alone does not show."""
        if error is None:
            self.memo(FORM_PROBLEMS).pop(path_id(path), None)
        else:
            self.memo(FORM_PROBLEMS)[path_id(path)] = {"path": list(path), "error": error, "code": code}


@dataclass
class FieldCtx:
    """One field being drawn: its spec, path, current value and the form it belongs to.

    ``containers`` are the models of the objects between the top of the draft and a field
    drawn in a section away from its parents (``climate.heating.target``): writing the field
    creates them, unsetting it removes the ones left empty.
    """

    form: FormCtx
    spec: FieldSpec
    path: Path
    containers: tuple[type[BaseModel], ...] = ()

    @property
    def type(self) -> TypeSpec:
        return self.spec.type

    @property
    def key(self) -> str:
        return self.form.key(self.path)

    @property
    def value(self) -> Any:
        return get_in(self.form.draft, self.path)

    @property
    def present(self) -> bool:
        return self.value is not MISSING

    @property
    def disabled(self) -> bool:
        """Drawn read-only: the field or one of its parents is unavailable."""
        return any(self.path[: len(p)] == p for p in self.form.disabled)

    def write(self, value: Any) -> None:
        if value is MISSING:
            del_in(self.form.draft, self.path)
            self._prune()
            return
        if self.disabled:
            return  # an unavailable field can only be cleared
        for depth, model in enumerate(self.containers, start=1):
            if not isinstance(get_in(self.form.draft, self.path[:depth]), dict):
                set_in(self.form.draft, self.path[:depth], blank(model))
        set_in(self.form.draft, self.path, value)

    def _prune(self) -> None:
        # Only the containers a section walked through: an object the user set ({} meaning
        # "on, with defaults") is never one of them.
        for depth in range(len(self.containers), 0, -1):
            node = get_in(self.form.draft, self.path[:depth])
            if isinstance(node, dict) and node == blank(self.containers[depth - 1]):
                del_in(self.form.draft, self.path[:depth])
            else:
                break

    def on_change(self, convert: Callable[[Any], Any], *, key: str | None = None) -> Callable[[], None]:
        """A callback that copies a widget's value into the draft, converted, then syncs sibling widgets."""
        widget = key or self.key

        def callback() -> None:
            if widget not in self.form.state:  # the widget vanished in the same run; nothing to copy
                return
            self.write(convert(self.form.state[widget]))
            self.form.refresh(self.path)
            self.form.changed()

        return callback

    def bind(self, key: str, widget_value: Callable[[Any], Any]) -> str:
        """Tie a widget key to this field: its state starts from the draft and follows later changes.

        ``widget_value`` maps the draft value (or MISSING) to what the widget shows.
        The widget is then drawn without ``value=``, so Streamlit never sees two sources.
        """
        self.form.memo(WIDGETS)[key] = (self.path, lambda: widget_value(self.value))
        if key not in self.form.state or self.disabled:
            self.form.state[key] = widget_value(self.value)
        return key

    def shown_of(self, value: Any) -> Any:
        """What to show for a draft value: the value, else the field's default, else None."""
        if value is not MISSING:
            return value
        return self.spec.default if self.spec.has_default else None

    def help(self) -> str | None:
        return self.spec.help or None

    def sub(self, spec: FieldSpec, path: Path | None = None) -> FieldCtx:
        """A context for a part of this field drawn by another renderer (a variant's value, an item)."""
        return FieldCtx(self.form, spec, self.path if path is None else path, self.containers)
