// careline agent console: sign in, go available, take warm transfers over WebRTC.
// Everything comes from careline itself; no third-party script or CDN.
"use strict";

const $ = (id) => document.getElementById(id);
const state = { ws: null, offer: null, callId: null, pc: null, mic: null, muted: false, held: false, ring: null };

// What this page played, as 16-bit PCM: a headset check for the agent, and how the browser
// test proves the caller was heard. Off until window.careline.capture() is called.
const capture = { on: false, chunks: [], rate: 48000 };
// When things happened on this page (epoch ms), for the hand-off benchmark.
const marks = [];
function mark(what, callId) { marks.push({ what, call_id: callId || null, at: performance.timeOrigin + performance.now() }); }
window.careline = {
  capture() { capture.on = true; capture.chunks = []; },
  captured() {
    const total = capture.chunks.reduce((n, c) => n + c.length, 0);
    const pcm = new Int16Array(total);
    let at = 0;
    for (const c of capture.chunks) { pcm.set(c, at); at += c.length; }
    let bin = "";
    const bytes = new Uint8Array(pcm.buffer);
    for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return { rate: capture.rate, pcm: btoa(bin) };
  },
  marks: () => marks.slice(),
  state: () => ({ callId: state.callId, status: $("status").textContent, connection: state.pc ? state.pc.connectionState : null }),
};

function show(id, visible) { $(id).hidden = !visible; }
function say(text) { $("message").textContent = text; }
function send(msg) { if (state.ws && state.ws.readyState === WebSocket.OPEN) state.ws.send(JSON.stringify(msg)); }

async function api(path, body) {
  const r = await fetch(path, { method: body ? "POST" : "GET", headers: { "Content-Type": "application/json" },
    body: body ? JSON.stringify(body) : undefined, credentials: "same-origin" });
  return { ok: r.ok, status: r.status, data: await r.json().catch(() => ({})) };
}

$("login-form").addEventListener("submit", async (e) => {
  e.preventDefault();
  const r = await api("/api/login", { username: $("username").value, password: $("password").value });
  if (!r.ok) { $("login-error").textContent = r.data.error || "Sign-in failed"; return; }
  if (r.data.role === "supervisor") { location.href = "/supervisor"; return; }
  start(r.data);
});

function start(me) {
  show("login", false); show("desk", true);
  $("who").textContent = `${me.name} (${me.skills.join(", ")})`;
  const ws = new WebSocket(`${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/ws/agent`);
  state.ws = ws;
  ws.onmessage = (e) => onMessage(JSON.parse(e.data));
  ws.onclose = () => { $("status").textContent = "disconnected"; say("Connection to careline lost. Reload to reconnect."); };
}

function onMessage(m) {
  switch (m.type) {
    case "hello": $("status").textContent = m.status; break;
    case "offer": state.offer = m.offer_id; renderCard(m.card, true); requestAnimationFrame(() => mark("card_shown", m.call_id)); ringStart(); $("status").textContent = "ringing"; break;
    case "offer_ended": if (state.offer === m.offer_id) { state.offer = null; ringStop(); show("card", false); say(`Offer ended: ${m.reason}`); $("status").textContent = "available"; } break;
    case "connected": ringStop(); state.callId = m.call_id; renderCard(m.card, false); $("status").textContent = "on call"; startMedia(); break;
    case "webrtc_answer": state.pc.setRemoteDescription({ type: "answer", sdp: m.sdp }); break;
    case "transcript": addLine(m.speaker, m.text); break;
    case "call_ended": endMedia(); say(`Call ended (${m.reason}). Write the wrap-up.`); show("call-buttons", false); show("hangup", false); show("wrap-up", true); $("status").textContent = "wrap-up"; break;
    case "error": say(`Refused: ${m.message}`); break;
  }
}

function renderCard(card, offering) {
  show("card", true); show("offer-buttons", offering); show("call-buttons", !offering);
  show("wrap", !offering); show("hangup", true); show("wrap-up", false);
  const t = card.triage || {};
  const level = t.level || "none";
  $("card-title").textContent = offering ? `Incoming call for ${card.skill}` : `On call (${card.skill})`;
  $("card-urgency").textContent = level.toUpperCase();
  $("card-urgency").className = `urgency ${level}`;
  $("card-caller").textContent = [card.caller.name, card.caller.number].filter(Boolean).join(" ") || "unknown";
  $("card-identity").textContent = card.caller.identity_verified ? "verified" : "NOT verified";
  $("card-intent").textContent = (card.intent || "unknown").replace(/_/g, " ");
  $("card-triage").textContent = t.level ? `${t.level}${t.complaint ? ", " + t.complaint.replace(/_/g, " ") : ""}` : "no symptoms described";
  $("card-flags").textContent = (t.red_flags || []).map((f) => f.replace(/_/g, " ")).join(", ") || "none";
  $("card-summary").textContent = card.summary;
  const answers = $("card-answers"); answers.replaceChildren();
  for (const a of t.answers || []) { const li = document.createElement("li"); li.textContent = `${a.question} ${a.answer}`; answers.append(li); }
  $("transcript").replaceChildren();
  for (const line of card.transcript) addLine(line.speaker, line.text);
}

