"""The turn-taking picture: a timeline (from ``session_model.timeline``) as a Vega-Lite chart.

The spec is a plain dict: no Altair, and the rows sit inside each layer, where Streamlit
passes them to the browser as they are. Rows at the top level would go through pandas and
Arrow, and importing those two was half a second of the studio's cold start.
"""

from __future__ import annotations

from typing import Any

from session_model.timeline import LANES, Timeline

# One colour per lane, light enough for dark labels on top.
LANE_COLOURS = ("#c7d2fe", "#86efac", "#fde68a", "#fca5a5", "#93c5fd", "#d8b4fe")


def chart_rows(timeline: Timeline) -> list[dict[str, object]]:
    """The chart's data: one row per bar, times in seconds."""
    return [
        {"lane": b.lane, "start": b.start_ms / 1000, "end": b.end_ms / 1000, "label": b.label}
        for b in timeline.bars
    ]


def turn_chart(timeline: Timeline) -> dict[str, Any]:
    """Lanes of bars over time: caller, heard speech, padding, ending silence, agent, idle nudge."""
    rows = chart_rows(timeline)
    lanes = list(LANES)
    lane = {"field": "lane", "type": "nominal", "sort": lanes}
    start = {"field": "start", "type": "quantitative"}
    bars = {
        "data": {"values": rows},
        "mark": {"type": "bar", "cornerRadius": 3, "height": 20},
        "encoding": {
            "x": {**start, "title": "seconds", "scale": {"domain": [0, timeline.end_ms / 1000], "nice": False}},
            "x2": {"field": "end"},
            "y": {**lane, "title": None, "scale": {"domain": lanes}, "axis": {"labelLimit": 220}},
            "color": {
                "field": "lane",
                "type": "nominal",
                "scale": {"domain": lanes, "range": list(LANE_COLOURS)},
                "legend": None,
            },
            "tooltip": [
                {"field": "lane", "type": "nominal", "title": "What"},
                {"field": "label", "type": "nominal", "title": "Detail"},
                {"field": "start", "type": "quantitative", "title": "From (s)", "format": ".2f"},
                {"field": "end", "type": "quantitative", "title": "To (s)", "format": ".2f"},
            ],
        },
    }
    # The caller's words do not fit inside their short bars; the page prints them under the chart.
    labels = {
        "data": {"values": rows},
        "transform": [{"filter": {"not": {"field": "lane", "equal": LANES[0]}}}],
        "mark": {
            "type": "text",
            "align": "left",
            "baseline": "middle",
            "dx": 3,
            "fontSize": 10,
            "limit": 64,
            "color": "#1f2937",
        },
        "encoding": {"x": start, "y": lane, "text": {"field": "label", "type": "nominal"}},
    }
    return {"layer": [bars, labels], "height": 230}
