// roster.js: the dashboard's class rosters (/teacher, beside teacher.js).
// A world with a roster admits only its names, each with its own secret word.
// The teacher pastes a class list (one name a line, or commas) and picks the
// world: /admin?key=K&do=roster&world=W&names=ann,ben.  Each world's roster
// is shown from the overview's JSON ("roster": name, secret, playing,
// wrong_secrets), with a new word and a remove per name, and a link to the
// cards to print (cards.html).  teacher.js sends "mocean:worlds" after each
// load; its el, button, answer, adminUrl and load are used here.
"use strict";

(function () {
  const section = document.getElementById("rosters");
  const pick = el("select", { id: "rosterworld", title: "the world the class plays in" });
  const names = el("textarea", { id: "rosternames", rows: 6, cols: 28,
                                 placeholder: "ann\nben\n\u674e\u96f7   (one name a line, or ann, ben, ...)" });
  const add = el("button", { id: "rosteradd", type: "button", textContent: "Add to the roster" });
  const lists = el("div", { id: "rosterlists" });

  section.append(
    el("h2", { textContent: "Class rosters" }),
    el("p", { className: "empty", textContent: "A world with a roster admits only the names on it, " +
      "each with the secret word on its card. A name already on the roster keeps its word." }),
    el("div", { className: "rosterform" }, names,
       el("div", {}, el("label", {}, "World ", pick), " ", add)),
    lists);

  // The class list as names=: lines and commas, spaces trimmed.
  function classList() {
    return names.value.split(/[\n,]/).map(s => s.trim()).filter(Boolean).join(",");
  }

  add.addEventListener("click", async () => {
    const list = classList();
    if (!pick.value) return answer("Make the world first (A new world, above), then add its class.", false);
    if (!list) return answer("Paste the class list first: one name a line, or commas between them.", false);
    try {
      const r = await fetch(adminUrl({ do: "roster", world: pick.value, names: list }));
      const text = (await r.text()).trim();
      answer(r.ok ? text : text + "  (HTTP " + r.status + ")", r.ok);
      if (r.ok) names.value = "";   // refused: the list stays, to be fixed
    } catch (e) {
      answer("The server does not answer: is make run still running?", false);
    }
    load();
  });

  function rosterRow(w, n) {
    return el("tr", { className: "rostered", title: n.name },
      el("td", { textContent: n.name }),
      el("td", { className: "word", textContent: n.secret }),
      el("td", {}, tag(n.playing ? "playing" : "not joined yet", n.playing)),
      el("td", { className: "n" + (n.wrong_secrets > 0 ? " busy" : ""),
                 title: "wrong secret words sent for " + n.name + " since the reset",
                 textContent: n.wrong_secrets }),
      el("td", {},
        button("New word", () => ({ do: "newsecret", world: w.name, name: n.name }),
               "Give " + n.name + " a new secret word? The word on the old card stops working."), " ",
        button("Remove", () => ({ do: "unroster", world: w.name, name: n.name }),
               "Take " + n.name + " off the roster of " + w.name + "?" +
               (n.playing ? " " + n.name + " leaves the game too." : ""))));
  }

  function rosterCard(w) {
    const head = el("tr", {}, ...["name", "secret word", "", "wrong words", ""]
      .map(t => el("th", { textContent: t })));
    const card = el("div", { className: "world roster" },
      el("h3", { textContent: w.name + " \u00b7 " + w.roster.length + " name" + (w.roster.length === 1 ? "" : "s") }),
      el("div", { className: "links" },
        el("a", { href: "/cards.html?world=" + encodeURIComponent(w.name), className: "cardslink",
                  textContent: "Print the cards" })),
      el("table", {}, head, ...w.roster.map(n => rosterRow(w, n))));
    card.dataset.world = w.name;
    return card;
  }

  document.addEventListener("mocean:worlds", e => {
    const worlds = e.detail.filter(w => !("problem" in w) && !w.missing);
    const chosen = pick.value;
    pick.replaceChildren(...worlds.map(w => el("option", { value: w.name, textContent: w.name })));
    if (worlds.some(w => w.name === chosen)) pick.value = chosen;
    const rostered = worlds.filter(w => w.roster && w.roster.length);
    lists.replaceChildren(...(rostered.length ? rostered.map(rosterCard) :
      [el("div", { className: "empty", textContent: "No roster yet: every world admits any name." })]));
  });
})();
