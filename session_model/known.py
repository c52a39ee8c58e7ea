"""Known ids for voices, realtime models, transcription models and MCP connectors: the one place they live.

Users may always type an id that is not listed here (new models and custom voices
appear faster than any release of this tool); these lists only feed pickers,
suggestions and advice. They follow the pinned ``openai`` package
(``openai/types/realtime/``): when it is upgraded, compare these lists with its
``Literal`` types (a test does) and copy any new shutdown dates from its docstrings.
"""

from __future__ import annotations

from dataclasses import dataclass
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
RECOMMENDED_VOICES: tuple[str, ...] = ("marin", "cedar")

# The realtime models the current (GA) session accepts, in the SDK's order.
KNOWN_MODELS: tuple[str, ...] = (
    "gpt-realtime",
    "gpt-realtime-1.5",
    "gpt-realtime-2",
    "gpt-realtime-2.1",
    "gpt-realtime-2.1-mini",
    "gpt-realtime-2025-08-28",
    "gpt-4o-realtime-preview",
    "gpt-4o-realtime-preview-2024-10-01",
    "gpt-4o-realtime-preview-2024-12-17",
    "gpt-4o-realtime-preview-2025-06-03",
    "gpt-4o-mini-realtime-preview",
    "gpt-4o-mini-realtime-preview-2024-12-17",
    "gpt-realtime-mini",
    "gpt-realtime-mini-2025-10-06",
    "gpt-realtime-mini-2025-12-15",
    "gpt-audio-1.5",
    "gpt-audio-mini",
    "gpt-audio-mini-2025-10-06",
    "gpt-audio-mini-2025-12-15",
)
# The models the retired flat (beta) session listed; kept for that target's picker.
FLAT_MODELS: tuple[str, ...] = tuple(
    m for m in KNOWN_MODELS if m not in ("gpt-realtime-2", "gpt-realtime-2.1", "gpt-realtime-2.1-mini")
)
# Models that think before they answer: only they take ``reasoning`` and ``parallel_tool_calls``.
REASONING_MODELS: tuple[str, ...] = ("gpt-realtime-2", "gpt-realtime-2.1", "gpt-realtime-2.1-mini")

KNOWN_TRANSCRIPTION_MODELS: tuple[str, ...] = (
    "whisper-1",
    "gpt-transcribe",
    "gpt-live-transcribe",
    "gpt-4o-mini-transcribe",
    "gpt-4o-mini-transcribe-2025-12-15",
    "gpt-4o-transcribe",
    "gpt-4o-transcribe-diarize",
    "gpt-realtime-whisper",
)
# Per-model rules of the transcription options, from the SDK's docstrings.
TRANSCRIPTION_DELAY_MODELS: tuple[str, ...] = ("gpt-realtime-whisper",)
TRANSCRIPTION_NO_PROMPT_MODELS: tuple[str, ...] = ("gpt-realtime-whisper",)
TRANSCRIPTION_LANGUAGES_MODELS: tuple[str, ...] = ("gpt-transcribe", "gpt-live-transcribe")
TRANSCRIPTION_KEYWORDS_MODELS: tuple[str, ...] = ("gpt-transcribe", "gpt-live-transcribe")
# gpt-realtime-whisper transcribes without turn detection: its sessions must send null.
NO_TURN_DETECTION_MODELS: tuple[str, ...] = ("gpt-realtime-whisper",)

MCP_CONNECTORS: tuple[str, ...] = (
    "connector_dropbox",
    "connector_gmail",
    "connector_googlecalendar",
    "connector_googledrive",
    "connector_microsoftteams",
    "connector_outlookcalendar",
    "connector_outlookemail",
    "connector_sharepoint",
)
CONNECTOR_NAMES: dict[str, str] = {
    "connector_dropbox": "Dropbox",
    "connector_gmail": "Gmail",
    "connector_googlecalendar": "Google Calendar",
    "connector_googledrive": "Google Drive",
    "connector_microsoftteams": "Microsoft Teams",
    "connector_outlookcalendar": "Outlook Calendar",
    "connector_outlookemail": "Outlook Email",
    "connector_sharepoint": "SharePoint",
}


@dataclass(frozen=True)
class Shutdown:
    """A model OpenAI has announced it will switch off, and what to move to (when the notice names it)."""

    model: str
    date: str  # ISO date, as announced
    replacement: str | None = None


# Announced in the pinned SDK's docstrings (RealtimeSessionCreateRequest.model, AudioTranscription.model).
# The notices do not name replacements; the advice suggests the current models instead.
SHUTDOWNS: dict[str, Shutdown] = {
    s.model: s
    for s in (
        *(
            Shutdown(m, "2027-01-20")
            for m in (
                "gpt-realtime",
                "gpt-realtime-2025-08-28",
                "gpt-realtime-mini",
                "gpt-realtime-mini-2025-12-15",
                "gpt-audio-mini",
                "gpt-audio-mini-2025-12-15",
            )
        ),
        *(
            Shutdown(m, "2027-02-26")
            for m in (
                "whisper-1",
                "gpt-4o-mini-transcribe",
                "gpt-4o-mini-transcribe-2025-12-15",
                "gpt-4o-transcribe",
                "gpt-4o-transcribe-diarize",
            )
        ),
    )
}
# What the advice suggests instead of a model that is going away (not an official mapping).
CURRENT_REALTIME_MODELS: tuple[str, ...] = ("gpt-realtime-2.1", "gpt-realtime-2.1-mini", "gpt-realtime-1.5")
CURRENT_TRANSCRIPTION_MODELS: tuple[str, ...] = ("gpt-transcribe", "gpt-live-transcribe")


def shutdown_label(model: str) -> str:
    """A picker label: the id, and its shutdown date when one is announced."""
    notice = SHUTDOWNS.get(model)
    return f"{model} (shuts down {notice.date})" if notice else model


# Literal types built from the lists above, so annotations and pickers share one source.
KnownVoice = Literal[KNOWN_VOICES]  # type: ignore[valid-type]
KnownModel = Literal[KNOWN_MODELS]  # type: ignore[valid-type]
KnownFlatModel = Literal[FLAT_MODELS]  # type: ignore[valid-type]
KnownTranscriptionModel = Literal[KNOWN_TRANSCRIPTION_MODELS]  # type: ignore[valid-type]
KnownConnector = Literal[MCP_CONNECTORS]  # type: ignore[valid-type]
