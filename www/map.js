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

// One colour per player, the same on the map and in the list.  The palette is
// computed in OKLab, where a distance is how different two colours look: from
// every sRGB colour bright enough for the dark sea (lightness 0.66 to 0.92,
// not grey), each next colour is the one farthest from all taken so far.  So
// the first 40 colours are all far apart (at least 0.08), player id i takes
// colour i (ids past the palette's end start it again).
function srgbToLinear(c) { return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; }

function linearToSrgb(c) { return c <= 0.0031308 ? 12.92 * c : 1.055 * c ** (1 / 2.4) - 0.055; }

// [r, g, b] (0 to 255) as OKLab [L, a, b] (Björn Ottosson's matrices).
function rgbToOklab(rgb) {
  const [r, g, b] = rgb.map(v => srgbToLinear(v / 255));
  const l = Math.cbrt(0.4122214708 * r + 0.5363325363 * g + 0.0514459929 * b);
  const m = Math.cbrt(0.2119034982 * r + 0.6806995451 * g + 0.1073969566 * b);
  const s = Math.cbrt(0.0883024619 * r + 0.2817188376 * g + 0.6299787005 * b);
  return [0.2104542553 * l + 0.7936177850 * m - 0.0040720468 * s,
          1.9779984951 * l - 2.4285922050 * m + 0.4505937099 * s,
          0.0259040371 * l + 0.7827717662 * m - 0.8086757660 * s];
}

// OKLab [L, a, b] as [r, g, b] (0 to 255), or null outside what a screen shows.
function oklabToRgb([L, a, b]) {
  const l = (L + 0.3963377774 * a + 0.2158037573 * b) ** 3;
  const m = (L - 0.1055613458 * a - 0.0638541728 * b) ** 3;
  const s = (L - 0.0894841775 * a - 1.2914855480 * b) ** 3;
  const lin = [4.0767416621 * l - 3.3077115913 * m + 0.2309699292 * s,
               -1.2684380046 * l + 2.6097574011 * m - 0.3413193965 * s,
               -0.0041960863 * l - 0.7034186147 * m + 1.7076147010 * s];
  if (lin.some(v => v < 0 || v > 1)) return null;
  return lin.map(v => Math.round(255 * linearToSrgb(v)));
}

function labDistance(p, q) { return Math.hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2]); }

// n colours, farthest-point first, as "rgb(r, g, b)".
function makePalette(n) {
  const candidates = [];
  for (let L = 0.66; L <= 0.92 + 1e-9; L += 0.02)
    for (let a = -0.32; a <= 0.32; a += 0.01)
      for (let b = -0.32; b <= 0.32; b += 0.01) {
        const rgb = Math.hypot(a, b) >= 0.05 ? oklabToRgb([L, a, b]) : null;
        if (rgb) candidates.push({ rgb: rgb, lab: rgbToOklab(rgb) });  // the 8-bit colour's own place
      }
  const nearest = candidates.map(() => Infinity);
  const start = [0.8, 0.15, 0.05];          // a warm coral for player 0
  let pick = 0;
  candidates.forEach((c, i) => {
    if (labDistance(c.lab, start) < labDistance(candidates[pick].lab, start)) pick = i;
  });
  const out = [];
  while (out.length < n) {
    const taken = candidates[pick];
    out.push("rgb(" + taken.rgb.join(", ") + ")");
    let far = -1;
    candidates.forEach((c, i) => {
      nearest[i] = Math.min(nearest[i], labDistance(c.lab, taken.lab));
      if (nearest[i] > far) { far = nearest[i]; pick = i; }
    });
  }
  return out;
}

const PALETTE = makePalette(64);

function colour(p) { return PALETTE[p.id % PALETTE.length]; }

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

// The ocean is a torus: a thing of radius r (canvas pixels) at (x, y) is
// drawn again past each edge it comes near.  Every place it shows, itself first.
function wrapped(x, y, r) {
  const side = canvas.width, places = [[x, y]];
  for (const dx of [-side, 0, side])
    for (const dy of [-side, 0, side]) {
      const cx = x + dx, cy = y + dy;
      if ((dx || dy) && cx + r > 0 && cx - r < side && cy + r > 0 && cy - r < side) places.push([cx, cy]);
    }
  return places;
}

