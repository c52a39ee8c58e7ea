"""Pydantic v2 models of the current (GA) Realtime session: ``type: "realtime"`` and ``type: "transcription"``.

This is what a deployment sends today, through ``session.update``,
``POST /v1/realtime/client_secrets`` or ``POST /v1/realtime/calls``. The flat session
in ``models.py`` is the retired beta shape, kept as a legacy target.

As strict as the flat model: unknown keys are refused, and a key of the flat shape
left inside a GA session is refused with where it lives now (``moved_keys``). Every
field is optional except ``type``; unset, ``null`` (where the API takes it: "switch
off") and a value stay three different things. Field defaults are the server's
defaults, kept out of exports by ``exclude_unset``. Bounds and per-model rules that
the SDK states only in its docstrings are enforced here. The docstring under each
field is the help text of the editor, written for persona designers.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, ClassVar, Literal

from pydantic import Discriminator, Field, Tag, ValidationInfo, field_validator, model_validator
from pydantic_core import PydanticCustomError

from form.hints import UI
from session_model.known import (
    CONNECTOR_NAMES,
    SHUTDOWNS,
    KnownConnector,
    KnownModel,
    KnownTranscriptionModel,
    KnownVoice,
    shutdown_label,
)
from session_model.models import (
    MAX_INSTRUCTIONS_CHARS,
    TOOL_CHOICE_MODES,
    FunctionTool,
    MaxTokens,
    NonEmptyStr,
    PromptReference,
    SemanticVad,
    ServerVad,
    StrictModel,
    Tracing,
    refuse_repeats,
)

# Pickers name the announced shutdown beside a model's id.
SHUTDOWN_LABELS = tuple((model, shutdown_label(model)) for model in SHUTDOWNS)

# A credential is never data: the studio keeps the name of an environment variable that
# holds it, written ``${NAME}``, and the code exports read that variable.
PLACEHOLDER = re.compile(r"\$\{[A-Za-z_][A-Za-z0-9_]*\}")
AUTHORIZATION_PATTERN = r"^\$\{[A-Za-z_][A-Za-z0-9_]*\}$"
# A header value may put a scheme word before the placeholder ("Bearer ${TOKEN}").
HEADER_VALUE_PATTERN = re.compile(r"^(?:[A-Za-z][A-Za-z0-9-]* )?\$\{[A-Za-z_][A-Za-z0-9_]*\}$")
LANGUAGE_PATTERN = r"^[a-z]{2}$"

PRESET_SECTIONS = ("Persona", "Voice and speech", "Conversation and turn-taking", "Audio input", "Tools", "Advanced")


# --- Audio formats -----------------------------------------------------------------------


class AudioPcm(StrictModel):
    """16-bit PCM at 24 kHz: the format for apps and browsers."""

    type: Literal["audio/pcm"]
    """Raw 16-bit audio."""

    rate: Literal[24000] = Field(24000, title="Sample rate (Hz)")
    """Always 24,000 samples a second: the only rate the API plays and hears."""


class AudioPcmu(StrictModel):
    """G.711 μ-law, 8 kHz: the phone-line format of North America and Japan."""

    type: Literal["audio/pcmu"]
    """G.711 μ-law audio."""


class AudioPcma(StrictModel):
    """G.711 A-law, 8 kHz: the phone-line format of Europe and most other places."""

    type: Literal["audio/pcma"]
    """G.711 A-law audio."""


AudioFormat = Annotated[AudioPcm | AudioPcmu | AudioPcma, Field(discriminator="type")]
FORMAT_LABELS = (
    ("audio/pcm", "PCM 24 kHz (apps, browsers)"),
    ("audio/pcmu", "G.711 μ-law (phone line, US/Japan)"),
    ("audio/pcma", "G.711 A-law (phone line, Europe/elsewhere)"),
)


# --- Audio input ---------------------------------------------------------------------------


class NoiseReductionGA(StrictModel):
    """Cleans up the caller's audio before the agent listens to it."""

    type: Annotated[
        Literal["near_field", "far_field"],
        UI(
            widget="segmented",
            variant_labels=(("near_field", "Close (headset, phone)"), ("far_field", "Far (laptop, room)")),
        ),
    ] = Field(None, title="Microphone distance")
    """Pick "Close" for headsets and phones held to the ear, "Far" for laptops,
    kiosks and speakerphones in a room. Matching the microphone helps the agent
    ignore background noise, so callers are interrupted less by it."""

    strength: Annotated[Annotated[float, Field(ge=0.0)], UI(step=0.05, slider_max=1.0, precise=True)] = Field(
        1.0, title="Strength"
    )
    """How hard the filter works: higher removes more noise but can dull quiet
    voices. It starts at 1 when noise reduction is first switched on; leaving it
    out of a later update keeps whatever it was."""


