// leaderboard.js: the projector's leaderboard (/scores?world=W&client=browser).
// Every 3 seconds it asks /scores?world=W&format=json and shows that world's
// players in the order the server ranked them (lib/scores.c): most treasures
// first, then most Steps levels solved, then by name.
"use strict";

const world = document.body.dataset.world ||
              new URLSearchParams(location.search).get("world") || "mocean";
const board = document.getElementById("board");
const status = document.getElementById("status");

function cell(className, text) {
  const span = document.createElement("span");
  span.className = className;
  span.textContent = text;
  return span;
}

function show(players) {
  let place = 0, last = null;
  board.replaceChildren(...players.map((p, i) => {
    const score = p.treasures + "/" + p.levels.length;
    if (score !== last) place = i + 1;   // equal scores share a place
    last = score;
    const li = document.createElement("li");
    li.className = "row" + (place <= 3 && (p.treasures || p.levels.length) ? " top" + place : "");
    li.append(cell("place", place), cell("name", p.name),
              cell("treasures" + (p.treasures ? "" : " zero"),
                   p.treasures + (p.treasures === 1 ? " treasure" : " treasures")),
              cell("levels" + (p.levels.length ? "" : " zero"),
                   p.levels.length + (p.levels.length === 1 ? " level" : " levels")));
    return li;
  }));
  fit(players.length);
}

// As big as the screen allows: two columns past twelve players, and the type
// shrinks only until everyone is on the screen.
function fit(n) {
  board.style.columnCount = n > 12 ? 2 : 1;
  let size = Math.round(innerHeight * (n > 12 ? 0.05 : 0.06));
  board.style.fontSize = size + "px";
  while (document.documentElement.scrollHeight > innerHeight && size > 12) {
    size -= 1;
    board.style.fontSize = size + "px";
  }
}

async function refresh() {
  try {
    const r = await fetch("/scores?world=" + encodeURIComponent(world) + "&format=json");
    if (!r.ok) {
      status.textContent = (await r.text()).trim();
      return;
    }
    const players = (await r.json()).players;
    show(players);
    status.textContent = players.length ? "updated " + new Date().toLocaleTimeString() :
      "No players in " + world + " yet: /join?name=YOURNAME&world=" + world;
  } catch (e) {
    status.textContent = "the server does not answer; trying again";
  }
}

refresh();
setInterval(refresh, 3000);
