// teacher.js: the teacher's dashboard (/teacher).  The key is typed once and
// kept in this tab's sessionStorage, never in the address bar.  The page asks
// /admin?key=K&format=json for the worlds and their players (and, when the
// folded "Steps answers" section is opened, /answers), and sends every
// action as /admin?key=K&do=ACTION&world=W..., showing the server's one-line
// answer beside the button that asked (an action this server does not know
// yet answers 400: shown too).  The answer is one live region (#answer), so a
// screen reader says it; it moves to where it was asked from, and stays
// there when the list is drawn again.
//
// Each world is a card, .world[data-world=NAME], whose parts stack; a page
// script adds a part of its own on the event "worldcard" (detail: {card,
// world}), sent for every card each time the list is drawn.
"use strict";

const STORE = "moceanTeacherKey";
const $ = id => document.getElementById(id);
let key = sessionStorage.getItem(STORE) || "";
let worlds = [];

// An old habit, /teacher?key=K: keep the key, and take it out of the address.
const given = new URLSearchParams(location.search).get("key");
if (given) {
  key = given;
  sessionStorage.setItem(STORE, key);
  history.replaceState(null, "", location.pathname);
}

function el(tag, props, ...children) {
  const e = document.createElement(tag);
  Object.assign(e, props || {});
  e.append(...children.filter(c => c !== null && c !== undefined));
  return e;
}

function adminUrl(params) {
  return "/admin?" + new URLSearchParams(Object.assign({ key: key }, params));
}

function showLogin(message) {
  $("dashboard").hidden = true;
  $("login").hidden = false;
  $("message").textContent = message || "";
  $("key").focus();
}

// Where the last answer shows: the part of the page (its data-slot) that
// holds the button that asked, and which of its buttons it was: "WORLD
// actions 0" (the bloom's), "WORLD dangers 2", "WORLD row 3 fred" for
// fred's row (the fourth), "newworld".
let answerSlot = "";
const answerBox = $("answer");   // kept: a new list takes it out of the page for a moment

// Element e, as the part of the page called slot.
function slotted(slot, e) {
  e.dataset.slot = slot;
  return e;
}

// The answer beside the button that asked: right after it in its row of
// buttons, or in a line of its own under a player's row (where the row was,
// once it is gone).
function placeAnswer() {
  const box = answerBox;
  if (answerSlot === "newworld") {
    $("make").after(box);
    document.querySelectorAll("tr.answer-row").forEach(r => r.remove());
    return;
  }
  const [world, part, row, name] = answerSlot.split(" ");
  const card = [...document.querySelectorAll("#worlds .world")].find(c => c.dataset.world === world);
  const table = card && card.querySelector("table");
  if (part === "row" && table) {
    const rows = card.querySelectorAll("tr.player");
    const line = el("tr", { className: "answer-row" }, el("td", { colSpan: 99 }, box));
    if (!rows[row]) table.append(line);
    else if (rows[row].title === name) rows[row].after(line);
    else rows[row].before(line);
  } else {
    const slot = part && part !== "row" && card ? card.querySelector("[data-slot='" + part + "']") : null;
    const asked = slot && slot.querySelectorAll("button")[row];
    if (asked) asked.after(box);
    else (slot || (card && card.querySelector("[data-slot='actions']")) || $("newworld")).append(box);
  }
  document.querySelectorAll("tr.answer-row").forEach(r => { if (!r.contains(box)) r.remove(); });
}

// The server's one-line answer to the last action, beside what asked.
function answer(text, ok, slot) {
  if (slot !== undefined) answerSlot = slot;
  placeAnswer();
  answerBox.textContent = text;
  answerBox.className = ok ? "ok" : "err";
}

// Where button b is (see answerSlot).
function slotOf(b) {
  const part = b.closest("[data-slot]"), card = b.closest(".world");
  if (!part || !card) return "";
  const slot = card.dataset.world + " " + part.dataset.slot;
  return part.tagName === "TR" ? slot : slot + " " + [...part.querySelectorAll("button")].indexOf(b);
}

async function act(params, question, slot) {
  if (question && !confirm(question)) return;
  try {
    const r = await fetch(adminUrl(params));
    const text = (await r.text()).trim();
    answer(r.ok ? text : text + "  (HTTP " + r.status + ")", r.ok, slot);
    if (r.status === 403) return showLogin("The server did not accept this key: type it again.");
  } catch (e) {
    answer("The server does not answer: is make run still running?", false, slot);
  }
  load();
}

function button(text, params, question) {
  const b = el("button", { type: "button", textContent: text });
  b.dataset.do = params().do;
  if (question) b.className = "danger";
  b.addEventListener("click", () => act(params(), question, slotOf(b)));
  return b;
}

function tag(text, on) { return el("span", { className: "tag " + (on ? "on" : "off"), textContent: text }); }

