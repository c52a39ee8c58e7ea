"""The compare page's workings: pick two sources (draft, preset, saved version), show them side by side.

The table and the instructions diff are HTML built here with every piece of user
text escaped, so a persona's instructions can never inject markup into the page.
Any two targets compare (``session_model.compare`` reads both in the current shape when
they differ); each column names its target.
"""

from __future__ import annotations

import html
from collections.abc import MutableMapping
from dataclasses import dataclass
from typing import Any

import streamlit as st

from form.render import plain
from session_model import apis, compare, describe
from session_model.presets import presets
from store import Library, StoreError
from studio import draft, live
from studio.library import target_badge

DRAFT, PRESET, SAVED = "draft", "preset", "saved"
KINDS = {DRAFT: "Current draft", PRESET: "Preset", SAVED: "Saved persona"}
SIDES = ("left", "right")
LETTERS = ("A", "B")  # the two sides as the page names them (Try A, Try B)
ONLY_DIFFERENCES = "cmp:only_differences"
PAGE = "pages/compare.py"


@dataclass(frozen=True)
class Source:
    """One side of a comparison: a title for the column and the session data."""

    title: str
    data: dict[str, Any]
    note: str = ""
    origin: dict[str, Any] | None = None  # the saved version it is ({"name", "version"}), when it is one

    @property
    def api(self) -> apis.Api:
        """The API target of this side, read from its data."""
        return apis.api_of(self.data)


def key(side: str, part: str) -> str:
    """The widget key of one choice of one side (``cmp:left:kind``)."""
    return f"cmp:{side}:{part}"


def choose(
    state: MutableMapping[str, Any], side: str, kind: str, item: str | None = None, version: int | None = None
) -> None:
    """Preselect a side (call before the compare page draws its pickers, e.g. from another page)."""
    state[key(side, "kind")] = kind
    if kind == PRESET and item is not None:
        state[key(side, "preset")] = item
    if kind == SAVED and item is not None:
        state[key(side, "persona")] = item
        state[key(side, "version")] = version


def _persona_names(lib: Library | None) -> list[str]:
    if lib is None:
        return []
    try:
        return [p.name for p in lib.personas()]
    except StoreError:
        return []


def _role(side: str) -> str:
    """The end of a side's picker labels: the two sides' pickers must not share a name."""
    return "to compare" if side == "left" else "to compare with"


def pick(side: str, lib: Library | None) -> Source | None:
    """Draw one side's pickers and return what they select (None with a message if it cannot be read)."""
    state = st.session_state
    state.setdefault(key(side, "kind"), DRAFT if side == "right" else PRESET)
    kind = st.segmented_control(
        "Compare" if side == "left" else "with", list(KINDS), format_func=KINDS.get, key=key(side, "kind")
    )
    if kind == PRESET:
        by_id = {p.id: p for p in presets()}
        if state.get(key(side, "preset")) not in by_id:
            state[key(side, "preset")] = next(iter(by_id))
        chosen = st.selectbox(
            f"Preset {_role(side)}", list(by_id), format_func=lambda i: by_id[i].name, key=key(side, "preset")
        )
        preset = by_id[chosen]
        return Source(f"Preset: {preset.name}", preset.session, preset.description)
    if kind == SAVED:
        return _pick_saved(side, lib)
    current = draft.current(state)
    valid, problems = draft.check(current)
    note = "valid" if valid is not None else f"not valid yet: {len(problems)} problem(s)"
    return Source("Current draft", current, note, draft.origin(state) or None)


def _pick_saved(side: str, lib: Library | None) -> Source | None:
    state = st.session_state
    names = _persona_names(lib)
    if lib is None or not names:
        st.info("No saved personas yet: save one from the Library page.", icon=":material/info:")
        return None
    if state.get(key(side, "persona")) not in names:
        state[key(side, "persona")] = names[0]
    name = st.selectbox(f"Persona {_role(side)}", names, key=key(side, "persona"))
    try:
        history = lib.versions(name)
        numbers = [v.number for v in history]
        if state.get(key(side, "version")) not in numbers:
            state[key(side, "version")] = numbers[0]
        infos = {v.number: v for v in history}
        number = st.selectbox(
            f"Version {_role(side)}",
            numbers,
            key=key(side, "version"),
            format_func=lambda n: f"v{n} · {infos[n].api.title} · {infos[n].created_at:%Y-%m-%d %H:%M} UTC"
            + (f" · {infos[n].note}" if infos[n].note else ""),
        )
        version = lib.version(name, number)
    except StoreError as exc:
        st.error(str(exc), icon=":material/error:")
        return None
    return Source(f"{name} · version {number}", version.session, version.note, {"name": name, "version": number})


# ---- rendering ---------------------------------------------------------------------------------

