"""A form as sections: fields grouped by their ``UI(section=...)`` hint, each section an expander.

Hoisting: an optional, non-nullable model-typed field with no section of its own, whose
model's fields (at any depth) name sections, is transparent: its fields are placed in the
sections they name, at their full path (``("climate", "heating", "target")``), and the objects
between (``climate``, ``climate.heating``) are created when such a field is set and removed when
they are left empty. A model field whose fields name no section is drawn as a nested model.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import NamedTuple

import streamlit as st
from pydantic import BaseModel

from form.classify import classify, is_transparent
from form.context import FormCtx, plain
from form.introspect import FieldSpec, Path, field_specs
from form.registry import render_field
from form.state import SIGNATURES, replay_refreshed

DEFAULT_SECTION = "Other settings"


class Placed(NamedTuple):
    """A field as a section draws it: its full path, its spec and the models of the objects above it.

    ``claims`` are the paths of those objects whose own problems (a missing or unknown key)
    this entry's section shows, with the paths of every field placed under each of them.
    """

    path: Path
    spec: FieldSpec
    containers: tuple[type[BaseModel], ...] = ()
    claims: tuple[tuple[Path, tuple[Path, ...]], ...] = ()


def _is_model(tp: object) -> bool:
    return isinstance(tp, type) and issubclass(tp, BaseModel)


def _place(
    model: type[BaseModel], path: Path, containers: tuple[type[BaseModel], ...], labels: tuple[str, ...], depth: int
) -> list[tuple[str, Placed]]:
    out: list[tuple[str, Placed]] = []
    for spec in field_specs(model):
        here = (*path, spec.name)
        if is_transparent(spec, depth):
            out += _place(spec.type.base, here, (*containers, spec.type.base), (*labels, spec.label), depth + 1)
            continue
        if containers and classify(spec.type) == "const" and (spec.required or spec.has_default):
            continue  # a fixed tag of an object above: written when the object is created
        if containers:
            # The object above may be left out, so every field in it may be too.
            label = spec.label if spec.ui.section else " › ".join((*labels, spec.label))
            spec = replace(spec, required=False, label=label)
        out.append((spec.ui.section or DEFAULT_SECTION, Placed(here, spec, containers)))
    return out


@functools.cache
def _sections(model: type[BaseModel]) -> tuple[tuple[str, tuple[Placed, ...]], ...]:
    placed = _place(model, (), (), (), 0)
    grouped: dict[str, list[Placed]] = {}
    claimed: set[Path] = set()
    for title, entry in placed:
        claims = []
        for depth in range(1, len(entry.containers) + 1):
            container = entry.path[:depth]
            if container not in claimed:
                claimed.add(container)
                # What shows elsewhere: the fields under it and the objects deeper down (their own claims).
                deeper = {p.path[:d] for _, p in placed for d in range(depth + 1, len(p.containers) + 1)}
                under = tuple(p.path for _, p in placed if p.path[:depth] == container) + tuple(
                    sorted((d for d in deeper if d[:depth] == container), key=repr)
                )
                claims.append((container, under))
        grouped.setdefault(title, []).append(entry._replace(claims=tuple(claims)))
    return tuple((title, tuple(entries)) for title, entries in grouped.items())


def sections(model: type[BaseModel]) -> list[tuple[str, list[Placed]]]:
    """Group a model's fields (hoisted ones at their full path) by section hint, in order of first appearance."""
    return [(title, list(entries)) for title, entries in _sections(model)]


def _claimed(entries: list[Placed], path: Path) -> bool:
    """Whether ``path`` is in an object above hoisted fields, outside every one of them, claimed here."""
    return any(
        path[: len(container)] == container and not any(path[: len(u)] == u for u in under)
        for entry in entries
        for container, under in entry.claims
    )


def _owns(entries: list[Placed], path: Path) -> bool:
    """Whether a problem or note at ``path`` shows in the section of these entries."""
    return any(path[: len(e.path)] == e.path for e in entries) or _claimed(entries, path)


def _claimed_problems(form: FormCtx, entries: list[Placed]) -> list[str]:
    """Problems of the objects above hoisted fields (a key missing or unknown there), drawn atop the section."""
    paths = sorted((p for p in form.by_path if p and _claimed(entries, p)), key=repr)
    return [m for p in paths for m in form.by_path[p]]


def section_slug(title: str) -> str:
    """A section's name in an address (``?section=climate-control`` for "Climate control")."""
    return "-".join("".join(c if c.isalnum() else " " for c in title.lower()).split())


def section_of(model: type[BaseModel], path: Path) -> str | None:
    """The title of the section that shows a problem or note at ``path`` (None: no section does)."""
    for title, entries in sections(model):
        if _owns(entries, path):
            return title
    return None


def _present(data: object, path: Path) -> bool:
    for part in path:
        if isinstance(data, dict) and part in data:
            data = data[part]
        elif isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data):
            data = data[part]
        else:
            return False
    return True


def section_counts(form: FormCtx, entries: list[Placed]) -> tuple[int, int, int]:
    """How many problems, notes and settings set a section has (its badges, always shown in a navigator)."""
    problems = sum(len(v) for p, v in form.by_path.items() if p and _owns(entries, p))
    notes = sum(len(v) for p, v in form.notes.items() if p and _owns(entries, p))
    data = form.draft  # read once: each read goes through the session state
    changed = sum(1 for e in entries if classify(e.spec.type) != "const" and _present(data, e.path))
    return problems, notes, changed


