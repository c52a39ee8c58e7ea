"""Editor: every session setting as a form, with a live, validated JSON preview."""

import streamlit as st

from form.render import FormCtx, plain, render_form
from session_model import RealtimeSession
from session_model.export import dumps, export_session
from studio import draft, guidance, shell

shell.enter()

st.title("Persona editor")
st.caption(
    "Change any setting; the preview on the right shows exactly what will be exported. "
    "Settings you leave alone are left out, so the server uses its own defaults."
)

session, problems = draft.check(st.session_state.setdefault(draft.DRAFT_KEY, {}))
advice = guidance.advice_for(st.session_state[draft.DRAFT_KEY])
form = FormCtx(st.session_state, draft.DRAFT_KEY, draft.PREFIX, problems, notes=guidance.notes_for(advice))
unparsed = form.json_problems()  # JSON boxes whose text does not parse yet: the draft holds their last good value
if unparsed:
    problems, session = problems + unparsed, None


def draw_form() -> None:
    render_form(
        form, RealtimeSession, collapsed=("Advanced",), extras={guidance.TURN_SECTION: guidance.render_turn_taking}
    )


def draw_preview() -> None:
    guidance.render_panel(advice)
    st.subheader("Preview")
    if session is not None:
        st.success("Valid: ready to export", icon=":material/verified:")
        text = dumps(export_session(session))
    else:
        st.error(f"{len(problems)} problem(s) to fix before export", icon=":material/block:")
        for problem in problems:
            st.markdown(f"- **{plain(problem.where)}**: {plain(problem.message)}")
        text = dumps(st.session_state[draft.DRAFT_KEY])
    st.download_button(
        "Download JSON",
        data=text if session is not None else "",
        file_name="session.json",
        mime="application/json",
        icon=":material/download:",
        disabled=session is None,
        key="editor:download",
        type="primary",
    )
    st.page_link(
        "pages/import_export.py",
        label="More export shapes and code",
        help="Nested shape, session.update events, a client secret request, Python, JavaScript and curl",
        icon=":material/import_export:",
    )
    st.caption("Exported JSON" if session is not None else "Draft (not exportable until valid)")
    st.code(text, language="json")


left, right = st.columns([3, 2], gap="large")
if session is not None:
    # A valid draft's preview does not depend on the form, so it is sent first: the browser
    # shows the new JSON without waiting for every widget of the form (the layout is the same).
    with right:
        draw_preview()
    with left:
        draw_form()
else:
    # An invalid draft is shown as the form leaves it (the form fills in fixed tags it lacks).
    with left:
        draw_form()
    with right:
        draw_preview()
