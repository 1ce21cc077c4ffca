// page.js: the form for the next try under every route's web page
// (lib/ocean/page.c writes the page).  As a value is typed, it builds the
// address from the fields that have one, in order, and shows it: the same
// text works in the address bar and in Python's requests.get().  "Open it"
// opens that address.  A secret word or key is shown as dots.
"use strict";

(function () {
  const form = document.getElementById("next");
  const shown = document.getElementById("address");
  if (!form || !shown) return;
  const whole = document.getElementById("whole");   // a route with no keys: the address itself
  const dots = "\u2022\u2022\u2022";

  // The address as [text a person reads, href a browser follows].
  function address() {
    if (whole) {
      const v = whole.value.trim() || "/";
      const href = /^https?:\/\//.test(v) ? v : (v[0] === "/" ? v : "/" + v);
      return [href.startsWith("/") ? location.origin + href : href, href];
    }
    const action = form.getAttribute("action");
    const filled = [...form.querySelectorAll("input[name]")].filter((e) => e.value.trim() !== "");
    const text = filled.map((e) => e.name + "=" + (e.type === "password" ? dots : e.value.trim()));
    const href = filled.map((e) => e.name + "=" + encodeURIComponent(e.value.trim()));
    const ask = (parts) => (parts.length ? "?" + parts.join("&") : "");
    return [location.origin + action + ask(text), action + ask(href)];
  }

  function show() {
    shown.textContent = address()[0];
  }

  form.addEventListener("input", show);
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    location.href = address()[1];
  });
  show();
})();
