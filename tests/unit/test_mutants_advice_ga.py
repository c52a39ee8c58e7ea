"""Advice on current-API drafts, pinned where mutation testing found the tests loose.

``python -m bench.mutation --module advice_ga`` measures it. These pin how a fix written for
the flat shape is replayed on a GA draft: where a flat path lives (``ga_path``), that a
setting the fix removes goes from its GA place, taking with it the containers it emptied, that
a null is a value like any other, and that the result shares nothing with what the fix
returned. Then the exact words, places and fixes of the rules only the current API has, with
the model facts written from the API reference (/work/shared/ga_session.md).
"""

from __future__ import annotations

import pytest

from session_model import known
from session_model.advice import Fix
from session_model.advice_ga import _remove, _set, advise_any, ga_path, replay
from session_model.ga import GARealtimeSession, GATranscriptionSession

# Written from the API reference: where the beta's flat keys live in a current-API session.
DRAFT = {
    "type": "realtime",
    "tools": [
        {"type": "mcp", "server_label": "docs", "server_url": "https://docs.example.com/mcp"},
        {"type": "function", "name": "lookup"},
        {"type": "mcp", "server_label": "crm", "server_url": "https://crm.example.com/mcp"},
        {"type": "function", "name": "book"},
    ],
}


def test_a_flat_function_index_skips_the_mcp_servers_before_it():
    assert ga_path(DRAFT, ("tools", 0, "name")) == ("tools", 1, "name")
    assert ga_path(DRAFT, ("tools", 1)) == ("tools", 3)
    assert ga_path(DRAFT, ("tools", 5, "name")) == ("tools", 5, "name")  # past the functions: kept as given
    assert ga_path({"tools": "not a list"}, ("tools", 0)) == ("tools", 0)


def test_moved_settings_and_others_keep_their_place():
    assert ga_path(DRAFT, ("voice",)) == ("audio", "output", "voice")
    assert ga_path(DRAFT, ("turn_detection", "threshold")) == ("audio", "input", "turn_detection", "threshold")
    assert ga_path(DRAFT, ("instructions",)) == ("instructions",)
    assert ga_path(DRAFT, ("tools",)) == ("tools",)
    assert ga_path(DRAFT, ()) == ()


def drop(key: str) -> Fix:
    return Fix(f"Remove {key}", lambda data: {k: v for k, v in data.items() if k != key})


def test_a_removal_takes_the_setting_and_the_containers_it_emptied():
    draft = {"type": "realtime", "audio": {"input": {"transcription": {"model": "whisper-1"}}}}
    assert replay(drop("input_audio_transcription")).apply(draft) == {"type": "realtime"}


def test_a_removal_keeps_containers_that_still_hold_settings():
    draft = {
        "type": "realtime",
        "instructions": "Be brief.",
        "audio": {
            "input": {"transcription": {"model": "whisper-1"}, "format": {"type": "audio/pcm", "rate": 24000}},
            "output": {"voice": "marin"},
        },
    }
    fixed = replay(drop("input_audio_transcription")).apply(draft)
    assert fixed == {
        "type": "realtime",
        "instructions": "Be brief.",
        "audio": {"input": {"format": {"type": "audio/pcm", "rate": 24000}}, "output": {"voice": "marin"}},
    }
    assert "transcription" in draft["audio"]["input"]  # the draft given is not changed


def test_removing_the_only_voice_leaves_the_input_alone():
    draft = {"type": "realtime", "audio": {"input": {"noise_reduction": None}, "output": {"voice": "marin"}}}
    fixed = replay(drop("voice")).apply(draft)
    assert fixed == {"type": "realtime", "audio": {"input": {"noise_reduction": None}}}


def test_a_top_level_removal_leaves_audio_alone():
    draft = {"type": "realtime", "instructions": "Be brief.", "audio": {"output": {"voice": "marin"}}}
    assert replay(drop("instructions")).apply(draft) == {"type": "realtime", "audio": {"output": {"voice": "marin"}}}


