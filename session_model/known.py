"""Known ids for voices, realtime models and transcription models: the one place they live.

Users may always type an id that is not listed here (new models and custom voices
appear faster than any release of this tool); these lists only feed pickers and
suggestions.
"""

from __future__ import annotations

from typing import Literal

KNOWN_VOICES: tuple[str, ...] = (
    "alloy",
    "ash",
    "ballad",
    "coral",
    "echo",
    "sage",
    "shimmer",
    "verse",
    "marin",
    "cedar",
)

KNOWN_MODELS: tuple[str, ...] = (
    "gpt-realtime",
    "gpt-realtime-1.5",
    "gpt-realtime-2025-08-28",
    "gpt-realtime-mini",
    "gpt-realtime-mini-2025-10-06",
    "gpt-realtime-mini-2025-12-15",
    "gpt-4o-realtime-preview",
    "gpt-4o-realtime-preview-2024-10-01",
    "gpt-4o-realtime-preview-2024-12-17",
    "gpt-4o-realtime-preview-2025-06-03",
    "gpt-4o-mini-realtime-preview",
    "gpt-4o-mini-realtime-preview-2024-12-17",
    "gpt-audio-1.5",
    "gpt-audio-mini",
    "gpt-audio-mini-2025-10-06",
    "gpt-audio-mini-2025-12-15",
)

KNOWN_TRANSCRIPTION_MODELS: tuple[str, ...] = (
    "whisper-1",
    "gpt-4o-transcribe",
    "gpt-4o-mini-transcribe",
    "gpt-4o-mini-transcribe-2025-12-15",
    "gpt-4o-transcribe-diarize",
    "gpt-transcribe",
    "gpt-live-transcribe",
    "gpt-realtime-whisper",
)

# Literal types built from the lists above, so annotations and pickers share one source.
KnownVoice = Literal[KNOWN_VOICES]  # type: ignore[valid-type]
KnownModel = Literal[KNOWN_MODELS]  # type: ignore[valid-type]
KnownTranscriptionModel = Literal[KNOWN_TRANSCRIPTION_MODELS]  # type: ignore[valid-type]
