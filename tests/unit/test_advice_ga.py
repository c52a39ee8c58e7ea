"""Advice on the current API: the flat rules at GA paths, their fixes on GA drafts, and the model-aware rules."""

from __future__ import annotations

import pytest

from session_model.advice_ga import advise_any

MCP = {"type": "mcp", "server_label": "docs", "server_url": "https://docs.example.com/mcp"}


def findings(data: dict) -> dict[str, list[tuple]]:
    """rule -> the field paths of each finding."""
    out: dict[str, list[tuple]] = {}
    for item in advise_any(data):
        out.setdefault(item.rule, []).append(item.paths)
    return out


def fix(data: dict, rule: str) -> dict:
    [item] = [a for a in advise_any(data) if a.rule == rule]
    assert item.fix is not None
    return item.fix.apply(data)


def test_a_blank_draft_gets_no_advice():
    assert advise_any({"type": "realtime"}) == []
    assert advise_any({"type": "transcription"}) == []


@pytest.mark.parametrize(
    ("model", "advised"),
    [("gpt-realtime-2", False), ("gpt-realtime-2.1-mini", False), ("gpt-realtime-1.5", True), (None, True)],
)
def test_reasoning_settings_need_a_reasoning_model(model, advised):
    data = {
        "type": "realtime",
        "instructions": "Hi",
        "reasoning": {"effort": "low"},
        "parallel_tool_calls": True,
        "tools": [
            {"type": "function", "name": "f", "description": "d", "parameters": {"type": "object", "properties": {}}}
        ],
    }
    if model:
        data["model"] = model
    got = findings(data).get("reasoning-model-only", [])
    assert got == ([(("reasoning",), ("model",)), (("parallel_tool_calls",), ("model",))] if advised else [])


def test_removing_reasoning_from_a_model_that_cannot_think():
    data = {"type": "realtime", "model": "gpt-realtime-1.5", "instructions": "Hi", "reasoning": {"effort": "low"}}
    assert fix(data, "reasoning-model-only") == {"type": "realtime", "model": "gpt-realtime-1.5", "instructions": "Hi"}


def test_a_model_with_an_announced_shutdown_names_the_date_and_offers_a_current_one():
    data = {"type": "realtime", "instructions": "Hi", "model": "gpt-realtime-mini"}
    [item] = [a for a in advise_any(data) if a.rule == "model-shutdown"]
    assert item.severity == "warning" and item.paths == (("model",),)
    assert "gpt-realtime-mini shuts down on 2027-01-20" in item.message
    assert item.fix is not None and item.fix.apply(data)["model"] == "gpt-realtime-2.1"


def test_a_transcription_model_with_an_announced_shutdown_is_flagged_in_both_session_types():
    where = ("audio", "input", "transcription", "model")
    realtime = {"type": "realtime", "instructions": "Hi", "audio": {"input": {"transcription": {"model": "whisper-1"}}}}
    transcription = {"type": "transcription", "audio": {"input": {"transcription": {"model": "gpt-4o-transcribe"}}}}
    assert findings(realtime)["model-shutdown"] == [(where,)]
    assert findings(transcription)["model-shutdown"] == [(where,)]


@pytest.mark.parametrize(
    ("model", "option", "value", "advised"),
    [
        ("gpt-transcribe", "delay", "low", True),
        ("gpt-realtime-whisper", "delay", "low", False),
        ("gpt-realtime-whisper", "languages", ["en"], True),
        ("gpt-live-transcribe", "languages", ["en"], False),
        ("gpt-realtime-whisper", "keywords", ["Acme"], True),
        ("gpt-transcribe", "keywords", ["Acme"], False),
        ("gpt-realtime-whisper", "prompt", "tech talk", True),
        ("gpt-transcribe", "prompt", "tech talk", False),
    ],
)
def test_transcription_options_the_chosen_model_does_not_take(model, option, value, advised):
    base = ("audio", "input", "transcription")
    data = {
        "type": "transcription",
        "audio": {"input": {"turn_detection": None, "transcription": {"model": model, option: value}}},
    }
    got = findings(data).get("transcription-option-unsupported", [])
    assert got == ([((*base, option), (*base, "model"))] if advised else [])
    if advised:
        fixed = fix(data, "transcription-option-unsupported")
        assert fixed["audio"]["input"]["transcription"] == {"model": model}


def test_whisper_transcription_sessions_need_turn_detection_off():
    data = {"type": "transcription", "audio": {"input": {"transcription": {"model": "gpt-realtime-whisper"}}}}
    assert findings(data)["transcription-turn-detection"] == [(("audio", "input", "turn_detection"),)]
    assert fix(data, "transcription-turn-detection")["audio"]["input"]["turn_detection"] is None


def test_a_forced_mcp_server_that_is_not_among_the_tools_is_an_error():
    data = {
        "type": "realtime",
        "instructions": "Hi",
        "tools": [MCP],
        "tool_choice": {"type": "mcp", "server_label": "crm"},
    }
    [item] = [a for a in advise_any(data) if a.rule == "tool-choice-unknown-mcp"]
    assert item.severity == "error" and item.fix is not None
    assert item.fix.apply(data)["tool_choice"] == "auto"


