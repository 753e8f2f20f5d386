// careline supervisor view: the queue, who is on which call, and today's figures.
"use strict";
const $ = (id) => document.getElementById(id);

function row(cells) {
  const tr = document.createElement("tr");
  for (const c of cells) { const td = document.createElement("td"); td.textContent = c; tr.append(td); }
  return tr;
}

async function refresh() {
  const r = await fetch("/api/queue", { credentials: "same-origin" });
  if (r.status === 401 || r.status === 403) { location.href = "/console"; return; }
  const q = await r.json();
  $("waiting").replaceChildren(...q.waiting.map((w) => row([w.call_id, w.urgency, w.skill, `${Math.round(w.waited_s)} s`, w.ringing.join(", ")])));
  $("agents").replaceChildren(...q.agents.map((a) => row([a.agent_id, a.status, `${Math.round(a.for_s)} s`, a.call_id || "", a.skills.join(", ")])));
  const names = { calls: "Calls", handled_by_ai: "Handled by the assistant", transferred: "Transferred to people",
    abandoned: "Abandoned while waiting", no_agents: "No agent available", average_speed_of_answer_s: "Average speed of answer (s)" };
  const today = $("today"); today.replaceChildren();
  for (const [k, label] of Object.entries(names)) {
    const dt = document.createElement("dt"); dt.textContent = label;
    const dd = document.createElement("dd"); dd.textContent = q.today[k] ?? "-";
    today.append(dt, dd);
  }
  $("updated").textContent = `updated ${new Date().toLocaleTimeString()}`;
}

refresh().catch((e) => { $("error").textContent = String(e); });
setInterval(() => refresh().catch((e) => { $("error").textContent = String(e); }), 2000);
