// bots.js: the dashboard's bots (/teacher, beside teacher.js).  Each world's
// card gets a part listing its students' bots, from
// /admin?key=K&do=bots&world=W&format=json (name, state, since, why, cpu),
// each with Start or Stop (do=bot&name=N&run=1 or 0), and Start all / Stop
// all (do=bots&run=1 or 0).  A bot plays as a player of its own (the
// starter bot joins as NAMEbot), so the map and the player list show it.
// teacher.js sends "worldcard" for every card it draws; its el, button,
// slotted and adminUrl are used here.
"use strict";

document.addEventListener("worldcard", async e => {
  const { card, world } = e.detail;
  if (!world.name || "problem" in world || world.missing) return;
  let bots;
  try {
    const r = await fetch(adminUrl({ do: "bots", world: world.name, format: "json" }));
    if (!r.ok) return;
    bots = (await r.json()).bots || [];
  } catch (err) {
    return;   // the worlds' list says when the server does not answer
  }
  if (!bots.length || !card.isConnected) return;
  const going = b => b.state === "running" || b.state === "queued";
  const rows = bots.map((b, i) => slotted("bot " + i + " " + b.name, el("tr", { className: "bot" },
    el("td", { className: "name", textContent: b.name }),
    el("td", {}, tag(b.state, going(b))),
    el("td", { className: "n", textContent: new Date(b.since * 1000).toLocaleTimeString() }),
    el("td", { className: "n", textContent: b.cpu.toFixed(1) + " s" }),
    el("td", { className: "empty", textContent: b.why }),
    el("td", { className: "acts" }, going(b)
      ? button("Stop", () => ({ do: "bot", world: world.name, name: b.name, run: 0 }))
      : button("Start", () => ({ do: "bot", world: world.name, name: b.name, run: 1 }))))));
  const head = el("tr", {}, ...["bot", "state", "since", "CPU", "why", ""].map(t => el("th", { textContent: t })));
  card.append(slotted("bots", el("div", { className: "bots" },
    el("h4", { textContent: "Bots (" + bots.filter(going).length + " of " + bots.length + " running or queued)" }),
    el("div", { className: "actions" },
      button("Start all bots", () => ({ do: "bots", world: world.name, run: 1 })), " ",
      button("Stop all bots", () => ({ do: "bots", world: world.name, run: 0 }))),
    el("div", { className: "players" }, el("table", {}, head, ...rows)))));
});
