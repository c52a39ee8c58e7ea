// The browser side of a live call: WebRTC with the Realtime API, using only the short-lived
// client secret the studio's server minted. Streamlit calls the default export again each time
// the page passes new data (a new call, events to send, stop), so the call lives in a controller
// kept per mounted element. The call's events go back to Python in order ("events" state);
// Python keeps the transcript, the event log and the tool calls.

const CONTROLLERS = new WeakMap();
// Events too frequent or too large to forward (audio and text deltas): the ".done" events carry the text.
const SKIP = /\.delta$|^input_audio_buffer\.append$|^rate_limits\.updated$/;
const FLUSH_MS = 150;
const GATHER_MS = 3000;

function trimmed(event) {
  if (event.type === "session.created" || event.type === "session.updated") {
    return { type: event.type, event_id: event.event_id };  // the session itself stays out of the page's state
  }
  return event;
}

function clock(seconds) {
  const s = Math.floor(seconds);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

class Call {
  constructor(root) {
    this.root = root;
    this.el = (name) => root.querySelector(name);
    this.setStateValue = () => {};
    this.call = null;  // {id, secret, calls_url, cap, mic}
    this.entries = [];
    this.sent = 0;  // the last outbox seq sent
    this.queue = [];
    this.timers = [];
    this.meters = [];
    this.el(".stop").addEventListener("click", () => this.stop("stopped by you"));
  }

  show(state, text) {
    this.el(".call").dataset.state = state;
    this.el(".status").textContent = text;
    this.el(".stop").disabled = state !== "connecting" && state !== "live";
  }

  record(direction, event) {
    this.entries.push({ direction, event });
    if (!this.flushTimer) this.flushTimer = setTimeout(() => this.flush(), FLUSH_MS);
  }

  flush() {
    clearTimeout(this.flushTimer);
    this.flushTimer = null;
    if (this.call) this.setStateValue("events", { call: this.call.id, entries: this.entries.slice() });
  }

  update(data) {
    const call = data && data.call;
    if (call && call.id !== (this.call && this.call.id) && !call.ended && call.secret) {
      this.start(call);
    }
    if (this.call && call && call.id === this.call.id) {
      for (const item of data.outbox || []) {
        if (item.seq > this.sent) {
          this.sent = item.seq;
          this.send(item.event);
        }
      }
      if (call.stop && this.live) this.stop(call.stop);
    }
  }

  send(event) {
    if (this.channel && this.channel.readyState === "open") {
      this.channel.send(JSON.stringify(event));
      this.record("out", event);
    } else {
      this.queue.push(event);
    }
  }

  async start(call) {
    if (this.live) this.stop("a new call started");
    this.call = call;
    this.entries = [];
    this.sent = 0;
    this.queue = [];
    this.live = true;
    this.show("connecting", "Connecting…");
    const started = performance.now();
    try {
      const pc = new RTCPeerConnection();
      this.pc = pc;
      const voice = this.el(".voice");
      pc.ontrack = (e) => {
        voice.srcObject = e.streams[0] || new MediaStream([e.track]);
        this.meter(voice.srcObject, this.el(".agent"));
      };
      if (call.mic) {
        this.mic = await navigator.mediaDevices.getUserMedia({ audio: true });
        for (const track of this.mic.getTracks()) pc.addTrack(track, this.mic);
        this.meter(this.mic, this.el(".mic"));
      } else {
        pc.addTransceiver("audio", { direction: "recvonly" });
      }
      const channel = pc.createDataChannel("oai-events");
      this.channel = channel;
      channel.onopen = () => {
        this.show("live", "Call in progress");
        for (const event of this.queue.splice(0)) this.send(event);
      };
      channel.onmessage = (message) => {
        const event = JSON.parse(message.data);
        if (!SKIP.test(event.type || "")) this.record("in", trimmed(event));
      };
      channel.onclose = () => { if (this.live) this.stop("the other side closed the call"); };
      await pc.setLocalDescription(await pc.createOffer());
      await this.gathered(pc);
      const answer = await fetch(call.calls_url, {
        method: "POST",
        body: pc.localDescription.sdp,
        headers: { Authorization: `Bearer ${call.secret}`, "Content-Type": "application/sdp" },
      });
      const text = await answer.text();
      if (!answer.ok) throw new Error(`the API answered ${answer.status}: ${text.slice(0, 300)}`);
      if (!this.live || this.pc !== pc) return;
      await pc.setRemoteDescription({ type: "answer", sdp: text });
      this.record("local", { type: "call.started" });
      this.timers.push(setInterval(() => {
        const elapsed = (performance.now() - started) / 1000;
        this.el(".elapsed").textContent = clock(elapsed);
        if (elapsed >= call.cap) this.stop("time cap reached");
      }, 250));
    } catch (error) {
      this.stop(`could not connect: ${error.message || error}`);
    }
  }

  gathered(pc) {
    // The offer carries every candidate (no trickle over HTTP): wait for gathering, briefly.
    if (pc.iceGatheringState === "complete") return Promise.resolve();
    return new Promise((done) => {
      const timer = setTimeout(done, GATHER_MS);
      pc.addEventListener("icegatheringstatechange", () => {
        if (pc.iceGatheringState === "complete") { clearTimeout(timer); done(); }
      });
    });
  }

  meter(stream, element) {
    try {
      const context = new AudioContext();
      if (context.state === "suspended") context.resume();  // a page without a user gesture yet
      const analyser = context.createAnalyser();
      analyser.fftSize = 512;
      context.createMediaStreamSource(stream).connect(analyser);
      const samples = new Float32Array(analyser.fftSize);
      const timer = setInterval(() => {
        analyser.getFloatTimeDomainData(samples);
        let sum = 0;
        for (const s of samples) sum += s * s;
        const level = Math.min(1, Math.sqrt(sum / samples.length) * 4);
        element.value = level;
        element.dataset.peak = Math.max(Number(element.dataset.peak || 0), level).toFixed(3);
      }, 50);
      this.timers.push(timer);
      this.meters.push(context);
    } catch (error) {
      element.title = `No level: ${error.message || error}`;
    }
  }

  stop(reason) {
    if (!this.live) return;
    this.live = false;
    for (const timer of this.timers.splice(0)) clearInterval(timer);
    for (const context of this.meters.splice(0)) context.close();
    if (this.channel) this.channel.close();
    if (this.pc) this.pc.close();
    if (this.mic) for (const track of this.mic.getTracks()) track.stop();
    this.channel = this.pc = this.mic = null;
    this.el(".mic").value = 0;
    this.el(".agent").value = 0;
    this.show("ended", `Call ended: ${reason}.`);
    this.record("local", { type: "call.ended", reason });
    this.flush();
  }
}

export default function (component) {
  const { data, parentElement, setStateValue } = component;
  let controller = CONTROLLERS.get(parentElement);
  if (!controller) {
    controller = new Call(parentElement);
    CONTROLLERS.set(parentElement, controller);
  }
  controller.setStateValue = setStateValue;
  controller.update(data);
  return () => controller.stop("left the page");
}
