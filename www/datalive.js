// datalive.js: the live view of a dataset the class writes into (soundings,
// tracks, sightings), like a lab's live view of its instruments.  Below
// /data's query form (lib/data/datapage.c writes the page), every 2 seconds
// it asks the server only for the rows newer than the newest it has, with
// the page's own conditions, in the JSON form any program can ask for:
//
//   /data?dataset=soundings&time>1795443912.25&orderby=time&limit=500&format=json
//
// and puts them on top of the table, marked "new" (the newest most).  While
// the tab is hidden it asks nothing.  "Draw them as a plot" shows the svg
// form of the same rows (the axes the form chose), drawn again when rows come.
"use strict";

(function () {
  const live = document.getElementById("live");
  const table = document.getElementById("rows");
  if (!live || !table) return;
  const follow = document.getElementById("follow");
  const plotting = document.getElementById("plotting");
  const plot = document.getElementById("plot");
  const image = document.getElementById("plotimage");
  const status = document.getElementById("livestatus");
  const count = document.getElementById("count");
  const EVERY = 2000;            // ms between two asks
  const MOST = 500;              // rows in one answer
  let since = live.dataset.since;
  let arrived = 0, drawing = null, timer = null;

  // The page's own address, term by term as sent, without the terms that
  // say how to answer (format, client, order, limit, columns): what stays
  // is the dataset, its conditions, the world.  Terms are kept as typed
  // ("depth%3C15"), since "depth<15" is no key=value pair.
  const terms = location.search.slice(1).split("&").filter((t) => t !== "");
  const keyOf = (t) => decodeURIComponent(t.replace(/\+/g, " ")).split(/[=!<>]/)[0].trim();
  const asked = terms.filter((t) => !["format", "client", "orderby", "limit", "columns"].includes(keyOf(t)));
  const axisTerm = (t) => ["x", "y"].includes(keyOf(t)) &&
    /^[a-z]+$/.test(decodeURIComponent(t).split("=")[1] || "");   // x=y is an axis, x=200 a condition
  const conditions = asked.filter((t) => !axisTerm(t));
  const limit = Number(new URLSearchParams(location.search).get("limit")) || 0;
  const columns = [...table.querySelectorAll("th")].map((th) => ({
    name: th.dataset.column, type: th.dataset.type }));

  // The rows in the table already: newest on top when the page came in the
  // stored order (oldest first).
  const order = new URLSearchParams(location.search).get("orderby") || "";
  const body = table.tBodies[0];
  const rows = () => [...body.rows].filter((r) => !r.querySelector("th"));
  if (!order) rows().reverse().forEach((r) => body.appendChild(r));

  // A cell as lib/data/datarows.c writes it for people.
  function text(v, col) {
    if (v === null || v === undefined) return "";
    if (col.name === "time" && typeof v === "number")
      return new Date(Math.floor(v) * 1000).toISOString().slice(0, 19).replace("T", " ") + " UTC";
    if (col.type === "real" && typeof v === "number") {
      const s = v.toFixed(2).replace(/\.?0+$/, "");
      return s === "-0" ? "0" : s;
    }
    return String(v);
  }

  function add(found) {
    const head = body.querySelector("tr");
    rows().forEach((r) => r.classList.remove("newest"));
    for (const row of found) {       // oldest first: each goes on top
      const tr = document.createElement("tr");
      tr.className = "new";
      columns.forEach((col, i) => {
        const td = document.createElement("td");
        td.textContent = text(row[col.name], col);
        if (i === 0) {
          const mark = document.createElement("span");
          mark.className = "mark";
          mark.textContent = "new";
          td.prepend(mark);
        }
        tr.appendChild(td);
      });
      head.after(tr);
    }
    body.querySelector("tr.new").classList.add("newest");
    if (limit) rows().slice(limit).forEach((r) => r.remove());
    arrived += found.length;
    if (count) count.textContent = rows().length + " rows (" + arrived + " new since you opened this page)";
  }

  async function draw() {
    if (!plotting.checked) return;
    const x = document.getElementById("x"), y = document.getElementById("y");
    const address = "/data?" + conditions.join("&") + "&format=svg" +
      (x ? "&x=" + encodeURIComponent(x.value) : "") + (y ? "&y=" + encodeURIComponent(y.value) : "");
    const r = await fetch(address);
    if (!r.ok) {
      status.textContent = (await r.text()).trim();
      return;
    }
    if (drawing) URL.revokeObjectURL(drawing);
    drawing = URL.createObjectURL(await r.blob());
    image.src = drawing;
    image.dataset.drawn = Number(image.dataset.drawn || 0) + 1;   // redrawn so many times
  }

  async function ask() {
    timer = null;
    if (document.hidden || !follow.checked) {
      status.textContent = follow.checked ? "paused while this tab is hidden" : "not following";
      return;
    }
    try {
      const r = await fetch("/data?" + conditions.join("&") + "&time>" + since +
                            "&orderby=time&limit=" + MOST + "&format=json");
      if (!r.ok) {
        status.textContent = (await r.text()).trim();
      } else {
        const found = await r.json();
        if (found.length) {
          since = String(found[found.length - 1].time);
          add(found);
          await draw();
        }
        status.textContent = "following: checked " + new Date().toLocaleTimeString();
      }
    } catch (e) {
      status.textContent = "the server does not answer; trying again";
    }
    later();
  }

  function restart() {
    clearTimeout(timer);
    timer = null;
    ask();
  }

  function later() {
    if (!timer && !document.hidden && follow.checked) timer = setTimeout(ask, EVERY);
  }

  document.addEventListener("visibilitychange", () => {
    if (document.hidden) {
      clearTimeout(timer);
      timer = null;
      status.textContent = "paused while this tab is hidden";
    } else {
      restart();
    }
  });
  follow.addEventListener("change", restart);
  plotting.addEventListener("change", () => {
    plot.hidden = !plotting.checked;
    draw();
  });
  ask();
})();
