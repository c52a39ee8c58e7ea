"""Short plain-words summaries of a session for cards and lists: the voice and the turn-taking.

They read JSON-shaped data defensively (a draft may be invalid), so any value works, in
any shape: a GA session is read through its flat view.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def _seconds(ms: Any) -> str:
    return f"{ms / 1000:g} s" if isinstance(ms, (int, float)) and not isinstance(ms, bool) else "?"


def _view(data: Mapping[str, Any]) -> Mapping[str, Any]:
    """The flat view of a GA session (the flat shape names what these summaries read)."""
    if "type" not in data:
        return data
    from session_model.shapes import to_flat  # here: shapes imports the models, describe stays light

    ga = dict(data)
    if ga.get("type") == "transcription":
        ga = {**ga, "type": "realtime", "output_modalities": ["text"]}
    return to_flat(ga).data


def transcribes_only(data: Mapping[str, Any]) -> bool:
    """True for a transcription session (speech to text, no agent)."""
    return data.get("type") == "transcription"


def speaks(data: Mapping[str, Any]) -> bool:
    """True unless the session replies with text only."""
    data = _view(data)
    modalities = data.get("modalities")
    return not (isinstance(modalities, list) and "audio" not in modalities)


def voice(data: Mapping[str, Any]) -> str:
    """The voice and pace in a few words: "marin, slower than natural (0.85×)"."""
    if transcribes_only(data):
        return "No voice: transcription only"
    data = _view(data)
    if not speaks(data):
        return "No voice: replies in text only"
    name = data.get("voice") if isinstance(data.get("voice"), str) else "the server's standard voice"
    speed = data.get("speed")
    if not isinstance(speed, (int, float)) or isinstance(speed, bool) or speed == 1.0:
        return f"{name}, natural pace"
    pace = "slower" if speed < 1.0 else "faster"
    return f"{name}, {pace} than natural ({speed:g}×)"


_EAGERNESS = {
    "low": "waits patiently for the caller to finish",
    "medium": "replies at a natural moment",
    "auto": "replies at a natural moment",
    "high": "replies quickly",
}


def turn_taking(data: Mapping[str, Any]) -> str:
    """How the agent knows the caller has finished, in one sentence."""
    transcribing = transcribes_only(data)
    data = _view(data)
    if transcribing:
        return _pieces(data.get("turn_detection", _UNSET))
    return _turn_words(data)


_UNSET = object()


def _pieces(turn: Any) -> str:
    """How a transcription session cuts the audio into pieces to write down."""
    if turn is _UNSET:
        return "Transcribes each piece after a short silence (server default)"
    if turn is None:
        return "Transcribes when your app says a piece is complete"
    if isinstance(turn, Mapping) and turn.get("type") == "semantic_vad":
        return "Transcribes each finished sentence"
    if isinstance(turn, Mapping):
        return f"Transcribes each piece after {_seconds(turn.get('silence_duration_ms', 500))} of silence"
    return "Not readable yet (fix the turn-taking setting)"


def _turn_words(data: Mapping[str, Any]) -> str:
    if "turn_detection" not in data and not speaks(data) and "type" not in data:
        return "Replies to each written message (turn-taking only matters for spoken input)"
    if "turn_detection" not in data:
        return "Server default: answers after a short silence (0.5 s)"
    turn = data["turn_detection"]
    if turn is None:
        return "Push-to-talk: your app says when the caller has finished"
    if not isinstance(turn, Mapping):
        return "Not readable yet (fix the turn-taking setting)"
    if turn.get("type") == "semantic_vad":
        eagerness = turn.get("eagerness", "auto")
        return f"Listens to meaning: {_EAGERNESS.get(eagerness, 'replies at a natural moment')}"
    parts = [f"Answers after {_seconds(turn.get('silence_duration_ms', 500))} of silence"]
    threshold = turn.get("threshold", 0.5)
    if isinstance(threshold, (int, float)) and threshold >= 0.7:
        parts.append("ignores quiet background sound")
    if turn.get("idle_timeout_ms") is not None:
        parts.append(f"speaks up after {_seconds(turn.get('idle_timeout_ms'))} of quiet")
    if turn.get("interrupt_response") is False:
        parts.append("cannot be interrupted")
    return ", ".join(parts)