class TranscriptionGA(StrictModel):
    """Writes down what the caller says, as text, alongside the conversation."""

    model: Annotated[KnownTranscriptionModel | NonEmptyStr, UI(variant_labels=SHUTDOWN_LABELS)] = Field(
        None, title="Transcription model"
    )
    """Which speech-to-text model writes the transcript. It only affects the text
    your app receives, not what the agent hears or says. Some options below work
    only with some models; the advice panel says when one is ignored."""

    language: Annotated[Annotated[str, Field(pattern=LANGUAGE_PATTERN)], UI(placeholder="en")] = Field(
        None, title="Language"
    )
    """The caller's language as a two-letter code (en, fr, de, es, ja...). Saying it
    up front makes transcripts faster and more accurate. Leave empty to detect it."""

    languages: Annotated[list[Annotated[str, Field(pattern=LANGUAGE_PATTERN)]], Field(min_length=1)] = Field(
        None, title="Possible languages"
    )
    """When callers may speak one of several languages, list them as two-letter
    codes (en, es, ...) so the transcriber only considers those. Only the
    gpt-transcribe and gpt-live-transcribe models use this list."""

    keywords: Annotated[list[NonEmptyStr], Field(min_length=1)] = Field(None, title="Keywords")
    """Words and phrases the transcriber should expect and spell exactly: product
    names, people, places, jargon. Only gpt-transcribe and gpt-live-transcribe use
    them."""

    prompt: Annotated[str, UI(widget="textarea")] = Field(None, title="Transcription hint")
    """Context that helps the transcriber: the topic, the style, or (for whisper-1)
    a list of words. It does not change what the agent says. gpt-realtime-whisper
    does not take one."""

    delay: Annotated[Literal["minimal", "low", "medium", "high", "xhigh"], UI(widget="segmented")] = Field(
        None, title="Wait before writing"
    )
    """How long the transcriber waits for more audio before writing text: longer is
    more accurate, shorter arrives sooner. Only gpt-realtime-whisper uses it."""

    @field_validator("languages", "keywords")
    @classmethod
    def _no_repeats(cls, value: list[str] | None) -> list[str] | None:
        return refuse_repeats(value)


TurnDetection = Annotated[ServerVad | SemanticVad, Field(discriminator="type")]
_TURN_HINT = dict(
    null_label="Off (push-to-talk)",
    unset_label="Server default",
    variant_labels=(("server_vad", "Server VAD (silence)"), ("semantic_vad", "Semantic VAD (meaning)")),
)


