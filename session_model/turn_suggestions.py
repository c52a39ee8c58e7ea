"""Suggested turn-taking settings for common situations, applicable in one click. Pure data.

Each suggestion sets whole top-level settings (turn detection, and noise reduction
where the microphone matters); everything else in the draft is left alone.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Suggestion:
    """A named set of turn-taking settings and why they suit the situation."""

    id: str
    title: str
    why: str
    settings: dict[str, Any] = field(default_factory=dict)

    def apply(self, draft: Mapping[str, Any]) -> dict[str, Any]:
        """A copy of the draft with this suggestion's settings in place."""
        return {**copy.deepcopy(dict(draft)), **copy.deepcopy(self.settings)}

    def matches(self, draft: Mapping[str, Any]) -> bool:
        """True when the draft already holds exactly these settings."""
        return all(draft.get(name) == value for name, value in self.settings.items())


SUGGESTIONS: tuple[Suggestion, ...] = (
    Suggestion(
        "phone",
        "Phone line",
        "Callers on a phone pause briefly and the line adds hiss: a little more patience and a slightly "
        "higher threshold, with a nudge if the line goes quiet.",
        {
            "turn_detection": {
                "type": "server_vad",
                "threshold": 0.6,
                "prefix_padding_ms": 300,
                "silence_duration_ms": 700,
                "idle_timeout_ms": 8000,
            },
            "input_audio_noise_reduction": {"type": "near_field"},
        },
    ),
    Suggestion(
        "kiosk",
        "Noisy kiosk",
        "People talk around a kiosk: a high threshold so chatter and footsteps do not count as speech, "
        "room-mic noise reduction, and a nudge when someone walks away mid-conversation.",
        {
            "turn_detection": {
                "type": "server_vad",
                "threshold": 0.8,
                "prefix_padding_ms": 400,
                "silence_duration_ms": 800,
                "idle_timeout_ms": 15000,
            },
            "input_audio_noise_reduction": {"type": "far_field"},
        },
    ),
    Suggestion(
        "learner",
        "Language learner who pauses",
        "Learners stop mid-sentence to find a word: semantic turn-taking with low eagerness waits "
        "after an unfinished sentence instead of jumping in.",
        {"turn_detection": {"type": "semantic_vad", "eagerness": "low"}},
    ),
    Suggestion(
        "sales",
        "Fast sales conversation",
        "Quick back-and-forth: a short silence ends the turn so the agent answers promptly, and the "
        "caller can cut in at any time.",
        {
            "turn_detection": {
                "type": "server_vad",
                "threshold": 0.5,
                "prefix_padding_ms": 200,
                "silence_duration_ms": 400,
                "interrupt_response": True,
            }
        },
    ),
)


def by_id(suggestion_id: str) -> Suggestion:
    """The suggestion with this id (KeyError if there is none)."""
    for suggestion in SUGGESTIONS:
        if suggestion.id == suggestion_id:
            return suggestion
    raise KeyError(suggestion_id)