def test_parallel_tool_calls_without_tools_and_never_approving_an_unfiltered_server_are_tips():
    data = {"type": "realtime", "model": "gpt-realtime-2", "instructions": "Hi", "parallel_tool_calls": True}
    assert findings(data)["parallel-without-tools"] == [(("parallel_tool_calls",),)]
    never = {"type": "realtime", "instructions": "Hi", "tools": [{**MCP, "require_approval": "never"}]}
    assert findings(never)["mcp-never-approve-all"] == [(("tools", 0, "require_approval"),)]
    filtered = {
        "type": "realtime",
        "instructions": "Hi",
        "tools": [{**MCP, "require_approval": "never", "allowed_tools": ["search"]}],
    }
    assert "mcp-never-approve-all" not in findings(filtered)


def test_flat_rules_point_at_the_ga_paths():
    data = {
        "type": "realtime",
        "instructions": "Hi",
        "output_modalities": ["text"],
        "audio": {"output": {"voice": "marin"}, "input": {"turn_detection": None}},
    }
    got = findings(data)
    assert got["text-only-voice-settings"] == [(("audio", "output", "voice"),)]
    assert got["turn-taking-off"] == [(("audio", "input", "turn_detection"),)]


def test_a_flat_rule_about_a_function_tool_skips_the_mcp_tools_before_it():
    tool = {"type": "function", "name": "lookup", "description": "Finds an order."}
    data = {"type": "realtime", "instructions": "Hi", "tools": [MCP, tool]}
    assert findings(data)["tool-parameters-accept-anything"] == [(("tools", 1, "parameters"),)]
    fixed = fix(data, "tool-parameters-accept-anything")
    assert fixed["tools"][0] == MCP
    assert fixed["tools"][1]["parameters"]["type"] == "object"


def test_a_flat_fix_changes_only_what_it_names_and_keeps_ga_only_settings():
    data = {
        "type": "realtime",
        "model": "gpt-realtime-2",
        "instructions": "Hi",
        "reasoning": {"effort": "high"},
        "audio": {
            "input": {"format": {"type": "audio/pcmu"}, "noise_reduction": {"type": "far_field", "strength": 0.4}},
            "output": {"voice": {"id": "voice_1"}},
        },
        "tools": [MCP],
    }
    fixed = fix(data, "audio-formats-differ")
    assert fixed == {
        **data,
        "audio": {
            "input": {"format": {"type": "audio/pcmu"}, "noise_reduction": {"type": "far_field", "strength": 0.4}},
            "output": {"voice": {"id": "voice_1"}, "format": {"type": "audio/pcmu"}},
        },
    }


def test_the_flat_target_keeps_its_own_rules():
    assert findings({"voice": "marin", "modalities": ["text"]})["text-only-voice-settings"] == [(("voice",),)]


# ---- a replayed fix that changes how many function tools there are --------------------------------

_MCP = {"type": "mcp", "server_label": "docs", "server_url": "https://docs.example.com/mcp"}
_A = {"type": "function", "name": "a"}
_B = {"type": "function", "name": "b"}
_NEW = {"type": "function", "name": "new"}


def _fix(change):
    from session_model.advice import Fix
    from session_model.advice_ga import replay

    return replay(Fix("test", change)).apply


@pytest.mark.parametrize(
    ("tools", "expected"),
    [
        (None, [_NEW]),
        ([_A], [_A, _NEW]),
        ([_MCP, _A], [_MCP, _A, _NEW]),
    ],
)
def test_a_replayed_fix_that_adds_a_function_tool_appends_it_and_keeps_the_mcp_servers(tools, expected):
    data = {"type": "realtime", **({"tools": tools} if tools is not None else {})}
    out = _fix(lambda flat: {**flat, "tools": [*flat.get("tools", []), _NEW]})(data)
    assert out == {"type": "realtime", "tools": expected}
    assert data.get("tools") == tools  # the draft itself is not changed


def test_a_replayed_fix_that_removes_function_tools_leaves_the_mcp_servers():
    data = {"type": "realtime", "tools": [_A, _MCP, _B]}
    assert _fix(lambda flat: {**flat, "tools": flat["tools"][1:]})(data) == {"type": "realtime", "tools": [_B, _MCP]}
    everything = _fix(lambda flat: {k: v for k, v in flat.items() if k != "tools"})(data)
    assert everything == {"type": "realtime", "tools": [_MCP]}
    assert _fix(lambda flat: {k: v for k, v in flat.items() if k != "tools"})(
        {"type": "realtime", "tools": [_A]}) == {"type": "realtime"}


def test_a_tool_a_replayed_fix_adds_is_a_copy_the_draft_does_not_share_with_the_fix():
    added = {"type": "function", "name": "new", "parameters": {"type": "object", "properties": {}}}
    out = _fix(lambda flat: {**flat, "tools": [added]})({"type": "realtime"})
    out["tools"][0]["parameters"]["properties"]["x"] = {"type": "string"}  # the user edits the draft later
    assert added["parameters"]["properties"] == {}
