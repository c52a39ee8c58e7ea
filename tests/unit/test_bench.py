"""The benchmark suite's arithmetic and inputs (nothing is timed here).

Each figure is built from literal samples and must give the ratio or value worked out by
hand below, and the FIGURE line a script reads. The bench's configs must be what the GA
editor edits: valid for ``GARealtimeSession`` and for the SDK's
``RealtimeSessionCreateRequest`` with no key the SDK does not know.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from openai.types.realtime import RealtimeSessionCreateRequest
from pydantic import BaseModel

from bench import browser, corpus, rerun, throughput
from bench.__main__ import _kind, build_parser
from bench.figures import Figure, median, p95
from session_model.export import dumps, export_session
from session_model.ga import GARealtimeSession
from session_model.models import RealtimeSession

FIGURE_LINE = re.compile(r"^FIGURE [a-z0-9_]+ (ratio=\d+\.\d{2}( target<=\d+\.\d)?|value=-?\d+ unit=\S+)$")
# The MCP server the issue asks the bench config to carry, written out from the issue.
DOCS_MCP = {
    "type": "mcp",
    "server_label": "docs",
    "server_url": "https://docs.example.com/mcp",
    "authorization": "${DOCS_TOKEN}",
    "require_approval": "never",
}


def assert_no_extras(value: Any, where: str = "") -> None:
    """Nothing in a parsed SDK object was an unknown key (the SDK types keep those in ``model_extra``)."""
    if isinstance(value, BaseModel):
        assert not value.model_extra, f"{where or 'top level'}: unknown to the SDK: {sorted(value.model_extra)}"
        for name in type(value).model_fields:
            assert_no_extras(getattr(value, name), f"{where}.{name}".lstrip("."))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            assert_no_extras(item, f"{where}[{index}]")


def test_help_describes_the_quick_mode(capsys):
    with pytest.raises(SystemExit) as exit_info:
        build_parser().parse_args(["--help"])
    assert exit_info.value.code == 0
    assert "--quick" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("figure", "line"),
    [
        (Figure("rerun_cost", "", ratio=1.234, target=1.3), "FIGURE rerun_cost ratio=1.23 target<=1.3"),
        (Figure("validation_throughput", "", ratio=3.0), "FIGURE validation_throughput ratio=3.00"),
        (Figure("memory_at_10", "", value=812.4, unit="KiB"), "FIGURE memory_at_10 value=812 unit=KiB"),
    ],
)
def test_figure_lines_are_script_readable(figure, line):
    assert figure.line() == line
    assert FIGURE_LINE.match(figure.line())


def test_p95_is_the_nearest_rank_sample_and_median_the_middle():
    samples = [float(n) for n in range(1, 101)]
    assert p95(samples) == 95.0
    assert p95([3.0]) == 3.0
    assert p95([0.1] * 18 + [0.3, 0.9]) == 0.3  # 20 samples: the 19th smallest
    assert median([0.3, 0.1, 0.2]) == 0.2


def test_rerun_cost_sums_each_sections_median_editor_rerun_over_the_same_sum_for_its_twin():
    speed = [("slider", "f.audio.output.speed:slider"), ("button", "f.audio.output.speed:reset")]
    tools = [("button", "f.tools:add:function")]
    figure = rerun.rerun_figure(
        {
            "voice-and-speech": rerun.Section([0.030, 0.026, 0.040], [0.020, 0.025, 0.015], speed, list(speed)),
            "tools": rerun.Section([0.010, 0.020, 0.015], [0.006, 0.010, 0.008], tools, list(tools)),
        }
    )
    assert figure.ratio == pytest.approx((0.030 + 0.015) / (0.020 + 0.008))
    assert figure.line() == "FIGURE rerun_cost ratio=1.61 target<=1.3"
    assert figure.met is False
    assert ("twin's widgets", "same kinds, counts and keys, in the same order") in figure.rows
    assert ("voice-and-speech: 2 widgets", "editor 30.0 ms, twin 20.0 ms") in figure.rows
    assert ("all sections, sum of medians of 3", "editor 45.0 ms, twin 28.0 ms") in figure.rows


@pytest.mark.parametrize(
    ("baseline", "said"),
    [
        ([("slider", "f.a:slider"), ("button", "f.b")], "same kinds, counts and keys, in the same order"),
        ([("button", "x"), ("slider", "y")], "same kinds and counts"),
        ([("slider", "f.a:slider")], "DIFFERENT: {'slider': 1}"),
    ],
)
def test_the_rerun_table_says_how_alike_the_twin_is(baseline, said):
    assert rerun.sameness([("slider", "f.a:slider"), ("button", "f.b")], baseline) == said


def test_tool_scaling_is_the_median_at_the_most_tools_over_the_median_at_one():
    figure = rerun.scaling_figure(
        {128: [0.19, 0.18, 0.50], 1: [0.10, 0.08, 0.12], 16: [0.11, 0.11, 0.11], 64: [0.15, 0.14, 0.16]}
    )
    assert figure.ratio == pytest.approx(1.9)
    assert figure.line() == "FIGURE tool_scaling ratio=1.90 target<=2.0"
    assert [what for what, _ in figure.rows] == [f"{n} function tool(s), median of 3" for n in (1, 16, 64, 128)]
    assert figure.title == "3. Scaling: GA editor rerun (Tools section) with 128 function tools vs 1"


def test_latency_is_the_p95_of_the_editor_over_the_p95_of_the_bare_page():
    editor = [0.1] * 18 + [0.3, 0.9]
    bare = [0.05] * 18 + [0.1, 0.5]
    figure = browser.latency_figure(editor, bare, [0.2] * 20)
    assert figure.ratio == pytest.approx(3.0)
    assert figure.line() == "FIGURE interaction_latency_p95 ratio=3.00 target<=1.5"
    assert ("median ratio", "2.00") in figure.rows
    assert ("same widgets by hand median / p95", "200.0 ms / 200.0 ms") in figure.rows
    assert ("by hand: p95 over the bare page's", "2.00") in figure.rows  # shown, not part of the ratio


def test_section_switch_is_the_p95_of_switches_over_the_p95_of_the_bare_pages_slider():
    figure = browser.switch_figure([0.1] * 18 + [0.2, 0.6], [0.05] * 18 + [0.1, 0.5])
    assert figure.ratio == pytest.approx(2.0)
    assert figure.line() == "FIGURE section_switch ratio=2.00 target<=2.0"
    assert figure.met is True
    assert ("switch median / p95", "100.0 ms / 200.0 ms") in figure.rows


def test_section_switch_shows_the_same_switches_by_hand_beside_the_ratio():
    figure = browser.switch_figure([0.1] * 20, [0.05] * 20, [0.08] * 18 + [0.2, 0.4])
    assert figure.ratio == pytest.approx(2.0)  # the twin is shown, not part of the ratio
    assert ("same sections by hand, switched alike, median / p95", "80.0 ms / 200.0 ms") in figure.rows
    assert ("by hand: p95 over the bare page's", "4.00") in figure.rows


def test_each_sections_marker_is_its_last_widget_that_not_every_section_draws():
    def page(*form: dict) -> dict:
        navigator = {"kind": "radio", "key": "editor:section"}
        preview = {"kind": "download_button", "key": "editor:download"}
        layout = {"kind": "columns", "children": [[navigator, {"kind": "expander", "children": list(form)}], [preview]]}
        return {"main": [{"kind": "title", "key": None}, layout], "sidebar": []}

    slider = {"kind": "slider", "key": "f.audio.output.speed:slider"}
    reset = {"kind": "button", "key": "f.audio.output.speed:reset"}
    pages = {"voice-and-speech": page(slider, reset), "tools": page({"kind": "button", "key": "f.tools:add:mcp"})}
    assert browser.section_markers(pages) == {
        "voice-and-speech": "st-key-f-audio-output-speed-reset",
        "tools": "st-key-f-tools-add-mcp",
    }


def test_every_section_has_a_marker_in_the_twins_description():
    from bench.twin import section_slugs

    assert sorted(browser.section_markers()) == sorted(section_slugs())


def test_cold_start_is_the_median_time_to_drawn_editor_over_bare_page():
    figure = browser.cold_figure([(1.0, 2.4), (1.1, 2.6), (0.9, 2.5)], [(0.8, 2.0), (0.9, 2.1), (0.7, 1.9)])
    assert figure.ratio == pytest.approx(1.25)
    assert figure.line() == "FIGURE cold_start ratio=1.25 target<=1.3"
    assert ("of which server start (editor / bare)", "1.00 / 0.80 s") in figure.rows
    assert not [what for what, _ in figure.rows if "turn-taking" in what]


def test_cold_start_shows_the_start_on_the_charts_section_beside_the_ratio():
    figure = browser.cold_figure([(1.0, 2.4)], [(0.8, 2.0)], [(1.0, 2.9), (1.0, 3.1), (1.0, 3.0)])
    assert figure.ratio == pytest.approx(1.2)  # the chart's start is not part of it
    assert ("editor on the turn-taking section (chart drawn), median of 3", "3.00 s") in figure.rows


def test_quick_mode_takes_five_cold_starts_a_side_and_the_charts_start_twice(monkeypatch):
    from bench import __main__ as main

    starts = []
    monkeypatch.setattr(browser, "cold_start_once", lambda _b, script, query="", chart=False: starts.append(
        (script.name, chart)) or (0.5, 2.0))  # fmt: skip
    figure = browser.cold_start(None, main.QUICK.cold_starts, main.QUICK.chart_starts)
    editor, bare = (browser.STUDIO.name, False), (browser.BARE.name, False)
    chart = (browser.STUDIO.name, True)
    assert starts == [editor, bare, chart, editor, bare, chart, editor, bare, editor, bare, editor, bare]  # alternating
    assert len(starts) == 5 * 2 + 2
    assert ("editor, median of 5", "2.00 s") in figure.rows


def test_throughput_is_the_sdk_median_rate_over_ours():
    figure = throughput.throughput_figure({"ours": [100.0, 120.0, 110.0], "sdk": [330.0, 300.0, 360.0]}, 200)
    assert figure.ratio == pytest.approx(3.0)
    assert figure.line() == "FIGURE validation_throughput ratio=3.00"


def test_memory_is_the_rss_added_per_session_between_levels():
    studio = {0: 200_000, 1: 230_000, 10: 239_000, 20: 249_000}
    bare = {0: 100_000, 1: 110_000, 10: 111_800, 20: 113_800}
    figures = browser.memory_figures(studio, bare)
    assert [f.line() for f in figures] == [
        "FIGURE memory_per_session_at_1 value=30000 unit=KiB",
        "FIGURE memory_per_session_at_10 value=1000 unit=KiB",
        "FIGURE memory_per_session_at_20 value=1000 unit=KiB",
    ]
    assert ("growth per session, 1 -> 10: editor / bare", "1000 / 200 KiB") in figures[0].rows
    assert [f.line() for f in browser.memory_figures(studio, None)] == [f.line() for f in figures]


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("rerun_cost", "rerun"),
        ("interaction_latency_p95", "latency"),
        ("section_switch", "switch"),
        ("tool_scaling", "scaling"),
        ("cold_start", "cold"),
        ("validation_throughput", "throughput"),
        ("memory_per_session_at_20", "memory"),
    ],
)
def test_each_figure_is_sorted_under_its_step(name, kind):
    assert _kind(Figure(name, "")) == kind


def test_the_bench_config_is_a_full_ga_session_with_three_functions_and_the_docs_mcp_server():
    config = corpus.ga_config()
    assert set(config) == {
        "type", "instructions", "model", "reasoning", "max_output_tokens", "output_modalities", "audio", "include",
        "tools", "tool_choice", "parallel_tool_calls", "truncation", "tracing",
    }  # fmt: skip
    assert config["type"] == "realtime"
    assert set(config["audio"]["input"]) == {"format", "noise_reduction", "transcription", "turn_detection"}
    assert set(config["audio"]["output"]) == {"format", "voice", "speed"}
    assert [t["type"] for t in config["tools"]] == ["function", "function", "function", "mcp"]
    assert config["tools"][3] == DOCS_MCP
    assert config["audio"]["output"]["speed"] == browser.START_SPEED == 1.1


@pytest.mark.parametrize(("functions", "mcp"), [(3, True), (0, False), (1, False), (16, False), (128, False)])
def test_bench_configs_validate_with_the_ga_model_and_the_sdk_and_export_unchanged(functions, mcp):
    config = corpus.ga_config(functions, mcp)
    session = GARealtimeSession.model_validate(config)
    assert export_session(session) == config  # nothing dropped, nothing added
    assert_no_extras(RealtimeSessionCreateRequest.model_validate(config))
    functions_named = [t["name"] for t in config["tools"] if t["type"] == "function"]
    assert len(functions_named) == len(set(functions_named)) == functions
    assert len(config["tools"]) == functions + mcp


def test_throughput_corpus_is_ga_and_both_sides_export_exactly_what_they_read():
    configs = corpus.corpus(60)
    for config in configs:
        assert json.loads(throughput.ours(config)) == config
        assert json.loads(throughput.sdk(config)) == config
        assert_no_extras(RealtimeSessionCreateRequest.model_validate(config))
    assert {c["type"] for c in configs} == {"realtime"}
    turns = {(c["audio"]["input"]["turn_detection"] or {"type": None})["type"] for c in configs}
    assert turns == {"server_vad", "semantic_vad", None}
    assert len({c["audio"]["output"]["voice"] for c in configs}) > 3
    with_mcp = sum(any(t["type"] == "mcp" for t in c["tools"]) for c in configs)
    assert 0 < with_mcp < len(configs)
    assert {"reasoning" in c for c in configs} == {True, False}


def test_the_speed_walk_stays_in_range_and_moves_one_step_each_press():
    values = [value for _, value in browser.speeds(80)]
    assert 0.25 <= browser.LOW and browser.HIGH <= 1.5  # the model's bounds for audio.output.speed
    assert min(values) == browser.LOW and max(values) == browser.HIGH
    assert values[0] == 1.15
    assert all(abs(a - b) == pytest.approx(browser.STEP) for a, b in zip(values, values[1:], strict=False))


def test_the_text_the_latency_figure_waits_for_is_what_the_ga_preview_shows():
    assert browser.expected_text(1.15) == '"speed": 1.15'
    for value in {v for _, v in browser.speeds(30)}:
        config = corpus.ga_config()
        config["audio"]["output"]["speed"] = value
        preview = dumps(export_session(GARealtimeSession.model_validate(config)))
        assert re.search(re.escape(browser.expected_text(value)) + r"(?![0-9])", preview), value


@pytest.mark.parametrize("tools", [0, 2, 16])
def test_the_legacy_flat_config_stays_valid_for_the_flat_model(tools):
    config = corpus.full_config(tools)
    assert "type" not in config
    assert export_session(RealtimeSession.model_validate(config)) == config


def test_a_figures_browser_sessions_close_before_their_servers_stop(monkeypatch):
    # A page left open after its server stopped keeps reconnecting and slows the figures after it.
    from contextlib import ExitStack

    events = []

    class Context:
        def close(self):
            events.append("context closed")

    class Page:
        context = Context()

    monkeypatch.setattr(browser, "open_session", lambda _browser, url: events.append(f"opened {url}") or Page())
    with ExitStack() as stack:
        stack.callback(events.append, "server stopped")
        browser.session_in(stack, None, "http://127.0.0.1:1")
    assert events == ["opened http://127.0.0.1:1", "context closed", "server stopped"]
