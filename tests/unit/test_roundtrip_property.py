"""Property: flat -> nested -> flat gives back the same config for every field both shapes carry.

Configs are generated from the model's own constraints (bounds, choices, variants, nullable
fields). The fields the nested shape cannot carry (temperature; the server-only id, object and
expires_at) must be exactly the ones reported as left out. ``modalities`` is carried as "audio
or text only": the nested shape has one value, so ``["audio"]`` and ``["audio", "text"]`` come
back as ``["text", "audio"]`` (same meaning: speech with a transcript).
"""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from session_model.export import export_session
from session_model.known import KNOWN_MODELS, KNOWN_TRANSCRIPTION_MODELS, KNOWN_VOICES
from session_model.models import RealtimeSession
from session_model.shapes import NO_NESTED_EQUIVALENT, SERVER_ONLY, to_flat, to_nested

text = st.text(max_size=40)
word = st.text(min_size=1, max_size=20)
tool_name = st.from_regex(r"[A-Za-z0-9_-]{1,20}", fullmatch=True)
bools = st.booleans()


def optional(**fields: st.SearchStrategy) -> st.SearchStrategy[dict[str, Any]]:
    """An object where each field may be left out."""
    return st.fixed_dictionaries({}, optional=fields)


server_vad = optional(
    threshold=st.floats(0.0, 1.0),
    prefix_padding_ms=st.integers(0, 2000),
    silence_duration_ms=st.integers(0, 5000),
    idle_timeout_ms=st.none() | st.integers(5000, 30000),
    create_response=bools,
    interrupt_response=bools,
).map(lambda d: {"type": "server_vad", **d})
semantic_vad = optional(
    eagerness=st.sampled_from(["low", "medium", "high", "auto"]), create_response=bools, interrupt_response=bools
).map(lambda d: {"type": "semantic_vad", **d})
schema = st.fixed_dictionaries(
    {"type": st.just("object")},
    optional={"properties": st.dictionaries(word, st.sampled_from([{"type": "string"}, {"type": "integer"}]),
                                            max_size=3)},
)


@st.composite
def tools_and_choice(draw: st.DrawFn) -> dict[str, Any]:
    names = draw(st.lists(tool_name, max_size=3, unique=True))
    tools = [
        {"type": "function", "name": n, **draw(optional(description=text, parameters=schema))} for n in names
    ]
    out: dict[str, Any] = {}
    if tools or draw(bools):
        out["tools"] = tools
    if draw(bools):
        out["tool_choice"] = draw(st.sampled_from(["auto", "none", "required", *names]))
    return out


flat_configs = st.builds(
    lambda base, tools: {**base, **tools},
    optional(
        instructions=text,
        model=st.sampled_from(KNOWN_MODELS) | word,
        temperature=st.floats(0.6, 1.2),
        max_response_output_tokens=st.integers(1, 4096) | st.just("inf"),
        modalities=st.sampled_from([["text"], ["text", "audio"], ["audio"], ["audio", "text"]]),
        voice=st.sampled_from(KNOWN_VOICES) | word,
        speed=st.floats(0.25, 1.5),
        output_audio_format=st.sampled_from(["pcm16", "g711_ulaw", "g711_alaw"]),
        input_audio_format=st.sampled_from(["pcm16", "g711_ulaw", "g711_alaw"]),
        turn_detection=st.none() | server_vad | semantic_vad,
        input_audio_noise_reduction=st.none() | st.builds(dict, type=st.sampled_from(["near_field", "far_field"])),
        input_audio_transcription=st.none() | optional(
            model=st.sampled_from(KNOWN_TRANSCRIPTION_MODELS) | word,
            language=st.from_regex(r"[a-z]{2}", fullmatch=True),
            prompt=text,
        ),
        include=st.none() | st.just(["item.input_audio_transcription.logprobs"]),
        tracing=st.none() | st.just("auto") | optional(
            workflow_name=text, group_id=text, metadata=st.dictionaries(word, text | st.integers(), max_size=2)
        ),
        prompt=st.none() | st.builds(
            lambda pid, extra: {"id": pid, **extra},
            word,
            optional(version=st.none() | word, variables=st.none() | st.dictionaries(
                word, text | st.builds(lambda t: {"type": "input_text", "text": t}, text), max_size=2)),
        ),
        id=st.from_regex(r"sess_[a-z0-9]{4}", fullmatch=True),
        object=st.just("realtime.session"),
        expires_at=st.integers(0, 2**31),
    ),
    tools_and_choice(),
)

NOT_CARRIED = {*NO_NESTED_EQUIVALENT, *SERVER_ONLY}


@settings(max_examples=300, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(flat_configs)
def test_flat_to_nested_to_flat_keeps_every_field_both_shapes_carry(config):
    session = RealtimeSession.model_validate(config)  # generated within the model's constraints
    flat = export_session(session)
    there = to_nested(flat)
    back = to_flat(there.data)

    assert not back.issues and not back.unknown and not back.drops
    expected = {k: v for k, v in flat.items() if k not in NOT_CARRIED}
    if "modalities" in expected:
        expected["modalities"] = ["text", "audio"] if "audio" in expected["modalities"] else ["text"]
    assert back.data == expected
    assert {d.path[0] for d in there.drops} == set(flat) & NOT_CARRIED
    # What comes back is itself a valid session that exports to the same thing.
    assert export_session(RealtimeSession.model_validate(back.data)) == expected