class AudioInput(StrictModel):
    """The caller's side of the audio: how it arrives and what is done with it."""

    turn_detection: Annotated[TurnDetection | None, UI(section="Conversation and turn-taking", **_TURN_HINT)] = Field(
        None, title="Turn-taking"
    )
    """How the agent knows the caller has finished speaking. "Server VAD" waits
    for a stretch of silence; "Semantic VAD" listens to what was said and waits
    longer after an unfinished sentence. "Off" means your app decides: it sends the
    audio and asks for each reply itself, like a push-to-talk button. Left unset,
    the server uses Server VAD with its default settings."""

    format: Annotated[AudioFormat, UI(section="Audio input", variant_labels=FORMAT_LABELS)] = Field(
        None, title="Audio format in"
    )
    """The encoding of the caller's audio that your app sends. PCM at 24 kHz is
    the default; the G.711 formats are what phone networks carry."""

    noise_reduction: Annotated[
        NoiseReductionGA | None, UI(section="Audio input", null_label="Off", unset_label="Server default")
    ] = Field(None, title="Noise reduction")
    """Filters background noise from the caller's audio before the agent hears it,
    which also makes turn-taking more reliable. Off by default."""

    transcription: Annotated[
        TranscriptionGA | None, UI(section="Audio input", null_label="Off", unset_label="Server default")
    ] = Field(None, title="Transcript of the caller")
    """A written transcript of what the caller says, for logs and captions. The
    agent listens to the audio itself, so this does not change how well it
    understands. Off by default."""


class VoiceId(StrictModel):
    """A custom voice made for your organisation."""

    id: Annotated[NonEmptyStr, UI(placeholder="voice_...")] = Field(title="Custom voice id")
    """The id of a custom voice, usually starting with "voice_". Custom voices are
    made from recorded samples on the platform."""


def _voice_variant(value: Any) -> str:
    # A dict when validating, the model itself when serialising.
    return "custom" if isinstance(value, (dict, VoiceId)) else "named"


Voice = Annotated[
    Annotated[KnownVoice | NonEmptyStr, Tag("named")] | Annotated[VoiceId, Tag("custom")],
    Discriminator(_voice_variant),
]


class AudioOutput(StrictModel):
    """The agent's side of the audio: its voice and how it is sent."""

    voice: Annotated[
        Voice,
        UI(
            section="Voice and speech",
            variant_labels=(("named", "Built-in voice"), ("str", "Built-in voice"), ("custom", "Custom voice (id)")),
        ),
    ] = Field(None, title="Voice")
    """The voice the agent speaks with. It cannot change once the agent has spoken
    in a conversation, so choose it before the call. marin and cedar sound the most
    natural. A custom voice is given by its id. Unset, the server's standard voice
    is used."""

    speed: Annotated[
        Annotated[float, Field(ge=0.25, le=1.5)], UI(section="Voice and speech", step=0.05, precise=True)
    ] = Field(1.0, title="Speaking speed")
    """How fast the agent talks: 1.0 is natural pace, 0.25 very slow, 1.5 fast. A
    change applies from the next reply, never mid-sentence. Default 1.0."""

    format: Annotated[AudioFormat, UI(section="Voice and speech", variant_labels=FORMAT_LABELS)] = Field(
        None, title="Audio format out"
    )
    """The encoding of the agent's voice. Keep PCM at 24 kHz (the default) for apps
    and browsers; use a G.711 format only when the audio goes straight onto a phone
    line."""


class AudioConfig(StrictModel):
    """Input and output audio."""

    input: AudioInput = Field(None, title="Input audio")
    """How the caller's audio arrives and is handled."""

    output: AudioOutput = Field(None, title="Output audio")
    """The agent's voice and how it is sent."""


# --- Tools -------------------------------------------------------------------------------


class ToolFilter(StrictModel):
    """Picks tools of an MCP server by name and by whether they only read."""

    tool_names: Annotated[list[NonEmptyStr], UI(placeholder="search_docs")] = Field(None, title="Tool names")
    """The names of the server's tools this applies to."""

    read_only: bool = Field(None, title="Read-only tools")
    """When on, this applies to the tools the server marks as read-only (they look
    things up and change nothing)."""


class ApprovalFilter(StrictModel):
    """Which of the server's tools need your app's approval before each call."""

    always: ToolFilter = Field(None, title="Always ask for")
    """Tools that need approval every time."""

    never: ToolFilter = Field(None, title="Never ask for")
    """Tools the agent may call without asking."""


