"""Advice for every target: the 25 rules of ``advice.py`` on GA paths, plus rules only the current API needs.

The rules in ``advice.py`` read a flat session. A GA realtime draft is read through
a flat *view* of it (``shapes.to_flat``); each finding's fields are mapped back to
where they live in the GA session (``voice`` -> ``audio.output.voice``), and each
one-click fix is replayed on the GA draft for the settings it changed, so what only
the GA session has (MCP tools, reasoning, a custom voice object) is never touched.
The model-aware rules below read the GA session directly. Pure: no Streamlit.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator, Mapping
from typing import Any

from session_model import known
from session_model.advice import (
    SEVERITIES,
    Advice,
    Fix,
    Path,
    advise,
    removing,
    setting,
)
from session_model.apis import api_of
from session_model.shapes import MOVED, to_flat, to_nested

# ---- the flat rules on a GA realtime draft ------------------------------------------------------


def _function_indexes(data: Mapping[str, Any]) -> list[int]:
    """Where each tool of the flat view (functions only) sits in the GA tools list."""
    tools = data.get("tools")
    if not isinstance(tools, list):
        return []
    return [i for i, tool in enumerate(tools) if not (isinstance(tool, dict) and tool.get("type") == "mcp")]


def ga_path(data: Mapping[str, Any], path: Path) -> Path:
    """Where a flat field path lives in a GA realtime draft."""
    if path and path[0] == "tools" and len(path) > 1 and isinstance(path[1], int):
        indexes = _function_indexes(data)
        index = indexes[path[1]] if path[1] < len(indexes) else path[1]
        return ("tools", index, *path[2:])
    if path and isinstance(path[0], str) and path[0] in MOVED:
        return (*MOVED[path[0]], *path[1:])
    return path


def _set(node: dict[str, Any], path: Path, value: Any) -> None:
    for part in path[:-1]:
        child = node[part] if isinstance(node, list) else node.get(part)
        if not isinstance(child, (dict, list)):
            child = node[part] = {}
        node = child
    node[path[-1]] = value


def _remove(node: Any, path: Path) -> None:
    parents = []
    for part in path[:-1]:
        if isinstance(node, dict) and part in node:
            parents.append((node, part))
            node = node[part]
        else:
            return
    if isinstance(node, dict):
        node.pop(path[-1], None)
    # Containers that only group settings (audio, audio.input, ...) go when they empty.
    for parent, key in reversed(parents):
        if parent[key] == {} and key in ("audio", "input", "output"):
            del parent[key]


def replay(fix: Fix) -> Fix:
    """The same fix for a GA realtime draft: apply it to the flat view, copy back what it changed."""

    def apply(data: Mapping[str, Any]) -> dict[str, Any]:
        before = to_flat(dict(data)).data
        after = fix.apply(before)
        out = copy.deepcopy(dict(data))
        for key in sorted(set(before) | set(after)):
            if before.get(key, _GONE) == after.get(key, _GONE):
                continue
            if key == "tools":
                _replay_tools(out, data, before.get("tools") or [], after.get("tools") or [])
            elif key not in after:
                _remove(out, ga_path(data, (key,)))
            else:
                nested = to_nested({key: after[key]}).data
                place = MOVED.get(key, (key,))
                value: Any = nested
                for part in place:
                    value = value[part]
                _set(out, place, copy.deepcopy(value))
        return out

    return Fix(fix.label, apply)


_GONE = object()


def _replay_tools(out: dict[str, Any], data: Mapping[str, Any], old: list[Any], new: list[Any]) -> None:
    """Copy a fix's change of the function tools to the GA draft; its MCP servers stay where they are.

    The flat view holds the function tools only, in order: a changed one is written at its GA
    place, an added one goes at the end, and a removed one leaves its GA place.
    """
    for index, tool in enumerate(new[: len(old)]):
        if old[index] != tool:
            _set(out, ga_path(data, ("tools", index)), copy.deepcopy(tool))
    for tool in new[len(old):]:
        out.setdefault("tools", []).append(copy.deepcopy(tool))
    for index in range(len(old) - 1, len(new) - 1, -1):  # from the end: earlier GA places stay valid
        del out["tools"][ga_path(data, ("tools", index))[1]]
    if "tools" in out and not out["tools"]:
        del out["tools"]  # no tools left: the setting goes, as it went from the flat view


# Flat names a rule's message may use, as the current API's paths (plain words stay as they are).
_GA_NAMES = {name: ".".join(map(str, place)) for name, place in MOVED.items() if "_" in name}


def _in_ga_words(message: str) -> str:
    for name, place in _GA_NAMES.items():
        message = message.replace(name, place)
    return message


def _flat_rules_on_ga(data: Mapping[str, Any]) -> list[Advice]:
    view = to_flat(dict(data)).data
    return [
        Advice(
            item.rule,
            item.severity,
            _in_ga_words(item.message),
            tuple(ga_path(data, p) for p in item.paths),
            replay(item.fix) if item.fix is not None else None,
        )
        for item in advise(view)
    ]


# ---- rules only the current API needs --------------------------------------------------------


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _input(data: Mapping[str, Any]) -> dict[str, Any]:
    return _dict(_dict(data.get("audio")).get("input"))


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _shutdown(
    model: str, where: Path, current: tuple[str, ...]
) -> Iterator[tuple[str, str, tuple[Path, ...], Fix | None]]:
    notice = known.SHUTDOWNS.get(model)
    if notice is None:
        return
    instead = (
        f"OpenAI names {notice.replacement} as its replacement."
        if notice.replacement
        else "The notice names no replacement; current models include " + ", ".join(current) + "."
    )
    yield (
        "model-shutdown",
        "warning",
        f"OpenAI has announced that {model} shuts down on {notice.date}; after that, sessions using it fail. "
        + instead,
        (where,),
        setting(f"Use {current[0]}", where, current[0]),
    )


def _realtime_rules(data: Mapping[str, Any]) -> Iterator[tuple[str, str, tuple[Path, ...], Fix | None]]:
    model = _str(data.get("model"))
    if model:
        yield from _shutdown(model, ("model",), known.CURRENT_REALTIME_MODELS)
    reasoning_model = model in known.REASONING_MODELS
    for key, what in (("reasoning", "Thinking effort"), ("parallel_tool_calls", "Several tools at once")):
        if key in data and not reasoning_model:
            shown = f"the model {model}" if model else "the server's default model"
            yield (
                "reasoning-model-only",
                "warning",
                f"{what} only works with reasoning models (gpt-realtime-2 and later), and this session uses {shown}: "
                "the setting would be refused or ignored. Pick a reasoning model, or remove the setting.",
                ((key,), ("model",)),
                removing(f"Remove {what.lower()}", (key,)),
            )
    tools = data.get("tools") if isinstance(data.get("tools"), list) else []
    if data.get("parallel_tool_calls") is True and not tools:
        yield (
            "parallel-without-tools",
            "tip",
            "Several tools at once is on, but the agent has no tools, so it changes nothing.",
            (("parallel_tool_calls",),),
            removing("Remove it", ("parallel_tool_calls",)),
        )
    choice = _dict(data.get("tool_choice"))
    if choice.get("type") == "mcp":
        labels = [_str(t.get("server_label")) for t in tools if isinstance(t, dict) and t.get("type") == "mcp"]
        if _str(choice.get("server_label")) not in labels:
            yield (
                "tool-choice-unknown-mcp",
                "error",
                f'Tool use forces the MCP server "{choice.get("server_label")}", but no MCP tool has that label. '
                "The session would be refused. Add the server or choose another tool use.",
                (("tool_choice",), ("tools",)),
                setting('Set tool use to "auto"', ("tool_choice",), "auto"),
            )
    for index, tool in enumerate(tools):
        if not (isinstance(tool, dict) and tool.get("type") == "mcp"):
            continue
        label = _str(tool.get("server_label")) or f"number {index + 1}"
        if tool.get("require_approval") == "never" and "allowed_tools" not in tool:
            yield (
                "mcp-never-approve-all",
                "tip",
                f'The MCP server "{label}" may run any of its tools without your app approving the call. That suits '
                "read-only servers; for a server whose tools change data, list the allowed tools or ask for approval.",
                (("tools", index, "require_approval"),),
                None,
            )
    yield from _transcription_rules(_input(data), ("audio", "input"))


def _transcription_rules(
    audio_in: dict[str, Any], where: Path
) -> Iterator[tuple[str, str, tuple[Path, ...], Fix | None]]:
    transcription = _dict(audio_in.get("transcription"))
    model = _str(transcription.get("model"))
    if not model:
        return
    base = (*where, "transcription")
    yield from _shutdown(model, (*base, "model"), known.CURRENT_TRANSCRIPTION_MODELS)
    options = (
        ("delay", known.TRANSCRIPTION_DELAY_MODELS, "Wait before writing"),
        ("languages", known.TRANSCRIPTION_LANGUAGES_MODELS, "Possible languages"),
        ("keywords", known.TRANSCRIPTION_KEYWORDS_MODELS, "Keywords"),
    )
    for key, models, title in options:
        if key in transcription and model not in models:
            yield (
                "transcription-option-unsupported",
                "warning",
                f"{title} only works with {' and '.join(models)}; {model} ignores it or refuses the session.",
                ((*base, key), (*base, "model")),
                removing(f"Remove {title.lower()}", (*base, key)),
            )
    if "prompt" in transcription and model in known.TRANSCRIPTION_NO_PROMPT_MODELS:
        yield (
            "transcription-option-unsupported",
            "warning",
            f"{model} does not take a transcription hint; remove it or pick another transcription model.",
            ((*base, "prompt"), (*base, "model")),
            removing("Remove the transcription hint", (*base, "prompt")),
        )


def _transcription_session_rules(data: Mapping[str, Any]) -> Iterator[tuple[str, str, tuple[Path, ...], Fix | None]]:
    audio_in = _input(data)
    yield from _transcription_rules(audio_in, ("audio", "input"))
    model = _str(_dict(audio_in.get("transcription")).get("model"))
    turn = ("audio", "input", "turn_detection")
    if model in known.NO_TURN_DETECTION_MODELS and audio_in.get("turn_detection", _GONE) is not None:
        yield (
            "transcription-turn-detection",
            "error",
            f"{model} transcribes without turn detection: set Turn-taking to Off, and your app commits the audio "
            "when a piece is complete.",
            (turn,),
            setting("Turn turn-taking off", turn, None),
        )


def _gathered(rules: Iterator[tuple[str, str, tuple[Path, ...], Fix | None]]) -> list[Advice]:
    return [Advice(rule, severity, message, paths, fix) for rule, severity, message, paths, fix in rules]  # type: ignore[arg-type]


def advise_any(data: Mapping[str, Any] | Any) -> list[Advice]:
    """Advice on a session of any target; errors first, then warnings, then tips."""
    if hasattr(data, "model_dump"):
        data = data.model_dump(mode="json", exclude_unset=True)
    if not isinstance(data, Mapping):
        return []
    api = api_of(data)
    if api.key == "flat":
        return advise(data)
    if api.key == "transcription":
        found = _gathered(_transcription_session_rules(data))
    else:
        found = _flat_rules_on_ga(data) + _gathered(_realtime_rules(data))
    return sorted(found, key=lambda a: SEVERITIES.index(a.severity))


GA_RULE_IDS = (
    "model-shutdown",
    "reasoning-model-only",
    "parallel-without-tools",
    "tool-choice-unknown-mcp",
    "mcp-never-approve-all",
    "transcription-option-unsupported",
    "transcription-turn-detection",
)
