"""Advice that reads the whole session: traps the schema alone cannot express.

Each rule looks at a JSON-shaped session (a draft that may still be invalid, an
imported file, or an export) and says, in plain words, what a caller or the team
building the app will notice. A rule has a severity:

- ``error``: the session will not work as intended (the API rejects it, or a
  setting contradicts another);
- ``warning``: it works, but probably not the way the designer expects;
- ``tip``: worth knowing before going live.

Where a safe change exists, the advice carries a one-click fix: a pure function
from a draft to a new draft (the input is never modified).

Rules read the data defensively: a value of the wrong type is treated as "not
set" here, because validation already reports it in its own words.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from session_model.models import PROMPT_CONTENT_TYPES, TOOL_CHOICE_MODES

Severity = Literal["error", "warning", "tip"]
Path = tuple[str | int, ...]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "tip")

# Where the server's defaults matter to a rule; kept equal to the model's defaults.
DEFAULT_FORMAT = "pcm16"
LOGPROBS = "item.input_audio_transcription.logprobs"
RECOMMENDED_TEMPERATURE = 0.8
LONG_INSTRUCTIONS_WORDS = 1000
SHORT_REPLY_TOKENS = 200


@dataclass(frozen=True)
class Fix:
    """A one-click change: ``apply`` returns a corrected copy of a draft."""

    label: str
    apply: Callable[[Mapping[str, Any]], dict[str, Any]]


@dataclass(frozen=True)
class Advice:
    """One piece of advice about a session, tied to the fields it concerns."""

    rule: str
    severity: Severity
    message: str
    paths: tuple[Path, ...]
    fix: Fix | None = None


@dataclass(frozen=True)
class Rule:
    """A named check over a whole session."""

    id: str
    severity: Severity
    title: str
    check: Callable[[Mapping[str, Any]], Iterator[tuple[str, tuple[Path, ...], Fix | None]]]


RULES: list[Rule] = []


def rule(
    id: str, severity: Severity, title: str
) -> Callable[[Callable[[Mapping[str, Any]], Iterator[Any]]], Callable[[Mapping[str, Any]], Iterator[Any]]]:
    """Register a rule; the function yields ``(message, paths, fix or None)`` for each finding."""

    def wrap(fn: Callable[[Mapping[str, Any]], Iterator[Any]]) -> Callable[[Mapping[str, Any]], Iterator[Any]]:
        RULES.append(Rule(id, severity, title, fn))
        return fn

    return wrap


def advise(data: Mapping[str, Any] | Any) -> list[Advice]:
    """Run every rule over a session dict (or a validated session); errors first, then warnings, then tips."""
    if hasattr(data, "model_dump"):
        data = data.model_dump(mode="json", exclude_unset=True)
    if not isinstance(data, Mapping):
        return []
    found = [
        Advice(r.id, r.severity, message, tuple(paths), fix)
        for r in RULES
        for message, paths, fix in r.check(data)
    ]
    return sorted(found, key=lambda a: SEVERITIES.index(a.severity))


def rule_ids() -> list[str]:
    """The ids of every registered rule, in registration order."""
    return [r.id for r in RULES]


# ---- reading a draft that may be invalid --------------------------------------------------------


def _dict(value: Any) -> dict[str, Any] | None:
    return value if isinstance(value, dict) else None


def _number(value: Any) -> float | None:
    return value if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _tools(data: Mapping[str, Any]) -> list[Any]:
    tools = data.get("tools")
    return tools if isinstance(tools, list) else []


def _tool_names(data: Mapping[str, Any]) -> list[str]:
    return [t["name"] for t in _tools(data) if isinstance(t, dict) and isinstance(t.get("name"), str)]


def _turn(data: Mapping[str, Any]) -> dict[str, Any] | None:
    return _dict(data.get("turn_detection"))


def _server_vad(data: Mapping[str, Any]) -> dict[str, Any] | None:
    turn = _turn(data)
    return turn if turn is not None and turn.get("type") == "server_vad" else None


def _speaks(data: Mapping[str, Any]) -> bool:
    modalities = data.get("modalities")
    return not (isinstance(modalities, list) and modalities and "audio" not in modalities)


def _format(data: Mapping[str, Any], name: str) -> str:
    value = data.get(name)
    return value if isinstance(value, str) else DEFAULT_FORMAT


def _seconds(ms: float) -> str:
    return f"{ms / 1000:.1f} s"


# ---- building fixes -----------------------------------------------------------------------------


def _edit(data: Mapping[str, Any], path: Path, value: Any, *, remove: bool = False) -> dict[str, Any]:
    out = copy.deepcopy(dict(data))
    node: Any = out
    for part in path[:-1]:
        child = node[part] if isinstance(node, list) else node.get(part)
        if not isinstance(child, (dict, list)):
            child = {}
            node[part] = child
        node = child
    if remove:
        if isinstance(node, dict):
            node.pop(path[-1], None)
    else:
        node[path[-1]] = value
    return out


def setting(label: str, path: Path, value: Any) -> Fix:
    """A fix that sets one field."""
    return Fix(label, lambda data: _edit(data, path, copy.deepcopy(value)))


def removing(label: str, *paths: Path) -> Fix:
    """A fix that returns fields to 'not set'."""

    def apply(data: Mapping[str, Any]) -> dict[str, Any]:
        out = copy.deepcopy(dict(data))
        for path in paths:
            out = _edit(out, path, None, remove=True)
        return out

    return Fix(label, apply)


# ---- tools --------------------------------------------------------------------------------------

AUTO = setting('Set tool use to "auto"', ("tool_choice",), "auto")


@rule("tool-choice-unknown", "error", "Tool use names a function that is not defined")
def _tool_choice_unknown(data: Mapping[str, Any]) -> Iterator[Any]:
    choice = _text(data.get("tool_choice"))
    if choice and choice not in TOOL_CHOICE_MODES and choice not in _tool_names(data):
        yield (
            f'Tool use is set to "{choice}", but no tool has that name. The agent cannot call a '
            "function that does not exist, so the session will be refused. Add the tool or pick another choice.",
            (("tool_choice",),),
            AUTO,
        )


@rule("tool-choice-required-without-tools", "error", "Tool use is required but there are no tools")
def _required_without_tools(data: Mapping[str, Any]) -> Iterator[Any]:
    if data.get("tool_choice") == "required" and not _tools(data):
        yield (
            'Tool use is "required" (call a tool on every reply), but no tools are defined, so the agent '
            "has nothing to call. Add a tool or let the agent decide.",
            (("tool_choice",), ("tools",)),
            AUTO,
        )


@rule("tools-never-used", "warning", "Tools are defined but tool use is none")
def _tools_never_used(data: Mapping[str, Any]) -> Iterator[Any]:
    if data.get("tool_choice") == "none" and _tools(data):
        yield (
            f'Tool use is "none", so the agent will never call the {len(_tools(data))} tool(s) defined. '
            "Callers asking for something a tool does (an order status, a booking) get no real answer.",
            (("tool_choice",), ("tools",)),
            AUTO,
        )


@rule("tool-without-description", "warning", "A tool has no description")
def _tool_without_description(data: Mapping[str, Any]) -> Iterator[Any]:
    for index, tool in enumerate(_tools(data)):
        if isinstance(tool, dict) and not (_text(tool.get("description")) or "").strip():
            name = _text(tool.get("name")) or f"number {index + 1}"
            yield (
                f'Tool "{name}" has no description. The agent decides when to call a tool from its '
                "description alone, so without one it will call it at the wrong moments or never.",
                (("tools", index, "description"),),
                None,
            )


def _accepts_anything(parameters: Any) -> bool:
    if not isinstance(parameters, dict):
        return True
    return not parameters.get("properties") and parameters.get("additionalProperties") is not False


NO_ARGUMENTS = {"type": "object", "properties": {}, "additionalProperties": False}


@rule("tool-parameters-accept-anything", "warning", "A tool's parameters accept anything")
def _tool_parameters_open(data: Mapping[str, Any]) -> Iterator[Any]:
    for index, tool in enumerate(_tools(data)):
        if isinstance(tool, dict) and _accepts_anything(tool.get("parameters")):
            name = _text(tool.get("name")) or f"number {index + 1}"
            yield (
                f'Tool "{name}" does not list its parameters, so the agent may send it any arguments '
                "(or none) and your code must cope. List each parameter, or say it takes none.",
                (("tools", index, "parameters"),),
                setting(f'Say "{name}" takes no arguments', ("tools", index, "parameters"), NO_ARGUMENTS),
            )


# ---- turn-taking --------------------------------------------------------------------------------


@rule("turn-taking-off", "warning", "Turn detection is off (push-to-talk)")
def _turn_taking_off(data: Mapping[str, Any]) -> Iterator[Any]:
    if "turn_detection" in data and data["turn_detection"] is None:
        yield (
            "Turn-taking is off: the agent never notices on its own that the caller has stopped talking. "
            "Your app must send the caller's audio, mark the end of each turn and ask for every reply "
            "itself, like a push-to-talk button.",
            (("turn_detection",),),
            setting("Turn on Server VAD", ("turn_detection",), {"type": "server_vad"}),
        )


@rule("replies-not-automatic", "warning", "The agent does not reply by itself")
def _replies_not_automatic(data: Mapping[str, Any]) -> Iterator[Any]:
    turn = _turn(data)
    if turn is not None and turn.get("create_response") is False:
        yield (
            "The agent will not answer when the caller stops talking: your app must ask for each reply. "
            "Without that code, callers hear silence.",
            (("turn_detection", "create_response"),),
            setting("Reply automatically", ("turn_detection", "create_response"), True),
        )


@rule("idle-timeout-needs-server-vad", "error", "Idle timeout set with semantic VAD")
def _idle_timeout_semantic(data: Mapping[str, Any]) -> Iterator[Any]:
    turn = _turn(data)
    if turn is not None and turn.get("type") == "semantic_vad" and "idle_timeout_ms" in turn:
        yield (
            "The nudge after silence (idle timeout) only works with Server VAD; with Semantic VAD the "
            "setting is rejected. Remove it, or switch turn-taking to Server VAD to keep the nudge.",
            (("turn_detection",),),
            removing("Remove the idle timeout", ("turn_detection", "idle_timeout_ms")),
        )


SILENCE_SHORT_MS = 300
SILENCE_LONG_MS = 1500


@rule("silence-very-short", "warning", "Very short silence ends the caller's turn")
def _silence_short(data: Mapping[str, Any]) -> Iterator[Any]:
    silence = _number((_server_vad(data) or {}).get("silence_duration_ms"))
    if silence is not None and silence < SILENCE_SHORT_MS:
        yield (
            f"A silence of only {silence:g} ms ends the caller's turn: the agent will jump in whenever "
            "the caller takes a breath or pauses to think, and callers will feel cut off.",
            (("turn_detection", "silence_duration_ms"),),
            setting("Use 500 ms (the default)", ("turn_detection", "silence_duration_ms"), 500),
        )


@rule("silence-very-long", "tip", "Long silence before the agent answers")
def _silence_long(data: Mapping[str, Any]) -> Iterator[Any]:
    silence = _number((_server_vad(data) or {}).get("silence_duration_ms"))
    if silence is not None and silence > SILENCE_LONG_MS:
        yield (
            f"Every reply starts at least {_seconds(silence)} after the caller stops talking. Patient "
            "for people who pause a lot, but most callers will find the agent slow and may repeat themselves.",
            (("turn_detection", "silence_duration_ms"),),
            setting("Use 800 ms", ("turn_detection", "silence_duration_ms"), 800),
        )


@rule("threshold-very-high", "warning", "Speech threshold is very high")
def _threshold_high(data: Mapping[str, Any]) -> Iterator[Any]:
    threshold = _number((_server_vad(data) or {}).get("threshold"))
    if threshold is not None and threshold > 0.85:
        yield (
            f"With a speech threshold of {threshold:g}, only loud, close speech counts. Soft-spoken "
            "callers may not be heard at all, and interrupting the agent takes a raised voice.",
            (("turn_detection", "threshold"),),
            setting("Use 0.5 (the default)", ("turn_detection", "threshold"), 0.5),
        )


@rule("threshold-very-low", "warning", "Speech threshold is very low")
def _threshold_low(data: Mapping[str, Any]) -> Iterator[Any]:
    threshold = _number((_server_vad(data) or {}).get("threshold"))
    if threshold is not None and threshold < 0.2:
        yield (
            f"With a speech threshold of {threshold:g}, background sound counts as speech: a TV, a door "
            "or a cough can interrupt the agent, and the caller's turn may not end while the room is noisy.",
            (("turn_detection", "threshold"),),
            setting("Use 0.5 (the default)", ("turn_detection", "threshold"), 0.5),
        )


@rule("prefix-padding-short", "tip", "Little audio kept before speech")
def _prefix_short(data: Mapping[str, Any]) -> Iterator[Any]:
    padding = _number((_server_vad(data) or {}).get("prefix_padding_ms"))
    if padding is not None and padding < 100:
        yield (
            f"Only {padding:g} ms of audio is kept before speech is detected, so the first sound of a "
            "caller's sentence can be clipped (\"...es, please\" instead of \"Yes, please\").",
            (("turn_detection", "prefix_padding_ms"),),
            setting("Use 300 ms (the default)", ("turn_detection", "prefix_padding_ms"), 300),
        )


# ---- audio formats and output -------------------------------------------------------------------

PHONE_FORMATS = ("g711_ulaw", "g711_alaw")


@rule("phone-line-audio", "tip", "Phone-line audio format")
def _phone_audio(data: Mapping[str, Any]) -> Iterator[Any]:
    fields = [name for name in ("input_audio_format", "output_audio_format") if data.get(name) in PHONE_FORMATS]
    if fields:
        yield (
            "g711 is telephone audio (8 kHz, narrow band). That is right when calls run over a phone "
            "network, but in a web or mobile app the voice sounds muffled and speech is harder to "
            "recognise: use pcm16 there.",
            tuple((name,) for name in fields),
            Fix("Use pcm16 (apps and browsers)", _both_formats("pcm16")),
        )


def _both_formats(value: str) -> Callable[[Mapping[str, Any]], dict[str, Any]]:
    def apply(data: Mapping[str, Any]) -> dict[str, Any]:
        return _edit(_edit(data, ("input_audio_format",), value), ("output_audio_format",), value)

    return apply


@rule("audio-formats-differ", "warning", "Input and output audio formats differ")
def _formats_differ(data: Mapping[str, Any]) -> Iterator[Any]:
    given = "input_audio_format" in data or "output_audio_format" in data
    source, target = _format(data, "input_audio_format"), _format(data, "output_audio_format")
    if given and source != target and _speaks(data):
        yield (
            f"The caller's audio arrives as {source} but the agent answers in {target}. A phone bridge or "
            "audio player usually expects one format both ways; a mismatch sounds like noise or silence.",
            (("input_audio_format",), ("output_audio_format",)),
            setting(f"Answer in {source} too", ("output_audio_format",), source),
        )


VOICE_ONLY = ("voice", "speed", "output_audio_format")


@rule("text-only-voice-settings", "warning", "Voice settings with text-only replies")
def _text_only_voice(data: Mapping[str, Any]) -> Iterator[Any]:
    if _speaks(data):
        return
    unused = [name for name in VOICE_ONLY if name in data]
    if unused:
        yield (
            "The agent replies with text only, so " + ", ".join(unused) + " "
            + ("has" if len(unused) == 1 else "have") + " no effect. Remove them, or let the agent speak.",
            tuple((name,) for name in unused),
            removing("Remove the unused voice settings", *((name,) for name in unused)),
        )


@rule("speed-extreme", "tip", "Speaking speed at an extreme")
def _speed_extreme(data: Mapping[str, Any]) -> Iterator[Any]:
    speed = _number(data.get("speed"))
    if speed is not None and _speaks(data) and not 0.7 <= speed <= 1.3:
        feel = "drags; callers may lose patience or talk over it" if speed < 0.7 else "rushes; callers may miss details"
        yield (
            f"At speed {speed:g} the voice {feel}. Between 0.8 and 1.2 sounds natural to most callers.",
            (("speed",),),
            setting("Use 1.0 (natural pace)", ("speed",), 1.0),
        )


@rule("voice-fixed-once-live", "tip", "The voice cannot change mid-conversation")
def _voice_fixed(data: Mapping[str, Any]) -> Iterator[Any]:
    if _text(data.get("voice")) and _speaks(data):
        yield (
            "The voice is locked as soon as the agent first speaks in a conversation; later updates "
            "cannot change it. Decide the voice before the call starts.",
            (("voice",),),
            None,
        )


@rule("short-reply-limit", "warning", "Reply length limit cuts speech short")
def _short_reply_limit(data: Mapping[str, Any]) -> Iterator[Any]:
    limit = _number(data.get("max_response_output_tokens"))
    if limit is not None and limit < SHORT_REPLY_TOKENS and _speaks(data):
        yield (
            f"Replies stop after {limit:g} tokens. Spoken replies use tokens quickly, so the agent may "
            "stop mid-sentence, which sounds like a dropped call.",
            (("max_response_output_tokens",),),
            setting("No limit", ("max_response_output_tokens",), "inf"),
        )


# ---- model behaviour ----------------------------------------------------------------------------


@rule("temperature-far-from-recommended", "tip", "Temperature far from 0.8")
def _temperature(data: Mapping[str, Any]) -> Iterator[Any]:
    temperature = _number(data.get("temperature"))
    if temperature is not None and abs(temperature - RECOMMENDED_TEMPERATURE) > 0.2 + 1e-9:
        feel = "flat and repetitive" if temperature < RECOMMENDED_TEMPERATURE else "erratic, even odd-sounding"
        yield (
            f"Temperature {temperature:g} is far from 0.8, the value that works best for voice; replies "
            f"may sound {feel}.",
            (("temperature",),),
            setting("Use 0.8", ("temperature",), RECOMMENDED_TEMPERATURE),
        )


# ---- transcript and tracing ---------------------------------------------------------------------


@rule("logprobs-without-transcript", "warning", "Transcript confidence asked for, transcript off")
def _logprobs_without_transcript(data: Mapping[str, Any]) -> Iterator[Any]:
    include = data.get("include")
    if isinstance(include, list) and LOGPROBS in include and _dict(data.get("input_audio_transcription")) is None:
        yield (
            "Confidence scores for the caller's transcript are requested, but the transcript is off, "
            "so there is nothing to score. Turn the transcript on, or drop the extra data.",
            (("include",), ("input_audio_transcription",)),
            removing("Drop the extra data", ("include",)),
        )


@rule("tracing-fixed-once-live", "tip", "Tracing cannot change mid-conversation")
def _tracing_fixed(data: Mapping[str, Any]) -> Iterator[Any]:
    if data.get("tracing") is not None:
        yield (
            "Once a conversation has started tracing, its tracing settings cannot be changed or "
            "turned off. Choose names and labels before going live.",
            (("tracing",),),
            None,
        )


# ---- instructions and prompt --------------------------------------------------------------------


@rule("instructions-empty", "warning", "No instructions")
def _instructions_empty(data: Mapping[str, Any]) -> Iterator[Any]:
    # A blank draft is "not started yet", not a mistake: stay quiet until something is set.
    if data and not (_text(data.get("instructions")) or "").strip() and _dict(data.get("prompt")) is None:
        yield (
            "There are no instructions, so the agent uses the server's generic assistant persona: no "
            "name, no task, no limits. Write a brief, or use the persona builder.",
            (("instructions",),),
            None,
        )


@rule("instructions-very-long", "tip", "Instructions very long for a voice agent")
def _instructions_long(data: Mapping[str, Any]) -> Iterator[Any]:
    words = len((_text(data.get("instructions")) or "").split())
    if words > LONG_INSTRUCTIONS_WORDS:
        yield (
            f"The instructions are {words} words long. Long briefs cost time on every reply and rules "
            "deep inside them are followed less reliably; keep a voice persona short and put key rules first.",
            (("instructions",),),
            None,
        )


def _variable_issue(name: Any, value: Any) -> str | None:
    if isinstance(name, str) and name.startswith("{") and name.endswith("}"):
        return f'"{name}" is written with braces; use the bare name'
    if isinstance(value, str):
        return None
    if isinstance(value, dict):
        if value.get("type") in PROMPT_CONTENT_TYPES:
            return None
        return f'"{name}" is an object without a "type" of {", ".join(PROMPT_CONTENT_TYPES)}'
    return f'"{name}" is not text'


def _repair_variables(variables: Any) -> dict[str, Any] | None:
    """Variables in the intended shape, when the repair is unambiguous; else None."""
    if isinstance(variables, list):
        pairs = [v for v in variables if isinstance(v, dict) and set(v) == {"name", "value"}]
        if len(pairs) != len(variables) or not all(isinstance(p["name"], str) for p in pairs):
            return None
        variables = {p["name"]: p["value"] for p in pairs}
    if not isinstance(variables, dict):
        return None
    out: dict[str, Any] = {}
    for name, value in variables.items():
        key = name.strip("{} ") if isinstance(name, str) else name
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, (str, dict)) or _variable_issue(key, value):
            return None
        out[key] = value
    return out


@rule("prompt-variables-shape", "error", "Stored prompt variables in the wrong shape")
def _prompt_variables(data: Mapping[str, Any]) -> Iterator[Any]:
    prompt = _dict(data.get("prompt"))
    if prompt is None or prompt.get("variables") is None:
        return
    variables = prompt["variables"]
    if isinstance(variables, dict):
        issues = [issue for name, value in variables.items() if (issue := _variable_issue(name, value))]
    else:
        issues = ['the variables must be one object mapping each placeholder name to its text, like {"name": "Ada"}']
    if issues:
        repaired = _repair_variables(variables)
        yield (
            "The stored prompt's placeholders will not be filled: " + "; ".join(issues[:3]) + ".",
            (("prompt", "variables"),),
            setting("Rewrite the variables as name: text", ("prompt", "variables"), repaired)
            if repaired is not None
            else None,
        )
