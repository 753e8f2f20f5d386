// careline "call the clinic": a WebRTC call from this page into the clinic's assistant.
"use strict";
const $ = (id) => document.getElementById(id);
const call = { pc: null, mic: null, id: null };

// What this page played (16-bit PCM), for a sound check and for careline's browser tests.
const capture = { on: false, chunks: [], rate: 48000 };
window.careline = {
  capture() { capture.on = true; capture.chunks = []; },
  captured() {
    const total = capture.chunks.reduce((n, c) => n + c.length, 0);
    const pcm = new Int16Array(total); let at = 0;
    for (const c of capture.chunks) { pcm.set(c, at); at += c.length; }
    let bin = ""; const bytes = new Uint8Array(pcm.buffer);
    for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return { rate: capture.rate, pcm: btoa(bin) };
  },
  callId: () => call.id,
};

function status(text) { $("status").textContent = text; }

$("call").onclick = async () => {
  $("call").disabled = true; status("connecting");
  try {
    call.mic = await navigator.mediaDevices.getUserMedia({ audio: { echoCancellation: true, noiseSuppression: true } });
  } catch (e) { $("message").textContent = "The page needs your microphone to call."; $("call").disabled = false; status("ready"); return; }
  const pc = new RTCPeerConnection({ iceServers: [] });
  call.pc = pc;
  for (const t of call.mic.getAudioTracks()) pc.addTrack(t, call.mic);
  pc.ontrack = (e) => { $("remote").srcObject = e.streams[0] || new MediaStream([e.track]); tap(e.track); };
  pc.onconnectionstatechange = () => { if (pc.connectionState === "connected") status("in call"); if (["failed", "closed"].includes(pc.connectionState)) end(); };
  await pc.setLocalDescription(await pc.createOffer());
  await new Promise((done) => {
    if (pc.iceGatheringState === "complete") return done();
    pc.addEventListener("icegatheringstatechange", () => pc.iceGatheringState === "complete" && done());
    setTimeout(done, 2000);
  });
  const r = await fetch("/api/web-calls", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ sdp: pc.localDescription.sdp }) });
  const body = await r.json().catch(() => ({}));
  if (!r.ok) { $("message").textContent = body.error || "The call could not be placed."; end(); return; }
  call.id = body.call_id;
  await pc.setRemoteDescription({ type: "answer", sdp: body.sdp });
  $("hangup").disabled = false;
};

$("hangup").onclick = async () => {
  if (call.id) await fetch(`/api/web-calls/${call.id}/hangup`, { method: "POST" });
  end();
};

function end() {
  if (call.pc) { call.pc.close(); call.pc = null; }
  if (call.mic) { for (const t of call.mic.getTracks()) t.stop(); call.mic = null; }
  $("hangup").disabled = true; $("call").disabled = false; status("call ended");
}

function tap(track) {
  const ctx = new AudioContext(); capture.rate = ctx.sampleRate;
  const src = ctx.createMediaStreamSource(new MediaStream([track]));
  const node = ctx.createScriptProcessor(4096, 1, 1);
  node.onaudioprocess = (e) => {
    if (!capture.on) return;
    const f = e.inputBuffer.getChannelData(0); const pcm = new Int16Array(f.length);
    for (let i = 0; i < f.length; i++) pcm[i] = Math.max(-1, Math.min(1, f[i])) * 32767;
    capture.chunks.push(pcm);
  };
  src.connect(node); node.connect(ctx.destination);
}
