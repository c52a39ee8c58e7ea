"""A fake Realtime API on 127.0.0.1 that speaks the real protocol: client secrets and WebRTC calls.

``POST /v1/realtime/client_secrets`` checks the bearer key and that the body's session parses
as the SDK's ``RealtimeSessionCreateRequest`` with no unknown key and no credential
placeholder, then answers ``{"value": "ek_...", "expires_at": ..., "session": ...}``.
``POST /v1/realtime/calls`` takes an SDP offer with an ``ek_`` bearer and answers it with a
real WebRTC peer (aiortc): it counts the microphone's audio frames, sends a tone back, opens
``oai-events`` and plays the server's side of the conversation:

- ``session.created`` when the channel opens, ``session.updated`` for each ``session.update``;
- after about a second of microphone audio: speech started/stopped, the user's transcript
  ("Hello from the microphone") and a spoken reply;
- a typed user message ``call the tool NAME {json}`` makes the agent call function NAME with
  those arguments; ``ask to use MCP`` makes it ask to approve an MCP call; any other message
  gets "You said: ..." back; a ``function_call_output`` is read back ("The tool said: ...").

Everything runs on one event loop in a background thread (aiortc objects must stay on it);
the tests' Playwright code stays on the main thread. Bound to 127.0.0.1 only, port 0.
"""

from __future__ import annotations

import asyncio
import contextlib
import fractions
import json
import math
import re
import secrets
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import aioice.ice
import av
from aiohttp import web
from aiortc import MediaStreamTrack, RTCConfiguration, RTCPeerConnection, RTCSessionDescription
from openai.types.realtime import RealtimeSessionCreateRequest
from pydantic import BaseModel

# aioice leaves 127.0.0.1 out of its host candidates; the fake peer lives on loopback only.
aioice.ice.get_host_addresses = lambda use_ipv4, use_ipv6: ["127.0.0.1"]

RATE = 48_000
FRAME = 960  # 20 ms
MIC_FRAMES_BEFORE_SPEECH = 50  # about a second of microphone audio
USER_SPEECH = "Hello from the microphone"
SPOKEN_REPLY = "Hello! I heard you."
CALL_TOOL = re.compile(r"^call the tool (?P<name>[A-Za-z0-9_-]+)\s*(?P<arguments>.*)$", re.S)
PLACEHOLDER = re.compile(r"\$\{[A-Za-z_][A-Za-z0-9_]*\}")


def _extras(value: Any, where: str = "session") -> list[str]:
    """Keys the SDK type did not know, at any depth (it keeps them in ``model_extra``)."""
    found: list[str] = []
    if isinstance(value, BaseModel):
        found += [f"{where}.{k}" for k in value.model_extra or {}]
        for name in type(value).model_fields:
            found += _extras(getattr(value, name), f"{where}.{name}")
    elif isinstance(value, list):
        for i, item in enumerate(value):
            found += _extras(item, f"{where}[{i}]")
    return found


class Tone(MediaStreamTrack):
    """The agent's voice: a 440 Hz tone while it speaks, silence otherwise, in real time."""

    kind = "audio"

    def __init__(self) -> None:
        super().__init__()
        self.speaking_until = 0.0
        self._pts = 0
        self._start: float | None = None

    def speak(self, seconds: float) -> None:
        self.speaking_until = max(self.speaking_until, time.monotonic()) + seconds

    async def recv(self) -> av.AudioFrame:
        if self._start is None:
            self._start = time.monotonic()
        due = self._start + self._pts / RATE
        await asyncio.sleep(max(0.0, due - time.monotonic()))
        loud = time.monotonic() < self.speaking_until
        samples = bytearray()
        for i in range(FRAME):
            value = int(8000 * math.sin(2 * math.pi * 440 * (self._pts + i) / RATE)) if loud else 0
            samples += value.to_bytes(2, "little", signed=True)
        frame = av.AudioFrame(format="s16", layout="mono", samples=FRAME)
        frame.planes[0].update(bytes(samples))
        frame.sample_rate, frame.pts, frame.time_base = RATE, self._pts, fractions.Fraction(1, RATE)
        self._pts += FRAME
        return frame


