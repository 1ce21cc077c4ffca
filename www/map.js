// map.js: the live map for the projector.  Every second it asks /world for
// the whole state of one world and draws it: the sea floor shaded by depth,
// the trench, seamounts, whales, treasures, and every player as an arrow with
// their name; beside the map, every player in the same colour.
//
// /map?world=W&view=CODE   the world's view code (nothing else opens with it)
// /map?world=W&key=KEY     the teacher key
// /map?world=W             the key this tab keeps from the dashboard (/teacher)
"use strict";

const params = new URLSearchParams(location.search);
const view = params.get("view") || "";
const key = params.get("key") || (view ? "" : sessionStorage.getItem("moceanTeacherKey") || "");
const world = params.get("world") || "mocean";
const canvas = document.getElementById("map");
const ctx = canvas.getContext("2d");
const SIZE = 900;
let unit = 1;  // canvas pixels per metre of ocean

// One colour per player, the same on the map and in the list: hues a golden
// angle apart never repeat, and three lightnesses (OKLCH: equally bright to
// the eye, whatever the hue) tell neighbours apart on the dark sea.
function colour(p) {
  const hue = (p.id * 137.508 + 25) % 360;
  return "oklch(" + [0.80, 0.90, 0.70][p.id % 3] + " 0.17 " + hue.toFixed(1) + ")";
}

// Deeper water is darker: 0 m sand, 30 m sea, 50 m the trench.
function depthColour(d) {
  if (d <= 0.5) return "rgb(222,205,150)";
  const t = Math.min(d, 50) / 50;
  return "rgb(" + Math.round(40 - 30 * t) + "," + Math.round(150 - 110 * t) + "," +
         Math.round(200 - 90 * t) + ")";
}

// The ocean's y grows north; the canvas's grows down.
function px(x) { return x * unit; }
function py(y) { return canvas.height - y * unit; }

// The canvas as sharp as the screen: as many pixels as it shows.
function fitCanvas() {
  const side = Math.round(canvas.clientWidth * (window.devicePixelRatio || 1));
  if (side > 0 && canvas.width !== side) canvas.width = canvas.height = side;
  unit = canvas.width / SIZE;
}

function font(size) { return "bold " + Math.round(size * unit) + "px system-ui, sans-serif"; }

function label(text, x, y, colour, size, align) {
  ctx.textAlign = align || "left";
  ctx.textBaseline = "middle";
  ctx.font = font(size);
  ctx.lineWidth = Math.max(3, 4 * unit);
  ctx.lineJoin = "round";
  ctx.strokeStyle = "rgba(0,0,0,.8)";
  ctx.strokeText(text, x, y);
  ctx.fillStyle = colour;
  ctx.fillText(text, x, y);
}

function overlap(a, b) {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

// Where each player's name goes: beside the arrow when there is room, else
// further out on a leader line, never over another name, never off the map.
// Returns [{p, x, y, w, h, line}] with the box in canvas pixels.
function placeLabels(players) {
  const placed = [], arrows = players.map(p => ({ x: px(p.x) - 14 * unit, y: py(p.y) - 14 * unit,
                                                   w: 28 * unit, h: 28 * unit }));
  ctx.font = font(21);
  const h = 25 * unit, pad = 4 * unit;
  // Crowded places first, so they get the nearest free spots.
  const order = players.map((p, i) => i).sort((a, b) => players[a].x + players[a].y - players[b].x - players[b].y);
  for (const i of order) {
    const p = players[i], x0 = px(p.x), y0 = py(p.y);
    const w = ctx.measureText(p.name).width + 2 * pad;
    let best = null, bestCost = Infinity;
    for (let ring = 0; ring < 9 && bestCost > 0; ring++) {
      const r = (18 + ring * 26) * unit;
      const steps = 8 + ring * 4;
      for (let k = 0; k < steps; k++) {
        const a = -Math.PI / 4 + 2 * Math.PI * k / steps;
        const cx = x0 + Math.cos(a) * r, cy = y0 + Math.sin(a) * r;
        // The box's nearest corner or side touches the point (cx, cy).
        const box = { x: Math.cos(a) >= -0.2 ? cx : cx - w, y: cy - h / 2, w: w, h: h };
        if (Math.abs(Math.cos(a)) < 0.2) box.x = cx - w / 2;
        box.x = Math.min(Math.max(box.x, 2), canvas.width - w - 2);
        box.y = Math.min(Math.max(box.y, 2), canvas.height - h - 2);
        let cost = 0;
        for (const q of placed) if (overlap(box, q)) cost += 1000;
        arrows.forEach((b, j) => { if (overlap(box, b)) cost += j === i ? 50 : 20; });
        if (cost < bestCost) { bestCost = cost; best = Object.assign(box, { ring: ring }); }
        if (cost === 0) break;
      }
    }
    placed.push(Object.assign(best, { p: p, line: best.ring > 0 }));
  }
  return placed;
}

function draw(w) {
  fitCanvas();
  const cell = w.step * unit;
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
    ctx.font = font(15);
    const half = ctx.measureText(s.name).width / 2 + 4;
    const x = Math.min(Math.max(px(s.x), half), canvas.width - half);
    const y = Math.min(py(s.y) + px(s.sigma) + 12 * unit, canvas.height - 10 * unit);
    label(s.name, x, y, "#cfe8ff", 15, "center");
  });
  w.treasures.forEach(t => {
    const x = px(t.x), y = py(t.y), s = unit;
    ctx.beginPath();
    ctx.moveTo(x, y - 9 * s); ctx.lineTo(x + 7 * s, y); ctx.lineTo(x, y + 9 * s); ctx.lineTo(x - 7 * s, y);
    ctx.closePath();
    ctx.fillStyle = "#ffd23f";
    ctx.fill();
  });
  w.whales.forEach(h => {
    ctx.beginPath();
    ctx.ellipse(px(h.x), py(h.y), 11 * unit, 6 * unit, 0, 0, 2 * Math.PI);
    ctx.fillStyle = "#b9c7d6";
    ctx.fill();
  });
  const labels = placeLabels(w.players);
  labels.forEach(l => {            // leader lines under everything else
    if (!l.line) return;
    ctx.beginPath();
    ctx.moveTo(px(l.p.x), py(l.p.y));
    ctx.lineTo(Math.min(Math.max(px(l.p.x), l.x), l.x + l.w), Math.min(Math.max(py(l.p.y), l.y), l.y + l.h));
    ctx.strokeStyle = colour(l.p);
    ctx.lineWidth = Math.max(1.5, 2 * unit);
    ctx.stroke();
  });
  w.players.forEach(p => {
    ctx.save();
    ctx.translate(px(p.x), py(p.y));
    ctx.rotate(-p.heading);
    ctx.scale(unit, unit);
    ctx.beginPath();
    ctx.moveTo(18, 0); ctx.lineTo(-10, 9); ctx.lineTo(-4, 0); ctx.lineTo(-10, -9);
    ctx.closePath();
    ctx.fillStyle = colour(p);
    ctx.fill();
    ctx.lineWidth = 2;
    ctx.strokeStyle = "#000";
    ctx.stroke();
    ctx.restore();
  });
  labels.forEach(l => {
    ctx.fillStyle = "rgba(4,18,31,.72)";
    ctx.fillRect(l.x, l.y, l.w, l.h);
    label(l.p.name, l.x + 4 * unit, l.y + l.h / 2, colour(l.p), 21);
  });
  // For tests and curious teachers: where every name went, in CSS pixels.
  const k = canvas.clientWidth / canvas.width;
  window.mapLabels = labels.map(l => ({ name: l.p.name, x: l.x * k, y: l.y * k, w: l.w * k, h: l.h * k }));
}