class McpTool(StrictModel):
    """Tools on a remote MCP server that the agent may call directly, without your app."""

    type: Literal["mcp"]
    """Always "mcp" for tools served by an MCP server."""

    server_label: Annotated[NonEmptyStr, UI(placeholder="docs")] = Field(title="Server label")
    """A short name for this server; tool calls and a forced tool choice refer to
    it. Each MCP server in the list needs its own label."""

    server_url: Annotated[Annotated[str, Field(pattern=r"^https?://\S+$")], UI(placeholder="https://...")] = Field(
        None, title="Server address (URL)"
    )
    """The web address of the MCP server, starting with https://. Give exactly one
    of the address, a connector or a tunnel id."""

    connector_id: Annotated[KnownConnector, UI(widget="select", variant_labels=tuple(CONNECTOR_NAMES.items()))] = Field(
        None, title="Connector"
    )
    """A ready-made connector to a well-known service (Gmail, Google Drive,
    SharePoint, ...) instead of your own server. Newer models prefer a server
    address or a tunnel."""

    tunnel_id: Annotated[NonEmptyStr, UI(placeholder="tunnel_...")] = Field(None, title="Tunnel id")
    """The id of a Secure MCP Tunnel, to reach a server inside your own network
    without exposing it."""

    server_description: Annotated[str, UI(widget="textarea")] = Field(None, title="What the server offers")
    """A sentence or two telling the agent what this server is for, so it knows
    when its tools help."""

    authorization: Annotated[
        Annotated[str, Field(pattern=AUTHORIZATION_PATTERN)], UI(placeholder="${CRM_MCP_TOKEN}")
    ] = Field(None, title="Access token (environment variable)")
    """The OAuth access token for the server, never written here: name the
    environment variable that holds it, as ${NAME}. The code exports read that
    variable when the session is created; JSON exports carry the placeholder."""

    headers: Annotated[dict[str, str], UI(placeholder="${NAME}")] = Field(None, title="HTTP headers")
    """Extra headers sent to the server, such as an API key. Values are treated as
    secrets: write each as ${NAME} (or "Bearer ${NAME}") naming an environment
    variable, and set that variable where the session is created."""

    allowed_tools: Annotated[
        list[NonEmptyStr] | ToolFilter,
        UI(unset_label="All of the server's tools", variant_labels=(("list", "Only these"), ("ToolFilter", "Filter"))),
    ] = Field(None, title="Allowed tools")
    """Limit the agent to some of the server's tools, by name or with a filter.
    Unset, it may use them all."""

    require_approval: Annotated[
        Literal["always", "never"] | ApprovalFilter,
        UI(
            unset_label="Server default (always)",
            variant_labels=(
                ("always", "Always ask"),
                ("never", "Never ask"),
                ("ApprovalFilter", "Per tool"),
            ),
        ),
    ] = Field("always", title="Approval before calls")
    """Whether your app must approve each call to this server before it runs.
    "Always" (the default) is the safe choice for tools that change data; "Never"
    suits read-only lookups; "Per tool" decides by name or by read-only."""

    allowed_callers: Annotated[
        Annotated[list[Literal["direct", "programmatic"]], Field(min_length=1)],
        UI(variant_labels=(("direct", "The agent directly"), ("programmatic", "Code the agent runs"))),
    ] = Field(None, title="Who may call")
    """Whether the agent calls these tools itself, from code it runs, or both."""

    defer_loading: bool = Field(None, title="Load tools on demand")
    """When on, the server's tool list is not loaded up front; the agent looks
    tools up when it needs them, which keeps long tool lists out of every reply."""

    @model_validator(mode="after")
    def _one_way_to_reach_the_server(self) -> McpTool:
        given = [name for name in ("server_url", "connector_id", "tunnel_id") if getattr(self, name) is not None]
        if len(given) != 1:
            found = " and ".join(given) if given else "none of them"
            raise PydanticCustomError(
                "mcp_server_source",
                "needs exactly one way to reach the server: a server address (URL), a connector or a tunnel id; "
                "found {found}",
                {"found": found},
            )
        return self

    @field_validator("headers")
    @classmethod
    def _header_values_are_placeholders(cls, value: dict[str, str] | None) -> dict[str, str] | None:
        for name, text in (value or {}).items():
            if not name.strip():
                raise PydanticCustomError("header_name_empty", "every header needs a name")
            if not HEADER_VALUE_PATTERN.match(text):
                raise PydanticCustomError(
                    "credential_literal",
                    'header "{name}" must name an environment variable, as {example}: header values are treated as '
                    "secrets and never stored in a config",
                    {"name": name, "example": '${NAME} or "Bearer ${NAME}"'},
                )
        return value


