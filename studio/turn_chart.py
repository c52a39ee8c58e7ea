"""The turn-taking picture: a timeline (from ``session_model.timeline``) as an Altair chart."""

from __future__ import annotations

import altair as alt

from session_model.timeline import LANES, Timeline

# One colour per lane, light enough for dark labels on top.
LANE_COLOURS = ("#c7d2fe", "#86efac", "#fde68a", "#fca5a5", "#93c5fd", "#d8b4fe")


def chart_rows(timeline: Timeline) -> list[dict[str, object]]:
    """The chart's data: one row per bar, times in seconds."""
    return [
        {"lane": b.lane, "start": b.start_ms / 1000, "end": b.end_ms / 1000, "label": b.label}
        for b in timeline.bars
    ]


def turn_chart(timeline: Timeline) -> alt.LayerChart:
    """Lanes of bars over time: caller, heard speech, padding, ending silence, agent, idle nudge."""
    data = alt.Data(values=chart_rows(timeline))
    x = alt.X("start:Q", title="seconds", scale=alt.Scale(domain=[0, timeline.end_ms / 1000], nice=False))
    y = alt.Y("lane:N", sort=list(LANES), title=None, scale=alt.Scale(domain=list(LANES)),
              axis=alt.Axis(labelLimit=220))
    bars = (
        alt.Chart(data)
        .mark_bar(cornerRadius=3, height=20)
        .encode(
            x=x,
            x2="end:Q",
            y=y,
            color=alt.Color("lane:N", scale=alt.Scale(domain=list(LANES), range=list(LANE_COLOURS)), legend=None),
            tooltip=[
                alt.Tooltip("lane:N", title="What"),
                alt.Tooltip("label:N", title="Detail"),
                alt.Tooltip("start:Q", title="From (s)", format=".2f"),
                alt.Tooltip("end:Q", title="To (s)", format=".2f"),
            ],
        )
    )
    # The caller's words do not fit inside their short bars; the page prints them under the chart.
    labels = (
        alt.Chart(data)
        .transform_filter(alt.datum.lane != LANES[0])
        .mark_text(align="left", baseline="middle", dx=3, fontSize=10, limit=64, color="#1f2937")
        .encode(x="start:Q", y=alt.Y("lane:N", sort=list(LANES)), text="label:N")
    )
    return alt.layer(bars, labels).properties(height=230)
