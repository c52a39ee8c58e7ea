"""Pydantic v2 models of a Realtime session in the flat shape.

Every field is optional: a field the user never set is left out of the export and
the server keeps its own default. Some fields are also nullable, and there ``null``
means "switch this off", which is not the same as leaving it out. The docstring
under each field is the help text the editor shows, written for persona designers.
Field defaults are the server's documented defaults, so ``model.speed`` reads as the
value a caller will actually hear, while ``exclude_unset`` keeps them out of exports.
"""

from __future__ import annotations

import functools
import json
from typing import Annotated, Any, Literal

from pydantic import (
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    ValidationInfo,
    field_validator,
)
from pydantic_core import PydanticCustomError

from form.hints import UI
from session_model.api_keys import first_secret, shown
from session_model.documented import DocumentedModel
from session_model.known import KnownFlatModel, KnownTranscriptionModel, KnownVoice

TOOL_CHOICE_MODES = ("auto", "none", "required")
# The studio's own guard rail, not an API constant: 100,000 characters is about 25,000
# tokens, already most of a realtime model's context window; longer text is a pasted
# document by mistake, and the agent could never use it all.
MAX_INSTRUCTIONS_CHARS = 100_000
NonEmptyStr = Annotated[str, Field(min_length=1)]


class StrictModel(DocumentedModel):
    """Base for every session part: unknown keys rejected, no silent type coercion, no API keys.

    Each field's help is the docstring under it (``DocumentedModel``).
    """

    model_config = ConfigDict(
        extra="forbid",
        strict=True,
        validate_default=False,
        # Validators are built on first use: a new server's first page builds only the current
        # API's models. The pinned pydantic rebuilds a deferred model under a lock, so two
        # sessions validating at once for the first time do not race (tests/unit/test_deferred_models.py).
        defer_build=True,
    )

    @field_validator("*", mode="after")
    @classmethod
    def _no_api_keys(cls, value: Any) -> Any:
        # A key pasted by mistake must never reach an export, a share link or the library.
        found = first_secret(value)
        if found is not None:
            where, token = found
            raise PydanticCustomError(
                "api_key_found",
                "holds what looks like an API key or client secret ({shown}{inside}); remove it: a session "
                "config never needs one, and whoever gets the config could use it",
                {"shown": shown(token), "inside": f" in {where}" if where else ""},
            )
        return value


class NoiseReduction(StrictModel):
    """Cleans up the caller's audio before the agent listens to it."""

    type: Annotated[
        Literal["near_field", "far_field"],
        UI(
            widget="segmented",
            variant_labels=(
                ("near_field", "Close (headset, phone)"),
                ("far_field", "Far (laptop, room)"),
            ),
        ),
    ] = Field(None, title="Microphone distance")
    """Pick "Close" for headsets and phones held to the ear, "Far" for laptops,
    kiosks and speakerphones in a room. Matching the microphone helps the agent
    ignore background noise and tell real speech from room sounds, so callers are
    interrupted less by noise. No default: choose one when noise reduction is on."""


class Transcription(StrictModel):
    """Writes down what the caller says, as text, alongside the conversation."""

    model: KnownTranscriptionModel | NonEmptyStr = Field(None, title="Transcription model")
    """Which speech-to-text model writes the transcript. It only affects the written
    transcript your app receives, not what the agent hears or says. Unset, the
    server picks its default transcription model."""

    language: Annotated[Annotated[str, Field(pattern=r"^[a-z]{2}$")], UI(placeholder="en")] = Field(
        None, title="Language"
    )
    """The caller's language as a two-letter code (en, fr, de, es, ja...). Telling it
    up front makes transcripts faster and more accurate. Leave empty (the default)
    to detect it."""

    prompt: Annotated[str, UI(widget="textarea")] = Field(None, title="Transcription hint")
    """Words or context that help the transcriber spell things right: product
    names, people's names, jargon. It does not change what the agent says. Empty
    by default."""


