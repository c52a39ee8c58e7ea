"""The persona builder: instructions written as structured answers, compiled into text. Pure.

The builder's answers are not part of the session: only the compiled text goes into
``instructions``. The answers are kept beside the draft (and with saved personas) so
reopening the builder shows them again.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import ConfigDict, Field, ValidationError

from form.hints import UI
from session_model.documented import DocumentedModel


class _Brief(DocumentedModel):
    model_config = ConfigDict(extra="forbid", validate_default=False)  # help: the docstring under each field


class Pronunciation(_Brief):
    """How to say one word the agent might get wrong."""

    word: Annotated[str, Field(min_length=1), UI(placeholder="Nguyen")] = Field(title="Word")
    """The word as it is written."""

    say_as: Annotated[str, Field(min_length=1), UI(placeholder="win")] = Field(title="Say it like")
    """How it should sound, spelled the way it is spoken."""


Enthusiasm = Literal["calm", "warm", "upbeat", "high energy"]
Formality = Literal["casual", "friendly", "professional", "formal"]
Emotion = Literal["neutral", "some feeling", "expressive"]
Fillers = Literal["none", "rarely", "sometimes", "often"]
Pacing = Literal["slow", "steady", "brisk"]


class PersonaBrief(_Brief):
    """Answers that describe a voice persona; every answer is optional."""

    identity: Annotated[
        str, UI(section="Who and what", widget="textarea", placeholder="Maya, the front-desk voice of Harbor Bistro")
    ] = Field(None, title="Identity")
    """Who the agent is: a name, a role, who it works for. Callers hear this in how it introduces itself."""

    task: Annotated[
        str,
        UI(section="Who and what", widget="textarea", placeholder="Take, change and cancel table bookings"),
    ] = Field(None, title="Task")
    """What the agent is there to do, and what is out of scope. The clearer this is, the less it wanders."""

    demeanor: Annotated[str, UI(section="Manner", placeholder="patient and reassuring")] = Field(
        None, title="Demeanor"
    )
    """The agent's overall attitude, in a few words, such as "patient and reassuring"."""

    tone: Annotated[str, UI(section="Manner", placeholder="warm, conversational")] = Field(None, title="Tone")
    """How the voice should come across, such as "warm and conversational" or "crisp and precise"."""

    enthusiasm: Annotated[Enthusiasm, UI(section="Manner", widget="segmented")] = Field(
        None, title="Enthusiasm"
    )
    """How much energy the agent puts into its replies. Calm suits support lines, high energy suits promotions."""

    formality: Annotated[Formality, UI(section="Manner", widget="segmented")] = Field(None, title="Formality")
    """How casual or formal the wording is, from everyday chat to polished business language."""

    emotion: Annotated[Emotion, UI(section="Manner", widget="segmented")] = Field(None, title="Emotion")
    """How much feeling shows in the voice: neutral and factual, or openly sympathetic and excited."""

    filler_words: Annotated[Fillers, UI(section="Speech", widget="segmented")] = Field(None, title="Filler words")
    """Whether the agent says "um", "well" or "you know". A few sound human; many sound unsure."""

    pacing: Annotated[Pacing, UI(section="Speech", widget="segmented")] = Field(None, title="Pacing")
    """How quickly the agent moves through what it says. This is the wording's rhythm; the speaking speed
    setting changes the voice itself."""

    pronunciations: Annotated[list[Pronunciation], UI(section="Speech", summary="word")] = Field(
        [], title="Pronunciations"
    )
    """Names and terms the agent should say a particular way: brand names, people, places."""

    other_rules: Annotated[
        str,
        UI(section="Rules", widget="textarea", placeholder="Never quote prices.\nConfirm dates by repeating them."),
    ] = Field(None, title="Other rules")
    """Anything else the agent must always or never do, one rule per line."""


