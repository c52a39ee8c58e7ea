"""Realistic current-API (GA) session configs for the benchmarks: a full config, N function tools, a varied corpus.

Every measured config is a ``"type": "realtime"`` session as the editor draws it today:
nested ``audio.input`` / ``audio.output``, function and MCP tools, reasoning, truncation.
``full_config`` is the retired flat shape, kept for tests that draw a long flat draft.
Deterministic (seeded), so every run measures the same work.
"""

from __future__ import annotations

import copy
import random
from typing import Any

from session_model.known import KNOWN_MODELS, KNOWN_TRANSCRIPTION_MODELS, KNOWN_VOICES, REASONING_MODELS

# The full config's model: a current reasoning model, so reasoning and parallel tool calls apply.
MODEL = "gpt-realtime-2.1"
# The MCP server of the full config; its token is a placeholder naming an environment variable.
MCP_TOOL: dict[str, Any] = {
    "type": "mcp",
    "server_label": "docs",
    "server_url": "https://docs.example.com/mcp",
    "authorization": "${DOCS_TOKEN}",
    "require_approval": "never",
}

# Tool templates in the style of a support or booking line: mixed types, enums, formats, nesting.
_TOOL_TEMPLATES: tuple[tuple[str, str, dict[str, Any]], ...] = (
    (
        "lookup_order",
        "Look up an order by its number when the caller asks where a delivery is.",
        {
            "type": "object",
            "properties": {
                "order_id": {"type": "string", "pattern": "^[A-Z]{2}-[0-9]{6}$", "description": "Order number"},
                "include_items": {"type": "boolean", "description": "Also read out the items"},
            },
            "required": ["order_id"],
            "additionalProperties": False,
        },
    ),
    (
        "book_appointment",
        "Book a visit once the caller has agreed on a day, a time and a branch.",
        {
            "type": "object",
            "properties": {
                "branch": {"type": "string", "enum": ["north", "south", "centre", "airport"]},
                "date": {"type": "string", "format": "date"},
                "time": {"type": "string", "pattern": "^[0-2][0-9]:[0-5][0-9]$"},
                "party_size": {"type": "integer", "minimum": 1, "maximum": 12},
                "notes": {"type": "string", "maxLength": 500},
            },
            "required": ["branch", "date", "time"],
        },
    ),
    (
        "refund_payment",
        "Start a refund after the caller confirmed the amount; never for more than the order total.",
        {
            "type": "object",
            "properties": {
                "order_id": {"type": "string"},
                "amount": {"type": "number", "exclusiveMinimum": 0},
                "currency": {"type": "string", "enum": ["EUR", "USD", "GBP"]},
                "reason": {"type": "string", "enum": ["damaged", "late", "wrong_item", "other"]},
            },
            "required": ["order_id", "amount", "currency"],
        },
    ),
    (
        "update_address",
        "Change the delivery address of an open order.",
        {
            "type": "object",
            "properties": {
                "order_id": {"type": "string"},
                "address": {
                    "type": "object",
                    "properties": {
                        "street": {"type": "string"},
                        "city": {"type": "string"},
                        "postcode": {"type": "string"},
                        "country": {"type": "string", "minLength": 2, "maxLength": 2},
                    },
                    "required": ["street", "city", "postcode", "country"],
                },
            },
            "required": ["order_id", "address"],
        },
    ),
    (
        "search_faq",
        "Search the help centre when the caller asks a general question.",
        {
            "type": "object",
            "properties": {
                "query": {"type": "string", "minLength": 3},
                "tags": {"type": "array", "items": {"type": "string"}, "maxItems": 5},
                "limit": {"type": "integer", "minimum": 1, "maximum": 10, "default": 3},
            },
            "required": ["query"],
        },
    ),
)


def function_tool(index: int) -> dict[str, Any]:
    """The index-th realistic function tool (names stay unique across any number of tools)."""
    name, description, parameters = _TOOL_TEMPLATES[index % len(_TOOL_TEMPLATES)]
    suffix = "" if index < len(_TOOL_TEMPLATES) else f"_{index // len(_TOOL_TEMPLATES)}"
    return {
        "type": "function",
        "name": f"{name}{suffix}",
        "description": description,
        "parameters": copy.deepcopy(parameters),
    }


INSTRUCTIONS = (
    "You are Sam, the voice of the Acme support line. Greet the caller by name when you know it, "
    "keep answers to two sentences, and confirm order numbers digit by digit. "
    "Never promise a delivery date the order system did not give you. "
    "If the caller is upset, acknowledge it once and move on to a fix. "
    "Transfer to a human when the caller asks twice."
)


