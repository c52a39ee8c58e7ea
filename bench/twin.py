"""The editor's twin for the rerun-cost figure: what the editor draws, written down and drawn again with plain calls.

``python -m bench.twin`` runs the editor (AppTest) on ``bench.corpus.ga_config()`` once per
section and writes every element it drew, in order and with its layout, to
``bench/apps/twin/editor_twin.json``: each widget's kind, label, key, options, bounds and
value, each text, alert, code block and chart, each column, container, expander and
popover. ``bench/apps/twin/editor_twin.py`` draws that description with one plain
``st.*`` call per element: the same page a person would write by hand, without the
model, validation, advice, fragments or the preview's work. A test
(``tests/app/test_bench_twin.py``) fails when the editor and its twin draw different
widgets, so the comparison stays fair as settings are added: then run this again.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from google.protobuf.json_format import MessageToDict
from streamlit.testing.v1 import AppTest

from bench.corpus import ga_config

ROOT = Path(__file__).resolve().parents[1]
STUDIO = ROOT / "app.py"
DESCRIPTION = ROOT / "bench" / "apps" / "twin" / "editor_twin.json"
Node = dict[str, Any]

_GAPS = {"SMALL": "small", "MEDIUM": "medium", "LARGE": "large", "NONE": None}
_ALIGN = {"TOP": "top", "CENTER": "center", "BOTTOM": "bottom"}
_ALERTS = ("success", "info", "warning", "error")
_TEXTS = ("title", "header", "subheader", "markdown", "caption")


def editor(section: str, draft: dict[str, Any] | None = None) -> AppTest:
    """The studio's editor run once on ``draft`` (the bench's full GA config) showing ``section``."""
    at = AppTest.from_file(str(STUDIO), default_timeout=300)
    at.session_state["draft"] = draft if draft is not None else ga_config()
    at.query_params["section"] = section
    at.run()
    if at.exception:
        raise RuntimeError(f"the editor failed on section {section}: {at.exception}")
    return at


def _raw(node: Any) -> dict[str, Any]:
    return MessageToDict(node.proto, preserving_proto_field_name=True)


def _common(node: Any, raw: dict[str, Any]) -> Node:
    out: Node = {"label": raw.get("label", ""), "key": getattr(node, "key", None)}
    for name in ("help", "disabled", "placeholder"):
        if raw.get(name):
            out[name] = raw[name]
    if raw.get("label_visibility", {}).get("value") == "COLLAPSED":
        out["label_visibility"] = "collapsed"
    return out


def _widget(kind: str, node: Any, raw: dict[str, Any]) -> Node:
    """A widget's call arguments: what it shows and holds now."""
    out = {"kind": kind, **_common(node, raw)}
    if kind in ("button", "download_button"):
        out["type"] = raw.get("type", "secondary")
        out["icon"] = raw.get("icon")
        out["stretch"] = bool(raw.get("width_config", {}).get("use_stretch"))
    elif kind in ("radio", "selectbox"):
        out["options"] = list(node.options)
        out["index"] = node.index
        if kind == "radio":
            out["horizontal"] = bool(raw.get("horizontal"))
    elif kind == "multiselect":
        out["options"] = list(node.options)
        out["default"] = [value for value in node.value if value in node.options]
        out["accept_new_options"] = bool(raw.get("accept_new_options"))
    elif kind in ("slider", "number_input"):
        number = (
            int if type(node.proto).DataType.Name(node.proto.data_type) == "INT" else float
        )  # Streamlit wants one numeric type per widget
        out.update({name: _cast(number, getattr(node, name)) for name in ("min", "max", "step", "value")})
        if kind == "number_input":
            out["format"] = raw.get("format")
    elif kind in ("text_input", "text_area"):
        out["value"] = node.value
    elif kind in ("toggle", "checkbox"):
        out["value"] = bool(node.value)
    else:
        raise ValueError(f"the twin does not know how to draw a {kind}")
    return out


