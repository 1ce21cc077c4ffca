// cards.js: the class cards of a world's roster (/cards.html?world=W), from
// the dashboard.  The teacher key is the dashboard's (this tab's
// sessionStorage, never in the address).  It reads /admin?key=K&world=W
// &format=json and makes one card per name: the name, the world, the secret
// word, this server's address, and the first address to type, /join with
// the name, the word and the world.
"use strict";

const world = new URLSearchParams(location.search).get("world") || "";
const key = sessionStorage.getItem("moceanTeacherKey") || "";

function el(tag, props, ...children) {
  const e = document.createElement(tag);
  Object.assign(e, props || {});
  e.append(...children);
  return e;
}

function say(text) { document.getElementById("message").textContent = text; }

// Names are letters and digits (kept as they are, 李雷 too); a word a
// teacher chose may hold anything, so it is escaped.
function joinAddress(n) {
  return location.origin + "/join?name=" + n.name + "&secret=" + encodeURIComponent(n.secret) +
         "&world=" + encodeURIComponent(world);
}

function card(n) {
  const facts = el("dl", {},
    el("dt", { textContent: "world" }), el("dd", { className: "world", textContent: world }),
    el("dt", { textContent: "secret word" }), el("dd", { className: "word", textContent: n.secret }),
    el("dt", { textContent: "server" }), el("dd", { className: "server", textContent: location.origin + "/" }));
  return el("div", { className: "card" },
    el("div", { className: "name", textContent: n.name }), facts,
    el("div", { className: "address", textContent: joinAddress(n) }),
    el("div", { className: "hint", textContent: "Type this address first: the number it answers is your id. " +
                "Keep your secret word to yourself." }));
}

async function show() {
  if (!key) return say("Open the dashboard first (/teacher) and type the teacher key there, then come back.");
  if (!world) return say("Which world? Open these cards from the dashboard's Class rosters.");
  document.title = "Mocean: cards for " + world;
  let r;
  try {
    r = await fetch("/admin?" + new URLSearchParams({ key: key, world: world, format: "json" }));
  } catch (e) {
    return say("The server does not answer: is make run still running?");
  }
  if (!r.ok) return say((await r.text()).trim());
  const w = ((await r.json()).worlds || [])[0] || {};
  const roster = w.roster || [];
  if (!roster.length) return say("World " + world + " has no roster yet: add the class on the dashboard.");
  document.getElementById("count").textContent = roster.length + " card" + (roster.length === 1 ? "" : "s") +
    " for " + world + " (eight to a sheet of A4)";
  document.getElementById("cards").replaceChildren(...roster.map(card));
}

document.getElementById("print").addEventListener("click", () => window.print());
show();