function addLine(speaker, text) {
  const li = document.createElement("li");
  li.className = speaker; li.textContent = `${speaker}: ${text}`;
  $("transcript").append(li);
}

function ringStart() {
  try {
    const ctx = new AudioContext(); const osc = ctx.createOscillator(); const gain = ctx.createGain();
    osc.frequency.value = 880; gain.gain.value = 0.05; osc.connect(gain).connect(ctx.destination); osc.start();
    state.ring = ctx;
  } catch (e) { /* no sound device: the card still shows */ }
}
function ringStop() { if (state.ring) { state.ring.close(); state.ring = null; } }

async function startMedia() {
  const pc = new RTCPeerConnection({ iceServers: [] });
  state.pc = pc;
  state.mic = await navigator.mediaDevices.getUserMedia({ audio: { echoCancellation: true, noiseSuppression: true, autoGainControl: true } });
  for (const track of state.mic.getAudioTracks()) pc.addTrack(track, state.mic);
  pc.ontrack = (e) => { $("remote").srcObject = e.streams[0] || new MediaStream([e.track]); tap(e.track); };
  await pc.setLocalDescription(await pc.createOffer());
  await new Promise((done) => {  // no trickle: one offer with every candidate
    if (pc.iceGatheringState === "complete") return done();
    pc.addEventListener("icegatheringstatechange", () => pc.iceGatheringState === "complete" && done());
    setTimeout(done, 2000);
  });
  send({ type: "webrtc_offer", call_id: state.callId, sdp: pc.localDescription.sdp });
}

let heardYet = false;
function tap(track) {
  const ctx = new AudioContext();
  capture.rate = ctx.sampleRate;
  const source = ctx.createMediaStreamSource(new MediaStream([track]));
  const node = ctx.createScriptProcessor(4096, 1, 1);
  node.onaudioprocess = (e) => {
    const f = e.inputBuffer.getChannelData(0);
    if (!heardYet) {  // the first audible buffer from the caller: two-way audio has begun
      let sum = 0; for (let i = 0; i < f.length; i++) sum += f[i] * f[i];
      if (Math.sqrt(sum / f.length) > 0.01) { heardYet = true; mark("caller_heard", state.callId); }
    }
    if (!capture.on) return;
    const pcm = new Int16Array(f.length);
    for (let i = 0; i < f.length; i++) pcm[i] = Math.max(-1, Math.min(1, f[i])) * 32767;
    capture.chunks.push(pcm);
  };
  source.connect(node); node.connect(ctx.destination);
}

function endMedia() {
  if (state.pc) { state.pc.close(); state.pc = null; }
  if (state.mic) { for (const t of state.mic.getTracks()) t.stop(); state.mic = null; }
}

$("available").onclick = () => send({ type: "available" });
$("away").onclick = () => send({ type: "away" });
$("accept").onclick = () => { if (state.offer) { mark("accept"); send({ type: "accept", offer_id: state.offer }); } state.offer = null; heardYet = false; };
$("decline").onclick = () => { if (state.offer) send({ type: "decline", offer_id: state.offer }); state.offer = null; ringStop(); show("card", false); };
$("mute").onclick = () => { state.muted = !state.muted; send({ type: "mute", call_id: state.callId, on: state.muted }); $("mute").textContent = state.muted ? "Unmute" : "Mute"; };
$("hold").onclick = () => { state.held = !state.held; send({ type: "hold", call_id: state.callId, on: state.held }); $("hold").textContent = state.held ? "Resume" : "Hold"; };
$("back").onclick = () => { send({ type: "back_to_ai", call_id: state.callId, disposition: "returned_to_assistant", notes: $("notes").value }); finish(); };
$("transfer").onclick = () => {
  const msg = { type: "transfer", call_id: state.callId, skill: $("transfer-skill").value, notes: $("notes").value };
  const named = $("transfer-agent").value.trim();
  if (named) msg.agent = named;  // offered to them first; to the skill if they cannot take it
  send(msg); finish();
};
$("hangup").onclick = () => { send({ type: "hangup", call_id: state.callId, disposition: $("disposition").value, notes: $("notes").value }); finish(); };
$("wrap-up").onclick = () => { send({ type: "wrap_up", call_id: state.callId, disposition: $("disposition").value, notes: $("notes").value }); finish(); };
$("logout").onclick = async () => { await api("/api/logout", {}); location.reload(); };

function finish() { endMedia(); show("card", false); state.callId = null; $("notes").value = ""; $("status").textContent = "wrap-up"; say("Call finished. Press Available for the next one."); }

api("/api/me").then((r) => { if (r.ok && r.data.role === "agent") start(r.data); });