class ServerVad(StrictModel):
    """Turn-taking by loudness: a turn ends after a stretch of silence."""

    type: Literal["server_vad"]
    """Volume-based turn detection."""

    threshold: Annotated[Annotated[float, Field(ge=0.0, le=1.0)], UI(step=0.01, precise=True)] = Field(
        0.5, title="Speech threshold"
    )
    """How loud sound must be to count as speech, from 0 (everything) to 1 (only
    loud, close speech). Raise it in noisy rooms so background chatter does not
    interrupt the agent; lower it for quiet or soft-spoken callers. Default 0.5."""

    prefix_padding_ms: Annotated[Annotated[int, Field(ge=0)], UI(step=10, slider_max=1000, precise=True)] = Field(
        300, title="Audio kept before speech (ms)"
    )
    """Milliseconds of audio kept from just before speech was detected, so the first
    syllable is not clipped. Too little and the agent may miss how a caller's
    sentence starts ("...es" for "yes"); more costs no delay. Default 300 ms."""

    silence_duration_ms: Annotated[Annotated[int, Field(ge=0)], UI(step=50, slider_max=3000, precise=True)] = Field(
        500, title="Silence that ends a turn (ms)"
    )
    """How long the caller must stay quiet, in milliseconds, before the agent
    answers. Shorter feels snappier but the agent may jump in when someone pauses
    to think; longer is more patient but feels slower. Default 500 ms."""

    idle_timeout_ms: Annotated[
        Annotated[int, Field(ge=5000, le=30000)] | None,
        UI(step=500, null_label="No nudge"),
    ] = Field(None, title="Nudge after silence (ms)")
    """If the caller says nothing for this many milliseconds after the agent has
    finished speaking, the agent speaks up again (for example "Are you still
    there?"). Between 5,000 and 30,000 ms. Off by default."""

    create_response: bool = Field(True, title="Reply automatically")
    """When on, the agent answers as soon as the caller's turn ends. Turn it off if
    your app wants to decide when the agent replies; callers then hear silence
    until it does. Default on."""

    interrupt_response: bool = Field(True, title="Caller can interrupt")
    """When on, the agent stops talking as soon as the caller starts speaking.
    Turn it off to let the agent always finish its sentence; callers then have to
    wait, even to correct it. Default on."""


class SemanticVad(StrictModel):
    """Turn-taking by meaning: a model judges whether the caller has finished."""

    type: Literal["semantic_vad"]
    """Meaning-based turn detection."""

    eagerness: Annotated[
        Literal["low", "medium", "high", "auto"],
        UI(widget="segmented", variant_labels=(("auto", "auto (= medium)"),)),
    ] = Field("auto", title="Eagerness to reply")
    """How quickly the agent decides the caller is done. "low" waits patiently (up
    to about 8 s) and suits people who pause to think; "high" replies quickly (about
    2 s) and suits fast exchanges. "auto" behaves like "medium". Default auto."""

    create_response: bool = Field(True, title="Reply automatically")
    """When on, the agent answers as soon as the caller's turn ends. Turn it off if
    your app wants to decide when the agent replies; callers then hear silence
    until it does. Default on."""

    interrupt_response: bool = Field(True, title="Caller can interrupt")
    """When on, the agent stops talking as soon as the caller starts speaking.
    Turn it off to let the agent always finish its sentence; callers then have to
    wait, even to correct it. Default on."""


TurnDetection = Annotated[ServerVad | SemanticVad, Field(discriminator="type")]


def refuse_repeats(value: list[str] | None) -> list[str] | None:
    """A validator's body: a list that names the same thing twice is refused, naming it."""
    if value is not None and len(set(value)) != len(value):
        repeated = sorted({v for v in value if value.count(v) > 1})
        raise PydanticCustomError("list_repeats", "lists {repeated} more than once", {"repeated": ", ".join(repeated)})
    return value


def _check_schema(value: Any) -> tuple[str, str] | None:
    """Where and why ``value`` is not a JSON Schema (draft 2020-12), or None when it is one."""
    import jsonschema  # here, not at the top: a tenth of the studio's import time, needed only for tools

    try:
        jsonschema.Draft202012Validator.check_schema(value)
    except jsonschema.SchemaError as exc:
        return "/".join(str(p) for p in exc.path) or "the top level", exc.message[:200]
    return None


@functools.lru_cache(maxsize=1024)
def _check_schema_text(text: str) -> tuple[str, str] | None:
    return _check_schema(json.loads(text))