// "protected" or "secret" (true when the player joined with secret=), when given.
function protectedOf(p) {
  if ("protected" in p) return !!p.protected;
  if ("secret" in p) return !!p.secret;
  if ("unprotected" in p) return !p.unprotected;
  return undefined;
}

function playerRow(w, p, row) {
  const safe = protectedOf(p);
  const tr = el("tr", { className: "player", title: p.name },
    el("td", { className: "n", textContent: p.id }),
    el("td", { className: "name", textContent: p.name }),
    el("td", { className: "n", textContent: p.x.toFixed(0) + ", " + p.y.toFixed(0) }),
    el("td", { className: "n", textContent: p.z.toFixed(1) }),
    "requests" in p ? el("td", { className: "n" + (p.requests > 600 ? " busy" : ""),
                                 textContent: p.requests }) : null,
    safe === undefined ? null : el("td", {}, tag(safe ? "secret" : "no secret", safe)),
    "wrong_secrets" in p ? el("td", { className: "n" + (p.wrong_secrets > 0 ? " busy" : ""),
                                      title: "wrong secret words sent for " + p.name + " since the reset",
                                      textContent: p.wrong_secrets }) : null,
    el("td", { className: "acts" },
      button("Give treasures", () => ({ do: "give", world: w.name, id: p.id })), " ",
      button("New word", () => ({ do: "newsecret", world: w.name, name: p.name }),
             "Give " + p.name + " a new secret word? The old one stops working: the answer shows the new one."), " ",
      button("Kick", () => ({ do: "kick", world: w.name, name: p.name }),
             "Remove " + p.name + " from " + w.name + "?")));
  return slotted("row " + row + " " + p.name, tr);
}

// A world whose file cannot be read (the JSON gives its problem, and no
// seed): said plainly.  A damaged file gets a Reset, which sets the file
// aside (kept, not erased) and makes the world anew, and a Delete.
function troubleCard(w) {
  const problem = w.problem || "there is no world called " + w.name;
  const card = el("div", { className: "world trouble" }, el("h3", { textContent: w.name }),
    el("p", { className: "problem", textContent: (w.damaged ? "Damaged: " : "Cannot be read: ") + problem }),
    w.damaged ?
      slotted("actions", el("div", { className: "actions" },
        button("Reset", () => ({ do: "reset", world: w.name }), "Reset " + w.name +
               "? Its damaged file is set aside (kept, not erased) and a new, empty world is made."),
        button("Delete", () => ({ do: "delete", world: w.name }),
               "Delete " + w.name + "? Its file is moved aside, and its players are gone."))) :
      el("div", { className: "empty", textContent: "Refresh in a moment: it may be busy." }));
  card.dataset.world = w.name;
  return card;
}

function worldCard(w) {
  if ("problem" in w || w.missing) return troubleCard(w);
  const seed = el("input", { className: "num", placeholder: "seed", title: "seed for Reset (optional)" });
  const rate = el("input", { className: "num", placeholder: "per second", title: "requests a second per player; 0: no limit" });
  const map = w.view ? "/map?world=" + encodeURIComponent(w.name) + "&view=" + encodeURIComponent(w.view)
                     : "/map?world=" + encodeURIComponent(w.name);
  const links = el("div", { className: "links" },
    el("a", { href: map, target: "_blank", rel: "opener", className: "maplink",
              textContent: "Map for the projector" }),
    el("a", { href: "/scores?world=" + encodeURIComponent(w.name) + "&client=browser",
              target: "_blank", className: "scorelink", textContent: "Leaderboard" }));
  const facts = el("div", { className: "facts" },
    "seed " + w.seed + " \u00b7 " + w.players.length + " player" + (w.players.length === 1 ? "" : "s") +
    ("requests" in w ? " \u00b7 " + w.requests + " requests" : ""),
    tag(w.bloom ? "bloom" : "no bloom", w.bloom),
    "locked" in w ? tag(w.locked ? "locked" : "open", !w.locked) : null,
    "limit" in w ? tag(w.limit ? "limit " + w.limit + "/s" : "no limit", true) : null,
    "treasures" in w ? tag(w.treasures === "shared" ? "treasure race" : "treasure for everyone", true) : null,
    w.view ? el("span", { textContent: " \u00b7 view code " + w.view }) : null);
  const actions = slotted("actions", el("div", { className: "actions" },
    w.bloom ? button("End the bloom", () => ({ do: "calm", world: w.name }))
            : button("Start the bloom", () => ({ do: "bloom", world: w.name })),
    w.locked === true ? null : button("Lock", () => ({ do: "lock", world: w.name })),
    w.locked === false ? null : button("Unlock", () => ({ do: "unlock", world: w.name })),
    rate, button("Set limit", () => ({ do: "limit", world: w.name, rate: rate.value.trim() || "0" })),
    // The treasure rule: each player takes each treasure once, or a race.
    !("treasures" in w) ? null : w.treasures === "shared"
      ? button("Treasure for everyone", () => ({ do: "treasures", world: w.name, rule: "each" }))
      : button("Treasure race", () => ({ do: "treasures", world: w.name, rule: "shared" }))));
  const dangers = slotted("dangers", el("div", { className: "actions" },
    button("New view code", () => ({ do: "newview", world: w.name }),
           "Make a new view code for " + w.name + "? The projector's current map link stops working."),
    el("span", { textContent: "\u00a0" }), seed, button("Reset", () => Object.assign({ do: "reset", world: w.name },
                                              seed.value.trim() ? { seed: seed.value.trim() } : {}),
                 "Reset " + w.name + "? Every player leaves and the treasures come back."),
    button("Delete", () => ({ do: "delete", world: w.name }),
           "Delete " + w.name + "? Its file is moved aside, and its players are gone.")));
  const head = el("tr", {}, ...["id", "name", "x, y", "depth",
    ...(w.players.some(p => "requests" in p) ? ["req/min"] : []),
    ...(w.players.some(p => protectedOf(p) !== undefined) ? ["secret"] : []),
    ...(w.players.some(p => "wrong_secrets" in p) ? ["wrong"] : []), ""]
    .map(t => el("th", { textContent: t })));
  const players = w.players.length ?
    el("div", { className: "players" }, el("table", {}, head, ...w.players.map((p, i) => playerRow(w, p, i)))) :
    el("div", { className: "empty", textContent: "no players yet" });
  const card = el("div", { className: "world" }, el("h3", { textContent: w.name }), facts, links,
                  actions, roundsPanel(w), dangers, players);
  card.dataset.world = w.name;
  return card;
}

