"""The export side of the Import & export page: one tab per target, each with copy and download.

Every export is built from the validated draft by ``session_model.targets``; while the draft
is invalid the tabs explain why and their downloads are disabled. The current API's exports
come first; the retired beta (flat) shapes follow under one "Legacy" heading.
"""

from __future__ import annotations

import streamlit as st
from pydantic import BaseModel

from form.render import plain
from session_model.apis import RETIRED_ON
from session_model.importing import dot
from session_model.shapes import json_text
from session_model.targets import LEGACY_HEADING, Export, Target, api_key_of, build, targets_for
from studio import draft
from studio.importer import code_span


def _credentials(target: Target, export: Export) -> None:
    if not export.credentials:
        return
    names = ", ".join(code_span(f"${{{name}}}") for name in export.credentials)
    if target.language == "json":
        are = "is a placeholder naming an environment variable" if len(export.credentials) == 1 else (
            "are placeholders naming environment variables")
        st.info(f"Credentials are not in this file: {names} {are}. "
                "Put the real values in where the session is created, on your server (the code tabs read them "
                "from the environment).", icon=":material/key:")
    else:
        variables = ", ".join(code_span(name) for name in export.credentials)
        st.caption(f"Reads the MCP credentials from the environment: set {variables} where this code runs.")


def _left_out(target: Target, session: BaseModel) -> str:
    export = build(target.key, session)
    if export.left_out:
        lines = "\n".join(
            f"- {code_span(dot(d.path))} = {code_span(json_text(d.value))}: {plain(d.reason)}"
            for d in export.left_out
        )
        st.warning(f"**Not carried by this export** ({len(export.left_out)}):\n{lines}", icon=":material/info:")
    elif (api_key_of(session) == "flat") != target.legacy:
        # The draft is converted for this tab (beta draft, current tab or the other way round).
        st.caption(f"{plain(target.cannot_carry)} Nothing of this draft is left out.")
    else:
        st.caption("Nothing of this draft is left out.")
    if export.omitted:
        names = ", ".join(code_span(dot(d.path)) for d in export.omitted)
        st.caption(f"Also left out, changing nothing: {names} ({plain(export.omitted[0].reason)}).")
    _credentials(target, export)
    return export.text


def _tabs(shown: list[Target], session: BaseModel | None) -> None:
    tabs = st.tabs([target.title for target in shown])
    for tab, target in zip(tabs, shown, strict=True):
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
                st.code(text, language=target.language, wrap_lines=True)
            else:
                st.caption("Disabled until the draft is valid.")


def render() -> None:
    """Draw the export tabs for the current draft: the current API first, then the legacy shapes."""
    current = draft.current(st.session_state)
    api = draft.target(current)
    session, problems = draft.check(current)
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
    if not api.current:
        st.info("Your draft uses the retired beta (flat) shape: these exports show it converted to the current "
                "API, with what it cannot carry.", icon=":material/swap_horiz:")
    _tabs(targets_for(api.key, legacy=False), session)
    legacy = targets_for(api.key, legacy=True)
    if legacy:
        st.markdown(f"##### {LEGACY_HEADING}")
        st.caption(f"OpenAI retired the beta (flat) shape on {RETIRED_ON}: the API closes a connection that sends "
                   "it. These exports are for reading old code and configs only.")
        _tabs(legacy, session)
