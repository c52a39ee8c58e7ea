"""Figures 1 and 3: the cost of one rerun of the editor in process (Streamlit's AppTest).

Every interaction reruns the whole page script, so the time of ``AppTest.run()`` on an
unchanged session is the server-side cost of any click. Both sides of a ratio run
interleaved in the same process, so noise from other work on the machine hits both.
The editor holds a current-API (GA) draft, so it draws ``GARealtimeSession``.
"""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path
from typing import Any

from streamlit.testing.v1 import AppTest

from bench.corpus import ga_config
from bench.figures import Figure, median, ms

ROOT = Path(__file__).resolve().parents[1]
STUDIO = ROOT / "app.py"
BASELINE = ROOT / "bench" / "apps" / "baseline_editor.py"
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
Widgets = list[tuple[str, str | None]]  # (kind, key) in page order


def started(script: Path, draft: dict[str, Any] | None = None) -> AppTest:
    """An app run once (the first run imports and builds everything; it is not measured)."""
    at = AppTest.from_file(str(script), default_timeout=300)
    if draft is not None:
        at.session_state["draft"] = draft
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


def rerun_cost(repeats: int) -> Figure:
    """Figure 1: the editor with a full GA config against the hand-written baseline page."""
    studio = started(STUDIO, ga_config())
    baseline = started(BASELINE)
    studio_times, baseline_times = rerun_times([studio, baseline], repeats)
    return rerun_figure(studio_times, baseline_times, widgets(studio), widgets(baseline))


def rerun_figure(editor_times: list[float], baseline_times: list[float], editor: Widgets, baseline: Widgets) -> Figure:
    """Figure 1 from its samples: median editor rerun over median baseline rerun, and how alike their widgets are."""
    counts = Counter(kind for kind, _ in editor)
    mine, floor = median(editor_times), median(baseline_times)
    return Figure(
        "rerun_cost",
        "1. Rerun cost: GA editor with a full config vs hand-written page with the same widgets",
        ratio=mine / floor,
        target=1.3,
        rows=[
            ("widgets (editor)", f"{len(editor)}: {dict(sorted(counts.items()))}"),
            ("widgets (baseline)", f"{len(baseline)} ({sameness(editor, baseline)})"),
            (f"editor rerun, median of {len(editor_times)}", ms(mine)),
            (f"baseline rerun, median of {len(baseline_times)}", ms(floor)),
        ],
    )


def tool_scaling(repeats: int) -> Figure:
    """Figure 3: rerun cost of a full GA draft with 1, 16, 64 and 128 function tools (all collapsed, as loaded)."""
    apps = [started(STUDIO, ga_config(functions=n, mcp=False)) for n in TOOL_COUNTS]
    times = rerun_times(apps, repeats, warmups=1)
    return scaling_figure(dict(zip(TOOL_COUNTS, times, strict=True)))


def scaling_figure(times: dict[int, list[float]]) -> Figure:
    """Figure 3 from its samples (rerun seconds per function count): the median at the most over the median at 1."""
    medians = {count: median(samples) for count, samples in sorted(times.items())}
    rows = [(f"{n} function tool(s), median of {len(times[n])}", ms(m)) for n, m in medians.items()]
    return Figure(
        "tool_scaling",
        f"3. Scaling: GA editor rerun with {max(medians)} function tools vs 1",
        ratio=medians[max(medians)] / medians[1],
        target=2.0,
        rows=rows,
    )
