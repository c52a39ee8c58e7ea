"""The import side of the Import & export page: paste or upload, the report, and the confirm button.

``session_model.importing`` decides everything; this module draws its report and, only when
the user confirms, replaces the draft (the previous one stays available for undo). A beta
(flat) config is offered converted to the current API (the default) or kept as it is.
``render_report`` also draws the report of a target switch (``importing.conversion_report``).
"""

from __future__ import annotations

import copy
import hashlib
from collections.abc import MutableMapping
from typing import Any

import streamlit as st

from form.render import plain
from session_model.apis import APIS, RETIRED_ON
from session_model.importing import Finding, ImportReport, field_title, import_config
from studio import draft

TEXT_KEY = "import:text"
FILE_KEY = "import:file"
AS_KEY = "import:as"  # for a beta (flat) config: convert it to the current API, or keep it flat
CONFIRMED_KEY = "import:confirmed"  # fingerprint of the input (and choice) last confirmed
PLACEHOLDER = '{"type": "session.update", "session": {"type": "realtime", "audio": {"output": {"voice": "marin"}}}}'
CONVERT, KEEP = "convert", "keep"
CHOICES = {
    CONVERT: f"Convert to the current API ({APIS['realtime'].title})",
    KEEP: f"Keep as beta (flat), retired {RETIRED_ON}",
}


def fingerprint(raw: bytes | str) -> str:
    """A short id of an input, to tell whether the one on screen was already imported."""
    data = raw.encode("utf-8", "surrogatepass") if isinstance(raw, str) else raw
    return hashlib.sha256(data).hexdigest()[:16]


@st.cache_data(max_entries=16, show_spinner=False)
def _report(raw: bytes | str) -> ImportReport:
    return import_config(raw)


def confirm(state: MutableMapping[str, Any], report: ImportReport, key: str) -> None:
    """Make the imported config the draft (callback: runs before the editor's widgets are drawn)."""
    draft.replace(state, copy.deepcopy(report.data))
    state[CONFIRMED_KEY] = key


def _source() -> tuple[bytes | str | None, str]:
    """The input to import: an uploaded file wins over pasted text."""
    upload = st.session_state.get(FILE_KEY)
    if upload is not None:
        return upload.getvalue(), f"the uploaded file {upload.name}"
    text = st.session_state.get(TEXT_KEY) or ""
    return (text, "the pasted text") if text.strip() else (None, "")


def code_span(text: str) -> str:
    """Text shown as inline code (markdown escapes do not work inside backticks, so none may appear)."""
    return "`" + text.replace("`", "'") + "`"


# A paste with thousands of bad tools should not draw thousands of lines; the counts stay exact.
MAX_SHOWN = 200


def _more(findings: tuple[Finding, ...]) -> None:
    if len(findings) > MAX_SHOWN:
        st.caption(f"…and {len(findings) - MAX_SHOWN:,} more of the same kind, not listed here.")


def _findings(title: str, findings: tuple[Finding, ...], icon: str) -> None:
    if not findings:
        return
    st.markdown(f"**{icon} {title}** ({len(findings):,})")
    st.markdown("\n".join(f"- {code_span(f.where)} {plain(f.message)}" for f in findings[:MAX_SHOWN]))
    _more(findings)


def render_report(report: ImportReport, problems: bool = True) -> None:
    """An import report, or the report of a target switch (``conversion_report``), in plain words.

    ``problems=False`` leaves out the problems, for a report whose conversion is shown after it
    with the same problems at their new places.
    """
    if not report.readable:
        st.error(f"{report.summary()} Your draft was not changed.", icon=":material/block:")
        return
    if report.shape is not None:
        st.info(f"Detected: **{plain(report.shape.name)}**, loaded as **{plain(report.target.title)}**",
                icon=":material/search:")
    st.caption(plain(report.summary()))
    for note in report.notes:
        st.caption(plain(f"Note: {note}."))
    if report.loaded:
        names = ", ".join(field_title(name, report.target) for name in report.loaded)
        st.markdown(f"**:material/download: Loaded** ({len(report.loaded)}): {plain(names)}")
    else:
        st.markdown("**:material/download: Loaded:** nothing; the draft would be empty (every setting at its "
                    "server default).")
    _findings("Moved or rewritten", report.converted, ":material/swap_horiz:")
    _findings("Dropped, and why", report.dropped, ":material/remove_circle:")
    _findings("Unknown keys (left out)", report.unknown, ":material/help:")
    if report.problems and problems:
        st.markdown(f"**:material/error: Problems to fix** ({len(report.problems):,})")
        for finding in report.problems[:MAX_SHOWN]:
            st.error(f"{code_span(finding.where)} {plain(finding.message)}")
        _more(report.problems)


def chosen(report: ImportReport, choice: str | None) -> ImportReport:
    """The report whose draft a confirm loads: the conversion of a beta (flat) config, unless kept flat."""
    if report.conversion is not None and choice != KEEP:
        return report.conversion
    return report


def _choose(report: ImportReport) -> ImportReport:
    """Draw the report; for a beta (flat) config, ask whether to convert it (the default) and show what changes."""
    if report.conversion is None:
        render_report(report)
        return report
    st.warning(f"This config uses the beta (flat) shape, which OpenAI retired on {RETIRED_ON}: "
               "the API refuses it now. Convert it to deploy it.", icon=":material/history:")
    choice = st.radio("Import it as", list(CHOICES), format_func=CHOICES.get, key=AS_KEY)
    picked = chosen(report, choice)
    render_report(report)
    if picked is not report:
        st.markdown("##### Converting to the current API")
        # The problems are those above, at their new places: listing them twice would double a long list.
        render_report(picked, problems=False)
        if picked.problems:
            st.caption(f"The {len(picked.problems):,} problem(s) above come along, at their places in the current "
                       "API, to be fixed in the editor.")
    return picked


def render() -> None:
    """Draw the import column: input, report and confirm."""
    state = st.session_state
    st.subheader("Import")
    st.caption(
        "Paste or upload a config you already have: a session of the current API (realtime or transcription), "
        "a session.update event, a session.created / session.updated event from the server, a client secret "
        "request or response, or a session of the retired beta (flat) shape. Nothing changes until you confirm."
    )
    st.text_area("Paste a config (JSON)", key=TEXT_KEY, height=180, placeholder=PLACEHOLDER)
    st.file_uploader("…or upload a JSON file", type=["json", "txt"], key=FILE_KEY)
    raw, label = _source()
    if raw is None:
        st.caption("The report appears here once there is something to read.")
        return
    if state.get(FILE_KEY) is not None and (state.get(TEXT_KEY) or "").strip():
        st.caption(plain(f"Reading {label}; remove it to import the pasted text instead."))
    report = _report(raw)
    if not report.readable:
        render_report(report)
        return
    loading = _choose(report)
    key = f"{fingerprint(raw)}:{loading.target.key}"
    if state.get(CONFIRMED_KEY) == key:
        st.success("Imported: this is now your draft. **Undo** in the sidebar brings back the previous one.",
                   icon=":material/check_circle:")
        st.page_link("pages/editor.py", label="Open it in the editor", icon=":material/tune:")
        return
    if loading.problems:
        st.warning(f"{len(loading.problems)} problem(s) above: a value that could not be read at all is left out, "
                   "the others come along to be fixed in the editor before the draft can be exported.",
                   icon=":material/warning:")
    st.button(
        "Replace my draft with this import",
        key="import:confirm",
        type="primary",
        icon=":material/input:",
        on_click=confirm,
        args=(state, loading, key),
        help="Your current draft is kept: Undo in the sidebar brings it back.",
    )
