"""The editor's section navigator: one section of settings at a time, its choice in the address, and a finder.

The editor draws only the chosen section, so a change redraws a few dozen widgets instead
of every setting. Every section stays in view in the navigator with its badges (problems
to fix, notes, settings set), so nothing hidden can surprise. The choice lives in the
address (``?section=voice-and-speech``): a link opens that section, and the browser's Back
and Forward move between sections. The finder searches every setting's title, its JSON
path and its help, so people who know OpenAI's names (``idle_timeout_ms``) find our titles.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping, MutableMapping
from dataclasses import dataclass
from pathlib import Path as FilePath
from typing import Any

import streamlit as st
from pydantic import BaseModel

from form.classify import classify
from form.context import FormCtx, plain
from form.introspect import Path, field_specs
from form.sections import badges as section_badges
from form.sections import section_counts, section_of, section_slug, sections
from form.state import widget_key

PARAM = "section"  # the query parameter
CHOICE = "editor:section"  # the navigator's radio
FIND = "editor:find"  # the finder's text box
FOCUS = "editor:focus"  # {"key": widget key prefix, "nonce": n}: the field to focus after a jump
FIRST_SECTION = "Persona"  # where a designer starts
MAX_RESULTS = 8

_focus = st.components.v2.component(
    "studio.focus",
    html="<span></span>",
    js=(FilePath(__file__).resolve().parent / "components" / "focus.js").read_text(),
)


def titles(model: type[BaseModel]) -> list[str]:
    return [title for title, _ in sections(model)]


def by_slug(model: type[BaseModel]) -> dict[str, str]:
    return {section_slug(title): title for title in titles(model)}


def chosen(model: type[BaseModel], form: FormCtx) -> str:
    """The section to show: the address's, else the first with a problem, else where a designer starts."""
    slug = st.query_params.get(PARAM)
    known = by_slug(model)
    if slug in known:
        return known[slug]
    for title, entries in sections(model):
        if section_counts(form, entries)[0]:
            return title
    names = titles(model)
    return FIRST_SECTION if FIRST_SECTION in names else names[0]


def go(title: str, found: Setting | None = None) -> None:
    """Show a section (a callback: the whole page reruns with it); ``found`` the setting to put the cursor on."""
    st.query_params[PARAM] = section_slug(title)
    st.session_state[CHOICE] = title
    if found is not None:
        nonce = int((st.session_state.get(FOCUS) or {}).get("nonce", 0)) + 1
        # Its own widget first, then the choices above it (a group switched off, a mode not chosen).
        keys = [found.focus, *(widget_key("f", found.path[:n]) for n in range(len(found.path) - 1, 0, -1))]
        st.session_state[FOCUS] = {
            "keys": keys,
            "nonce": nonce,
            "label": found.label,
            "hidden": found.hidden,
            "path": found.dotted,
        }
    st.rerun()  # from a callback, also one inside a fragment: the whole page


def _picked() -> None:
    title = st.session_state.get(CHOICE)
    if title:
        st.query_params[PARAM] = section_slug(title)
    st.rerun()  # the navigator is a fragment: the whole page draws the new section


def badges(form: FormCtx, entries: list[Any]) -> str:
    problems, notes, changed = section_counts(form, entries)
    return " ".join([*section_badges(problems, notes), *([f":gray-badge[{changed} set]"] if changed else [])])


def all_badges(model: type[BaseModel], form: FormCtx) -> dict[str, str]:
    """Every section's badges, by title: what the navigator shows of the draft."""
    return {title: badges(form, entries) for title, entries in sections(model)}


def render(model: type[BaseModel], form: FormCtx, current: str, info: dict[str, str] | None = None) -> None:
    """The navigator: every section with its badges (``info``, if known); choosing one shows it in the address."""
    info = all_badges(model, form) if info is None else info
    st.session_state[CHOICE] = current  # the address decides (a link, Back and Forward), the radio follows
    st.radio(
        "Section",
        list(info),
        key=CHOICE,
        on_change=_picked,
        format_func=lambda title: f"{title}  {info[title]}".strip(),
        help="Only the chosen section's settings are shown; the badges count each section's problems, notes "
        "and settings set.",
    )


# ---- the finder ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Setting:
    """One setting the finder knows: where it is shown, what it is called and what it says about itself."""

    section: str
    label: str
    path: Path
    help: str
    focus: str  # the widget key prefix to focus: the setting's own, or the choice or list that shows it
    hidden: bool = False  # shown only after a choice above it (a turn-taking mode, a tool added)

    @property
    def dotted(self) -> str:
        return ".".join(str(p) for p in self.path)

    def words(self) -> list[str]:
        text = f"{self.section} {self.label} {self.dotted} {self.help}".lower()
        return re.findall(r"[a-z0-9]+", text)

    def matches(self, word: str) -> bool:
        """A query word starts one of the setting's words (``sil`` finds "silence")."""
        return any(w.startswith(word) for w in self.words())


def _nested(model: type[BaseModel], path: Path, section: str, labels: str, fallback: str | None) -> list[Setting]:
    out = []
    for spec in field_specs(model):
        if classify(spec.type) == "const":
            continue  # a fixed tag (a variant's "type"): nothing to set
        here = (*path, spec.name)
        label = f"{labels} › {spec.label}"
        focus = fallback or widget_key("f", here)
        out.append(Setting(section, label, here, spec.help, focus, fallback is not None))
        out += _inside(spec.type, here, section, label, fallback)
    return out


