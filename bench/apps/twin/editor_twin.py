"""The editor's twin for the rerun-cost figure: the same page written with plain Streamlit calls.

``editor_twin.json`` beside this file is what the editor draws for the bench's full GA
config, one page per section (written by ``python -m bench.twin``): every widget with its
label, key, options and value, every text, alert, code block and chart, in the same
columns, containers, expanders and popovers. This page draws it with one ``st.*`` call
per element and nothing else: no model, validation, advice, fragments or preview. The
section comes from the address (``?section=``), as in the editor.

With ``BENCH_BASELINE_CODE=1`` the code block follows the speaking-speed slider, so the
latency figure can time the same widgets in a browser.
"""

import json
import os
import re
from pathlib import Path
from typing import Any

import streamlit as st


@st.cache_resource
def pages() -> dict[str, Any]:
    """The description, read once per server (a hand-written page has it in its code)."""
    return json.loads(Path(__file__).with_suffix(".json").read_text())


SPEED = "f.audio.output.speed:slider"
state = st.session_state


def options(node: dict[str, Any]) -> dict[str, Any]:
    """The arguments every widget shares."""
    out = {"key": node["key"], "help": node.get("help"), "disabled": bool(node.get("disabled"))}
    if node.get("label_visibility"):
        out["label_visibility"] = node["label_visibility"]
    return out


def code_text(body: str) -> str:
    if os.environ.get("BENCH_BASELINE_CODE") == "1" and SPEED in state:
        return re.sub(r'"speed": [0-9.]+', f'"speed": {round(state[SPEED], 2)}', body)
    return body


def draw(node: dict[str, Any]) -> None:  # noqa: C901 - one branch per kind of element, as a page would read
    kind = node["kind"]
    if kind in ("title", "header", "subheader", "markdown", "caption"):
        getattr(st, kind)(node["body"], help=node.get("help"))
    elif kind in ("success", "info", "warning", "error"):
        getattr(st, kind)(node["body"], icon=node.get("icon"))
    elif kind == "code":
        st.code(code_text(node["body"]), language=node.get("language"), wrap_lines=True)
    elif kind == "html":
        st.html(node["body"])
    elif kind == "divider":
        st.divider()
    elif kind == "link_button":
        st.link_button(node["label"], node["url"], icon=node.get("icon"))
    elif kind == "page_link":
        st.page_link(
            "https://example.com/import_export", label=node["label"], icon=node.get("icon"), help=node.get("help")
        )
    elif kind == "vega_lite_chart":
        st.vega_lite_chart(spec=json.loads(node["spec"]), width="stretch")
    elif kind == "button":
        st.button(
            node["label"],
            type=node["type"],
            icon=node.get("icon"),
            width="stretch" if node["stretch"] else "content",
            **options(node),
        )
    elif kind == "download_button":
        st.download_button(
            node["label"],
            data=PAGE_CODE,
            file_name="session.json",
            type=node["type"],
            icon=node.get("icon"),
            **options(node),
        )
    elif kind == "radio":
        st.radio(node["label"], node["options"], index=node["index"], horizontal=node["horizontal"], **options(node))
    elif kind == "selectbox":
        st.selectbox(
            node["label"], node["options"], index=node["index"], placeholder=node.get("placeholder"), **options(node)
        )
    elif kind == "multiselect":
        st.multiselect(
            node["label"],
            node["options"],
            default=node["default"],
            accept_new_options=node["accept_new_options"],
            placeholder=node.get("placeholder"),
            **options(node),
        )
    elif kind in ("slider", "number_input"):
        shown = {"format": node.get("format")} if kind == "number_input" else {}
        getattr(st, kind)(
            node["label"],
            min_value=node["min"],
            max_value=node["max"],
            step=node["step"],
            value=node["value"],
            **shown,
            **options(node),
        )
    elif kind == "text_input":
        st.text_input(node["label"], value=node["value"], placeholder=node.get("placeholder"), **options(node))
    elif kind == "text_area":
        st.text_area(node["label"], value=node["value"], placeholder=node.get("placeholder"), **options(node))
    elif kind in ("toggle", "checkbox"):
        getattr(st, kind)(node["label"], value=node["value"], **options(node))
    elif kind == "columns":
        for column, children in zip(
            st.columns(node["weights"], gap=node["gap"], vertical_alignment=node["align"]),
            node["children"],
            strict=True,
        ):
            with column:
                draw_all(children)
    elif kind == "container":
        with st.container(border=node["border"], horizontal=node["horizontal"]):
            draw_all(node["children"])
    elif kind == "expander":
        with st.expander(node["label"], expanded=node["expanded"]):
            draw_all(node["children"])
    elif kind == "popover":
        with st.popover(node["label"], icon=node.get("icon"), width="stretch"):
            draw_all(node["children"])
    else:
        raise ValueError(f"unknown element kind {kind!r}")


def draw_all(nodes: list[dict[str, Any]]) -> None:
    for node in nodes:
        draw(node)


def first_code(nodes: list[dict[str, Any]]) -> str:
    """The preview's JSON text (the download button offers it)."""
    for node in nodes:
        if node["kind"] == "code":
            return node["body"]
        found = first_code(node.get("children", []) if node["kind"] != "columns" else sum(node["children"], []))
        if found:
            return found
    return ""


def first_options(nodes: list[dict[str, Any]]) -> list[str]:
    """The navigator's options (the sections, with their badges)."""
    for node in nodes:
        if node.get("key") == NAVIGATOR:
            return node["options"]
        found = first_options(node.get("children", []) if node["kind"] != "columns" else sum(node["children"], []))
        if found:
            return found
    return []


st.set_page_config(page_title="Editor twin", layout="wide")
NAVIGATOR = "editor:section"  # the editor's section navigator (a radio whose options are the sections, in order)


def chosen() -> dict[str, Any]:
    """The section to draw: the navigator's choice once clicked, else the address's (as in the editor)."""
    slugs = list(pages())
    if NAVIGATOR in state:
        options = first_options(pages()[slugs[0]]["main"])
        if state[NAVIGATOR] in options:
            return pages()[slugs[options.index(state[NAVIGATOR])]]
    return pages().get(st.query_params.get("section", ""), pages()[slugs[0]])


PAGE = chosen()
PAGE_CODE = first_code(PAGE["main"])
with st.sidebar:
    draw_all(PAGE["sidebar"])
draw_all(PAGE["main"])
