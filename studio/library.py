"""The library page's workings: one shared ``Library`` per process, saving the draft, opening versions.

Every action runs in a button callback and reports through a flash message shown at
the top of the page. A failed save (database locked, read-only, disk full, someone
renamed the persona) says so in plain words; the draft is never touched by a
failure, so nothing the user typed is lost.

Each version shows who saved it and the API target it was saved for. Loading one keeps its shape (the
draft's target is read from its ``type``); a version of the retired flat shape can also
be opened converted to the current API, with a report of what moved and what could not
be carried. The saved version itself never changes.

Who may do what is the library's decision (``store`` refuses a write the acting role may
not make); the page only greys out the buttons a role cannot use and says who can. The
Activity log lists who saved, restored, renamed, copied, deleted and brought back what.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, MutableMapping
from datetime import timedelta
from typing import Any

import streamlit as st
from pydantic import BaseModel

from form.introspect import Path, dotted, resolve
from form.names import named
from form.render import plain
from session_model import apis
from session_model.export import dumps
from session_model.shapes import Converted, json_text
from store import Actor, Deleted, InvalidSession, Library, Persona, Removed, StoreError, database_url
from studio import auth, call_notes, draft, extras
from studio.draft import origin, set_origin

FLASH_KEY = "lib:flash"
REMOVED_KEY = "lib:removed"
SELECTED_KEY = "lib:selected"
NAME, DESCRIPTION, TAGS, NOTE = "lib:name", "lib:description", "lib:tags", "lib:note"
SEARCH, VERSION = "lib:search", "lib:version"
PRESET_TITLE, PRESET_DESCRIPTION = "lib:preset_title", "lib:preset_description"
COMPARE_REQUEST = "lib:compare_request"
CONVERSION_KEY = "lib:conversion"  # the report of the last "open converted", while its draft is the draft
AUTOSAVE_DAYS = 30
SHOWN_AT_MOST = 50
ACTIVITY_SHOWN = 30
RESTORE_HELP = "Saves a copy of this version as the newest one; every version stays in the history."


@st.cache_resource(show_spinner=False)
def _open(url: str) -> Library:
    library = Library(url)
    with contextlib.suppress(StoreError):  # a read-only library is still worth opening
        library.forget_autosaves(timedelta(days=AUTOSAVE_DAYS))  # once per process: drafts nobody came back to
    return library


def library() -> Library:
    """The library named by ``STUDIO_DATABASE_URL`` (opened, created and migrated once per process)."""
    return _open(database_url())


def open_or_explain() -> Library | None:
    """The library, or None after showing why it cannot be used (the draft is unaffected)."""
    try:
        return library()
    except StoreError as exc:
        st.error(f"{exc} Your draft is unchanged.", icon=":material/database_off:")
        return None


def flash(state: MutableMapping[str, Any], kind: str, text: str) -> None:
    """Queue a message for the top of the library page."""
    state[FLASH_KEY] = (kind, text)


def show_flash(state: MutableMapping[str, Any]) -> None:
    """Show (once) the message the last action left."""
    kind, text = state.pop(FLASH_KEY, (None, ""))
    # Messages quote persona names and database errors: user text, shown as text (not markdown).
    if kind == "success":
        st.success(plain(text), icon=":material/check_circle:")
    elif kind == "warning":
        st.warning(plain(text), icon=":material/warning:")
    elif kind == "error":
        st.error(plain(text), icon=":material/error:")
    removed: Removed | None = state.get(REMOVED_KEY)
    if removed is not None:
        left, right = st.columns([4, 1], vertical_alignment="center")
        gone = f'Deleted "{plain(removed.name)}" and its {len(removed.versions)} version(s).'
        left.info(gone, icon=":material/delete:")
        right.button("Undo delete", key="lib:undelete", icon=":material/undo:", on_click=_undelete, args=(state,))


def target_badge(api: apis.Api) -> str:
    """The target in words as a small badge: green for the current API, orange for the retired beta shape."""
    colour = "green" if api.current else "orange"
    return f":{colour}-badge[{api.title}]"  # titles are the studio's own words, with no markdown in them


# ---- opening a flat version converted to the current API ----------------------------------------


def _label(model: type[BaseModel], path: Path) -> str:
    _, _, labels = resolve(model, path)
    return " › ".join(labels) or dotted(path)


def conversion_lines(converted: Converted, source: apis.Api, target: apis.Api) -> list[tuple[str, str, str]]:
    """The conversion report as (kind, setting in words, what happened): moved, not carried, problem."""
    lines: list[tuple[str, str, str]] = []
    for change in converted.changes:
        moved = change.source != change.target
        rewritten = change.before != change.after
        where = f"moved from {dotted(change.source)} to {dotted(change.target)}"
        value = f"{json_text(change.before)} became {json_text(change.after)}"
        text = f"{where}; {value}" if moved and rewritten else where if moved else value
        lines.append(("moved", _label(target.model, change.target), text))
    for drop in converted.drops:
        lines.append(
            ("not carried", _label(source.model, drop.path), f"{json_text(drop.value)} was left out: {drop.reason}")
        )
    for unknown in converted.unknown:
        reason = unknown.reason or f"not a setting of {target.title}; left out"
        lines.append(("not carried", f'"{dotted(unknown.path)}"', reason))
    for issue in converted.issues:
        lines.append(("problem", dotted(issue.path), issue.message))
    return lines


def _open_converted(state: MutableMapping[str, Any], name: str, number: int) -> None:
    target = apis.DEFAULT

    def action() -> str:
        version = library().version(name, number)
        converted = apis.convert(version.session, target)
        draft.replace(state, converted.data)
        extras.restore(state, version.extras)
        set_origin(state, version.persona, version.number)
        _set_details_fields(state, library().persona(version.persona))
        state[CONVERSION_KEY] = {
            "draft": state[draft.DRAFT_KEY],
            "title": f'"{version.persona}" version {version.number}, converted from {version.api.title} '
            f"to {target.title}",
            "lines": conversion_lines(converted, version.api, target),
        }
        return (
            f'Opened "{version.persona}" version {version.number} converted to the current API. The saved '
            "version is unchanged; the sidebar can undo this if you need your previous draft back."
        )

    _guarded(state, action)


def render_conversion(state: MutableMapping[str, Any]) -> None:
    """The report of the last "open converted", while the draft is still the one it produced."""
    kept = state.get(CONVERSION_KEY)
    if not kept:
        return
    if kept["draft"] is not state.get(draft.DRAFT_KEY):  # the draft was replaced since: the report is stale
        state.pop(CONVERSION_KEY, None)
        return
    with st.container(border=True, key="lib:conversion_report"):
        st.markdown(f"**:material/swap_horiz: {plain(kept['title'])}**")
        lines = kept["lines"]
        if not lines:
            st.caption("Everything was carried over unchanged.")
        for kind, title in (("moved", "Moved or rewritten"), ("not carried", "Not carried, and why"),
                            ("problem", "Could not be read")):
            found = [(where, text) for k, where, text in lines if k == kind]
            if found:
                st.markdown(f"**{title}** ({len(found)})")
                st.markdown("\n".join(f"- **{plain(where)}**: {plain(text)}" for where, text in found))
        st.button("Dismiss", key="lib:conversion_dismiss", on_click=lambda: state.pop(CONVERSION_KEY, None))


def _guarded(state: MutableMapping[str, Any], action: Callable[[], str | None]) -> None:
    try:
        message = action()
    except StoreError as exc:
        flash(state, "error", f"{exc} Your draft is unchanged.")
    else:
        if message:
            flash(state, "success", message)


def _set_details_fields(state: MutableMapping[str, Any], persona: Persona | None, name: str = "") -> None:
    state[NAME] = persona.name if persona else name
    state[DESCRIPTION] = persona.description if persona else ""
    state[TAGS] = ", ".join(persona.tags) if persona else ""
    state[NOTE] = ""


# ---- saving ------------------------------------------------------------------------------------


def _save(state: MutableMapping[str, Any]) -> None:
    came_from = origin(state)
    name = state.get(NAME, "")
    base = came_from.get("version") if came_from.get("name") == name.strip() else None

    def action() -> str:
        try:
            saved = library().save(
                name,
                state.get(draft.DRAFT_KEY, {}),
                note=state.get(NOTE, ""),
                extras=extras.collect(state),
                description=state.get(DESCRIPTION, ""),
                tags=state.get(TAGS, ""),
                base_version=base,
                by=auth.actor(),
            )
        except InvalidSession as exc:
            problems = "; ".join(f"{p.where}: {p.message}" for p in exc.problems[:3])
            raise StoreError(f"{exc} {problems}") from None
        set_origin(state, saved.persona, saved.number)
        state.pop(CONVERSION_KEY, None)  # saved: the conversion it reported is now a version of its own
        state[NAME] = saved.persona
        state[NOTE] = ""
        state[SELECTED_KEY] = saved.persona
        state[VERSION] = saved.number
        if saved.others:
            others = ", ".join(str(n) for n in saved.others)
            flash(
                state,
                "warning",
                f'Saved as version {saved.number} of "{saved.persona}". Meanwhile someone else saved version(s) '
                f"{others}, after the version {base} you started from: nothing was overwritten, but compare "
                "them to see what changed.",
            )
            return ""
        what = "Created" if saved.created else "Saved"
        return f'{what} "{saved.persona}" version {saved.number} ({saved.created_at:%Y-%m-%d %H:%M} UTC).'

    _guarded(state, action)


def render_save(lib: Library) -> None:
    """The "save the current draft" panel: name, description, tags, change note."""
    state = st.session_state
    session, problems = draft.check(state.get(draft.DRAFT_KEY, {}))
    came_from = origin(state)
    if NAME not in state:
        _set_details_fields(state, None, came_from.get("name", ""))
    with st.container(border=True):
        st.subheader("Save the current draft")
        if came_from:
            st.caption(f'The draft was opened from "{plain(came_from["name"])}", version {came_from["version"]}.')
        st.markdown(f"The draft is written for {target_badge(draft.target(draft.current(state)))}")
        name = state.get(NAME, "").strip()
        existing = _find(lib, name)
        left, right = st.columns(2)
        left.text_input("Name", key=NAME, max_chars=80, placeholder="Phone support (spring campaign)")
        right.text_input("Tags", key=TAGS, placeholder="phone, english, campaign", help="Separate tags with commas.")
        st.text_input("Short description", key=DESCRIPTION, placeholder="Who it talks to and what it does")
        st.text_input("Change note", key=NOTE, placeholder="What changed in this version (optional)")
        if existing is not None and existing.name != came_from.get("name"):
            st.caption(f'"{plain(existing.name)}" already exists: saving adds version {existing.latest + 1} to it.')
        label = (
            f"Save as version {existing.latest + 1} of “{plain(existing.name)}”"
            if existing is not None
            else "Save as a new persona"
        )
        me = auth.actor()
        if not me.can("save"):
            st.info(
                f"{plain(me.refusal('save'))} Your draft stays yours: edit, compare, export and share it freely.",
                icon=":material/lock:",
            )
        if session is None:
            st.warning(
                f"The draft has {len(problems)} problem(s); fix them in the editor before saving. "
                "Nothing you typed is lost.",
                icon=":material/block:",
            )
        st.button(
            label,
            key="lib:save",
            type="primary",
            icon=":material/save:",
            disabled=session is None or not name or not me.can("save"),
            help=None if me.can("save") else me.refusal("save"),
            on_click=_save,
            args=(state,),
        )


def _find(lib: Library, name: str) -> Persona | None:
    if not name:
        return None
    try:
        return lib.persona(name)
    except StoreError:
        return None


# ---- browsing ----------------------------------------------------------------------------------


def _select(state: MutableMapping[str, Any], name: str) -> None:
    state[SELECTED_KEY] = name
    state.pop(VERSION, None)


def render_list(lib: Library) -> None:
    """Search box and one card per saved persona."""
    state = st.session_state
    st.subheader("Saved personas")
    search = st.text_input(
        "Search", key=SEARCH, placeholder="Search names, descriptions and tags", label_visibility="collapsed"
    )
    found = lib.personas(search)
    if not found:
        st.info("No persona matches your search." if search.strip() else "Nothing saved yet.", icon=":material/info:")
        return
    if len(found) > SHOWN_AT_MOST:
        st.caption(f"Showing the {SHOWN_AT_MOST} most recently changed of {len(found)}; search to narrow down.")
    for persona in found[:SHOWN_AT_MOST]:
        with st.container(border=True):
            text, button = st.columns([3, 1], vertical_alignment="center")
            tags = " ".join(f":gray-badge[{plain(tag)}]" for tag in persona.tags)
            text.markdown(f"**{plain(persona.name)}** {tags}")
            detail = f"version {persona.latest} · changed {persona.updated_at:%Y-%m-%d %H:%M} UTC"
            text.caption(f"{plain(persona.description)} · {detail}" if persona.description else detail)
            button.button(
                named("Open", f"persona: {persona.name}"),  # one card per persona: each button names its own
                key=f"lib:open:{persona.id}",
                on_click=_select,
                args=(state, persona.name),
                type="primary" if state.get(SELECTED_KEY) == persona.name else "secondary",
                width="stretch",
            )


def _load_version(state: MutableMapping[str, Any], name: str, number: int) -> None:
    def action() -> str:
        version = library().version(name, number)
        draft.replace(state, version.session)
        extras.restore(state, version.extras)
        set_origin(state, version.persona, version.number)
        _set_details_fields(state, library().persona(version.persona))
        return (
            f'Loaded "{version.persona}" version {version.number} into the draft. '
            "The sidebar can undo this if you need your previous draft back."
        )

    _guarded(state, action)


def _rename(state: MutableMapping[str, Any], name: str) -> None:
    def action() -> str:
        persona = library().rename(name, state.get("lib:rename", ""), by=auth.actor())
        state[SELECTED_KEY] = persona.name
        came_from = origin(state)
        if came_from.get("name") == name:
            set_origin(state, persona.name, came_from["version"])
            state[NAME] = persona.name
        return f'Renamed "{name}" to "{persona.name}".'

    _guarded(state, action)


def _duplicate(state: MutableMapping[str, Any], name: str) -> None:
    def action() -> str:
        persona = library().duplicate(name, state.get("lib:copy_name", ""), by=auth.actor())
        _select(state, persona.name)
        return f'Copied the newest version of "{name}" into a new persona, "{persona.name}".'

    _guarded(state, action)


def _delete(state: MutableMapping[str, Any], name: str) -> None:
    def action() -> None:
        state[REMOVED_KEY] = library().delete(name, by=auth.actor())
        state.pop(SELECTED_KEY, None)
        state["lib:confirm_delete"] = False

    _guarded(state, action)


def _undelete(state: MutableMapping[str, Any]) -> None:
    removed: Removed = state[REMOVED_KEY]

    def action() -> str:
        persona = library().undelete(removed, by=auth.actor())
        state.pop(REMOVED_KEY, None)
        _select(state, persona.name)
        return f'Brought back "{persona.name}" with its {persona.count} version(s).'

    _guarded(state, action)


def _restore(state: MutableMapping[str, Any], name: str, number: int) -> None:
    def action() -> str:
        saved = library().restore(name, number, by=auth.actor())
        state[VERSION] = saved.number
        return f'Version {number} of "{saved.persona}" is the newest again, as version {saved.number}.'

    _guarded(state, action)


def _bring_back(state: MutableMapping[str, Any], gone: Deleted) -> None:
    def action() -> str:
        persona = library().undelete(gone, by=auth.actor())
        _select(state, persona.name)
        return f'Brought back "{persona.name}" with its {persona.count} version(s).'

    _guarded(state, action)


def _publish(state: MutableMapping[str, Any], name: str, number: int) -> None:
    def action() -> str:
        preset = library().publish(
            name,
            number,
            title=state.get(PRESET_TITLE) or None,
            description=state.get(PRESET_DESCRIPTION) or None,
            by=auth.actor(),
        )
        state[PRESET_TITLE] = ""
        state[PRESET_DESCRIPTION] = ""
        return (
            f'Published version {preset.version} of "{preset.persona}" as the team preset "{preset.title}": '
            "everyone finds it on the Presets page."
        )

    _guarded(state, action)


def render_publish(lib: Library, persona: Persona, number: int, me: Actor) -> None:
    """Publishing the shown version as a team preset (admins), and which versions already are."""
    state = st.session_state
    with st.expander("Publish as a team preset", icon=":material/campaign:"):
        for preset in (p for p in lib.team_presets() if p.persona == persona.name):
            st.caption(
                f"Version {preset.version} is the team preset “{plain(preset.title)}”, published by "
                f"{plain(preset.published_by)} on {preset.published_at:%Y-%m-%d %H:%M} UTC."
            )
        if not me.can("team presets"):
            st.caption(plain(me.refusal("team presets")))
        st.caption("A team preset is on everyone's Presets page; starting from it loads this version into a draft.")
        st.text_input("Preset title", key=PRESET_TITLE, max_chars=80, placeholder=persona.name)
        st.text_input(
            "Preset description",
            key=PRESET_DESCRIPTION,
            max_chars=300,
            placeholder=persona.description or "When to start from it",
        )
        title = " ".join(str(state.get(PRESET_TITLE) or "").split()) or persona.name
        st.button(
            f"Publish version {number} as the team preset “{plain(title)}”",
            key="lib:publish",
            icon=":material/campaign:",
            disabled=not me.can("team presets"),
            help=None if me.can("team presets") else me.refusal("team presets"),
            on_click=_publish,
            args=(state, persona.name, number),
        )


def _request_compare(state: MutableMapping[str, Any], name: str, number: int, other: int | None) -> None:
    state[COMPARE_REQUEST] = (name, number, name, other)


def render_persona(lib: Library, compare_with: Callable[[str, int, str, int | None], None]) -> None:
    """The opened persona: its versions, one version's JSON, load, compare, rename, duplicate, delete.

    ``compare_with(name, version, other_name, other_version)`` opens the compare page
    (``other_version`` None means the current draft).
    """
    state = st.session_state
    request = state.pop(COMPARE_REQUEST, None)
    if request is not None:
        compare_with(*request)  # leaves this page; kept in state so a rerun before this point loses nothing
    name = state.get(SELECTED_KEY)
    persona = _find(lib, name) if name else None
    if persona is None:
        st.caption("Open a persona to see its versions.")
        return
    history = lib.versions(persona.name)
    numbers = [v.number for v in history]
    if state.get(VERSION) not in numbers:
        state[VERSION] = numbers[0]
    notes = {v.number: v for v in history}
    with st.container(border=True):
        st.subheader(plain(persona.name))
        if persona.description:
            st.caption(plain(persona.description))
        number = st.selectbox(
            "Version",
            numbers,
            key=VERSION,
            format_func=lambda n: _version_label(notes[n], n == persona.latest),
        )
        version = lib.version(persona.name, number)
        me = auth.actor()
        st.markdown(f"Saved for {target_badge(version.api)}")
        st.caption(
            f"Saved by {plain(_author(version.author, version.author_email))} "
            f"on {version.created_at:%Y-%m-%d %H:%M} UTC"
        )
        if not version.api.current:
            st.caption(
                f"This version is in the retired beta shape, which the API refuses since {apis.RETIRED_ON}. "
                "Loading it keeps that shape; open it converted to work on it for the current API. "
                "Either way, the saved version stays as it is."
            )
        load, convert = st.columns(2)
        load.button(
            f"Load version {number} into the draft",
            key="lib:load",
            type="primary",
            icon=":material/open_in_new:",
            on_click=_load_version,
            args=(state, persona.name, number),
            width="stretch",
        )
        if not version.api.current:
            convert.button(
                "Open converted to the current API",
                key="lib:load_converted",
                icon=":material/swap_horiz:",
                on_click=_open_converted,
                args=(state, persona.name, number),
                help="Loads a copy converted to the current realtime session and lists what moved and what "
                "could not be carried. Undo in the sidebar brings back your previous draft.",
                width="stretch",
            )
        if number != persona.latest:
            st.button(
                f"Make version {number} the newest",
                key="lib:restore_version",
                icon=":material/history:",
                disabled=not me.can("restore"),
                help=me.refusal("restore") if not me.can("restore") else RESTORE_HELP,
                on_click=_restore,
                args=(state, persona.name, number),
            )
        with st.expander(f"Session JSON of version {number}"):
            st.code(dumps(version.session), language="json")
        call_notes.render_for_version(lib, persona.name, number)
        choices: list[int | None] = [None, *[n for n in numbers if n != number]]
        other = st.selectbox(
            f"Compare version {number} with",
            choices,
            key="lib:compare_with",
            format_func=lambda n: "the current draft" if n is None else f"version {n}",
        )
        st.button(
            "Compare",
            key="lib:compare",
            icon=":material/compare_arrows:",
            on_click=_request_compare,
            args=(state, persona.name, number, other),
        )
        with st.expander("Rename, duplicate or delete"):
            if not me.can("rename"):
                st.caption(plain(me.refusal("rename")))
            st.text_input("New name", key="lib:rename", placeholder=persona.name)
            st.button(
                "Rename",
                key="lib:do_rename",
                on_click=_rename,
                args=(state, persona.name),
                disabled=not me.can("rename"),
                help=None if me.can("rename") else me.refusal("rename"),
            )
            st.text_input("Name of the copy", key="lib:copy_name", placeholder=f"{persona.name} (copy)")
            st.button(
                "Duplicate",
                key="lib:do_duplicate",
                on_click=_duplicate,
                args=(state, persona.name),
                disabled=not me.can("duplicate"),
                help=None if me.can("duplicate") else me.refusal("duplicate"),
            )
            confirm = st.checkbox(
                f"Yes, delete “{plain(persona.name)}” and all {persona.count} version(s)", key="lib:confirm_delete"
            )
            st.button(
                "Delete",
                key="lib:do_delete",
                icon=":material/delete:",
                disabled=not confirm or not me.can("delete"),
                help=None if me.can("delete") else me.refusal("delete"),
                on_click=_delete,
                args=(state, persona.name),
            )
        render_publish(lib, persona, number, me)


def _version_label(info: Any, newest: bool) -> str:
    note = f" · {info.note}" if info.note else ""
    when = f"{info.created_at:%Y-%m-%d %H:%M:%S} UTC"
    # A select box shows its options as text (no markdown), so the author's name needs no escaping here.
    return f"v{info.number}{' (newest)' if newest else ''} · {info.api.title} · {when} · {info.author}{note}"


def _author(name: str, email: str) -> str:
    return name if name == email else f"{name} ({email})"


# What each logged action reads as in the Activity log.
ACTION_WORDS = {
    "saved": "saved",
    "restored": "restored an older version as",
    "renamed": "renamed",
    "duplicated": "copied into",
    "deleted": "deleted",
    "undeleted": "brought back",
    "edited details": "changed the details of",
    "published": "published",
    "unpublished": "un-published",
    "noted": "kept a test call note on",
}


def activity_line(entry: Any) -> str:
    """One entry of the log as markdown; every part that people typed is escaped."""
    who = plain(_author(entry.actor_name, entry.actor_email))
    what = ACTION_WORDS.get(entry.action, plain(entry.action))
    persona = f"“{plain(entry.persona)}”" if entry.persona else ""
    version = f" version {entry.version}" if entry.version is not None and entry.action != "deleted" else ""
    detail = f" ({plain(entry.detail)})" if entry.detail else ""
    return f"{entry.at:%Y-%m-%d %H:%M} UTC · **{who}** {what} {persona}{version}{detail}"


def render_activity(lib: Library) -> None:
    """The Activity log: who did what, when, to which persona and version, newest first."""
    with st.expander("Activity", icon=":material/history:"):
        entries = lib.activity(ACTIVITY_SHOWN)
        if not entries:
            st.caption("Nothing has happened in the library yet.")
            return
        st.caption(f"The last {len(entries)} change(s), newest first.")
        st.markdown("\n".join(f"- {activity_line(entry)}" for entry in entries))


def render_deleted(lib: Library, me: Actor) -> None:
    """For admins: deleted personas, with who deleted them, and a button to bring each back."""
    if not me.can("see deleted"):
        return
    gone = lib.deleted(by=me)
    if not gone:
        return
    state = st.session_state
    with st.expander(f"Deleted personas ({len(gone)})", icon=":material/delete:"):
        st.caption("Deleted personas keep their whole history. Only admins see them here and can bring them back.")
        for item in gone[:SHOWN_AT_MOST]:
            text, button = st.columns([3, 1], vertical_alignment="center")
            text.markdown(
                f"**{plain(item.name)}** · {item.count} version(s)  \n"
                f"deleted by {plain(item.deleted_by)} on {item.deleted_at:%Y-%m-%d %H:%M} UTC"
            )
            button.button(
                named("Bring back", f"persona: {item.name}"),
                key=f"lib:bring_back:{item.id}",
                icon=":material/restore_from_trash:",
                on_click=_bring_back,
                args=(state, item),
                width="stretch",
            )


def render_page(compare_with: Callable[[str, int, str, int | None], None]) -> None:
    """The whole library page below its title: save on the left, the opened persona on the right."""
    state = st.session_state
    show_flash(state)
    render_conversion(state)
    lib = open_or_explain()
    if lib is None:
        return
    try:
        left, right = st.columns([1, 1], gap="large")
        with left:
            render_save(lib)
            render_list(lib)
            render_deleted(lib, auth.actor())
        with right:
            render_persona(lib, compare_with)
            render_activity(lib)
    except StoreError as exc:
        st.error(f"{exc} Your draft is unchanged.", icon=":material/database_off:")