def _schema_failure(value: Any) -> tuple[str, str] | None:
    """``_check_schema``, remembered per schema text: the editor revalidates every tool on every rerun,
    and checking a schema against the metaschema costs milliseconds."""
    try:
        text = json.dumps(value, sort_keys=True, allow_nan=False)
        # Tuples or keys that are not text would come back from JSON as other values.
        plain = json.loads(text) == value
    except (TypeError, ValueError, RecursionError):
        plain = False
    return _check_schema_text(text) if plain else _check_schema(value)  # anything else: as given, uncached


class FunctionTool(StrictModel):
    """A function the agent may ask your app to run, such as looking up an order."""

    type: Literal["function"] = Field("function", title="Tool type")
    """Always "function" for tools the app runs itself."""

    name: Annotated[
        Annotated[str, Field(pattern=r"^[A-Za-z0-9_-]{1,64}$")],
        UI(placeholder="lookup_order"),
    ] = Field(title="Function name")
    """The name your code uses for this function: letters, digits, "_" and "-",
    at most 64 characters, no spaces. Each tool needs a different name."""

    description: Annotated[str, UI(widget="textarea")] = Field(None, title="When to use it")
    """Tell the agent, in plain sentences, what the function does and when to call
    it. The agent relies on this text to decide; vague text means wrong calls, and
    callers get wrong answers. Empty by default."""

    parameters: dict[str, Any] = Field(None, title="Parameters (JSON Schema)")
    """What the agent must fill in when it calls the function, written as a JSON
    Schema object, for example {"type": "object", "properties": {"order_id":
    {"type": "string"}}, "required": ["order_id"]}. Left out, nothing limits what
    the agent sends."""

    def model_post_init(self, context: Any, /) -> None:
        """Always export the tag: deployments expect every tool to say its type."""
        self.model_fields_set.add("type")

    @field_validator("parameters")
    @classmethod
    def _parameters_are_json_schema(cls, value: dict[str, Any]) -> dict[str, Any]:
        failure = _schema_failure(value)
        if failure is not None:
            where, reason = failure
            raise PydanticCustomError(
                "json_schema_invalid",
                "is not a valid JSON Schema: at {where}, {reason}",
                {"where": where, "reason": reason},
            )
        if value.get("type", "object") != "object":
            raise PydanticCustomError(
                "json_schema_not_object",
                'must describe an object (its "type" should be "object"), because the agent sends named arguments',
            )
        return value


class TracingConfiguration(StrictModel):
    """Names and labels for the traces of this session in the dashboard."""

    workflow_name: str = Field(None, title="Workflow name")
    """The name traces of this session are filed under in the traces dashboard.
    Callers notice nothing. Unset, a default name is used."""

    group_id: str = Field(None, title="Group id")
    """An id that groups related traces, such as a customer or a campaign. Empty by
    default."""

    metadata: dict[str, Any] = Field(None, title="Metadata (JSON)")
    """Extra labels attached to each trace, as a JSON object, for filtering later.
    None by default."""


def _tracing_variant(value: Any) -> str:
    return "auto" if isinstance(value, str) else "custom"


Tracing = Annotated[
    Annotated[Literal["auto"], Tag("auto")] | Annotated[TracingConfiguration, Tag("custom")],
    Discriminator(_tracing_variant),
]


PROMPT_CONTENT_TYPES = ("input_text", "input_image", "input_file")  # the keys of PROMPT_CONTENT


class PromptReference(StrictModel):
    """A stored prompt template to use, with values for its placeholders."""

    id: Annotated[NonEmptyStr, UI(placeholder="pmpt_...")] = Field(title="Prompt id")
    """The id of a prompt saved on the platform, usually starting with "pmpt_"."""

    version: Annotated[str | None, UI(null_label="Latest")] = Field(None, title="Prompt version")
    """Which saved version of the prompt to use. Leave it out for the latest."""

    variables: Annotated[dict[str, str | dict[str, Any]] | None, UI(widget="json", null_label="None")] = Field(
        None, title="Variables (JSON)"
    )
    """Values for the template's placeholders, as a JSON object such as
    {"customer_name": "Ada"}. Each value is text, or a content object with a
    "type" of input_text, input_image or input_file."""

    @field_validator("variables")
    @classmethod
    def _variables_have_known_content(cls, value: dict[str, Any] | None) -> dict[str, Any] | None:
        for name, item in (value or {}).items():
            if isinstance(item, dict):
                problem = _content_problem(item)
                if problem is not None:
                    raise PydanticCustomError(
                        "prompt_variable_shape", 'variable "{name}" {problem}', {"name": name, "problem": problem}
                    )
        return value


