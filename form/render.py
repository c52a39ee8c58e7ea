"""Draw Streamlit widgets for any pydantic model, editing a JSON-shaped draft dict.

Walks the model's field specs, classifies each type into a widget kind, and calls
the renderer registered for that kind. Nothing here knows what model it draws.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, MutableMapping
from dataclasses import dataclass, field
from typing import Any

import streamlit as st
from pydantic import BaseModel

from form.classify import classify
from form.introspect import FieldSpec, Path, TypeSpec, Variant, field_specs
from form.messages import Problem
from form.state import (
    CHANGED_IN,
    MISSING,
    RAW_JSON,
    REFRESHED,
    SIGNATURES,
    VARIANTS,
    WIDGETS,
    bookkeeping,
    del_in,
    get_in,
    path_id,
    refresh_widgets,
    replay_refreshed,
    set_in,
    widget_key,
)

Renderer = Callable[["FieldCtx"], None]
RENDERERS: dict[str, Renderer] = {}
FALLBACK_KIND = "json"

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]()#|<>~$:])")
# Streamlit turns bare addresses into links even when escaped; an invisible word joiner
# inside "://", "www." and "@" keeps them text (they look the same).
_AUTOLINK = re.compile(r"(?i)(?<=[a-z0-9]):(?=//)|(?<![a-z0-9])www(?=\.)|(?<=\S)@(?=\S)")
WORD_JOINER = "\u2060"


def plain(text: str) -> str:
    """Escape text so Streamlit shows it literally instead of as markdown (or as a link)."""
    unlinked = _AUTOLINK.sub(lambda m: m.group(0) + WORD_JOINER if m.group(0) != "@" else WORD_JOINER + "@", str(text))
    return _MARKDOWN_SPECIAL.sub(r"\\\1", unlinked)


def register(kind: str) -> Callable[[Renderer], Renderer]:
    """Register a renderer for a widget kind; a later registration outranks an earlier one."""

    def wrap(fn: Renderer) -> Renderer:
        RENDERERS[kind] = fn
        return fn

    return wrap


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
        if self.rerun:
            self.state[CHANGED_IN] = self.fragment
            st.rerun(list(self.rerun))

    def callback(self, fn: Callable[[], Any]) -> Callable[[], None]:
        """``fn`` as a widget callback that ends with :meth:`changed`."""

        def run() -> None:
            fn()
            self.changed()

        return run

    def problems_under(self, path: Path) -> int:
        return sum(len(v) for p, v in self.by_path.items() if p[: len(path)] == path)

    def json_problems(self) -> list[Problem]:
        """Problems of JSON editors whose text does not parse (the draft keeps the last good value)."""
        return [Problem(tuple(v["path"]), v["error"], "json_invalid") for v in self.memo(RAW_JSON).values()]


@dataclass
class FieldCtx:
    """One field being drawn: its spec, path, current value and the form it belongs to."""

    form: FormCtx
    spec: FieldSpec
    path: Path

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

    def write(self, value: Any) -> None:
        if value is MISSING:
            del_in(self.form.draft, self.path)
        else:
            set_in(self.form.draft, self.path, value)

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
        if key not in self.form.state:
            self.form.state[key] = widget_value(self.value)
        return key

    def shown_of(self, value: Any) -> Any:
        """What to show for a draft value: the value, else the field's default, else None."""
        if value is not MISSING:
            return value
        return self.spec.default if self.spec.has_default else None

    def help(self) -> str | None:
        return self.spec.help or None


def render_kind(kind: str, ctx: FieldCtx) -> None:
    """Call the renderer of a kind; an unknown kind falls back to a visible JSON editor."""
    RENDERERS.get(kind, RENDERERS[FALLBACK_KIND])(ctx)


NOTE_STYLES: dict[str, tuple[Callable[..., Any], str]] = {
    "error": (st.error, ":material/error:"),
    "warning": (st.warning, ":material/warning:"),
    "info": (st.info, ":material/lightbulb:"),
}


def show_errors(ctx: FieldCtx) -> None:
    for message in ctx.form.by_path.get(ctx.path, []):
        st.error(plain(message), icon=":material/error:")
    for level, text in ctx.form.notes.get(ctx.path, []):
        draw, icon = NOTE_STYLES.get(level, NOTE_STYLES["info"])
        draw(plain(text), icon=icon)


def render_field(form: FormCtx, spec: FieldSpec, path: Path) -> None:
    """Draw one field: its presence control when it has one, its widget, its errors."""
    ctx = FieldCtx(form, spec, path)
    render_kind(classify(spec.type), ctx)
    show_errors(ctx)


def render_model(form: FormCtx, model: type[BaseModel], path: Path = ()) -> None:
    """Draw every field of a model under a path of the draft."""
    for spec in field_specs(model):
        render_field(form, spec, (*path, spec.name))


