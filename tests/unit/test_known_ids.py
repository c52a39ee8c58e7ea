"""The known ids follow the pinned SDK: its Literal types and the shutdowns its docstrings announce."""

from __future__ import annotations

import re
import typing
from pathlib import Path

import openai
from openai.types.realtime import realtime_tools_config_union as tools_union
from openai.types.realtime.audio_transcription import AudioTranscription
from openai.types.realtime.realtime_audio_config_output import Voice
from openai.types.realtime.realtime_session_create_request import RealtimeSessionCreateRequest

from session_model import known

REALTIME = Path(openai.__file__).parent / "types" / "realtime"


def literals(annotation: typing.Any) -> set[str]:
    """Every string of the Literal types inside an annotation."""
    if typing.get_origin(annotation) is typing.Literal:
        return {a for a in typing.get_args(annotation) if isinstance(a, str)}
    return {value for arg in typing.get_args(annotation) for value in literals(arg)}


def announced(module: str) -> dict[str, str]:
    """model -> shutdown date, as a docstring of the SDK announces it."""
    text = (REALTIME / module).read_text()
    found: dict[str, str] = {}
    for block in re.finditer(r"- ((?:\"[^\"]+\",?\s*)+):\s*Announced shutdown date:\s*(\d{4}-\d{2}-\d{2})", text):
        for model in re.findall(r"\"([^\"]+)\"", block.group(1)):
            found[model] = block.group(2)
    return found


def test_the_realtime_models_are_the_sdks():
    assert set(known.KNOWN_MODELS) == literals(RealtimeSessionCreateRequest.model_fields["model"].annotation)


def test_the_transcription_models_are_the_sdks():
    assert set(known.KNOWN_TRANSCRIPTION_MODELS) == literals(AudioTranscription.model_fields["model"].annotation)


def test_the_voices_and_connectors_are_the_sdks():
    assert set(known.KNOWN_VOICES) == literals(Voice)
    assert set(known.MCP_CONNECTORS) == literals(tools_union.Mcp.model_fields["connector_id"].annotation)


def test_every_announced_shutdown_is_known_with_its_date():
    sdk = {**announced("realtime_session_create_request.py"), **announced("audio_transcription.py")}
    assert len(sdk) == 11  # six realtime models, five transcription models
    assert {model: notice.date for model, notice in known.SHUTDOWNS.items()} == sdk


def test_the_beta_target_lists_only_models_it_had():
    assert "gpt-realtime-2" not in known.FLAT_MODELS and "gpt-realtime-1.5" in known.FLAT_MODELS


def test_a_picker_label_names_the_shutdown_date():
    assert known.shutdown_label("gpt-realtime-mini") == "gpt-realtime-mini (shuts down 2027-01-20)"
    assert known.shutdown_label("gpt-realtime-2.1") == "gpt-realtime-2.1"