// 1 when the segment (x0, y0)-(x1, y1) passes through box b.
function crosses(x0, y0, x1, y1, b) {
  let t0 = 0, t1 = 1;
  const dx = x1 - x0, dy = y1 - y0;
  for (const [p, q] of [[-dx, x0 - b.x], [dx, b.x + b.w - x0], [-dy, y0 - b.y], [dy, b.y + b.h - y0]]) {
    if (p === 0) { if (q < 0) return false; continue; }
    const t = q / p;
    if (p < 0) t0 = Math.max(t0, t); else t1 = Math.min(t1, t);
    if (t0 > t1) return false;
  }
  return true;
}

// 1 when segments a and b cross.
function segmentsCross(a, b) {
  const side = (p, q, r) => Math.sign((q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]));
  return side(a[0], a[1], b[0]) * side(a[0], a[1], b[1]) < 0 &&
         side(b[0], b[1], a[0]) * side(b[0], b[1], a[1]) < 0;
}

// The point of box b nearest (x, y): where a leader line ends.
function nearestPoint(b, x, y) {
  return [Math.min(Math.max(x, b.x), b.x + b.w), Math.min(Math.max(y, b.y), b.y + b.h)];
}

// Where each seamount's name goes: under its circle, else above, right or
// left of it, wherever it covers no treasure and no other name.
function placeSeamountNames(seamounts, treasures) {
  ctx.font = font(15);
  const h = 19 * unit, taken = treasures.slice();
  return seamounts.map(s => {
    const w = ctx.measureText(s.name).width + 8, x = px(s.x), y = py(s.y), r = px(s.sigma);
    const spots = [[x - w / 2, y + r + 2 * unit], [x - w / 2, y - r - h - 2 * unit],
                   [x + r + 4 * unit, y - h / 2], [x - r - w - 4 * unit, y - h / 2]]
      .map(([bx, by]) => ({ x: Math.min(Math.max(bx, 2), canvas.width - w - 2),
                            y: Math.min(Math.max(by, 2), canvas.height - h - 2), w: w, h: h }));
    const box = spots.find(b => !taken.some(t => overlap(b, t))) || spots[0];
    taken.push(box);
    return Object.assign(box, { name: s.name });
  });
}

// Each treasure's box (every place it shows): what a name must not cover.
function treasureBoxes(treasures) {
  const out = [];
  treasures.forEach(t => wrapped(px(t.x), py(t.y), 9 * unit).forEach(([x, y]) =>
    out.push({ name: t.name, x: x - 8 * unit, y: y - 10 * unit, w: 16 * unit, h: 20 * unit })));
  return out;
}

const LINE_FROM = 22;         // metres from its arrow: a name further out has a leader line
let lastPlaces = new Map();   // player id -> where its name was, from its arrow