def _inside(tp: Any, path: Path, section: str, label: str, fallback: str | None) -> list[Setting]:
    out: list[Setting] = []
    if isinstance(tp.base, type) and issubclass(tp.base, BaseModel):
        out += _nested(tp.base, path, section, label, fallback)
    for variant in tp.variants:
        if variant.model is not None:
            # A variant's fields show once that variant is chosen: the jump lands on the choice.
            out += _nested(
                variant.model, path, section, f"{label} ({variant.label})", fallback or widget_key("f", path)
            )
    if tp.item is not None and tp.base is list:
        out += _inside(tp.item, path, section, label, fallback or widget_key("f", path))  # a list: its first control
    return out


@functools.cache
def settings(model: type[BaseModel]) -> tuple[Setting, ...]:
    """Every setting of a model as the editor places it, nested ones included (once each); built once."""
    out: list[Setting] = []
    for title, entries in sections(model):
        for entry in entries:
            if classify(entry.spec.type) == "const":
                continue
            label = entry.spec.label
            out.append(Setting(title, label, entry.path, entry.spec.help, widget_key("f", entry.path)))
            out += _inside(entry.spec.type, entry.path, title, label, None)
    seen: set[tuple[Path, str]] = set()
    unique = []
    for setting in out:
        if (setting.path, setting.label) not in seen:
            seen.add((setting.path, setting.label))
            unique.append(setting)
    return tuple(unique)


def find(model: type[BaseModel], query: str) -> list[Setting]:
    """The settings whose title, path or help hold every word of the query, best first."""
    words = re.findall(r"[a-z0-9]+", query.lower())
    if not words:
        return []
    found = [s for s in settings(model) if all(s.matches(w) for w in words)]
    exact = query.strip().lower()

    def rank(setting: Setting) -> tuple[int, int]:
        named = setting.dotted.lower().endswith(exact) or setting.label.lower().endswith(exact)
        own = re.findall(r"[a-z0-9]+", f"{setting.label.split(' › ')[-1]} {setting.path[-1]}".lower())
        in_name = all(any(o.startswith(w) for o in own) for w in words)
        return (0 if named else 1 if in_name else 2, len(setting.path))

    return sorted(found, key=rank)


def render_finder(model: type[BaseModel]) -> None:
    """A search box over every setting; each result opens its section and puts the cursor in the field."""
    query = st.text_input(
        "Find a setting",
        key=FIND,
        placeholder="idle_timeout_ms, nudge, voice…",
        help="Searches every setting's title, its name in the API (as OpenAI's documentation spells it) and its "
        "help. A result opens its section and puts the cursor in the field.",
        icon=":material/search:",
    )
    if not query.strip():
        return
    results = find(model, query)
    if not results:
        st.caption(f"No setting matches “{plain(query)}”.")
        return
    shown = results[:MAX_RESULTS]
    names = [s.label.split(" › ")[-1] for s in shown]
    for index, setting in enumerate(shown):
        *above, name = setting.label.split(" › ")
        if names.count(name) > 1 and above:  # two modes' "Reply automatically": name the mode too
            *above, name = [*above[:-1], f"{above[-1]} › {name}"]
        st.button(
            name,
            key=f"editor:found:{index}",
            help=f"`{setting.dotted}`",
            on_click=go,
            args=(setting.section, setting),
            type="tertiary",
        )
        st.caption(" › ".join(plain(part) for part in (setting.section, *above)))
    if len(results) > MAX_RESULTS:
        st.caption(f"{len(results) - MAX_RESULTS} more: add a word to narrow it down.")


def render_found(state: Mapping[str, Any]) -> None:
    """Above the section the finder opened: which setting it found, and how to reach one not shown yet."""
    target = state.get(FOCUS)
    if not target:
        return
    where = f"**{plain(target['label'])}** (`{target['path']}`)"
    if target.get("hidden"):
        st.info(
            f"Found {where}. It appears once the choice it depends on is made: the cursor is on that choice.",
            icon=":material/search:",
        )
    else:
        st.info(
            f"Found {where}. If it is not shown, turn on the setting it belongs to: the cursor is there.",
            icon=":material/search:",
        )


def focus_requested(state: MutableMapping[str, Any]) -> None:
    """After the chosen section was drawn: put the cursor in the field the finder jumped to."""
    target = state.pop(FOCUS, None)
    if target:
        classes = ["st-key-" + re.sub(r"[^A-Za-z0-9_-]", "-", key) for key in dict.fromkeys(target["keys"])]
        _focus(key="editor:focus_js", data={"classes": classes, "nonce": target["nonce"]})


def problem_sections(model: type[BaseModel], problems: list[Any]) -> Mapping[str, int]:
    """How many of the problems each section shows, in the model's order."""
    counts: dict[str, int] = {}
    for problem in problems:
        title = section_of(model, tuple(problem.path))
        if title is not None:
            counts[title] = counts.get(title, 0) + 1
    return {t: counts[t] for t in titles(model) if t in counts}
