"""Figures 1 and 3: the cost of one rerun of the editor in process (Streamlit's AppTest).

Every interaction reruns the whole page script, so the time of ``AppTest.run()`` on an
unchanged session is the server-side cost of any click. Both sides of a ratio run
interleaved in the same process, so noise from other work on the machine hits both.
"""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path
from typing import Any

from streamlit.testing.v1 import AppTest

from bench.corpus import full_config
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


def started(script: Path, draft: dict[str, Any] | None = None) -> AppTest:
    """An app run once (the first run imports and builds everything; it is not measured)."""
    at = AppTest.from_file(str(script), default_timeout=300)
    if draft is not None:
        at.session_state["draft"] = draft
    at.run()
    if at.exception:
        raise RuntimeError(f"{script.name} failed: {at.exception}")
    return at


def widget_counts(at: AppTest) -> Counter[str]:
    """How many widgets of each kind the last run drew."""
    counts: Counter[str] = Counter()

    def walk(node: Any) -> None:
        kind = getattr(node, "type", "")
        if kind in WIDGET_KINDS:
            counts[kind] += 1
        children = getattr(node, "children", None)
        if isinstance(children, dict):
            for child in children.values():
                walk(child)

    walk(at._tree)
    return counts


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
    """Figure 1: the editor with a full config against the hand-written baseline page."""
    studio = started(STUDIO, full_config(tools=2))
    baseline = started(BASELINE)
    studio_counts, baseline_counts = widget_counts(studio), widget_counts(baseline)
    studio_times, baseline_times = rerun_times([studio, baseline], repeats)
    editor, floor = median(studio_times), median(baseline_times)
    same = "same kinds and counts" if studio_counts == baseline_counts else f"DIFFERENT: {dict(baseline_counts)}"
    return Figure(
        "rerun_cost",
        "1. Rerun cost: editor with a full config vs hand-written page with the same widgets",
        ratio=editor / floor,
        target=1.3,
        rows=[
            ("widgets (editor)", f"{sum(studio_counts.values())}: {dict(sorted(studio_counts.items()))}"),
            ("widgets (baseline)", f"{sum(baseline_counts.values())} ({same})"),
            (f"editor rerun, median of {repeats}", ms(editor)),
            (f"baseline rerun, median of {repeats}", ms(floor)),
        ],
    )


def tool_scaling(repeats: int) -> Figure:
    """Figure 3: rerun cost with 1, 16, 64 and 128 function tools (all collapsed, as loaded)."""
    apps = [started(STUDIO, full_config(tools=n)) for n in TOOL_COUNTS]
    medians = [median(t) for t in rerun_times(apps, repeats, warmups=1)]
    rows = [(f"{n} tool(s), median of {repeats}", ms(m)) for n, m in zip(TOOL_COUNTS, medians, strict=True)]
    return Figure(
        "tool_scaling",
        "3. Scaling: editor rerun with 128 function tools vs 1 tool",
        ratio=medians[-1] / medians[0],
        target=2.0,
        rows=rows,
    )