// Where each player's name goes: beside the arrow when there is room, else
// further out with a leader line to the arrow.  A name never covers a
// seamount's name, a treasure or another name, and stays on the map; it
// covers as few arrows and crosses as few leader lines as it can, and keeps
// its place from the last second while that place is still free (and
// keeps clear of the places the names still to come had).
// Returns [{p, x, y, w, h, line}] with the box in canvas pixels.
function placeLabels(players, fixed, whales) {
  ctx.font = font(21);
  const h = 25 * unit, pad = 4 * unit, side = canvas.width;
  const arrows = [];
  players.forEach((p, i) => wrapped(px(p.x), py(p.y), 19 * unit).forEach(([x, y]) =>
    arrows.push({ i: i, x: x - 13 * unit, y: y - 13 * unit, w: 26 * unit, h: 26 * unit })));
  const soft = whales.map(wh => ({ x: px(wh.x) - 11 * unit, y: py(wh.y) - 6 * unit, w: 22 * unit, h: 12 * unit }));
  const placed = [], lines = [];
  // In the last second's order (so that each name finds its place as it
  // was), then crowded places first, so they get the nearest free spots.
  const crowd = players.map(p => players.filter(q => Math.hypot(q.x - p.x, q.y - p.y) < 60).length);
  const rank = players.map(p => lastPlaces.has(p.id) ? lastPlaces.get(p.id).rank : Infinity);
  const order = players.map((p, i) => i).sort((a, b) =>
    (rank[a] - rank[b]) || crowd[b] - crowd[a] || players[a].id - players[b].id);
  const places = new Map();
  for (const i of order) {
    const p = players[i], x0 = px(p.x), y0 = py(p.y);
    const w = ctx.measureText(p.name).width + 2 * pad;
    // What a place costs: Infinity where it may not go; else its distance
    // from the arrow (3 for each 24 m further out), and what it covers.
    const cost = box => {
      if (box.x < 2 || box.y < 2 || box.x + box.w > side - 2 || box.y + box.h > side - 2) return Infinity;
      if (fixed.some(b => overlap(box, b)) || placed.some(b => overlap(box, b))) return Infinity;
      const end = nearestPoint(box, x0, y0), far = Math.hypot(end[0] - x0, end[1] - y0) / unit;
      let c = 3 * Math.max(0, far - 18) / 24;
      for (const a of arrows) if (overlap(box, a)) c += a.i === i ? 40 : 12;
      for (const b of soft) if (overlap(box, b)) c += 4;
      for (const [id, b] of lastPlaces) if (id !== p.id && !places.has(id) && overlap(box, b)) c += 15;
      if (far > LINE_FROM) {
        const seg = [[x0, y0], end];
        for (const l of lines) if (segmentsCross(seg, l)) c += 10;
        for (const b of fixed) if (crosses(x0, y0, end[0], end[1], b)) c += 6;
        for (const b of placed) if (crosses(x0, y0, end[0], end[1], b)) c += 6;
        for (const a of arrows) if (a.i !== i && crosses(x0, y0, end[0], end[1], a)) c += 3;
      }
      return c;
    };
    let best = null, bestCost = Infinity;
    const last = lastPlaces.get(p.id);
    if (last && last.w === w)    // where it was on the map, or beside the arrow as it was
      for (const box of [{ x: last.x, y: last.y, w: w, h: h }, { x: x0 + last.dx, y: y0 + last.dy, w: w, h: h }]) {
        const c = cost(box) - 5;
        if (c < bestCost) { bestCost = c; best = box; }
      }
    for (let ring = 0; ring < 40 && ring * 3 < bestCost; ring++) {
      const r = (18 + ring * 24) * unit;
      const steps = 8 + ring * 4;
      for (let k = 0; k < steps; k++) {
        const a = -Math.PI / 4 + 2 * Math.PI * k / steps;
        const cx = x0 + Math.cos(a) * r, cy = y0 + Math.sin(a) * r;
        // The box's nearest corner or side touches the point (cx, cy).
        const box = { x: Math.cos(a) >= -0.2 ? cx : cx - w, y: cy - h / 2, w: w, h: h };
        if (Math.abs(Math.cos(a)) < 0.2) box.x = cx - w / 2;
        box.x = Math.min(Math.max(box.x, 2), side - w - 2);
        box.y = Math.min(Math.max(box.y, 2), side - h - 2);
        const c = cost(box);
        if (c < bestCost) { bestCost = c; best = box; }
      }
    }
    if (!best) best = { x: 2, y: 2, w: w, h: h };   // a full map: never seen
    const end = nearestPoint(best, x0, y0);
    const label = Object.assign(best, { p: p, line: Math.hypot(end[0] - x0, end[1] - y0) / unit > LINE_FROM });
    placed.push(label);
    if (label.line) lines.push([[x0, y0], nearestPoint(label, x0, y0)]);
    places.set(p.id, { x: label.x, y: label.y, w: w, h: h, dx: label.x - x0, dy: label.y - y0, rank: places.size });
  }
  lastPlaces = places;
  return placed;
}