# ---- replaying a flat fix: values set to null, removed nulls, new containers, copies -------------


def test_a_setting_written_where_its_containers_are_missing_creates_them():
    draft = {"type": "realtime", "instructions": "Hi", "audio": {"input": {"format": {"type": "audio/pcmu"}}}}
    [item] = [a for a in advise_any(draft) if a.rule == "audio-formats-differ"]
    assert item.fix.apply(draft) == {
        "type": "realtime",
        "instructions": "Hi",
        "audio": {"input": {"format": {"type": "audio/pcmu"}}, "output": {"format": {"type": "audio/pcmu"}}},
    }


def test_a_fix_that_sets_a_setting_to_null_writes_the_null():
    turn_off = Fix("Turn turn-taking off", lambda data: {**data, "turn_detection": None})
    assert replay(turn_off).apply({"type": "realtime"}) == {
        "type": "realtime",
        "audio": {"input": {"turn_detection": None}},
    }


def test_a_fix_that_removes_a_null_setting_removes_it():
    draft = {"type": "realtime", "audio": {"input": {"turn_detection": None}}}
    assert replay(drop("turn_detection")).apply(draft) == {"type": "realtime"}


def test_a_replayed_fix_keeps_its_label_and_writes_settings_that_did_not_move():
    draft = {"type": "realtime", "instructions": "Hi", "tool_choice": "required"}
    [item] = [a for a in advise_any(draft) if a.rule == "tool-choice-required-without-tools"]
    assert item.fix.label == 'Set tool use to "auto"'
    assert item.fix.apply(draft) == {"type": "realtime", "instructions": "Hi", "tool_choice": "auto"}


# What a fix returns may be shared with its caller (here, module constants); the replayed draft never is.
SHARED_TOOL = {"type": "function", "name": "lookup", "parameters": {"type": "object", "properties": {}}}
SHARED_PROMPT = {"id": "pmpt_1", "variables": {"guest": "Ada"}}


def test_a_replayed_fix_shares_no_value_with_what_the_fix_returned():
    give = Fix("Use the shared values", lambda data: {**data, "tools": [SHARED_TOOL], "prompt": SHARED_PROMPT})
    draft = {"type": "realtime", "tools": [{"type": "function", "name": "lookup"}]}
    fixed = replay(give).apply(draft)
    assert fixed == {"type": "realtime", "tools": [SHARED_TOOL], "prompt": SHARED_PROMPT}
    fixed["tools"][0]["parameters"]["properties"]["x"] = {"type": "string"}
    fixed["prompt"]["variables"]["guest"] = "Bob"
    assert SHARED_TOOL["parameters"] == {"type": "object", "properties": {}}
    assert SHARED_PROMPT["variables"] == {"guest": "Ada"}


def test_set_and_remove_walk_lists_and_stop_at_anything_else():
    node = {"tools": [{"type": "function"}]}
    _set(node, ("tools", 0, "name"), "lookup")
    assert node == {"tools": [{"type": "function", "name": "lookup"}]}
    odd = {"audio": "marin"}
    _remove(odd, ("audio", "m", "voice"))  # "m" is in "marin", but a text is not a container
    assert odd == {"audio": "marin"}
    empty = {"type": "realtime", "audio": {"input": {}}}
    _remove(empty, ("audio", "input", "transcription"))  # not set: nothing to remove, empty groups still go
    assert empty == {"type": "realtime"}


# ---- flat rules in GA words -------------------------------------------------------------------


def test_a_flat_message_names_settings_by_their_ga_place():
    draft = {
        "type": "realtime",
        "instructions": "Hi",
        "output_modalities": ["text"],
        "audio": {"output": {"voice": "marin", "format": {"type": "audio/pcmu"}}},
    }
    [item] = [a for a in advise_any(draft) if a.rule == "text-only-voice-settings"]
    assert item.message == (
        "The agent replies with text only, so voice, audio.output.format have no effect. "
        "Remove them, or let the agent speak."
    )
    assert item.paths == (("audio", "output", "voice"), ("audio", "output", "format"))


