"""What happens over time in one exchange, for a given turn-detection setting. Pure.

A sample caller utterance with pauses (and one background noise) is played against
the settings: which sounds count as speech, how much audio is kept before speech,
when the silence ends the caller's turn, when the agent speaks, whether it cuts the
caller off or gets interrupted, and when an idle nudge would fire. The editor draws
the result as a chart; the numbers here are what the chart shows.

Server VAD is simulated from its settings. Semantic VAD decides from meaning, which
cannot be simulated; its waits below are rough figures, labelled as such.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

Mode = Literal["server_vad", "semantic_vad", "off"]

LANES = (
    "Caller",
    "Heard as speech",
    "Audio kept before speech",
    "Silence that ends the turn",
    "Agent speaks",
    "Idle nudge",
)
REPLY_MS = 2500  # length of the sample agent reply
DEFAULT_THRESHOLD = 0.5
DEFAULT_PADDING_MS = 300
DEFAULT_SILENCE_MS = 500
# Rough waits of semantic VAD after (an unfinished phrase, a finished sentence), by eagerness.
SEMANTIC_WAITS_MS = {"low": (8000, 1200), "medium": (4000, 700), "auto": (4000, 700), "high": (2000, 350)}


@dataclass(frozen=True)
class Sound:
    """Something the microphone picks up in the sample."""

    start_ms: int
    end_ms: int
    level: float  # loudness from 0 to 1, compared with the speech threshold
    words: str
    finished: bool = False  # the caller has finished their thought here
    noise: bool = False


SAMPLE: tuple[Sound, ...] = (
    Sound(200, 1300, 0.9, "I need to move"),
    Sound(1650, 2900, 0.85, "my table to…"),
    Sound(3900, 4200, 0.35, "um…"),
    Sound(4500, 5700, 0.8, "Saturday, please.", finished=True),
    Sound(7000, 7300, 0.3, "(door bangs)", noise=True),
)


@dataclass(frozen=True)
class TurnSettings:
    """The turn-taking settings the timeline depends on, with defaults filled in."""

    mode: Mode = "server_vad"
    threshold: float = DEFAULT_THRESHOLD
    prefix_padding_ms: int = DEFAULT_PADDING_MS
    silence_duration_ms: int = DEFAULT_SILENCE_MS
    idle_timeout_ms: int | None = None
    eagerness: str = "auto"
    create_response: bool = True
    interrupt_response: bool = True


def _number(value: Any, default: float, low: float, high: float) -> float:
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        return default
    return min(max(float(value), low), high)


def settings_from(value: Any, present: bool = True) -> TurnSettings:
    """Read a draft's ``turn_detection`` (possibly invalid) into settings; unset means the server default."""
    if not present:
        return TurnSettings()
    if value is None:
        return TurnSettings(mode="off")
    if not isinstance(value, dict):
        return TurnSettings()
    create = value.get("create_response") is not False
    interrupt = value.get("interrupt_response") is not False
    if value.get("type") == "semantic_vad":
        eagerness = value.get("eagerness")
        return TurnSettings(
            mode="semantic_vad",
            eagerness=eagerness if eagerness in SEMANTIC_WAITS_MS else "auto",
            create_response=create,
            interrupt_response=interrupt,
        )
    idle = value.get("idle_timeout_ms")
    return TurnSettings(
        threshold=_number(value.get("threshold"), DEFAULT_THRESHOLD, 0.0, 1.0),
        prefix_padding_ms=int(_number(value.get("prefix_padding_ms"), DEFAULT_PADDING_MS, 0, 10_000)),
        silence_duration_ms=int(_number(value.get("silence_duration_ms"), DEFAULT_SILENCE_MS, 0, 20_000)),
        idle_timeout_ms=int(_number(idle, 5000, 5000, 30_000)) if idle is not None else None,
        create_response=create,
        interrupt_response=interrupt,
    )


@dataclass(frozen=True)
class Bar:
    """One stretch on one lane of the chart."""

    lane: str
    start_ms: int
    end_ms: int
    label: str


@dataclass(frozen=True)
class Turn:
    """One caller turn as the server sees it."""

    start_ms: int
    speech_end_ms: int
    end_ms: int
    cut_off: bool  # the turn ended while the caller was mid-thought


@dataclass(frozen=True)
class Timeline:
    """Everything the chart draws, plus a sentence that says what happens."""

    bars: tuple[Bar, ...]
    turns: tuple[Turn, ...]
    end_ms: int
    summary: str


def describe_sample(sample: tuple[Sound, ...] = SAMPLE) -> str:
    """The sample in words, for a caption under the chart."""
    parts = [f'"{s.words}"' if not s.noise else s.words for s in sample]
    return "Sample caller: " + " · ".join(parts)