def sections(model: type[BaseModel]) -> list[tuple[str, list[FieldSpec]]]:
    """Group a model's fields by their section hint, in order of first appearance."""
    grouped: dict[str, list[FieldSpec]] = {}
    for spec in field_specs(model):
        grouped.setdefault(spec.ui.section or "Other settings", []).append(spec)
    return list(grouped.items())


def section_badge(form: FormCtx, specs: list[FieldSpec]) -> tuple[str, int]:
    """The markdown badges of a section title (problems to fix, notes) and its problem count."""
    count = sum(form.problems_under((s.name,)) for s in specs)
    badge = f"  :red-badge[{count} to fix]" if count else ""
    names = {s.name for s in specs}
    noted = sum(len(v) for p, v in form.notes.items() if p and p[0] in names)
    badge += f"  :orange-badge[{noted} note{'s' if noted != 1 else ''}]" if noted else ""
    return badge, count


def render_section(
    form: FormCtx,
    title: str,
    specs: list[FieldSpec],
    *,
    collapsed: bool = False,
    extra: Callable[[], None] | None = None,
) -> None:
    """One section: an expander (open unless ``collapsed`` and without problems) with its fields."""
    badge, count = section_badge(form, specs)
    with st.expander(f"**{plain(title)}**{badge}", expanded=not collapsed or bool(count)):
        for spec in specs:
            render_field(form, spec, (spec.name,))
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
    for title, specs in sections(model):
        render_section(form, title, specs, collapsed=title in collapsed, extra=(extras or {}).get(title))


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
    form: FormCtx, title: str, specs: list[FieldSpec], depends: Mapping[str, Callable[[FormCtx], object]] | None
) -> str:
    """What a section shows that a change elsewhere in the draft can alter."""
    inputs = (depends or {}).get(title)
    names = {s.name for s in specs}
    # Sorted by their text: a path may mix indexes and names, which do not compare.
    problems = sorted(((p, sorted(m)) for p, m in form.by_path.items() if p and p[0] in names), key=repr)
    notes = sorted(((p, sorted(n)) for p, n in form.notes.items() if p and p[0] in names), key=repr)
    return repr((section_badge(form, specs), problems, notes, inputs(form) if inputs else None))


def render_form_sections(
    make_form: Callable[[], FormCtx],
    model: type[BaseModel],
    *,
    collapsed: tuple[str, ...] = (),
    extras: Mapping[str, Callable[[], None]] | None = None,
    depends: Mapping[str, Callable[[FormCtx], object]] | None = None,
    rerun_also: tuple[str, ...] = (),
) -> None:
    """Like :func:`render_form`, but each section is a fragment that reruns on its own.

    ``make_form`` builds a fresh form context (draft problems and notes) for each run of a
    section. A change in a section reruns ``rerun_also``, then that section. ``depends``
    maps a section title to the inputs of its extra that live outside the section.
    """
    first = make_form()
    prefix, form_state = first.prefix, first.state
    for index, (title, specs) in enumerate(sections(model)):
        key = section_key(prefix, index)

        @st.fragment(key=key)
        def section(title: str = title, specs: list[FieldSpec] = specs, key: str = key) -> None:
            replay_refreshed(form_state)
            form = make_form()
            # The fragments in ``rerun_also`` go first: the browser updates them (a preview) before
            # it redraws this section's widgets.
            form.fragment, form.rerun = key, (*rerun_also, key)
            render_section(form, title, specs, collapsed=title in collapsed, extra=(extras or {}).get(title))
            form.memo(SIGNATURES)[key] = section_signature(form, title, specs, depends)

        section()


def stale_sections(
    form: FormCtx, model: type[BaseModel], depends: Mapping[str, Callable[[FormCtx], object]] | None = None
) -> list[str]:
    """Keys of the sections whose signature no longer matches what they last drew."""
    drawn = form.memo(SIGNATURES)
    stale = []
    for index, (title, specs) in enumerate(sections(model)):
        key = section_key(form.prefix, index)
        if key in drawn and drawn[key] != section_signature(form, title, specs, depends):
            stale.append(key)
    return stale


def blank(model: type[BaseModel]) -> dict[str, Any]:
    """A new draft for a model: only its fixed tags (single-value literals) filled in."""
    out: dict[str, Any] = {}
    for spec in field_specs(model):
        if classify(spec.type) == "const" and (spec.required or spec.has_default):
            out[spec.name] = spec.type.choices[0]
    return out


# ---- presence: unset / null / value -----------------------------------------------------------

UNSET_OPTION = "__unset__"
NULL_OPTION = "__null__"


def presence_options(ctx: FieldCtx, values: list[str]) -> list[str]:
    """The choices of a presence selector: unset (if optional), off (if nullable), then values."""
    options = []
    if not ctx.spec.required:
        options.append(UNSET_OPTION)
    if ctx.type.nullable:
        options.append(NULL_OPTION)
    return options + values