@dataclass
class Call:
    """One WebRTC call the fake answered: what it received and sent."""

    call_id: str
    secret: str
    pc: RTCPeerConnection
    tone: Tone
    session: dict[str, Any]
    mic_frames: int = 0
    received: list[dict[str, Any]] = field(default_factory=list)
    sent: list[dict[str, Any]] = field(default_factory=list)
    channel: Any = None
    heard_speech: bool = False
    last_text: str = ""
    closed: bool = False


@dataclass
class FakeRealtime:
    """The fake API's state, readable from the tests' thread (lists are appended to, never replaced)."""

    api_key: str
    requests: list[dict[str, Any]] = field(default_factory=list)  # every HTTP request: method, path, headers, body
    secrets: dict[str, dict[str, Any]] = field(default_factory=dict)  # ek_ value -> minted session
    calls: list[Call] = field(default_factory=list)
    log: list[str] = field(default_factory=list)
    url: str = ""
    loop: asyncio.AbstractEventLoop | None = None

    @property
    def base_url(self) -> str:
        """What ``OPENAI_BASE_URL`` is set to for the studio under test."""
        return f"{self.url}/v1"

    # --- HTTP ---------------------------------------------------------------------------------

    def _cors(self, request: web.Request, response: web.StreamResponse) -> web.StreamResponse:
        origin = request.headers.get("Origin")
        if origin:
            response.headers["Access-Control-Allow-Origin"] = origin
            response.headers["Access-Control-Allow-Methods"] = "POST, OPTIONS"
            response.headers["Access-Control-Allow-Headers"] = "Authorization, Content-Type"
            response.headers["Access-Control-Expose-Headers"] = "Location"
        return response

    @staticmethod
    def _error(status: int, message: str) -> web.Response:
        return web.json_response({"error": {"message": message, "type": "invalid_request_error"}}, status=status)

    async def _record(self, request: web.Request) -> str:
        body = await request.text()
        self.requests.append({"method": request.method, "path": request.path, "headers": dict(request.headers),
                              "body": body})
        self.log.append(f"{request.method} {request.path}")
        return body

    async def preflight(self, request: web.Request) -> web.StreamResponse:
        await self._record(request)
        return self._cors(request, web.Response(status=204))

    async def client_secrets(self, request: web.Request) -> web.Response:
        text = await self._record(request)
        if request.headers.get("Authorization") != f"Bearer {self.api_key}":
            return self._error(401, "Incorrect API key provided.")
        try:
            body = json.loads(text)
        except json.JSONDecodeError:
            return self._error(400, "The body is not JSON.")
        expires = body.get("expires_after") or {"anchor": "created_at", "seconds": 600}
        if expires.get("anchor") != "created_at" or not 10 <= int(expires.get("seconds", 0)) <= 7200:
            return self._error(400, f"Invalid expires_after: {expires}")
        session = body.get("session") or {}
        try:
            parsed = RealtimeSessionCreateRequest.model_validate(session)
        except Exception as exc:  # noqa: BLE001 - the message goes back to the client, as the API would
            return self._error(400, f"Invalid session: {exc}")
        unknown = _extras(parsed)
        if unknown:
            return self._error(400, f"Unknown parameters: {', '.join(unknown)}")
        if PLACEHOLDER.search(json.dumps(session)):
            return self._error(400, "The session still holds a ${NAME} placeholder.")
        value = "ek_" + secrets.token_hex(16)
        expires_at = int(time.time()) + int(expires["seconds"])
        self.secrets[value] = {"session": session, "expires_at": expires_at}
        answer = {**session, "id": "sess_" + secrets.token_hex(8), "object": "realtime.session"}
        return web.json_response({"value": value, "expires_at": expires_at, "session": answer})

    async def create_call(self, request: web.Request) -> web.StreamResponse:
        offer = await self._record(request)
        auth = request.headers.get("Authorization", "")
        secret = auth.removeprefix("Bearer ")
        minted = self.secrets.get(secret)
        if not minted or minted["expires_at"] < time.time():
            return self._cors(request, self._error(401, "Unknown or expired client secret."))
        if not request.content_type.startswith("application/sdp"):
            return self._cors(request, self._error(400, "Expected an SDP offer (application/sdp)."))
        pc = RTCPeerConnection(RTCConfiguration(iceServers=[]))
        call = Call("rtc_" + secrets.token_hex(8), secret, pc, Tone(), json.loads(json.dumps(minted["session"])))
        self.calls.append(call)
        pc.on("track", lambda track: asyncio.ensure_future(self._listen(call, track)))
        pc.on("datachannel", lambda channel: self._attach(call, channel))
        await pc.setRemoteDescription(RTCSessionDescription(sdp=offer, type="offer"))
        pc.addTrack(call.tone)  # after the offer: reuses the browser's audio transceiver
        await pc.setLocalDescription(await pc.createAnswer())
        response = web.Response(status=201, text=pc.localDescription.sdp, content_type="application/sdp")
        response.headers["Location"] = f"/v1/realtime/calls/{call.call_id}"
        return self._cors(request, response)

    # --- The call -------------------------------------------------------------------------------

    def _send(self, call: Call, event: dict[str, Any]) -> None:
        event = {"event_id": "event_" + secrets.token_hex(6), **event}
        call.sent.append(event)
        if call.channel is not None and call.channel.readyState == "open":
            call.channel.send(json.dumps(event))

    def _attach(self, call: Call, channel: Any) -> None:
        if channel.label != "oai-events":
            return
        call.channel = channel
        self._send(call, {"type": "session.created", "session": call.session})
        for tool in call.session.get("tools") or []:  # the API lists each MCP server's tools as the call starts
            if tool.get("type") == "mcp":
                item = {"id": "mcpl_" + secrets.token_hex(6), "type": "mcp_list_tools",
                        "server_label": tool.get("server_label"),
                        "tools": [{"name": "search", "input_schema": {"type": "object"}}]}
                self._send(call, {"type": "conversation.item.done", "item": item})
        channel.on("message", lambda message: self._receive(call, message))

    async def _listen(self, call: Call, track: MediaStreamTrack) -> None:
        with contextlib.suppress(Exception):  # the track ends when the call does
            while True:
                await track.recv()
                call.mic_frames += 1
                if call.mic_frames == MIC_FRAMES_BEFORE_SPEECH and not call.heard_speech:
                    call.heard_speech = True
                    self._send(call, {"type": "input_audio_buffer.speech_started", "audio_start_ms": 0})
                    self._send(call, {"type": "input_audio_buffer.speech_stopped", "audio_end_ms": 900})
                    self._send(call, {"type": "conversation.item.input_audio_transcription.completed",
                                      "item_id": "item_mic", "content_index": 0, "transcript": USER_SPEECH})
                    self._reply(call, SPOKEN_REPLY)

    def _reply(self, call: Call, text: str) -> None:
        response_id = "resp_" + secrets.token_hex(6)
        audio = (call.session.get("output_modalities") or ["audio"]) == ["audio"]
        self._send(call, {"type": "response.created", "response": {"id": response_id, "status": "in_progress"}})
        if audio:
            call.tone.speak(1.0)
            self._send(call, {"type": "response.output_audio_transcript.delta", "response_id": response_id,
                              "delta": text})
            self._send(call, {"type": "response.output_audio.done", "response_id": response_id})
            self._send(call, {"type": "response.output_audio_transcript.done", "response_id": response_id,
                              "transcript": text})
        else:
            self._send(call, {"type": "response.output_text.done", "response_id": response_id, "text": text})
        self._done(call, response_id, [{"type": "message", "role": "assistant", "status": "completed"}])

    def _done(self, call: Call, response_id: str, output: list[dict[str, Any]]) -> None:
        usage = {"total_tokens": 42, "input_tokens": 30, "output_tokens": 12}
        self._send(call, {"type": "response.done",
                          "response": {"id": response_id, "status": "completed", "output": output, "usage": usage}})

    def _call_tool(self, call: Call, name: str, arguments: str) -> None:
        response_id, call_id = "resp_" + secrets.token_hex(6), "call_" + secrets.token_hex(6)
        item = {"id": "item_" + secrets.token_hex(6), "type": "function_call", "name": name, "call_id": call_id,
                "arguments": arguments, "status": "completed"}
        self._send(call, {"type": "response.created", "response": {"id": response_id, "status": "in_progress"}})
        self._send(call, {"type": "response.function_call_arguments.done", "response_id": response_id,
                          "item_id": item["id"], "output_index": 0, "call_id": call_id, "name": name,
                          "arguments": arguments})
        self._done(call, response_id, [item])

    def _ask_approval(self, call: Call) -> None:
        mcp = next((t for t in call.session.get("tools") or [] if t.get("type") == "mcp"), {})
        item = {"id": "mcpr_" + secrets.token_hex(6), "type": "mcp_approval_request",
                "server_label": mcp.get("server_label", "docs"), "name": "search", "arguments": '{"q": "refunds"}'}
        self._send(call, {"type": "conversation.item.added", "item": item})
        self._send(call, {"type": "conversation.item.done", "item": item})

    def _receive(self, call: Call, message: str | bytes) -> None:
        event = json.loads(message)
        call.received.append(event)
        kind = event.get("type")
        self.log.append(f"call {call.call_id}: {kind}")
        if kind == "session.update":
            _merge(call.session, event.get("session") or {})
            self._send(call, {"type": "session.updated", "session": call.session})
        elif kind == "conversation.item.create":
            item = event.get("item") or {}
            if item.get("type") == "message":
                call.last_text = " ".join(c.get("text", "") for c in item.get("content") or []).strip()
            elif item.get("type") == "function_call_output":
                call.last_text = f"The tool said: {item.get('output')}"
            elif item.get("type") == "mcp_approval_response":
                verdict = "approved" if item.get("approve") else "denied"
                if item.get("approve"):  # the API calls the server, then the agent answers with what it found
                    mcp = {"id": "mcp_" + secrets.token_hex(6), "type": "mcp_call", "server_label": "docs",
                           "name": "search", "arguments": '{"q": "refunds"}', "output": "3 pages about refunds",
                           "approval_request_id": item.get("approval_request_id")}
                    self._send(call, {"type": "conversation.item.done", "item": mcp})
                self._reply(call, f"The MCP call was {verdict}.")
        elif kind == "response.create":
            text, call.last_text = call.last_text, ""
            match = CALL_TOOL.match(text)
            if match:
                self._call_tool(call, match["name"], match["arguments"].strip() or "{}")
            elif text == "ask to use MCP":
                self._ask_approval(call)
            elif text.startswith("The tool said: "):
                self._reply(call, text)
            else:
                self._reply(call, f"You said: {text}")

    # --- Running ---------------------------------------------------------------------------------

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_route("OPTIONS", "/v1/realtime/{tail:.*}", self.preflight)
        app.router.add_post("/v1/realtime/client_secrets", self.client_secrets)
        app.router.add_post("/v1/realtime/calls", self.create_call)
        return app

    def on_loop(self, fn: Any, timeout: float = 10) -> Any:
        """Run a coroutine function on the fake's loop from another thread and return its result."""
        assert self.loop is not None
        return asyncio.run_coroutine_threadsafe(fn(), self.loop).result(timeout)


