"""Short plain-words summaries of a session for cards and lists: the voice and the turn-taking.

They read JSON-shaped data defensively (a draft may be invalid), so any value works.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def _seconds(ms: Any) -> str:
    return f"{ms / 1000:g} s" if isinstance(ms, (int, float)) and not isinstance(ms, bool) else "?"


def speaks(data: Mapping[str, Any]) -> bool:
    """True unless the session replies with text only."""
    modalities = data.get("modalities")
    return not (isinstance(modalities, list) and "audio" not in modalities)


def voice(data: Mapping[str, Any]) -> str:
    """The voice and pace in a few words: "marin, slower than natural (0.85×)"."""
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
    if "turn_detection" not in data and not speaks(data):
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