def _wait_after(sound: Sound, settings: TurnSettings) -> int:
    if settings.mode == "semantic_vad":
        unfinished, finished = SEMANTIC_WAITS_MS[settings.eagerness]
        return finished if sound.finished else unfinished
    return settings.silence_duration_ms


def _s(ms: float) -> str:
    return f"{ms / 1000:.1f} s"


def _turns(heard: list[Sound], settings: TurnSettings) -> list[tuple[Turn, Sound]]:
    turns: list[tuple[Turn, Sound]] = []
    i = 0
    while i < len(heard):
        j = i
        while j + 1 < len(heard) and heard[j + 1].start_ms - heard[j].end_ms < _wait_after(heard[j], settings):
            j += 1
        last = heard[j]
        end = last.end_ms + _wait_after(last, settings)
        more_speech = any(not s.noise and s.start_ms >= last.end_ms for s in SAMPLE)
        turns.append((Turn(heard[i].start_ms, last.end_ms, end, cut_off=not last.finished and more_speech), last))
        i = j + 1
    return turns


def compute(settings: TurnSettings, sample: tuple[Sound, ...] = SAMPLE) -> Timeline:
    """Play the sample against the settings and lay the result out on the chart's lanes."""
    bars = [Bar("Caller", s.start_ms, s.end_ms, s.words) for s in sample]
    last_sound = max(s.end_ms for s in sample)
    if settings.mode == "off":
        summary = (
            "Turn-taking is off: the agent does not notice when the caller stops. "
            "Your app marks the end of each turn and asks for every reply."
        )
        return Timeline(tuple(bars), (), last_sound + 1000, summary)

    threshold = settings.threshold if settings.mode == "server_vad" else DEFAULT_THRESHOLD
    heard = [s for s in sample if s.level >= threshold]
    bars += [Bar("Heard as speech", s.start_ms, s.end_ms, "speech" if not s.noise else "noise!") for s in heard]
    turns = _turns(heard, settings)
    agent_end = 0
    for index, (turn, _) in enumerate(turns):
        padding = settings.prefix_padding_ms if settings.mode == "server_vad" else 0
        if padding:
            kept_from = max(0, turn.start_ms - padding)
            bars.append(Bar("Audio kept before speech", kept_from, turn.start_ms, f"{padding} ms"))
        wait = turn.end_ms - turn.speech_end_ms
        rough = "~" if settings.mode == "semantic_vad" else ""
        bars.append(Bar("Silence that ends the turn", turn.speech_end_ms, turn.end_ms, f"{rough}{wait} ms"))
        if not settings.create_response:
            continue
        stop = turn.end_ms + REPLY_MS
        label = "reply"
        if index + 1 < len(turns) and turns[index + 1][0].start_ms < stop and settings.interrupt_response:
            stop, label = turns[index + 1][0].start_ms, "interrupted"
        bars.append(Bar("Agent speaks", turn.end_ms, stop, label))
        agent_end = max(agent_end, stop)

    end_ms = max(b.end_ms for b in bars) + 1000
    nudge = None
    if settings.mode == "server_vad" and settings.idle_timeout_ms and settings.create_response and agent_end:
        nudge = agent_end + settings.idle_timeout_ms
        shown_end = min(nudge, max(end_ms, agent_end + 4000))
        arrow = "" if shown_end == nudge else " →"
        bars.append(Bar("Idle nudge", agent_end, shown_end, f"nudge at {_s(nudge)}{arrow}"))
        end_ms = max(end_ms, shown_end + 500)
    noise = next((s for s in heard if s.noise), None)
    return Timeline(tuple(bars), tuple(t for t, _ in turns), end_ms, _summary(settings, turns, noise, nudge))


def _summary(settings: TurnSettings, turns: list[tuple[Turn, Sound]], noise: Sound | None, nudge: int | None) -> str:
    if not turns:
        return "Nothing in the sample is loud enough to count as speech: the agent never hears the caller."
    first, last = turns[0]
    how = (
        f"after {first.end_ms - first.speech_end_ms} ms of silence"
        if settings.mode == "server_vad"
        else f"when semantic VAD ({settings.eagerness}) judges it done (roughly)"
    )
    if first.cut_off:
        text = f'The turn ends {how}, at {_s(first.end_ms)}, mid-sentence after "{last.words}": the agent cuts in.'
    else:
        text = f"The turn ends {how}, at {_s(first.end_ms)}, once the caller has finished."
    if noise is not None:
        text += f" A background noise at {_s(noise.start_ms)} counts as speech."
    if not settings.create_response:
        text += " The agent does not reply by itself."
    if nudge is not None:
        text += f" Idle nudge at {_s(nudge)}."
    return text