// The list beside the map: every player, in as many columns as it takes.
function listPlayers(w) {
  const list = document.getElementById("players");
  const n = w.players.length;
  list.style.columnCount = n > 48 ? 3 : n > 14 ? 2 : 1;
  list.className = n > 30 ? "many" : n > 14 ? "some" : "";
  list.replaceChildren(...w.players.map(p => {
    const li = document.createElement("li");
    li.className = "player";
    li.textContent = p.name;
    li.style.borderLeftColor = colour(p);
    li.style.color = colour(p);
    const where = document.createElement("span");
    where.className = "where";
    where.textContent = p.x.toFixed(0) + ", " + p.y.toFixed(0) + "  " + p.z.toFixed(0) + " m" +
      (p.riding ? "  on a whale" : "");
    li.appendChild(where);
    return li;
  }));
  // Still too long for the screen: smaller type until it fits.
  let size = parseFloat(getComputedStyle(list).fontSize);
  while (list.scrollHeight > list.clientHeight + 1 && size > 11) {
    size -= 1;
    list.style.fontSize = size + "px";
  }
}

// Text into an element; an error also hides the (empty) map.
function show(id, text) {
  document.getElementById(id).textContent = text;
  if (id === "error") document.body.classList.toggle("failed", text !== "");
}

async function refresh() {
  const ask = view ? "view=" + encodeURIComponent(view) : "key=" + encodeURIComponent(key);
  if (!key && !view) {
    show("status", "no map yet");
    show("error", "This map needs the world's view code or the teacher key. Open it from the " +
         "teacher's dashboard (/teacher), or as /map?world=" + world + "&view=CODE.");
    return;
  }
  let reply;
  try {
    reply = await fetch("/world?" + ask + "&world=" + encodeURIComponent(world));
  } catch (e) {
    show("status", "the server does not answer; trying again every second");
    return;
  }
  const text = await reply.text();
  if (!reply.ok) {
    show("status", "no map: see below");
    show("error", reply.status === 403 ? (view ?
      "This view code does not open world " + world + ". Take the map link from the dashboard " +
      "(/teacher): a new view code may have been made." :
      "This teacher key is not right. Check it (make run prints it as 'teacher key: ...'), " +
      "or open the map from the dashboard (/teacher).") :
      text.trim() + " (HTTP " + reply.status + ")");
    return;
  }
  const w = JSON.parse(text);
  show("error", "");
  show("title", "Mocean: " + world);
  show("status", w.players.length + " player" + (w.players.length === 1 ? "" : "s") +
    (w.bloom ? ", plankton bloom" : "") + "  \u00b7  " + new Date().toLocaleTimeString());
  draw(w);
  listPlayers(w);
}

refresh();
setInterval(refresh, 1000);