def _cast(number: type, value: Any) -> Any:
    return value if value is None else number(value)


def _element(node: Any) -> Node:
    """One element (not a block) as the twin draws it."""
    kind = node.type
    raw = _raw(node)
    if kind in _TEXTS:
        return {"kind": kind, "body": raw.get("body", ""), "help": raw.get("help")}
    if kind in _ALERTS:
        return {"kind": kind, "body": raw.get("body", ""), "icon": raw.get("icon")}
    if kind == "code":
        return {"kind": kind, "body": raw.get("code_text", ""), "language": raw.get("language") or None}
    if kind == "html":
        return {"kind": kind, "body": raw.get("body", "")}
    if kind == "link_button":
        return {"kind": kind, "label": raw.get("label", ""), "url": raw.get("url", ""), "icon": raw.get("icon")}
    if kind == "page_link":
        return {"kind": kind, "label": raw.get("label", ""), "icon": raw.get("icon"), "help": raw.get("help")}
    if kind == "vega_lite_chart":
        return {"kind": kind, "spec": raw.get("spec", "{}")}
    if kind == "divider":
        return {"kind": kind}
    return _widget(kind, node, raw)


def _block(node: Any) -> Node:
    kind = node.type
    children = [describe(child) for child in node.children.values()]
    raw = _raw(node)
    if kind == "flex_container":
        flex = raw.get("flex_container", {})
        if children and all(child["kind"] == "column" for child in children):
            return {
                "kind": "columns",
                "weights": [child["weight"] for child in children],
                "gap": _GAPS.get(flex.get("gap_config", {}).get("gap_size", "SMALL"), "small"),
                "align": children[0]["align"],
                "children": [child["children"] for child in children],
            }
        return {
            "kind": "container",
            "border": bool(flex.get("border")),
            "horizontal": flex.get("direction") == "HORIZONTAL",
            "children": children,
        }
    if kind == "column":
        align = _ALIGN.get(raw.get("vertical_alignment", "TOP"), "top")
        return {"kind": "column", "weight": raw.get("weight", 1.0), "align": align, "children": children}
    if kind == "expander":
        return {
            "kind": "expander",
            "label": raw.get("label", ""),
            "expanded": bool(raw.get("expanded")),
            "children": children,
        }
    if kind == "popover":
        popover = raw.get("popover", {})
        return {"kind": "popover", "label": popover.get("label", ""), "icon": popover.get("icon"), "children": children}
    raise ValueError(f"the twin does not know how to draw a {kind} block")


def describe(node: Any) -> Node:
    """An element or block of an AppTest tree, with everything under it."""
    if isinstance(getattr(node, "children", None), dict) and node.type not in ("main", "sidebar"):
        return _block(node)
    return _element(node)


def page(at: AppTest) -> Node:
    """What one run of the app drew: the main area and the sidebar."""
    return {
        "main": [describe(child) for child in at.main.children.values()],
        "sidebar": [describe(child) for child in at.sidebar.children.values()],
    }


def section_titles() -> dict[str, str]:
    """Every section of the GA editor, in the navigator's order: slug to title."""
    from form.sections import section_slug, sections
    from session_model.ga import GARealtimeSession

    return {section_slug(title): title for title, _ in sections(GARealtimeSession)}


def section_slugs() -> list[str]:
    """Every section's slug (its ``?section=``), in the navigator's order."""
    return list(section_titles())


def generate() -> dict[str, Node]:
    """The editor's page for every section, described."""
    return {slug: page(editor(slug)) for slug in section_slugs()}


def main() -> int:
    """Write ``bench/apps/twin/editor_twin.json`` from what the editor draws now."""
    pages = generate()
    DESCRIPTION.write_text(json.dumps(pages, indent=1, ensure_ascii=False) + "\n")
    print(f"wrote {DESCRIPTION.relative_to(ROOT)}: {len(pages)} sections", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