ENTHUSIASM = {
    "calm": "Stay calm and even; do not sound excited.",
    "warm": "Sound pleased to help, without overdoing it.",
    "upbeat": "Be upbeat and positive.",
    "high energy": "Bring lots of energy and excitement.",
}
FORMALITY = {
    "casual": "Talk casually, like a friend; contractions and everyday words are fine.",
    "friendly": "Be friendly and plain-spoken, as with a neighbour.",
    "professional": "Be professional and courteous.",
    "formal": "Use formal, polished language; avoid slang and contractions.",
}
EMOTION = {
    "neutral": "Keep the voice neutral and factual.",
    "some feeling": "Show some feeling where it fits, such as sympathy when something went wrong.",
    "expressive": "Be openly expressive: let warmth, sympathy or excitement come through.",
}
FILLERS = {
    "none": "Never use filler words such as \"um\" or \"uh\".",
    "rarely": "Use a filler word (\"um\", \"well\") only very rarely.",
    "sometimes": "Now and then, use a filler word (\"um\", \"well\") so you sound natural.",
    "often": "Use filler words often (\"um\", \"you know\", \"well\") for a relaxed, casual feel.",
}
PACING = {
    "slow": "Speak in short sentences with room to breathe; never rush.",
    "steady": "Keep an even, steady rhythm.",
    "brisk": "Keep it brisk: get to the point and keep replies short.",
}


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def compile_instructions(answers: PersonaBrief | dict[str, Any]) -> str:
    """Turn the builder's answers (possibly incomplete) into instructions text; empty answers give ''."""
    data = answers.model_dump(exclude_unset=True) if isinstance(answers, PersonaBrief) else dict(answers or {})
    sections: list[str] = []
    if identity := _text(data.get("identity")):
        sections.append(f"# Identity\n{identity}")
    if task := _text(data.get("task")):
        sections.append(f"# Task\n{task}")
    manner = [
        f"- Demeanor: {d}." if (d := _text(data.get("demeanor")).rstrip(".")) else "",
        f"- Tone: {t}." if (t := _text(data.get("tone")).rstrip(".")) else "",
        ENTHUSIASM.get(data.get("enthusiasm"), ""),  # type: ignore[arg-type]
        FORMALITY.get(data.get("formality"), ""),  # type: ignore[arg-type]
        EMOTION.get(data.get("emotion"), ""),  # type: ignore[arg-type]
        FILLERS.get(data.get("filler_words"), ""),  # type: ignore[arg-type]
        PACING.get(data.get("pacing"), ""),  # type: ignore[arg-type]
    ]
    lines = [line if line.startswith("- ") else f"- {line}" for line in manner if line]
    if lines:
        sections.append("# Personality and tone\n" + "\n".join(lines))
    words = [
        f'- Say "{_text(p.get("word"))}" like "{_text(p.get("say_as"))}".'
        for p in data.get("pronunciations") or []
        if isinstance(p, dict) and _text(p.get("word")) and _text(p.get("say_as"))
    ]
    if words:
        sections.append("# Pronunciation\n" + "\n".join(words))
    rules = [f"- {line.strip().lstrip('-• ').strip()}" for line in _text(data.get("other_rules")).splitlines()]
    rules = [rule for rule in rules if rule != "- "]
    if rules:
        sections.append("# Rules\n" + "\n".join(rules))
    return "\n\n".join(sections)


def load_answers(data: Any) -> dict[str, Any]:
    """Builder answers read back from storage: valid answers kept, anything unreadable dropped."""
    if not isinstance(data, dict):
        return {}
    try:
        return PersonaBrief.model_validate(data).model_dump(mode="json", exclude_unset=True)
    except ValidationError as exc:
        bad = {str(error["loc"][0]) for error in exc.errors() if error["loc"]}
        kept = {k: v for k, v in data.items() if k not in bad and k in PersonaBrief.model_fields}
        return PersonaBrief.model_validate(kept).model_dump(mode="json", exclude_unset=True)
