"""The export side of the Import & export page: one tab per target, each with copy and download.

Every export is built from the validated draft by ``session_model.targets``; while the draft
is invalid the tabs explain why and their downloads are disabled.
"""

from __future__ import annotations

import streamlit as st

from form.introspect import dotted
from form.render import plain
from session_model.models import RealtimeSession
from session_model.shapes import json_text
from session_model.targets import TARGETS, Target, build
from studio import draft
from studio.importer import code_span


def _left_out(target: Target, session: RealtimeSession) -> str:
    export = build(target.key, session)
    if export.left_out:
        lines = "\n".join(
            f"- {code_span(dotted(d.path))} = {code_span(json_text(d.value))}: {plain(d.reason)}"
            for d in export.left_out
        )
        st.warning(f"**Not carried by this export** ({len(export.left_out)}):\n{lines}", icon=":material/info:")
    else:
        st.caption(f"{plain(target.cannot_carry)} Nothing of this draft is left out.")
    if export.omitted:
        names = ", ".join(code_span(dotted(d.path)) for d in export.omitted)
        st.caption(f"Also left out, changing nothing: {names} ({plain(export.omitted[0].reason)}).")
    return export.text


def render() -> None:
    """Draw the export tabs for the current draft."""
    session, problems = draft.check(st.session_state.setdefault(draft.DRAFT_KEY, {}))
    st.subheader("Export")
    if session is None:
        st.error(
            f"The draft has {len(problems)} problem(s), so there is nothing to export yet. Fix them in the editor; "
            "every export below is built from the validated draft.",
            icon=":material/block:",
        )
        st.page_link("pages/editor.py", label="Fix them in the editor", icon=":material/tune:")
    else:
        st.caption("Built from your validated draft. Each tab has a copy button (top right of the code) and a "
                   "download.")
    tabs = st.tabs([target.title for target in TARGETS.values()])
    for tab, target in zip(tabs, TARGETS.values(), strict=True):
        with tab:
            st.caption(plain(target.purpose))
            text = _left_out(target, session) if session is not None else ""
            st.download_button(
                f"Download {target.file_name}",
                data=text,
                file_name=target.file_name,
                mime=target.mime,
                icon=":material/download:",
                key=f"export:{target.key}:download",
                disabled=session is None,
            )
            if session is not None:
                st.code(text, language=target.language)
            else:
                st.caption("Disabled until the draft is valid.")
