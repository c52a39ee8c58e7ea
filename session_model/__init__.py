"""The Realtime session: models, export policy, conversions and command line. No Streamlit here."""

from session_model.models import (
    FunctionTool,
    NoiseReduction,
    PromptReference,
    RealtimeSession,
    SemanticVad,
    ServerVad,
    TracingConfiguration,
    Transcription,
)

__all__ = [
    "FunctionTool",
    "NoiseReduction",
    "PromptReference",
    "RealtimeSession",
    "SemanticVad",
    "ServerVad",
    "TracingConfiguration",
    "Transcription",
]
