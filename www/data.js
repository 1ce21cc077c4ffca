// data.js: the query form of /data (lib/datapage.c writes the form).  Each
// time something in the form changes, it builds the address from what is
// chosen (dataset, columns, conditions, order, limit, format) and shows it,
// so the address itself stays the lesson: the same text works in a
// browser's address bar and in Python's requests.get().
"use strict";

(function () {
  const form = document.getElementById("ask");
  if (!form) return;
  const field = (id) => document.getElementById(id);
  const value = (id) => (field(id) ? field(id).value.trim() : "");

  // The address as [text a person reads, href a browser follows].
  function address() {
    const parts = [["dataset", "=", value("dataset")]];
    const boxes = Array.from(form.querySelectorAll("input.column"));
    const chosen = boxes.filter((b) => b.checked).map((b) => b.value);
    if (chosen.length > 0 && chosen.length < boxes.length)
      parts.push(["columns", "=", chosen.join(",")]);
    form.querySelectorAll("span.cond").forEach((cond) => {
      const op = cond.querySelector("select").value;
      const v = cond.querySelector("input").value.trim();
      if (op && v !== "") parts.push([cond.dataset.column, op, v]);
    });
    if (value("orderby")) parts.push(["orderby", "=", value("orderby") + field("desc").value]);
    if (value("limit")) parts.push(["limit", "=", value("limit")]);
    if (value("step") && value("step") !== "10") parts.push(["step", "=", value("step")]);
    const format = value("format");
    if (format !== "csv") parts.push(["format", "=", format]);
    if (format === "svg") parts.push(["x", "=", value("x")], ["y", "=", value("y")]);
    if (value("world")) parts.push(["world", "=", value("world")]);
    const text = "/data?" + parts.map((p) => p.join("")).join("&");
    const href = "/data?" + parts.map((p) => p[0] + p[1] + encodeURIComponent(p[2])).join("&");
    return [text, href];
  }

  function show() {
    const [text, href] = address();
    const a = field("address");
    a.textContent = text;
    a.href = href;
    field("axes").style.display = value("format") === "svg" ? "" : "none";
  }

  // Another dataset has other columns: open its own form.
  field("dataset").addEventListener("change", () => {
    const world = value("world") ? "&world=" + encodeURIComponent(value("world")) : "";
    location.href = "/data?dataset=" + encodeURIComponent(value("dataset")) +
                    "&client=browser" + world;
  });
  form.addEventListener("input", show);
  form.addEventListener("change", show);
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    location.href = address()[1];
  });
  show();
})();