# What each content object of a prompt variable takes, from the SDK's Response input types:
# type -> (required keys, optional keys, {key: the values it accepts, or str for any text}).
_CACHE_BREAKPOINT = "prompt_cache_breakpoint"
PROMPT_CONTENT: dict[str, tuple[tuple[str, ...], tuple[str, ...], dict[str, Any]]] = {
    "input_text": (("text",), (_CACHE_BREAKPOINT,), {"text": str}),
    "input_image": (
        ("detail",),
        ("file_id", "image_url", _CACHE_BREAKPOINT),
        {"detail": ("low", "high", "auto", "original"), "file_id": str, "image_url": str},
    ),
    "input_file": (
        (),
        ("detail", "file_data", "file_id", "file_url", "filename", _CACHE_BREAKPOINT),
        {"detail": ("auto", "low", "high"), "file_data": str, "file_id": str, "file_url": str, "filename": str},
    ),
}


def _content_problem(item: dict[str, Any]) -> str | None:
    """Why a prompt variable's content object would be refused, or None when it is well formed."""
    kind = item.get("type")
    if kind not in PROMPT_CONTENT:
        return f'must be text or an object whose "type" is one of {", ".join(PROMPT_CONTENT)}'
    required, optional, accepted = PROMPT_CONTENT[kind]
    for key in required:
        if key not in item:
            return f'({kind}) needs "{key}"'
    for key, value in item.items():
        if key == "type":
            continue
        if key not in required and key not in optional:
            takes = ", ".join(f'"{k}"' for k in (*required, *optional))
            return f'({kind}) has "{key}", which it does not take (it takes {takes})'
        rule = accepted.get(key)
        if rule is str and not isinstance(value, str):
            return f'({kind}): "{key}" must be text'
        if isinstance(rule, tuple) and value not in rule:
            return f'({kind}): "{key}" must be one of {", ".join(rule)}'
        if key == _CACHE_BREAKPOINT and not (
            isinstance(value, dict)
            and value.get("mode") == "explicit"
            and set(value) <= {"mode", "ttl"}
            and value.get("ttl", "30m") in ("30m", "12h")
        ):
            return f'({kind}): "{key}" must be {{"mode": "explicit"}}, with an optional "ttl" of 30m or 12h'
    return None


def _token_limit_variant(value: Any) -> str:
    return "inf" if isinstance(value, str) else "limit"


MaxTokens = Annotated[
    Annotated[Annotated[int, Field(ge=1, le=4096)], Tag("limit")] | Annotated[Literal["inf"], Tag("inf")],
    Discriminator(_token_limit_variant),
]

AudioFormat = Literal["pcm16", "g711_ulaw", "g711_alaw"]
_FORMAT_LABELS = (
    ("pcm16", "pcm16 (high quality, 24 kHz)"),
    ("g711_ulaw", "g711_ulaw (phone line, US/Japan)"),
    ("g711_alaw", "g711_alaw (phone line, Europe/elsewhere)"),
)