def _tool_variant(value: Any) -> str:
    if isinstance(value, dict):
        return "mcp" if value.get("type") == "mcp" else "function"
    return "mcp" if getattr(value, "type", None) == "mcp" else "function"


Tool = Annotated[
    Annotated[FunctionTool, Tag("function")] | Annotated[McpTool, Tag("mcp")],
    Discriminator(_tool_variant),
]


class ToolChoiceFunction(StrictModel):
    """Make the agent call one particular function on every reply."""

    type: Literal["function"]
    """Forces a function."""

    name: Annotated[NonEmptyStr, UI(choices_from="tools.name")] = Field(title="Function")
    """The function to call; it must be one of the tools above."""


class ToolChoiceMcp(StrictModel):
    """Make the agent use an MCP server's tools on every reply."""

    type: Literal["mcp"]
    """Forces an MCP server's tool."""

    server_label: Annotated[NonEmptyStr, UI(choices_from="tools.server_label")] = Field(title="MCP server")
    """The label of the MCP server; it must be one of the tools above."""

    name: NonEmptyStr = Field(None, title="Tool on that server")
    """One tool of that server to call. Leave empty to let the agent pick among the
    server's tools."""


ToolChoice = Annotated[ToolChoiceFunction | ToolChoiceMcp, Field(discriminator="type")]


# --- Reasoning and truncation ------------------------------------------------------------


class Reasoning(StrictModel):
    """How much a reasoning model thinks before it answers."""

    effort: Annotated[
        Literal["minimal", "low", "medium", "high", "xhigh"],
        UI(section="Persona", widget="segmented"),
    ] = Field(None, title="Thinking effort")
    """For reasoning models (gpt-realtime-2 and later): more effort gives better
    answers to hard questions but a longer pause before the agent speaks. Keep it
    low for small talk. Unset, the model's default."""


class TokenLimits(StrictModel):
    """Where trimming starts, in tokens."""

    post_instructions: Annotated[int, Field(ge=1)] = Field(None, title="Conversation budget (tokens)")
    """The most tokens the conversation may hold after the instructions and tools
    before old turns are trimmed. It cannot exceed the model's context window minus
    the reply length limit. Unset, the model's own limit."""


class RetentionRatio(StrictModel):
    """Trim more than needed when trimming, so it happens less often."""

    type: Literal["retention_ratio"]
    """Trims to a share of the budget."""

    retention_ratio: Annotated[Annotated[float, Field(ge=0.0, le=1.0)], UI(step=0.05, precise=True)] = Field(
        title="Share kept after trimming"
    )
    """When the conversation is too long, old turns are dropped until only this
    share of the budget is used: 0.8 keeps 80%. Trimming less often keeps the
    cache warm, which makes replies cheaper."""

    token_limits: TokenLimits = Field(None, title="Token limits")
    """Optional: a smaller conversation budget than the model's own."""


Truncation = Annotated[Literal["auto", "disabled"] | RetentionRatio, UI()]


# --- Sessions ----------------------------------------------------------------------------


def _misplaced(moved: dict[str, str]) -> dict[str, str]:
    return {key: f"belongs in {place} in the current API; move it there" for key, place in moved.items()}