async function load() {
  if (!key) return showLogin();
  let r;
  try {
    r = await fetch(adminUrl({ format: "json" }));
  } catch (e) {
    $("status").textContent = "The server does not answer: is make run still running?";
    return;
  }
  if (r.status === 403) {
    sessionStorage.removeItem(STORE);
    key = "";
    return showLogin("The server did not accept this key: check it and type it again.");
  }
  if (!r.ok) {
    $("status").textContent = (await r.text()).trim();
    return;
  }
  const data = await r.json();
  worlds = data.worlds || [];
  $("login").hidden = true;
  $("dashboard").hidden = false;
  $("status").textContent = worlds.length ? worlds.length + " world" + (worlds.length === 1 ? "" : "s") +
    ", updated " + new Date().toLocaleTimeString() : "No worlds yet: make one above, or let a student /join.";
  const cards = worlds.map(worldCard);
  $("worlds").replaceChildren(...cards);
  cards.forEach((card, i) =>
    document.dispatchEvent(new CustomEvent("worldcard", { detail: { card: card, world: worlds[i] } })));
  document.dispatchEvent(new CustomEvent("mocean:worlds", { detail: worlds }));   // roster.js
  if (answerSlot) placeAnswer();
}

// The Steps answers, once the key opened the dashboard: /answers?key=K.
async function loadAnswers() {
  try {
    const r = await fetch("/answers?" + new URLSearchParams({ key: key, format: "json" }));
    if (!r.ok) return;
    $("answerlist").replaceChildren(...(await r.json()).answers.map(a =>
      el("tr", { className: "answer" }, el("td", { textContent: a.level }),
        el("td", { className: "address" }, el("a", { href: a.address, target: "_blank", textContent: a.address })),
        el("td", { className: "empty", textContent: a.why }))));
  } catch (e) {
    // the worlds' list says when the server does not answer
  }
}

$("answers").addEventListener("toggle", () => { if ($("answers").open) loadAnswers(); });

$("keyform").addEventListener("submit", e => {
  e.preventDefault();
  key = $("key").value.trim();
  $("key").value = "";
  if (!key) return showLogin("Type the teacher key first.");
  sessionStorage.setItem(STORE, key);
  load();
});

$("newworld").addEventListener("submit", e => {
  e.preventDefault();
  const name = $("newname").value.trim(), seed = $("newseed").value.trim();
  if (!name) return answer("Give the new world a name: letters and digits, like class3.", false, "newworld");
  const exists = worlds.some(w => w.name === name.toLowerCase());
  act(Object.assign({ do: "reset", world: name }, seed ? { seed: seed } : {}),
      exists ? "World " + name + " exists: make it anew? Every player leaves." : null, "newworld");
  $("newname").value = $("newseed").value = "";
});

$("refresh").addEventListener("click", load);
$("forget").addEventListener("click", () => {
  sessionStorage.removeItem(STORE);
  key = "";
  showLogin("The key is forgotten in this tab.");
});

// Keep the list fresh, but never while the teacher is typing in it.
setInterval(() => {
  const typing = [...document.querySelectorAll("#worlds input")].some(i => i.value) ||
                 (document.activeElement && document.activeElement.closest("#worlds") &&
                  document.activeElement.tagName === "INPUT");
  if (key && !$("dashboard").hidden && !typing) load();
}, 5000);

load();
