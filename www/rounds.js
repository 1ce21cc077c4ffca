// rounds.js: the dashboard's round controls, one block in each world's card
// (teacher.js calls roundsPanel(w) while it draws the card).  Open round
// with the minutes, Start, Finish; the state and the clock; the podium's
// link (the leaderboard, which becomes a podium when the round is over);
// and the rounds already over, with their first three.  It uses
// teacher.js's el() and button(), so its answers appear where theirs do.
"use strict";

function roundClock(seconds) {
  const s = Math.max(0, Math.ceil(seconds));
  return Math.floor(s / 60) + ":" + String(s % 60).padStart(2, "0");
}

function roundsPanel(w) {
  const r = w.round || { number: 0, state: "none", finished: [] };
  const minutes = el("input", { className: "num", placeholder: String(r.minutes || 10),
                                title: "how long the round plays (0.5 is thirty seconds)" });
  minutes.setAttribute("aria-label", "minutes the round plays");
  const state = r.state === "none" ? "no round yet" :
    "round " + r.number + ": " + r.state +
    (r.state === "playing" ? ", " + roundClock(r.seconds_left) + " left" : "");
  const clock = el("span", { className: "roundstate", textContent: state });
  clock.dataset.state = r.state;
  if (r.state === "playing") {
    const ends = Date.now() + r.seconds_left * 1000;
    const tick = setInterval(() => {
      if (!clock.isConnected) return clearInterval(tick);
      clock.textContent = "round " + r.number + ": playing, " +
        roundClock((ends - Date.now()) / 1000) + " left";
    }, 500);
  }
  const podium = "/scores?world=" + encodeURIComponent(w.name) + "&client=browser";
  const controls = el("div", { className: "actions rounds" },
    el("strong", { textContent: "Round " }), clock, " ",
    r.state === "playing" ? null : minutes,
    r.state === "playing" ? null :
      button(r.state === "lobby" ? "Open again" : "Open round",
             () => ({ do: "round", world: w.name, minutes: minutes.value.trim() || String(r.minutes || 10) })),
    r.state === "lobby" ? button("Start", () => ({ do: "start", world: w.name })) : null,
    r.state === "playing" ? button("Finish", () => ({ do: "finish", world: w.name }),
                                   "Finish round " + r.number + " of " + w.name + " now?") : null,
    el("a", { href: podium, target: "_blank", className: "podiumlink",
              textContent: r.state === "finished" ? "Podium" : "Leaderboard" }));
  const done = (r.finished || []).map(f => el("li", {},
    el("a", { href: "/scores?world=" + encodeURIComponent(w.name) + "&round=" + f.number,
              target: "_blank", textContent: "round " + f.number }),
    ": " + (f.podium.length ? f.podium.map((p, i) => (i + 1) + ". " + p.name + " (" +
                                            p.treasures + ")").join(", ") : "nobody played")));
  return el("div", { className: "roundpanel" }, controls,
            done.length ? el("ol", { className: "oldrounds", reversed: true }, ...done) : null);
}
