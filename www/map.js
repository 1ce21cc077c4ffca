// map.js: the teacher's live map.  Every second it asks /world for the
// whole state of one world and draws it: the sea floor shaded by depth, the
// trench, seamounts, whales, treasures, and every player with name and
// heading; beside the map, the players by name with position and depth.
"use strict";

const params = new URLSearchParams(location.search);
const key = params.get("key") || "";
const world = params.get("world") || "mocean";
const canvas = document.getElementById("map");
const ctx = canvas.getContext("2d");
const SIZE = 900;
// One bright colour per player, the same on the map and in the list.
const COLOURS = ["#ff3860", "#ffdd57", "#48c774", "#ff9f43", "#b86bff", "#3ee0ff",
                 "#ff6bd6", "#c6ff4a", "#ffffff", "#ff8f6b"];
function colour(p) { return COLOURS[p.id % COLOURS.length]; }

// Deeper water is darker: 0 m sand, 30 m sea, 50 m the trench.
function depthColour(d) {
  if (d <= 0.5) return "rgb(222,205,150)";
  const t = Math.min(d, 50) / 50;
  return "rgb(" + Math.round(40 - 30 * t) + "," + Math.round(150 - 110 * t) + "," +
         Math.round(200 - 90 * t) + ")";
}

// The ocean's y grows north; the canvas's grows down.
function px(x) { return x * canvas.width / SIZE; }
function py(y) { return canvas.height - y * canvas.height / SIZE; }

function label(text, x, y, colour, size, align) {
  ctx.textAlign = align || "left";
  ctx.font = "bold " + size + "px system-ui, sans-serif";
  ctx.lineWidth = 4;
  ctx.strokeStyle = "rgba(0,0,0,.7)";
  ctx.strokeText(text, x, y);
  ctx.fillStyle = colour;
  ctx.fillText(text, x, y);
}

function draw(w) {
  const cell = w.step * canvas.width / SIZE;
  w.floor.forEach((row, j) => row.forEach((d, i) => {
    ctx.fillStyle = depthColour(d);
    ctx.fillRect(px(i * w.step), py((j + 1) * w.step), cell + 1, cell + 1);
  }));
  ctx.strokeStyle = "rgba(255,255,255,.35)";
  ctx.lineWidth = 1;
  w.trench.forEach(([x0, x1, y0, y1]) => ctx.strokeRect(px(x0), py(y1), px(x1 - x0), px(y1 - y0)));
  w.seamounts.forEach(s => {
    ctx.beginPath();
    ctx.arc(px(s.x), py(s.y), px(s.sigma), 0, 2 * Math.PI);
    ctx.strokeStyle = "rgba(255,255,255,.25)";
    ctx.stroke();
    const half = ctx.measureText(s.name).width / 2 + 4;
    const x = Math.min(Math.max(px(s.x), half), canvas.width - half);
    label(s.name, x, py(s.y) + px(s.sigma) + 17, "#cfe8ff", 16, "center");
  });
  w.treasures.forEach(t => {
    const x = px(t.x), y = py(t.y);
    ctx.beginPath();
    ctx.moveTo(x, y - 9); ctx.lineTo(x + 7, y); ctx.lineTo(x, y + 9); ctx.lineTo(x - 7, y);
    ctx.closePath();
    ctx.fillStyle = "#ffd23f";
    ctx.fill();
  });
  w.whales.forEach(h => {
    ctx.beginPath();
    ctx.ellipse(px(h.x), py(h.y), 11, 6, 0, 0, 2 * Math.PI);
    ctx.fillStyle = "#b9c7d6";
    ctx.fill();
  });
  w.players.forEach(p => {
    const x = px(p.x), y = py(p.y), a = -p.heading;
    ctx.save();
    ctx.translate(x, y);
    ctx.rotate(a);
    ctx.beginPath();
    ctx.moveTo(20, 0); ctx.lineTo(-11, 10); ctx.lineTo(-5, 0); ctx.lineTo(-11, -10);
    ctx.closePath();
    ctx.fillStyle = colour(p);
    ctx.fill();
    ctx.lineWidth = 2;
    ctx.strokeStyle = "#000";
    ctx.stroke();
    ctx.restore();
    label(p.name, x + 16, y - 12, colour(p), 22);
  });
}

function listPlayers(w) {
  const list = document.getElementById("players");
  list.replaceChildren(...w.players.map(p => {
    const li = document.createElement("li");
    li.className = "player";
    li.textContent = p.name;
    li.style.borderLeftColor = colour(p);
    const where = document.createElement("span");
    where.className = "where";
    where.textContent = "x " + p.x.toFixed(1) + "  y " + p.y.toFixed(1) + "  depth " +
      p.z.toFixed(1) + " m" + (p.riding ? "  (on a whale)" : "");
    li.appendChild(where);
    return li;
  }));
}

async function refresh() {
  try {
    const reply = await fetch("/world?key=" + encodeURIComponent(key) +
                              "&world=" + encodeURIComponent(world));
    if (!reply.ok) {
      document.getElementById("error").textContent = reply.status === 403 ?
        "This map needs the teacher key: open /map?key=KEY (make run prints it)." :
        await reply.text();
      return;
    }
    const w = await reply.json();
    document.getElementById("error").textContent = "";
    document.getElementById("title").textContent = "Mocean: " + world;
    document.getElementById("status").textContent = w.players.length + " players" +
      (w.bloom ? ", plankton bloom" : "") + "  (seed " + w.seed + ", " +
      new Date().toLocaleTimeString() + ")";
    draw(w);
    listPlayers(w);
  } catch (e) {
    document.getElementById("status").textContent = "the server does not answer; retrying";
  }
}

refresh();
setInterval(refresh, 1000);