// The arrow of player p at canvas point (x, y).
function arrow(p, x, y) {
  ctx.save();
  ctx.translate(x, y);
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
}

// Boxes in canvas pixels as CSS pixels, for window.mapLayout().
function cssBox(b, k) { return { x: b.x * k, y: b.y * k, w: b.w * k, h: b.h * k }; }

let layout = null;

// For tests and curious teachers: where everything was drawn, in CSS
// pixels from the map's top left corner: each player's name (its box, and
// its arrow's point when a leader line joins them), each seamount's name
// and each treasure (every place it shows), each arrow and its copies
// across the edges.
window.mapLayout = () => layout;

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
  const treasures = treasureBoxes(w.treasures);
  const names = placeSeamountNames(w.seamounts, treasures);
  const labels = placeLabels(w.players, names.concat(treasures), w.whales);
  labels.forEach(l => {            // leader lines under the names and treasures: dark, then the colour
    if (!l.line) return;
    const [x1, y1] = nearestPoint(l, px(l.p.x), py(l.p.y));
    for (const [style, width] of [["rgba(0,0,0,.7)", 4], [colour(l.p), 2]]) {
      ctx.beginPath();
      ctx.moveTo(px(l.p.x), py(l.p.y));
      ctx.lineTo(x1, y1);
      ctx.strokeStyle = style;
      ctx.lineWidth = Math.max(width * 0.75, width * unit);
      ctx.stroke();
    }
  });
  w.seamounts.forEach(s => wrapped(px(s.x), py(s.y), px(s.sigma)).forEach(([x, y]) => {
    ctx.beginPath();
    ctx.arc(x, y, px(s.sigma), 0, 2 * Math.PI);
    ctx.strokeStyle = "rgba(255,255,255,.25)";
    ctx.stroke();
  }));
  names.forEach(n => label(n.name, n.x + n.w / 2, n.y + n.h / 2, "#cfe8ff", 15, "center"));
  w.treasures.forEach(t => wrapped(px(t.x), py(t.y), 9 * unit).forEach(([x, y]) => {
    const s = unit;
    ctx.beginPath();
    ctx.moveTo(x, y - 9 * s); ctx.lineTo(x + 7 * s, y); ctx.lineTo(x, y + 9 * s); ctx.lineTo(x - 7 * s, y);
    ctx.closePath();
    ctx.fillStyle = "#ffd23f";
    ctx.fill();
  }));
  w.whales.forEach(h => wrapped(px(h.x), py(h.y), 11 * unit).forEach(([x, y]) => {
    ctx.beginPath();
    ctx.ellipse(x, y, 11 * unit, 6 * unit, 0, 0, 2 * Math.PI);
    ctx.fillStyle = "#b9c7d6";
    ctx.fill();
  }));
  const arrows = w.players.map(p => ({ p: p, at: wrapped(px(p.x), py(p.y), 19 * unit) }));
  arrows.forEach(a => a.at.forEach(([x, y]) => arrow(a.p, x, y)));
  labels.forEach(l => {
    ctx.fillStyle = "rgba(4,18,31,.78)";
    ctx.fillRect(l.x, l.y, l.w, l.h);
    label(l.p.name, l.x + 4 * unit, l.y + l.h / 2, colour(l.p), 21);
  });
  const k = canvas.clientWidth / canvas.width;
  layout = {
    side: canvas.clientWidth,
    labels: labels.map(l => Object.assign(cssBox(l, k), { id: l.p.id, name: l.p.name, line: l.line,
                                                          colour: colour(l.p) })),
    seamountNames: names.map(n => Object.assign(cssBox(n, k), { name: n.name })),
    treasures: treasures.map(t => Object.assign(cssBox(t, k), { name: t.name })),
    arrows: arrows.map(a => ({ id: a.p.id, name: a.p.name, colour: colour(a.p),
                               at: a.at.map(([x, y]) => ({ x: x * k, y: y * k })) })),
  };
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