# ---- rules only the current API has: exact words, places and fixes ------------------------------


def advice_of(data: dict, rule: str) -> list:
    return [a for a in advise_any(data) if a.rule == rule]


def test_a_shutdown_notice_without_a_replacement_lists_the_current_models():
    data = {"type": "realtime", "instructions": "Hi", "model": "gpt-realtime-mini"}
    [item] = advice_of(data, "model-shutdown")
    assert item.message == (
        "OpenAI has announced that gpt-realtime-mini shuts down on 2027-01-20; after that, sessions using it fail. "
        "The notice names no replacement; current models include gpt-realtime-2.1, gpt-realtime-2.1-mini, "
        "gpt-realtime-1.5."
    )
    assert item.fix.label == "Use gpt-realtime-2.1"


def test_a_shutdown_notice_with_a_replacement_names_it(monkeypatch):
    monkeypatch.setitem(known.SHUTDOWNS, "gpt-old", known.Shutdown("gpt-old", "2030-01-01", "gpt-new"))
    [item] = advice_of({"type": "realtime", "instructions": "Hi", "model": "gpt-old"}, "model-shutdown")
    assert item.message == (
        "OpenAI has announced that gpt-old shuts down on 2030-01-01; after that, sessions using it fail. "
        "OpenAI names gpt-new as its replacement."
    )


REASONING_ONLY = (
    "{what} only works with reasoning models (gpt-realtime-2 and later), and this session uses {shown}: "
    "the setting would be refused or ignored. Pick a reasoning model, or remove the setting."
)


@pytest.mark.parametrize(
    ("model", "shown"),
    [("gpt-realtime-1.5", "the model gpt-realtime-1.5"), (None, "the server's default model"), (5, None)],
    ids=["named", "unset", "not-text"],
)
def test_reasoning_settings_on_another_model_say_which_model_and_how_to_remove_them(model, shown):
    data = {"type": "realtime", "instructions": "Hi", "reasoning": {"effort": "low"}, "parallel_tool_calls": False}
    if model is not None:
        data["model"] = model
    shown = shown or "the server's default model"  # a model that is not text counts as unset
    items = advice_of(data, "reasoning-model-only")
    assert [(a.message, a.fix.label) for a in items] == [
        (REASONING_ONLY.format(what="Thinking effort", shown=shown), "Remove thinking effort"),
        (REASONING_ONLY.format(what="Several tools at once", shown=shown), "Remove several tools at once"),
    ]


def test_parallel_calls_without_tools_is_explained_and_removed():
    data = {"type": "realtime", "model": "gpt-realtime-2", "instructions": "Hi", "parallel_tool_calls": True}
    [item] = advice_of(data, "parallel-without-tools")
    assert item.message == "Several tools at once is on, but the agent has no tools, so it changes nothing."
    assert item.fix.label == "Remove it"
    assert item.fix.apply(data) == {"type": "realtime", "model": "gpt-realtime-2", "instructions": "Hi"}


MCP_DOCS = {"type": "mcp", "server_label": "docs", "server_url": "https://docs.example.com/mcp"}


def test_a_forced_mcp_server_counts_only_mcp_servers_by_their_label():
    forced = {"type": "mcp", "server_label": "docs"}
    present = {"type": "realtime", "instructions": "Hi", "tools": [None, MCP_DOCS], "tool_choice": forced}
    assert advice_of(present, "tool-choice-unknown-mcp") == []
    function_named_docs = {"type": "function", "name": "docs", "server_label": "docs"}
    absent = {"type": "realtime", "instructions": "Hi", "tools": [function_named_docs], "tool_choice": forced}
    [item] = advice_of(absent, "tool-choice-unknown-mcp")
    assert item.message == (
        'Tool use forces the MCP server "docs", but no MCP tool has that label. '
        "The session would be refused. Add the server or choose another tool use."
    )
    assert item.paths == (("tool_choice",), ("tools",))
    assert item.fix.label == 'Set tool use to "auto"'


