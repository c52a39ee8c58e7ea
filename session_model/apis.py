"""The API targets a draft can be written for, and conversion between them with a report.

A draft's target is read from the draft itself, so drafts, autosaves, share links and
library versions carry it without a second field: ``"type": "realtime"`` is the
current voice-agent session, ``"type": "transcription"`` the current speech-to-text
session, and a session with no ``type`` is the retired flat (beta) shape. Pure: no
Streamlit here.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from form.messages import Problem, validate
from session_model.ga import GARealtimeSession, GATranscriptionSession
from session_model.models import RealtimeSession
from session_model.shapes import Converted, Drop, to_flat, to_nested

RETIRED_ON = "2026-05-12"


@dataclass(frozen=True)
class Api:
    """One target: the model that validates it and how the studio names it."""

    key: str
    title: str
    model: type[BaseModel]
    current: bool
    summary: str

    @property
    def blank(self) -> dict[str, Any]:
        """A new, empty draft for this target."""
        return {"type": self.key} if self.current else {}


APIS: dict[str, Api] = {
    api.key: api
    for api in (
        Api(
            "realtime",
            "Realtime (current API)",
            GARealtimeSession,
            True,
            "A voice agent as deployments send it today: nested audio settings, MCP tools, reasoning.",
        ),
        Api(
            "transcription",
            "Transcription (current API)",
            GATranscriptionSession,
            True,
            "Speech to text only: the audio input and its transcription, no voice and no replies.",
        ),
        Api(
            "flat",
            f"Realtime beta, flat (retired {RETIRED_ON})",
            RealtimeSession,
            False,
            f"The older flat shape. OpenAI retired it on {RETIRED_ON}: the API now refuses it. "
            "Kept to read old configs and for its temperature setting.",
        ),
    )
}
DEFAULT = APIS["realtime"]


def api_of(data: Any) -> Api:
    """The target a draft or session is written for (a session without ``type`` is the flat shape)."""
    if isinstance(data, Mapping) and "type" in data:
        return APIS["transcription"] if data.get("type") == "transcription" else APIS["realtime"]
    return APIS["flat"]


def blank_draft() -> dict[str, Any]:
    """The draft a new tab starts with: the current realtime session, nothing set."""
    return DEFAULT.blank


def check(data: Any) -> tuple[Api, BaseModel | None, list[Problem]]:
    """Validate a session against its own target: the target, the model (or None) and the problems."""
    api = api_of(data)
    model, problems = validate(api.model, data)
    return api, model, problems


# --- Switching target ------------------------------------------------------------------------

_TRANSCRIPTION_KEEPS = {"type", "audio", "include"}
_TRANSCRIPTION_INPUT = ("format", "noise_reduction", "transcription", "turn_detection")
NOT_IN_TRANSCRIPTION = "a transcription session only writes down speech: it has no {what}"
WHAT = {
    "model": "realtime model (its transcription model is under audio input)",
    "instructions": "instructions",
    "output_modalities": "replies",
    "max_output_tokens": "replies",
    "tools": "tools",
    "tool_choice": "tools",
    "parallel_tool_calls": "tools",
    "reasoning": "reasoning",
    "truncation": "conversation to trim",
    "tracing": "tracing",
    "prompt": "stored prompt",
}


def _realtime_to_transcription(session: dict[str, Any]) -> Converted:
    out = Converted({"type": "transcription"})
    for key, value in session.items():
        if key == "type":
            continue
        if key not in _TRANSCRIPTION_KEEPS:
            out.drops.append(Drop((key,), value, NOT_IN_TRANSCRIPTION.format(what=WHAT.get(key, key))))
        elif key == "audio" and isinstance(value, dict):
            audio_in = value.get("input")
            if "output" in value:
                out.drops.append(Drop(("audio", "output"), value["output"], NOT_IN_TRANSCRIPTION.format(what="voice")))
            if isinstance(audio_in, dict):
                out.data["audio"] = {"input": copy.deepcopy(audio_in)}
        else:
            out.data[key] = copy.deepcopy(value)
    return out


def _transcription_to_realtime(session: dict[str, Any]) -> Converted:
    data = copy.deepcopy(session)
    data["type"] = "realtime"
    return Converted(data)


def convert(data: dict[str, Any], target: Api) -> Converted:
    """Rewrite a session for another target; the report lists what moved and what could not be carried."""
    source = api_of(data)
    if source.key == target.key:
        return Converted(copy.deepcopy(data))
    if source.key == "flat":
        nested = to_nested(data)
        if target.key == "realtime":
            return nested
        onward = _realtime_to_transcription(nested.data)
        return Converted(onward.data, nested.changes, nested.drops + onward.drops, nested.unknown, nested.issues)
    if target.key == "flat":
        realtime = data if source.key == "realtime" else _transcription_to_realtime(data).data
        flat = to_flat(realtime)
        if flat.data.get("tools") == [] and realtime.get("tools"):
            del flat.data["tools"]  # every tool was an MCP server, left out and reported
        return flat
    if target.key == "transcription":
        return _realtime_to_transcription(data)
    return _transcription_to_realtime(data)