# Where each flat (beta) key lives in the GA session; ``messages`` reads this to say so.
FLAT_KEY_PLACES: dict[str, str] = {
    "voice": "audio.output.voice",
    "speed": "audio.output.speed",
    "output_audio_format": "audio.output.format",
    "input_audio_format": "audio.input.format",
    "input_audio_noise_reduction": "audio.input.noise_reduction",
    "input_audio_transcription": "audio.input.transcription",
    "turn_detection": "audio.input.turn_detection",
    "modalities": "output_modalities",
    "max_response_output_tokens": "max_output_tokens",
}
SERVER_KEYS = {
    key: "is set by the server in what it sends back; a config you send never includes it, so remove it"
    for key in ("id", "object", "expires_at")
}
TEMPERATURE_GONE = "The current API removed temperature (the model sets it). Choose the beta (flat) target to keep it."
TEMPERATURE_REFUSED = (
    "is not part of the current API, which removed it (the model sets it): remove it, or choose the beta "
    "(flat) target to keep it"
)


class GARealtimeSession(StrictModel):
    """The configuration of a voice agent in the current Realtime API (``type: "realtime"``)."""

    moved_keys: ClassVar[dict[str, str]] = {**_misplaced(FLAT_KEY_PLACES), **SERVER_KEYS}

    type: Annotated[Literal["realtime"], UI(section="Persona")] = Field(title="Session type")
    """Always "realtime" for a voice agent (a transcription-only session says
    "transcription")."""

    # --- Persona ---------------------------------------------------------------------
    instructions: Annotated[
        Annotated[str, Field(max_length=MAX_INSTRUCTIONS_CHARS)],
        UI(section="Persona", widget="textarea", placeholder="You are a friendly support agent for ..."),
    ] = Field(None, title="Instructions")
    """The persona's brief: who the agent is, what it should do, how it should
    sound and what it must never say. This is the biggest lever on behaviour.
    Leave it empty for the server's generic default."""

    model: Annotated[KnownModel | NonEmptyStr, UI(section="Persona", variant_labels=SHUTDOWN_LABELS)] = Field(
        None, title="Model"
    )
    """Which realtime model runs the agent. gpt-realtime-2 and later think before
    they answer (see Thinking effort); "mini" models are cheaper and a little
    faster. The model cannot change once the session has started. Pick "Custom…"
    for an id the list does not know."""

    reasoning: Reasoning = Field(None, title="Reasoning")
    """Settings for models that think before they answer."""

    temperature: Annotated[float, UI(section="Persona", unavailable=TEMPERATURE_GONE)] = Field(0.8, title="Temperature")
    """How varied the replies are. The current API removed this setting; only the
    retired beta shape carried it."""

    max_output_tokens: Annotated[
        MaxTokens,
        UI(
            section="Persona",
            unset_label="Server default (no limit)",
            variant_labels=(("inf", "No limit"), ("limit", "Limit to")),
        ),
    ] = Field("inf", title="Reply length limit (tokens)")
    """Caps how long one reply can be, in tokens (about three quarters of a word
    each, tool calls included). A reply that reaches it stops mid-way. A whole
    number from 1 to 4096, or no limit (the default)."""

    # --- Voice and speech ------------------------------------------------------------
    output_modalities: Annotated[
        Annotated[list[Literal["audio", "text"]], Field(min_length=1, max_length=1)],
        UI(section="Voice and speech", variant_labels=(("audio", "Speech (with a transcript)"), ("text", "Text only"))),
    ] = Field(["audio"], title="Reply with")
    """Whether the agent answers with speech (a transcript of it comes too) or with
    text only. Choose one. Voice settings do nothing when replies are text only.
    Default: speech."""

    audio: AudioConfig = Field(None, title="Audio")
    """How audio comes in and goes out."""

    # --- Tools -----------------------------------------------------------------------
    tools: Annotated[
        list[Tool],
        UI(
            section="Tools",
            summary="name|server_label",
            variant_labels=(("function", "Function"), ("mcp", "MCP server")),
        ),
    ] = Field([], title="Tools")
    """Functions your app runs when the agent asks, and MCP servers whose tools the
    agent calls directly. None by default."""

    tool_choice: Annotated[
        Literal["auto", "none", "required"] | ToolChoice,
        UI(
            section="Tools",
            variant_labels=(
                ("auto", "auto (agent decides)"),
                ("none", "none (never)"),
                ("required", "required (always call one)"),
                ("function", "This function"),
                ("mcp", "This MCP server"),
            ),
        ),
    ] = Field("auto", title="Tool use")
    """When the agent uses tools: "auto" lets it decide, "none" never, "required"
    makes it call one on every reply, or force one function or MCP server. Default
    auto."""

    parallel_tool_calls: Annotated[bool, UI(section="Tools")] = Field(None, title="Several tools at once")
    """Lets the agent call several tools in one step instead of one after another,
    which saves time when it needs several answers. Only reasoning models
    (gpt-realtime-2 and later) take this setting."""

    # --- Advanced ----------------------------------------------------------------------
    truncation: Annotated[
        Truncation,
        UI(
            section="Advanced",
            unset_label="Server default (auto)",
            variant_labels=(
                ("auto", "Auto"),
                ("disabled", "Never trim (error when full)"),
                ("retention_ratio", "Trim to a share"),
            ),
        ),
    ] = Field("auto", title="Trimming long conversations")
    """What happens when a conversation outgrows the model's memory. "Auto" drops
    the oldest turns as needed; "Never trim" stops with an error instead; "Trim
    to a share" drops more at once so it happens less often, which keeps costs
    down. Default auto."""

    prompt: Annotated[
        PromptReference | None, UI(section="Advanced", null_label="None", unset_label="Server default")
    ] = Field(None, title="Stored prompt")
    """Use a prompt template saved on the platform instead of (or with) the
    instructions, and fill in its placeholders. None by default."""

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
    "Auto" uses default names; "Custom names" lets you label traces. Once tracing
    has started in a session it cannot change. Callers notice nothing. Off by
    default."""

    include: Annotated[
        list[Literal["item.input_audio_transcription.logprobs"]] | None,
        UI(section="Audio input", null_label="Nothing extra", unset_label="Server default"),
    ] = Field(None, title="Extra data in events")
    """Ask for extra details in the events your app receives. The only option adds
    confidence scores (log probabilities) to the caller's transcript; it needs the
    transcript to be on."""

    @field_validator("temperature", mode="before")
    @classmethod
    def _temperature_is_gone(cls, value: Any) -> Any:
        raise PydanticCustomError("not_in_current_api", TEMPERATURE_REFUSED)

    @field_validator("include")
    @classmethod
    def _no_repeats(cls, value: list[str] | None) -> list[str] | None:
        return refuse_repeats(value)

    @field_validator("tools")
    @classmethod
    def _tools_named_once(cls, tools: list[FunctionTool | McpTool]) -> list[FunctionTool | McpTool]:
        seen: dict[str, int] = {}
        for index, tool in enumerate(tools, start=1):
            name = tool.name if isinstance(tool, FunctionTool) else f"MCP server {tool.server_label}"
            if name in seen:
                what = "function" if isinstance(tool, FunctionTool) else "MCP server label"
                raise PydanticCustomError(
                    "tool_name_repeated",
                    'must each have their own {what}: tools {first} and {index} are both "{name}"',
                    {"index": index, "name": name.removeprefix("MCP server "), "first": seen[name], "what": what},
                )
            seen[name] = index
        return tools

    @field_validator("tool_choice")
    @classmethod
    def _tool_choice_names_a_tool(cls, value: Any, info: ValidationInfo) -> Any:
        if isinstance(value, str) or "tools" not in info.data:  # a mode; or the tools failed and were reported
            return value
        tools = info.data["tools"]
        if isinstance(value, ToolChoiceFunction):
            names = [t.name for t in tools if isinstance(t, FunctionTool)]
            if value.name not in names:
                known = ", ".join(f'"{n}"' for n in names) or "none defined"
                raise PydanticCustomError(
                    "tool_choice_unknown",
                    'forces the function "{value}", which is not among the tools (functions: {known})',
                    {"value": value.name, "known": known},
                )
        else:
            labels = [t.server_label for t in tools if isinstance(t, McpTool)]
            if value.server_label not in labels:
                known = ", ".join(f'"{n}"' for n in labels) or "none defined"
                raise PydanticCustomError(
                    "tool_choice_unknown",
                    'forces the MCP server "{value}", which is not among the tools (MCP servers: {known})',
                    {"value": value.server_label, "known": known},
                )
        return value


assert set(TOOL_CHOICE_MODES) == {"auto", "none", "required"}


class TranscriptionAudioInput(StrictModel):
    """The audio to transcribe: how it arrives and what is done with it."""

    transcription: Annotated[
        TranscriptionGA | None, UI(section="Transcription", null_label="Off", unset_label="Server default")
    ] = Field(None, title="Transcription")
    """The speech-to-text model and its options. This is what the session is for."""

    turn_detection: Annotated[
        TurnDetection | None,
        UI(
            section="Turn-taking",
            null_label="Off (your app commits the audio)",
            unset_label="Server default",
            variant_labels=_TURN_HINT["variant_labels"],
        ),
    ] = Field(None, title="Turn-taking")
    """How the audio is cut into pieces to transcribe: at pauses (Server VAD), at
    the end of sentences (Semantic VAD), or when your app says so (Off).
    gpt-realtime-whisper needs Off."""

    format: Annotated[AudioFormat, UI(section="Audio input", variant_labels=FORMAT_LABELS)] = Field(
        None, title="Audio format in"
    )
    """The encoding of the audio your app sends. PCM at 24 kHz is the default; the
    G.711 formats are what phone networks carry."""

    noise_reduction: Annotated[
        NoiseReductionGA | None, UI(section="Audio input", null_label="Off", unset_label="Server default")
    ] = Field(None, title="Noise reduction")
    """Filters background noise before transcription, which helps in busy rooms.
    Off by default."""


class TranscriptionAudio(StrictModel):
    """The audio of a transcription session (input only: it never speaks)."""

    moved_keys: ClassVar[dict[str, str]] = {
        "output": "has no place in a transcription session, which only writes down speech: it has no voice; "
        "remove it, or switch to the Realtime target for a voice agent"
    }

    input: TranscriptionAudioInput = Field(None, title="Input audio")
    """How the audio arrives and is handled."""


_NOT_IN_TRANSCRIPTION = (
    "has no place in a transcription session, which only writes down speech; remove it, or switch to the "
    "Realtime target for a voice agent"
)


class GATranscriptionSession(StrictModel):
    """A speech-to-text session in the current Realtime API (``type: "transcription"``): no voice, no replies."""

    moved_keys: ClassVar[dict[str, str]] = {
        **{
            key: _NOT_IN_TRANSCRIPTION
            for key in (
                "model",
                "instructions",
                "output_modalities",
                "max_output_tokens",
                "tools",
                "tool_choice",
                "parallel_tool_calls",
                "reasoning",
                "truncation",
                "tracing",
                "prompt",
                "voice",
                "speed",
                "temperature",
                "modalities",
            )
        },
        **_misplaced({k: v for k, v in FLAT_KEY_PLACES.items() if v.startswith("audio.input.")}),
        **SERVER_KEYS,
    }

    type: Annotated[Literal["transcription"], UI(section="Transcription")] = Field(title="Session type")
    """Always "transcription" for a speech-to-text session."""

    audio: TranscriptionAudio = Field(None, title="Audio")
    """The audio to transcribe."""

    include: Annotated[
        list[Literal["item.input_audio_transcription.logprobs"]] | None,
        UI(section="Transcription", null_label="Nothing extra", unset_label="Server default"),
    ] = Field(None, title="Extra data in events")
    """Ask for confidence scores (log probabilities) with each piece of transcript."""

    @field_validator("include")
    @classmethod
    def _no_repeats(cls, value: list[str] | None) -> list[str] | None:
        return refuse_repeats(value)