def ga_config(functions: int = 3, mcp: bool = True) -> dict[str, Any]:
    """A GA session with every section filled in, as a designer would leave it: the editor's bench config.

    ``functions`` function tools, then (with ``mcp``) the docs MCP server.
    """
    tools = [function_tool(i) for i in range(functions)] + ([copy.deepcopy(MCP_TOOL)] if mcp else [])
    config: dict[str, Any] = {
        "type": "realtime",
        "instructions": INSTRUCTIONS,
        "model": MODEL,
        "reasoning": {"effort": "low"},
        "max_output_tokens": 1024,
        "output_modalities": ["audio"],
        "audio": {
            "input": {
                "format": {"type": "audio/pcm", "rate": 24000},
                "noise_reduction": {"type": "near_field"},
                "transcription": {"model": "gpt-transcribe", "language": "en"},
                "turn_detection": {
                    "type": "server_vad",
                    "threshold": 0.6,
                    "prefix_padding_ms": 300,
                    "silence_duration_ms": 650,
                    "idle_timeout_ms": None,
                    "interrupt_response": True,
                },
            },
            "output": {"format": {"type": "audio/pcm", "rate": 24000}, "voice": "marin", "speed": 1.1},
        },
        "include": ["item.input_audio_transcription.logprobs"],
        "tools": tools,
        "truncation": {"type": "retention_ratio", "retention_ratio": 0.8, "token_limits": {"post_instructions": 8000}},
        "tracing": {"workflow_name": "support-line", "metadata": {"team": "support", "tier": 2}},
    }
    if tools:
        config["tool_choice"] = "auto"
        config["parallel_tool_calls"] = True
    return config


def corpus(size: int = 200, seed: int = 6) -> list[dict[str, Any]]:
    """Valid, varied GA configs: voices, models, both turn-taking modes, push-to-talk, 0 to 8 functions, MCP or not."""
    rng = random.Random(seed)
    configs = []
    for _ in range(size):
        config = ga_config(functions=rng.randint(0, 8), mcp=rng.random() < 0.5)
        config["model"] = rng.choice(KNOWN_MODELS)
        if config["model"] not in REASONING_MODELS:  # only reasoning models take these
            config.pop("reasoning")
            config.pop("parallel_tool_calls", None)
        audio_in, audio_out = config["audio"]["input"], config["audio"]["output"]
        audio_out["voice"] = rng.choice(KNOWN_VOICES)
        audio_out["speed"] = round(rng.uniform(0.5, 1.5), 2)
        audio_in["transcription"]["model"] = rng.choice(KNOWN_TRANSCRIPTION_MODELS)
        if rng.random() < 0.2:
            phone = {"type": rng.choice(["audio/pcmu", "audio/pcma"])}
            audio_in["format"], audio_out["format"] = phone, dict(phone)
        mode = rng.random()
        if mode < 0.4:
            audio_in["turn_detection"] = {"type": "semantic_vad", "eagerness": rng.choice(["low", "medium", "high"])}
        elif mode < 0.5:
            audio_in["turn_detection"] = None
        for optional in ("tracing", "include", "max_output_tokens", "truncation"):
            if rng.random() < 0.3:
                del config[optional]
        if rng.random() < 0.3:
            del audio_in["noise_reduction"]
        configs.append(config)
    return configs


def full_config(tools: int = 2) -> dict[str, Any]:
    """The retired flat (beta) shape of a full config, with ``tools`` function tools.

    Not measured by the bench any more (the editor's config is ``ga_config``); kept for the
    tests that draw or validate a long flat draft.
    """
    functions = [function_tool(i) for i in range(tools)]
    config: dict[str, Any] = {
        "instructions": INSTRUCTIONS,
        "model": "gpt-realtime",
        "temperature": 0.7,
        "max_response_output_tokens": 1024,
        "modalities": ["audio", "text"],
        "voice": "marin",
        "speed": 1.1,
        "output_audio_format": "pcm16",
        "turn_detection": {
            "type": "server_vad",
            "threshold": 0.6,
            "prefix_padding_ms": 300,
            "silence_duration_ms": 650,
            "idle_timeout_ms": None,
            "interrupt_response": True,
        },
        "input_audio_format": "pcm16",
        "input_audio_noise_reduction": {"type": "near_field"},
        "input_audio_transcription": {"model": "gpt-4o-transcribe", "language": "en"},
        "include": ["item.input_audio_transcription.logprobs"],
        "tools": functions,
        "tracing": {"workflow_name": "support-line", "metadata": {"team": "support", "tier": 2}},
    }
    if functions:
        config["tool_choice"] = "auto"
    return config
