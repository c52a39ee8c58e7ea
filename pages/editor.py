"""Editor: every session setting as a form, one section at a time, with a live, validated JSON preview.

The navigator (``studio.navigator``) lists every section with its badges and shows the
chosen one alone (its choice is in the address, ``?section=``); a finder jumps to any
setting. The section, the navigator, the preview and the sidebar's status are fragments:
a change in the section reruns that section and the preview, and the navigator's badges
and the status only when what they show changed (``form.context.shows``), not the whole
page, so the server and the browser redo a fraction of the work.
"""

from __future__ import annotations

import streamlit as st
from pydantic import BaseModel

from form.context import shows
from form.render import FormCtx, plain, render_form_sections, stale_sections
from form.sections import section_slug
from form.state import CHANGED_IN
from session_model.export import dumps
from studio import call_dock, draft, guidance, links, navigator, shell, sidebar, site
from studio.guidance import View

PREVIEW = "editor:preview"
NAVIGATOR = "editor:navigator"
# What a section draws that lives outside its own fields (the turn-taking suggestions and chart).
DEPENDS = {guidance.TURN_SECTION: lambda form: guidance.turn_inputs(form.draft)}

shell.enter()


# The view a full run computed first, while the draft is as it was then: the fragments drawn in
# that run take it instead of looking at the draft again (comparing a long draft with the one
# last validated is itself work). None outside a full run: a fragment rerun alone looks again.
run_view: View | None = None


def current() -> View:
    """Validate the draft (cached per draft object) and build the form context for it."""
    if run_view is not None:
        return run_view
    state = st.session_state
    session, problems, advice = guidance.assess(draft.current(state))
    form = FormCtx(state, draft.DRAFT_KEY, draft.PREFIX, problems, notes=guidance.notes_for(advice))
    unparsed = form.json_problems()  # JSON boxes whose text does not parse yet: the draft holds their last good value
    if unparsed:
        problems, session = problems + unparsed, None
    return View(session, problems, advice, form)


def model() -> type[BaseModel]:
    """The model the form draws: the draft's API target's."""
    return draft.target(draft.current(st.session_state)).model


def draw_form(section: str) -> None:
    """The chosen section of the form (the navigator picks it)."""
    render_form_sections(
        lambda: current().form,
        model(),
        extras={guidance.TURN_SECTION: guidance.render_turn_taking},
        depends=DEPENDS,
        rerun_also=(PREVIEW, NAVIGATOR, sidebar.FRAGMENT),
        only=section,
        # A live call running with the draft is drawn by app.py after the page: a whole run sends it the edit.
        whole_page=lambda: call_dock.follows_draft(st.session_state),
    )


def draw_right() -> None:
    """The preview (a fragment) and a link to the other export shapes."""
    draw_preview()
    # Outside the fragment: it does not follow the draft. A page object: no path to resolve on every run.
    st.page_link(
        site.page("pages/import_export.py"),
        label="More export shapes and code",
        help="Nested shape, session.update events, a client secret request, Python, JavaScript and curl",
        icon=":material/import_export:",
    )


@st.fragment(key=NAVIGATOR)
def draw_navigator(section: str) -> None:
    """The sections with their badges; reruns after a change that alters a badge, so they stay true."""
    form = current().form
    info = navigator.all_badges(model(), form)
    navigator.render(model(), form, section, info)
    # An edit that leaves every badge as it is does not rerun the navigator.
    shows(st.session_state, NAVIGATOR, lambda _state: repr(navigator.all_badges(model(), current().form)), repr(info))


@st.fragment(key=PREVIEW)
def draw_preview() -> None:
    """Advice, validity, download and the exported JSON. Reruns after every change in a section."""
    view = current()
    state = st.session_state
    changed_in = state.pop(CHANGED_IN, None)  # set only when a section's change reran this fragment alone
    if changed_in is not None and [k for k in stale_sections(view.form, model(), DEPENDS) if k != changed_in]:
        st.rerun()  # the change shows in another section too (a badge, a note): redraw the whole page
    guidance.render_panel(view.advice)
    st.subheader("Preview")
    if view.session is not None:
        st.success("Valid: ready to export", icon=":material/verified:")
        text = draft.exported_text(view.session)
    else:
        st.error(f"{len(view.problems)} problem(s) to fix before export", icon=":material/block:")
        for problem in view.problems:
            st.markdown(f"- **{plain(problem.where)}**: {plain(problem.message)}")
        for title, count in navigator.problem_sections(model(), view.problems).items():
            st.button(
                f"Open {title} ({count} to fix)",
                key=f"editor:fix_in:{section_slug(title)}",
                on_click=navigator.go,
                args=(title,),
                icon=":material/arrow_back:",
                type="tertiary",
            )
        text = dumps(state[draft.DRAFT_KEY])
    st.download_button(
        "Download JSON",
        data=text if view.session is not None else "",
        file_name="session.json",
        mime="application/json",
        icon=":material/download:",
        disabled=view.session is None,
        key="editor:download",
        type="primary",
    )
    st.caption("Exported JSON" if view.session is not None else "Draft (not exportable until valid)")
    st.code(text, language="json", wrap_lines=True)  # long values (instructions) wrap instead of being cut off
    if changed_in is not None:
        links.keep()  # a section's rerun skips app.py, which autosaves after a full run


st.session_state.pop(CHANGED_IN, None)  # this is a full run: every section is drawn afresh
st.title("Persona editor")
target = draft.target(draft.current(st.session_state))
st.caption(
    f"Target: **{plain(target.title)}**. Change any setting; the preview on the right shows exactly what will be "
    "exported. Settings you leave alone are left out, so the server uses its own defaults. The API target is "
    "chosen in the sidebar."
)
start = run_view = current()  # the fragments below look at the draft again only when they rerun alone
try:
    section = navigator.chosen(model(), start.form)
    nav, left, right = st.columns([1.1, 3.3, 2.0], gap="medium")
    with nav:
        navigator.render_finder(model())
        draw_navigator(section)
    if start.session is not None:
        # A valid draft's preview does not depend on the form, so it is sent first: the browser
        # shows the new JSON without waiting for the section's widgets (the layout is the same).
        with right:
            draw_right()
        with left:
            navigator.render_found(st.session_state)
            draw_form(section)
    else:
        # An invalid draft is shown as the form leaves it (the form fills in fixed tags it lacks),
        # so the preview looks at the draft again after the section.
        with left:
            navigator.render_found(st.session_state)
            draw_form(section)
        run_view = None
        with right:
            draw_right()
finally:
    run_view = None
navigator.focus_requested(st.session_state)