STYLE = """
<style>
.cmp-table { width: 100%; border-collapse: collapse; font-size: 0.92rem; table-layout: fixed; }
.cmp-table th, .cmp-table td { border-bottom: 1px solid rgba(128,128,128,0.25); padding: 6px 8px;
  vertical-align: top; text-align: left; overflow-wrap: anywhere; }
.cmp-table th { font-weight: 600; }
.cmp-table th:first-child { width: 28%; }
.cmp-table td.cmp-label { font-weight: 500; }
.cmp-table tr.cmp-differs td { background: rgba(255, 196, 0, 0.16); }
.cmp-table tr.cmp-differs td.cmp-label::before { content: "≠ "; color: #b45309; font-weight: 700; }
.cmp-diff { white-space: pre-wrap; line-height: 1.55; font-size: 0.95rem; padding: 10px 12px;
  border: 1px solid rgba(128,128,128,0.3); border-radius: 8px; }
.cmp-diff del { background: rgba(220, 38, 38, 0.18); color: inherit; text-decoration: line-through; }
.cmp-diff ins { background: rgba(22, 163, 74, 0.2); color: inherit; text-decoration: none; }
.cmp-diff del + ins { margin-left: 0.25em; }
</style>
"""


def table_html(rows: list[compare.Row], left_title: str, right_title: str) -> str:
    """The side-by-side table as HTML; differing rows carry the ``cmp-differs`` class."""
    head = f"<tr><th>Setting</th><th>{html.escape(left_title)}</th><th>{html.escape(right_title)}</th></tr>"
    body = "".join(
        f'<tr class="{"cmp-differs" if row.differs else "cmp-same"}">'
        f'<td class="cmp-label">{html.escape(row.label)}</td>'
        f"<td>{html.escape(row.left_text)}</td><td>{html.escape(row.right_text)}</td></tr>"
        for row in rows
    )
    return f'<table class="cmp-table"><thead>{head}</thead><tbody>{body}</tbody></table>'


def diff_html(before: str, after: str) -> str:
    """The instructions, word by word: removed words struck out, added words highlighted."""
    tags = {"same": ("", ""), "removed": ("<del>", "</del>"), "added": ("<ins>", "</ins>")}
    parts = [f"{tags[op][0]}{html.escape(text)}{tags[op][1]}" for op, text in compare.word_diff(before, after)]
    return f'<div class="cmp-diff">{"".join(parts)}</div>'


def _text(data: dict[str, Any], name: str) -> str:
    value = data.get(name)
    return value if isinstance(value, str) else ""


def summary(source: Source) -> tuple[str, str]:
    """The voice and the turn-taking of a source in a few words, whatever its target."""
    api = source.api
    if api.key == "transcription":
        return "No voice: a transcription session only writes down speech", describe.turn_taking(
            _flat_view(source.data)
        )
    data = _flat_view(source.data) if api.current else source.data
    return describe.voice(data), describe.turn_taking(data)


def _flat_view(data: dict[str, Any]) -> dict[str, Any]:
    # The summaries read the flat names; voice, speed, replies and turn-taking all survive this conversion.
    try:
        return apis.convert(data, apis.APIS["flat"]).data
    except (TypeError, ValueError):  # an invalid draft: summarise what can be read
        return {}


def render(left: Source, right: Source) -> None:
    """Draw the comparison of two sources."""
    all_rows = [r for r in compare.rows(left.data, right.data) if r.path[0] not in compare.TEXT_FIELDS]
    changed = [r for r in all_rows if r.differs]
    texts_differ = any(_text(left.data, f) != _text(right.data, f) for f in compare.TEXT_FIELDS)
    count = len(changed) + (1 if texts_differ else 0)
    cols = st.columns(2)
    for col, letter, source in zip(cols, LETTERS, (left, right), strict=True):
        with col.container(border=True):
            st.markdown(f"**{letter} · {plain(source.title)}** {target_badge(source.api)}")
            if source.note:
                st.caption(plain(source.note))
            voice, turns = (plain(text) for text in summary(source))
            st.caption(f"Voice: {voice}  \nTurn-taking: {turns}")
            live.render_try_button(letter, source.title, source.data, source.origin)
    live.render_billing_caption()
    if count == 0:
        st.success("The two are identical: every setting is the same.", icon=":material/check_circle:")
    else:
        st.markdown(f"**{count} setting(s) differ**, highlighted below.")
    only = st.toggle("Show only the differences", key=ONLY_DIFFERENCES, value=True)
    shown = changed if only else all_rows
    if shown:
        st.html(STYLE + table_html(shown, left.title, right.title))
    for name in compare.TEXT_FIELDS:
        before, after = _text(left.data, name), _text(right.data, name)
        st.subheader("Instructions, word by word")
        if before == after:
            st.caption("The instructions are the same." if before else "Neither has instructions.")
            continue
        st.caption("Struck out: only in the left one. Highlighted: only in the right one.")
        st.html(STYLE + diff_html(before, after))


def open_page(name: str, number: int, other_name: str, other_version: int | None) -> None:
    """Go to the compare page with a saved version on the left and another version (or the draft) on the right."""
    state = st.session_state
    choose(state, "left", SAVED, name, number)
    if other_version is None:
        choose(state, "right", DRAFT)
    else:
        choose(state, "right", SAVED, other_name, other_version)
    st.switch_page(PAGE)


def render_page(lib: Library | None) -> None:
    """The whole compare page below its title: two pickers, then the comparison."""
    sides = st.columns(2, gap="large")
    sources = []
    for col, side in zip(sides, SIDES, strict=True):
        with col:
            sources.append(pick(side, lib))
    if None in sources:
        return
    render(*sources)