def badges(problems: int, notes: int) -> list[str]:
    """The markdown badges of a section's problems to fix and notes (none for a count of 0)."""
    out = [f":red-badge[{problems} to fix]"] if problems else []
    return out + ([f":orange-badge[{notes} note{'s' if notes != 1 else ''}]"] if notes else [])


def section_badge(form: FormCtx, entries: list[Placed]) -> tuple[str, int]:
    """The markdown badges of a section title (problems to fix, notes) and its problem count."""
    problems, notes, _ = section_counts(form, entries)
    return "".join(f"  {badge}" for badge in badges(problems, notes)), problems


def render_section(
    form: FormCtx,
    title: str,
    entries: list[Placed],
    *,
    collapsed: bool = False,
    extra: Callable[[], None] | None = None,
) -> None:
    """One section: an expander (open unless ``collapsed`` and without problems) with its fields."""
    badge, count = section_badge(form, entries)
    with st.expander(f"**{plain(title)}**{badge}", expanded=not collapsed or bool(count)):
        for message in _claimed_problems(form, entries):
            st.error(plain(message), icon=":material/error:")
        for entry in entries:
            render_field(form, entry.spec, entry.path, entry.containers)
        if extra is not None:
            extra()


def render_form(
    form: FormCtx,
    model: type[BaseModel],
    *,
    collapsed: tuple[str, ...] = (),
    extras: Mapping[str, Callable[[], None]] | None = None,
) -> None:
    """Draw a model as sections (one expander per section hint).

    ``extras`` maps a section title to a function that draws more content at the end
    of that section (a chart, suggestions), so pages can add to a section in place.
    """
    for title, entries in sections(model):
        render_section(form, title, entries, collapsed=title in collapsed, extra=(extras or {}).get(title))


# ---- sections as fragments -----------------------------------------------------------------------
#
# Streamlit reruns the whole page after every change, and the browser then redraws every
# widget of every section. Drawn as fragments, a change reruns only the fragments named in
# ``rerun_also`` (a preview, a status line) and its own section. What a section shows that
# depends on the rest of the draft (its badges, the problems and notes beside its fields,
# an extra's inputs) is kept as a signature; ``stale_sections`` tells when another section's
# signature changed, so the page can fall back to a full rerun.


def section_key(prefix: str, index: int) -> str:
    """The fragment key of a form's section."""
    return f"{prefix}:section:{index}"


def section_signature(
    form: FormCtx, title: str, entries: list[Placed], depends: Mapping[str, Callable[[FormCtx], object]] | None
) -> str:
    """What a section shows that a change elsewhere in the draft can alter."""
    inputs = (depends or {}).get(title)
    # Sorted by their text: a path may mix indexes and names, which do not compare.
    problems = sorted(((p, sorted(m)) for p, m in form.by_path.items() if p and _owns(entries, p)), key=repr)
    notes = sorted(((p, sorted(n)) for p, n in form.notes.items() if p and _owns(entries, p)), key=repr)
    return repr((section_badge(form, entries), problems, notes, inputs(form) if inputs else None))


def render_form_sections(
    make_form: Callable[[], FormCtx],
    model: type[BaseModel],
    *,
    collapsed: tuple[str, ...] = (),
    extras: Mapping[str, Callable[[], None]] | None = None,
    depends: Mapping[str, Callable[[FormCtx], object]] | None = None,
    rerun_also: tuple[str, ...] = (),
    whole_page: Callable[[], bool] | None = None,
    only: str | None = None,
) -> None:
    """Like :func:`render_form`, but each section is a fragment that reruns on its own.

    ``make_form`` builds a fresh form context (draft problems and notes) for each run of a
    section. A change in a section reruns ``rerun_also``, then that section, unless
    ``whole_page()`` says the whole page must rerun now. ``depends`` maps a section title to
    the inputs of its extra that live outside the section. ``only`` draws that section alone
    (a navigator chooses it); the others are not drawn at all.
    """
    first = make_form()
    prefix, form_state = first.prefix, first.state
    drawn = []
    for index, (title, entries) in enumerate(sections(model)):
        key = section_key(prefix, index)
        if only is not None and title != only:
            continue
        drawn.append(key)

        @st.fragment(key=key)
        def section(title: str = title, entries: list[Placed] = entries, key: str = key) -> None:
            replay_refreshed(form_state)
            form = make_form()
            # The fragments in ``rerun_also`` go first: the browser updates them (a preview) before
            # it redraws this section's widgets.
            form.fragment, form.rerun, form.whole_page = key, (*rerun_also, key), whole_page
            render_section(form, title, entries, collapsed=title in collapsed, extra=(extras or {}).get(title))
            form.memo(SIGNATURES)[key] = section_signature(form, title, entries, depends)

        section()
    signatures = first.memo(SIGNATURES)
    for key in [k for k in signatures if k not in drawn]:
        del signatures[key]  # a section not shown now cannot be stale


def stale_sections(
    form: FormCtx, model: type[BaseModel], depends: Mapping[str, Callable[[FormCtx], object]] | None = None
) -> list[str]:
    """Keys of the sections whose signature no longer matches what they last drew."""
    drawn = form.memo(SIGNATURES)
    stale = []
    for index, (title, entries) in enumerate(sections(model)):
        key = section_key(form.prefix, index)
        if key in drawn and drawn[key] != section_signature(form, title, entries, depends):
            stale.append(key)
    return stale
