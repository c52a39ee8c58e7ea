"""Draw Streamlit widgets for any pydantic model, editing a JSON-shaped draft dict.

The entry point of the renderer: it loads every renderer module (each registers its widget
kinds) and gathers the names pages use. The parts live in their own modules:

- ``form.context``: a form run (``FormCtx``) and a field being drawn (``FieldCtx``), ``plain``;
- ``form.registry``: renderers by kind, ``render_field``, ``render_model``;
- ``form.presence``: unset / null / value controls and variant memory;
- ``form.widgets``, ``form.unions``, ``form.lists``, ``form.pairs``: the renderers;
- ``form.sections``: fields grouped into sections (with hoisting), as fragments.

Nothing here knows what model it draws.
"""

from __future__ import annotations

from form import lists, pairs, unions, widgets  # noqa: F401  (each registers its kinds)
from form.context import WORD_JOINER, FieldCtx, FormCtx, blank, plain
from form.introspect import FieldSpec, Path, TypeSpec, Variant, field_specs
from form.messages import Problem
from form.presence import (
    NULL_OPTION,
    UNSET_OPTION,
    nullable_scalar,
    presence_label,
    presence_options,
    presence_selector,
    remember,
    switch_to,
    with_reset,
)
from form.registry import (
    FALLBACK_KIND,
    NOTE_STYLES,
    RENDERERS,
    Renderer,
    register,
    render_field,
    render_kind,
    render_model,
    show_errors,
)
from form.sections import (
    DEFAULT_SECTION,
    Placed,
    is_transparent,
    render_form,
    render_form_sections,
    render_section,
    section_badge,
    section_key,
    section_signature,
    sections,
    stale_sections,
)
from form.state import MISSING
from form.unions import active_variant, fresh_variant_value, render_nested_model, render_variants

__all__ = [
    "DEFAULT_SECTION",
    "FALLBACK_KIND",
    "MISSING",
    "NOTE_STYLES",
    "NULL_OPTION",
    "RENDERERS",
    "UNSET_OPTION",
    "WORD_JOINER",
    "FieldCtx",
    "FieldSpec",
    "FormCtx",
    "Path",
    "Placed",
    "Problem",
    "Renderer",
    "TypeSpec",
    "Variant",
    "active_variant",
    "blank",
    "field_specs",
    "fresh_variant_value",
    "is_transparent",
    "nullable_scalar",
    "plain",
    "presence_label",
    "presence_options",
    "presence_selector",
    "register",
    "remember",
    "render_field",
    "render_form",
    "render_form_sections",
    "render_kind",
    "render_model",
    "render_nested_model",
    "render_section",
    "render_variants",
    "section_badge",
    "section_key",
    "section_signature",
    "sections",
    "show_errors",
    "stale_sections",
    "switch_to",
    "with_reset",
]
