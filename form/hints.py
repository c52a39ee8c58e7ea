"""Small typed presentation hints that a model attaches to its fields.

A hint never restates a bound or a list of choices: those come from the field's
annotation and constraints. It only says how to present what the type already says.
This module is pure (no Streamlit) so that model packages can import it freely.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class UI:
    """Presentation hint, placed in a field's ``Annotated`` metadata or ``json_schema_extra``.

    widget: force a widget kind (e.g. "textarea", "segmented", "number", "json").
    section: the heading the field is grouped under at the top level of a form.
    step: the increment of a slider or number entry.
    null_label: what "null" means for a nullable field, in the user's words ("Off").
    unset_label: what leaving the field out means ("Server default").
    variant_labels: display names for union variants or literal values, by tag/value.
    precise: show a number entry next to a slider for exact values.
    summary: the sub-field that names an item in a collapsed list ("name"); several
        separated by "|" ("name|server_label"): the first one present is shown.
    choices_from: a dotted path to a list of models and a field in it
        (e.g. "tools.name") whose values are offered as extra choices.
    advanced: collapse the field by default.
    placeholder: example text shown in an empty text entry.
    slider_max: the right end of a slider for a field with no upper bound; the
        number entry beside it still accepts any valid value.
    unavailable: the field cannot be carried by this model (a setting an API removed):
        it is drawn disabled with this one-line reason, and never written.
    """

    widget: str | None = None
    section: str | None = None
    step: float | None = None
    null_label: str | None = None
    unset_label: str | None = None
    variant_labels: tuple[tuple[str, str], ...] = ()
    precise: bool = False
    summary: str | None = None
    choices_from: str | None = None
    advanced: bool = False
    placeholder: str | None = None
    slider_max: float | None = None
    unavailable: str | None = None

    def label_for(self, value: str) -> str:
        """Return the display label for a variant tag or literal value."""
        return dict(self.variant_labels).get(value, value)
