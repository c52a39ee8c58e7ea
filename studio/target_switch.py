"""The sidebar's API target picker: switching converts the draft and reports what moved or was left out.

The target is read from the draft (see ``session_model.apis``). A switch replaces the
draft with its conversion (undo from the sidebar) and keeps a report, shown until it
is dismissed at the top of every page, in the same words as the import report.
"""

from __future__ import annotations

from collections.abc import MutableMapping
from typing import Any

import streamlit as st

from form.render import plain
from session_model import apis
from session_model.importing import conversion_report
from studio import draft
from studio.importer import render_report as render_import_report

PICKER = "sidebar:target"
REPORT = "target:report"  # the ImportReport of the last switch, shown until dismissed
REPORT_DRAFT = "target:report_draft"  # the draft object that report describes


def switch(state: MutableMapping[str, Any], key: str) -> None:
    """Convert the draft to the target ``key`` (undo-able) and keep the report to show."""
    current = draft.current(state)
    target = apis.APIS[key]
    if draft.target(current).key == target.key:
        return
    report = conversion_report(current, target)
    draft.replace(state, report.data)
    state[REPORT] = report
    state[REPORT_DRAFT] = state[draft.DRAFT_KEY]


def _picked(state: MutableMapping[str, Any]) -> None:
    switch(state, state[PICKER])
    st.rerun()  # every section of the form changes


def render(state: MutableMapping[str, Any]) -> None:
    """The target picker, the retirement note for the flat target, and the last switch's report."""
    current = draft.target(draft.current(state))
    state[PICKER] = current.key  # the draft is the truth: an import or a preset may have changed it
    st.selectbox(
        "API target",
        list(apis.APIS),
        format_func=lambda k: apis.APIS[k].title,
        key=PICKER,
        help="Which Realtime session the draft is written for. Switching converts the draft and lists "
        "what moved and what could not be carried; Undo brings the old draft back.",
        on_change=lambda: _picked(state),
    )
    if not current.current:
        st.warning(
            f"OpenAI retired this shape on {apis.RETIRED_ON}; the API refuses it. Switch to "
            f"{apis.DEFAULT.title} to deploy this persona.",
            icon=":material/history:",
        )


def render_report(state: MutableMapping[str, Any]) -> None:
    """The last switch's report, at the top of the page until dismissed (the import page's words)."""
    report = state.get(REPORT)
    if report is None:
        return
    if state.get(REPORT_DRAFT) is not state.get(draft.DRAFT_KEY):
        # Undo, a preset or an import replaced the switched draft: the report no longer applies.
        # (Edits change the draft in place and keep it.)
        state.pop(REPORT, None)
        return
    source = report.source.title if report.source else "the draft"
    with st.expander(
        f"Switched from {plain(source)} to {plain(report.target.title)}", expanded=True, icon=":material/swap_horiz:"
    ):
        render_import_report(report)
        st.caption("Undo in the sidebar brings back the draft as it was before the switch.")
        st.button("Dismiss", key="target:dismiss", on_click=lambda: state.pop(REPORT, None))