NEVER_APPROVE = (
    'The MCP server "{label}" may run any of its tools without your app approving the call. That suits '
    "read-only servers; for a server whose tools change data, list the allowed tools or ask for approval."
)


def test_every_mcp_server_that_never_asks_is_named_after_the_tools_before_it():
    unlabelled = {"type": "mcp", "server_url": "https://crm.example.com/mcp", "require_approval": "never"}
    tools = [
        None,
        {"type": "function", "name": "lookup", "require_approval": "never"},
        {**MCP_DOCS, "require_approval": "never"},
        unlabelled,
    ]
    items = advice_of({"type": "realtime", "instructions": "Hi", "tools": tools}, "mcp-never-approve-all")
    assert [(a.message, a.paths) for a in items] == [
        (NEVER_APPROVE.format(label="docs"), (("tools", 2, "require_approval"),)),
        (NEVER_APPROVE.format(label="number 4"), (("tools", 3, "require_approval"),)),
    ]


# From the reference: delay only on gpt-realtime-whisper; languages and keywords on gpt-transcribe and
# gpt-live-transcribe; no prompt on gpt-realtime-whisper.
@pytest.mark.parametrize(
    ("model", "option", "value", "message", "label"),
    [
        (
            "gpt-transcribe",
            "delay",
            "low",
            "Wait before writing only works with gpt-realtime-whisper; gpt-transcribe ignores it or refuses the "
            "session.",
            "Remove wait before writing",
        ),
        (
            "gpt-realtime-whisper",
            "languages",
            ["en"],
            "Possible languages only works with gpt-transcribe and gpt-live-transcribe; gpt-realtime-whisper "
            "ignores it or refuses the session.",
            "Remove possible languages",
        ),
        (
            "gpt-realtime-whisper",
            "keywords",
            ["Acme"],
            "Keywords only works with gpt-transcribe and gpt-live-transcribe; gpt-realtime-whisper ignores it or "
            "refuses the session.",
            "Remove keywords",
        ),
        (
            "gpt-realtime-whisper",
            "prompt",
            "tech talk",
            "gpt-realtime-whisper does not take a transcription hint; remove it or pick another transcription model.",
            "Remove the transcription hint",
        ),
    ],
    ids=["delay", "languages", "keywords", "prompt"],
)
def test_an_unsupported_transcription_option_is_named_with_the_models_that_take_it(
    model, option, value, message, label
):
    data = {
        "type": "transcription",
        "audio": {"input": {"turn_detection": None, "transcription": {"model": model, option: value}}},
    }
    [item] = advice_of(data, "transcription-option-unsupported")
    assert (item.message, item.fix.label) == (message, label)


def test_whisper_transcription_with_turn_detection_says_how_to_work_without_it():
    data = {"type": "transcription", "audio": {"input": {"transcription": {"model": "gpt-realtime-whisper"}}}}
    [item] = advice_of(data, "transcription-turn-detection")
    assert item.message == (
        "gpt-realtime-whisper transcribes without turn detection: set Turn-taking to Off, and your app commits "
        "the audio when a piece is complete."
    )
    assert item.fix.label == "Turn turn-taking off"
    off = {"type": "transcription", "audio": {"input": {"transcription": {"model": "gpt-realtime-whisper"}}}}
    off["audio"]["input"]["turn_detection"] = None
    assert advice_of(off, "transcription-turn-detection") == []


# ---- validated sessions -----------------------------------------------------------------------


def test_a_validated_session_is_advised_on_what_was_set_only():
    realtime = GARealtimeSession.model_validate(
        {"type": "realtime", "instructions": "Hi", "model": "gpt-realtime-mini"}
    )
    assert [a.rule for a in advise_any(realtime)] == ["model-shutdown"]
    transcription = GATranscriptionSession.model_validate(
        {"type": "transcription", "audio": {"input": {"transcription": {"model": "whisper-1"}}}}
    )
    assert [a.rule for a in advise_any(transcription)] == ["model-shutdown"]
