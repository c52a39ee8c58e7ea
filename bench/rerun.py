"""Figures 1 and 3: the cost of one rerun of the editor in process (Streamlit's AppTest).

A full run of the page script is the server-side cost of a click that is not inside a
fragment, so the time of ``AppTest.run()`` on an unchanged session measures it. Both sides
of a ratio run interleaved in the same process, so noise from other work on the machine
hits both. The editor holds a current-API (GA) draft, so it draws ``GARealtimeSession``,
one section at a time: the figure covers every section, each against its twin.

AppTest compiles the script again on every run, which a server does once; the bench
shares one script cache between runs, as a server does, so compiling is not measured.
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from streamlit.runtime.pages_manager import PagesManager
from streamlit.runtime.scriptrunner.script_cache import ScriptCache
from streamlit.testing.v1 import AppTest, app_test, local_script_runner

from bench.corpus import ga_config
from bench.figures import Figure, median, ms
from bench.twin import section_slugs

ROOT = Path(__file__).resolve().parents[1]
STUDIO = ROOT / "app.py"
BASELINE = ROOT / "bench" / "apps" / "twin" / "editor_twin.py"
WIDGET_KINDS = (
    "button",
    "checkbox",
    "download_button",
    "multiselect",
    "number_input",
    "radio",
    "selectbox",
    "slider",
    "text_area",
    "text_input",
    "toggle",
)
TOOL_COUNTS = (1, 16, 64, 128)
TOOLS_SECTION = "tools"
Widgets = list[tuple[str, str | None]]  # (kind, key) in page order


class _NavigatedPages(PagesManager):
    """Pages as a server has them after its first run: the app's ``st.navigation`` lists them.

    A server scans the ``pages/`` folder beside the script only until ``st.navigation`` first
    runs. AppTest forgets that before every run, so without this each measured run of the
    studio would scan the folder and set up a page for every file in it, and the twin
    (no such folder) would not.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        PagesManager.uses_pages_directory = False


def share_script_cache() -> None:
    """Run scripts as a running server does: each compiled once for all runs (AppTest compiles
    on every run), and the pages of an app with ``st.navigation`` not looked for in its folder."""
    shared = ScriptCache()
    app_test.ScriptCache = local_script_runner.ScriptCache = lambda: shared  # type: ignore[assignment]
    app_test.PagesManager = _NavigatedPages  # type: ignore[misc]


def started(script: Path, draft: dict[str, Any] | None = None, section: str | None = None) -> AppTest:
    """An app run once (the first run imports and builds everything; it is not measured)."""
    share_script_cache()
    at = AppTest.from_file(str(script), default_timeout=300)
    if draft is not None:
        at.session_state["draft"] = draft
    if section is not None:
        at.query_params["section"] = section
    at.run()
    if at.exception:
        raise RuntimeError(f"{script.name} failed: {at.exception}")
    return at


def widgets(at: AppTest) -> Widgets:
    """The widgets the last run drew, in page order: (kind, key)."""
    found: Widgets = []

    def walk(node: Any) -> None:
        kind = getattr(node, "type", "")
        if kind in WIDGET_KINDS:
            found.append((kind, getattr(node, "key", None)))
        children = getattr(node, "children", None)
        if isinstance(children, dict):
            for child in children.values():
                walk(child)

    walk(at._tree)
    return found


def sameness(editor: Widgets, baseline: Widgets) -> str:
    """How the baseline's widgets compare with the editor's, for the table."""
    if editor == baseline:
        return "same kinds, counts and keys, in the same order"
    counts = Counter(kind for kind, _ in baseline)
    if Counter(kind for kind, _ in editor) == counts:
        return "same kinds and counts"
    return f"DIFFERENT: {dict(sorted(counts.items()))}"


def rerun_times(apps: list[AppTest], repeats: int, warmups: int = 2) -> list[list[float]]:
    """Rerun each app ``repeats`` times, round-robin, after warm-ups; seconds per run, per app."""
    for _ in range(warmups):
        for at in apps:
            at.run()
    times: list[list[float]] = [[] for _ in apps]
    for _ in range(repeats):
        for index, at in enumerate(apps):
            start = time.perf_counter()
            at.run()
            times[index].append(time.perf_counter() - start)
    for at in apps:
        if at.exception:
            raise RuntimeError(f"a rerun failed: {at.exception}")
    return times


@dataclass
class Section:
    """One section's reruns: the editor's and its twin's, and the widgets each drew."""

    editor_times: list[float]
    twin_times: list[float]
    editor: Widgets
    twin: Widgets


def rerun_cost(repeats: int) -> Figure:
    """Figure 1: the editor with a full GA config against its twin, section by section."""
    measured = {}
    for slug in section_slugs():
        studio, twin = started(STUDIO, ga_config(), slug), started(BASELINE, section=slug)
        studio_times, twin_times = rerun_times([studio, twin], repeats)
        measured[slug] = Section(studio_times, twin_times, widgets(studio), widgets(twin))
    return rerun_figure(measured)


def rerun_figure(sections: dict[str, Section]) -> Figure:
    """Figure 1 from its samples: the sum over sections of the median editor rerun over the same sum for the twin."""
    mine = sum(median(s.editor_times) for s in sections.values())
    floor = sum(median(s.twin_times) for s in sections.values())
    alike = {sameness(s.editor, s.twin) for s in sections.values()}
    repeats = min(len(s.editor_times) for s in sections.values())
    rows = [
        (
            f"{slug}: {len(s.editor)} widgets",
            f"editor {ms(median(s.editor_times))}, twin {ms(median(s.twin_times))}",
        )
        for slug, s in sections.items()
    ]
    return Figure(
        "rerun_cost",
        f"1. Rerun cost: GA editor with a full config vs its twin (same widgets by hand), {len(sections)} sections",
        ratio=mine / floor,
        target=1.3,
        rows=[
            ("twin's widgets", "; ".join(sorted(alike))),
            *rows,
            (f"all sections, sum of medians of {repeats}", f"editor {ms(mine)}, twin {ms(floor)}"),
        ],
    )


def tool_scaling(repeats: int) -> Figure:
    """Figure 3: rerun cost of the Tools section of a full GA draft with 1, 16, 64 and 128 function tools."""
    apps = [started(STUDIO, ga_config(functions=n, mcp=False), TOOLS_SECTION) for n in TOOL_COUNTS]
    times = rerun_times(apps, repeats, warmups=1)
    return scaling_figure(dict(zip(TOOL_COUNTS, times, strict=True)))


def scaling_figure(times: dict[int, list[float]]) -> Figure:
    """Figure 3 from its samples (rerun seconds per function count): the median at the most over the median at 1."""
    medians = {count: median(samples) for count, samples in sorted(times.items())}
    rows = [(f"{n} function tool(s), median of {len(times[n])}", ms(m)) for n, m in medians.items()]
    return Figure(
        "tool_scaling",
        f"3. Scaling: GA editor rerun (Tools section) with {max(medians)} function tools vs 1",
        ratio=medians[max(medians)] / medians[1],
        target=2.0,
        rows=rows,
    )