def _merge(into: dict[str, Any], update: dict[str, Any]) -> None:
    for key, value in update.items():
        if isinstance(value, dict) and isinstance(into.get(key), dict) and key not in ("turn_detection",):
            _merge(into[key], value)
        else:
            into[key] = value


@contextlib.contextmanager
def fake_realtime(api_key: str) -> Iterator[FakeRealtime]:
    """Serve the fake API on 127.0.0.1 (a free port) in a background thread until the block ends."""
    fake = FakeRealtime(api_key)
    ready = threading.Event()
    stop: asyncio.Event | None = None
    failure: list[BaseException] = []

    async def serve() -> None:
        nonlocal stop
        stop = asyncio.Event()
        fake.loop = asyncio.get_running_loop()
        runner = web.AppRunner(fake.app(), access_log=None)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        fake.url = f"http://127.0.0.1:{port}"
        ready.set()
        await stop.wait()
        for call in fake.calls:
            await call.pc.close()
        await runner.cleanup()

    def run() -> None:
        try:
            asyncio.run(serve())
        except BaseException as exc:  # noqa: BLE001 - reported to the test thread below
            failure.append(exc)
            ready.set()

    thread = threading.Thread(target=run, name="fake-realtime", daemon=True)
    thread.start()
    if not ready.wait(30) or failure:
        raise RuntimeError(f"the fake Realtime server did not start: {failure}")
    try:
        yield fake
    finally:
        assert fake.loop is not None and stop is not None
        fake.loop.call_soon_threadsafe(stop.set)
        thread.join(30)