def presence_label(ctx: FieldCtx, option: str, labels: dict[str, str]) -> str:
    if option == UNSET_OPTION:
        return ctx.type.ui.unset_label or "Not set"
    if option == NULL_OPTION:
        return ctx.type.ui.null_label or "Off"
    return labels.get(option, option)


def presence_selector(
    ctx: FieldCtx, values: dict[str, str], active: Callable[[Any], str | None], switch: Callable[[str], None]
) -> str:
    """A horizontal radio over unset / off / values; ``switch`` is called with the new choice.

    ``active`` tells which of ``values`` a (non-null, present) draft value belongs to.
    """
    options = presence_options(ctx, list(values))
    if len(options) == 1:
        return options[0]

    def option_of(value: Any) -> str:
        if value is MISSING:
            return UNSET_OPTION if UNSET_OPTION in options else options[0]
        if value is None:
            return NULL_OPTION
        return active(value) or options[-1]

    key = ctx.bind(ctx.form.key(ctx.path, "presence"), option_of)

    def changed() -> None:
        switch(ctx.form.state[key])
        ctx.form.changed()

    return st.radio(
        ctx.spec.label,
        options,
        format_func=lambda o: presence_label(ctx, o, values),
        horizontal=True,
        key=key,
        help=ctx.help(),
        on_change=changed,
    )


def remember(ctx: FieldCtx, tag: str | None) -> None:
    """Keep the values of the variant being left, so switching back restores them."""
    if tag is not None and ctx.value is not MISSING and ctx.value is not None:
        ctx.form.memo(VARIANTS).setdefault(path_id(ctx.path), {})[tag] = ctx.value


def switch_to(ctx: FieldCtx, leaving: str | None, choice: str, fresh: Callable[[str], Any]) -> None:
    """Change a field between unset, off and its variants, keeping every variant's values."""
    remember(ctx, leaving)
    if choice == UNSET_OPTION:
        ctx.write(MISSING)
    elif choice == NULL_OPTION:
        ctx.write(None)
    else:
        stored = ctx.form.memo(VARIANTS).get(path_id(ctx.path), {}).get(choice, MISSING)
        ctx.write(stored if stored is not MISSING else fresh(choice))
    ctx.form.refresh(ctx.path)


# ---- unions ------------------------------------------------------------------------------------


def active_variant(spec: TypeSpec, value: Any) -> Variant | None:
    """Which alternative of a union a draft value belongs to."""
    if value is MISSING or value is None:
        return None
    for variant in spec.variants:
        if variant.is_const and value == variant.const:
            return variant
    models = [v for v in spec.variants if v.model is not None]
    if isinstance(value, dict) and models:
        for variant in models:
            tag_values = blank(variant.model)
            if tag_values and all(value.get(k) == v for k, v in tag_values.items()):
                return variant
        return models[0] if len(models) == 1 else None
    for variant in spec.variants:
        if variant.scalar is not None and isinstance(value, variant.scalar.base) and not isinstance(value, bool):
            return variant
    return None


def fresh_variant_value(variant: Variant) -> Any:
    if variant.model is not None:
        return blank(variant.model)
    if variant.scalar is not None:
        bounds = variant.scalar.bounds
        return bounds.get("le", bounds.get("ge", 0))
    return variant.const


@register("variants")
def render_variants(ctx: FieldCtx) -> None:
    variants = {v.tag: v for v in ctx.type.variants}
    active = active_variant(ctx.type, ctx.value)
    leaving = active.tag if active else None
    labels = {tag: v.label for tag, v in variants.items()}
    choice = presence_selector(
        ctx,
        labels,
        lambda value: (active_variant(ctx.type, value) or Variant("", "")).tag or None,
        lambda new: switch_to(ctx, leaving, new, lambda tag: fresh_variant_value(variants[tag])),
    )
    if ctx.present and ctx.value is not None and active is None:
        render_kind("json", ctx)  # a value no variant recognises: let the user see and fix it
        return
    variant = variants.get(choice)
    if variant is None:
        return
    if variant.model is not None:
        with st.container(border=True):
            render_model(ctx.form, variant.model, ctx.path)
    elif variant.scalar is not None:
        sub = FieldCtx(ctx.form, FieldSpec(ctx.spec.name, variant.label, "", variant.scalar, True, None), ctx.path)
        render_kind(classify(variant.scalar), sub)


@register("model")
def render_nested_model(ctx: FieldCtx) -> None:
    model = ctx.type.base
    on = "__on__"
    if ctx.spec.required and not ctx.type.nullable:
        if not ctx.present:
            ctx.write(blank(model))
        choice = on
    else:
        current = on if isinstance(ctx.value, dict) else None
        choice = presence_selector(
            ctx, {on: "On"}, lambda value: on, lambda new: switch_to(ctx, current, new, lambda _: blank(model))
        )
    if choice == on and isinstance(ctx.value, dict):
        with st.container(border=True):
            render_model(ctx.form, model, ctx.path)


# The scalar, list and JSON renderers register themselves on import.
from form import widgets as _widgets  # noqa: E402,F401