class RealtimeSession(StrictModel):
    """The configuration of a Realtime voice-agent session (flat shape)."""

    # --- Persona -------------------------------------------------------------
    instructions: Annotated[
        Annotated[str, Field(max_length=MAX_INSTRUCTIONS_CHARS)],
        UI(
            section="Persona",
            widget="textarea",
            placeholder="You are a friendly support agent for ...",
        ),
    ] = Field(None, title="Instructions")
    """The persona's brief: who the agent is, what it should do, how it should sound
    and what it must never say. This is the single biggest lever on behaviour.
    Leave it empty to use the server's generic default."""

    model: Annotated[KnownFlatModel | NonEmptyStr, UI(section="Persona")] = Field(None, title="Model")
    """Which realtime model runs the agent. Larger models follow instructions more
    closely; "mini" models are cheaper and a little faster. Pick "custom..." for a
    model id that is not in the list. Unset, the model chosen when the session is
    created is used."""

    temperature: Annotated[
        Annotated[float, Field(ge=0.6, le=1.2)],
        UI(section="Persona", step=0.01, precise=True),
    ] = Field(0.8, title="Temperature")
    """How varied the replies are. Lower sounds more predictable and repetitive,
    higher more lively but less consistent. For voice, 0.8 works best. Range 0.6 to
    1.2; default 0.8."""

    max_response_output_tokens: Annotated[
        MaxTokens,
        UI(
            section="Persona",
            unset_label="Server default (no limit)",
            variant_labels=(("inf", "No limit"), ("limit", "Limit to")),
        ),
    ] = Field("inf", title="Reply length limit (tokens)")
    """Caps how long one reply can be, counted in tokens (roughly three quarters of
    a word each, tool calls included). A reply that hits the cap stops mid-way.
    A whole number from 1 to 4096, or "inf" for no cap (the default)."""

    # --- Voice and speech ----------------------------------------------------
    modalities: Annotated[
        Annotated[list[Literal["text", "audio"]], Field(min_length=1)],
        UI(section="Voice and speech"),
    ] = Field(["text", "audio"], title="Reply with")
    """Whether the agent answers with speech and text, or text only. Choose only
    "text" for a chat-style agent; voice settings then have no effect. Default: both."""

    voice: Annotated[KnownVoice | NonEmptyStr, UI(section="Voice and speech")] = Field(None, title="Voice")
    """The voice the agent speaks with. It is fixed once the agent has spoken for
    the first time in a conversation, so choose it before the call starts. Pick
    "custom..." to enter the id of a custom voice. Unset, the server's standard
    voice is used."""

    speed: Annotated[
        Annotated[float, Field(ge=0.25, le=1.5)],
        UI(section="Voice and speech", step=0.05, precise=True),
    ] = Field(1.0, title="Speaking speed")
    """How fast the agent talks: 1.0 is natural pace, 0.25 very slow, 1.5 fast.
    A change takes effect from the next reply, never mid-sentence. Default 1.0."""

    output_audio_format: Annotated[AudioFormat, UI(section="Voice and speech", variant_labels=_FORMAT_LABELS)] = Field(
        "pcm16", title="Audio format out"
    )
    """The audio encoding of the agent's voice. Use pcm16 for apps and browsers
    (clear, 24 kHz); use a g711 format only when the audio goes straight onto a
    phone line. Default pcm16."""

    # --- Conversation and turn-taking ---------------------------------------
    turn_detection: Annotated[
        TurnDetection | None,
        UI(
            section="Conversation and turn-taking",
            null_label="Off (push-to-talk)",
            unset_label="Server default",
            variant_labels=(
                ("server_vad", "Server VAD (silence)"),
                ("semantic_vad", "Semantic VAD (meaning)"),
            ),
        ),
    ] = Field(None, title="Turn-taking")
    """How the agent knows the caller has finished speaking. "Server VAD" waits
    for a stretch of silence; "Semantic VAD" listens to what was said and waits
    longer after an unfinished sentence. "Off" means your app decides: it sends
    the audio and asks for each reply itself, like a push-to-talk button. The
    server default is Server VAD with its default settings."""

    # --- Audio input ---------------------------------------------------------
    input_audio_format: Annotated[AudioFormat, UI(section="Audio input", variant_labels=_FORMAT_LABELS)] = Field(
        "pcm16", title="Audio format in"
    )
    """The audio encoding your app sends from the caller's microphone. pcm16 means
    16-bit, 24 kHz, mono audio; g711 formats are what phone networks carry.
    Default pcm16."""

    input_audio_noise_reduction: Annotated[
        NoiseReduction | None,
        UI(section="Audio input", null_label="Off", unset_label="Server default"),
    ] = Field(None, title="Noise reduction")
    """Filters background noise from the caller's audio before the agent hears it,
    which also makes turn-taking more reliable. Off by default."""

    input_audio_transcription: Annotated[
        Transcription | None,
        UI(section="Audio input", null_label="Off", unset_label="Server default"),
    ] = Field(None, title="Transcript of the caller")
    """Produces a written transcript of what the caller says, for logs and
    on-screen captions. The agent itself listens to the audio directly, so this
    does not change how well it understands. Off by default."""

    include: Annotated[
        list[Literal["item.input_audio_transcription.logprobs"]] | None,
        UI(section="Audio input", null_label="Nothing extra", unset_label="Server default"),
    ] = Field(None, title="Extra data in events")
    """Ask for extra details in the events your app receives. The only option adds
    confidence scores (log probabilities) to the caller's transcript; it needs
    the transcript to be on."""

    # --- Tools ---------------------------------------------------------------
    tools: Annotated[list[FunctionTool], UI(section="Tools", summary="name")] = Field([], title="Tools")
    """Functions the agent can ask your app to run mid-conversation, such as
    checking an order or booking a table. Your app runs them and returns the
    result. None by default."""

    tool_choice: Annotated[
        Literal["auto", "none", "required"] | NonEmptyStr,
        UI(
            section="Tools",
            choices_from="tools.name",
            variant_labels=(
                ("auto", "auto (agent decides)"),
                ("none", "none (never)"),
                ("required", "required (always call one)"),
            ),
        ),
    ] = Field("auto", title="Tool use")
    """When the agent uses tools: "auto" lets it decide, "none" never, "required"
    makes it call a tool on every reply, and a function's name forces that one
    function. Default auto."""

    # --- Advanced / server-side ----------------------------------------------
    prompt: Annotated[
        PromptReference | None,
        UI(section="Advanced", null_label="None", unset_label="Server default"),
    ] = Field(None, title="Stored prompt")
    """Use a prompt template saved on the platform instead of (or with) the
    instructions above, and fill in its placeholders. Callers hear whatever persona
    the template describes. None by default."""

    tracing: Annotated[
        Tracing | None,
        UI(
            section="Advanced",
            null_label="Off",
            unset_label="Server default",
            variant_labels=(("auto", "Auto"), ("custom", "Custom names")),
        ),
    ] = Field(None, title="Tracing")
    """Records each conversation as a trace you can inspect in the dashboard.
    "Auto" uses default names; "Custom names" lets you label traces. Once a
    session has started tracing, this cannot be changed. Callers notice nothing.
    Off by default."""

    id: Annotated[NonEmptyStr, UI(section="Advanced", placeholder="sess_...")] = Field(None, title="Session id")
    """Assigned by the server (it looks like "sess_..."). You only see it in
    configs copied from a live session; it is never needed to set one up."""

    object: Annotated[Literal["realtime.session"], UI(section="Advanced")] = Field(None, title="Object type")
    """Always "realtime.session" in what the server sends back. Not needed to set up."""

    expires_at: Annotated[Annotated[int, Field(ge=0)], UI(section="Advanced")] = Field(
        None, title="Expires at (Unix seconds)"
    )
    """When a server-issued session stops working, in seconds since 1 January
    1970 (UTC). Set by the server; not needed to set up."""

    @field_validator("modalities", "include")
    @classmethod
    def _no_repeats(cls, value: list[str] | None) -> list[str] | None:
        return refuse_repeats(value)

    @field_validator("tools")
    @classmethod
    def _tool_names_unique(cls, tools: list[FunctionTool]) -> list[FunctionTool]:
        seen: dict[str, int] = {}
        for index, tool in enumerate(tools, start=1):
            if tool.name in seen:
                raise PydanticCustomError(
                    "tool_name_repeated",
                    'must each have their own name: tools {first} and {index} are both called "{name}"',
                    {"index": index, "name": tool.name, "first": seen[tool.name]},
                )
            seen[tool.name] = index
        return tools

    @field_validator("tool_choice")
    @classmethod
    def _tool_choice_names_a_tool(cls, value: str, info: ValidationInfo) -> str:
        if value in TOOL_CHOICE_MODES:
            return value
        if "tools" not in info.data:  # the tools failed validation; that error is reported already
            return value
        names = [tool.name for tool in info.data["tools"]]
        if value not in names:
            known = ", ".join(f'"{n}"' for n in names) or "none defined"
            raise PydanticCustomError(
                "tool_choice_unknown",
                "must be auto, none, required or the name of a defined tool"
                ' (tools: {known}); "{value}" is none of these',
                {"known": known, "value": value},
            )
        return value
