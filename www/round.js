// round.js: a class round on the projector, for the map (/map) and the
// leaderboard (/scores?world=W&client=browser).  Every second it asks
// /round?world=W&format=json and shows the round's state and a large
// countdown in a corner; when the round is over, the leaderboard becomes a
// podium: the first three large, then everybody, from
// /scores?world=W&round=N&format=json (the ranking frozen at the end).
// A world without rounds shows nothing.
"use strict";

(function () {
  const world = document.body.dataset.world ||
                new URLSearchParams(location.search).get("world") || "mocean";
  const board = document.getElementById("board");   // only the leaderboard has it
  let shownPodium = 0;

  const style = document.createElement("style");
  style.textContent = `
    #round { position: fixed; top: 1.5vh; right: 2vw; z-index: 10; padding: .2em .6em;
             border-radius: .3em; background: #0b2a45; color: #ffffff; font-weight: bold;
             font-size: 5vh; font-family: system-ui, sans-serif; text-align: right;
             box-shadow: 0 0 0 3px #ffd23f; }
    #round:empty { display: none; }
    #side #round { position: static; align-self: flex-start; margin: 0 0 12px; font-size: 32px; }
    #round .clock { display: block; font-size: 2.2em; font-variant-numeric: tabular-nums; }
    #round.lobby { box-shadow: 0 0 0 3px #9fdcff; }
    #round.finished { box-shadow: 0 0 0 3px #e8a66f; }
    #podium { color: #ffffff; }
    #podium .steps { display: flex; justify-content: center; align-items: flex-end;
                     gap: 3vw; margin: 2vh 0 3vh; }
    #podium .step { text-align: center; background: #0b2a45; border-radius: .3em .3em 0 0;
                    padding: 1vh 2vw; min-width: 18vw; }
    #podium .step .who { font-weight: bold; font-size: 6vh; overflow-wrap: anywhere; }
    #podium .step .what { font-size: 3.2vh; color: #ffe58a; }
    #podium .step .medal { font-size: 8vh; font-weight: bold; }
    #podium .p1 { height: 34vh; color: #ffd23f; }
    #podium .p2 { height: 27vh; color: #e0e6ee; }
    #podium .p3 { height: 21vh; color: #f0b27a; }
    #podium ol { columns: 3; font-size: 3.4vh; margin: 0; padding-left: 1.4em; color: #ffffff; }
    #podium li { break-inside: avoid; padding: .15em 0; }`;
  document.head.append(style);
  const banner = document.createElement("div");
  banner.id = "round";
  banner.setAttribute("role", "timer");
  banner.setAttribute("aria-live", "polite");
  // On the map, in its side column under the title; elsewhere, in a corner.
  const side = document.getElementById("side");
  if (side && side.querySelector("#legend"))
    side.querySelector("#legend").after(banner);
  else
    document.body.append(banner);

  let state = null, ends = 0;      // ends: this computer's clock

  function clock(seconds) {
    const s = Math.max(0, Math.ceil(seconds));
    return Math.floor(s / 60) + ":" + String(s % 60).padStart(2, "0");
  }

  function draw() {
    if (!state || state.state === "none") {
      banner.replaceChildren();
      return;
    }
    banner.className = state.state;
    const title = document.createElement("span");
    const big = document.createElement("span");
    big.className = "clock";
    if (state.state === "lobby") {
      title.textContent = "Round " + state.round + ": get ready";
      big.textContent = "lobby";
    } else if (state.state === "playing") {
      title.textContent = "Round " + state.round;
      big.textContent = clock((ends - Date.now()) / 1000);
    } else {
      title.textContent = "Round " + state.round;
      big.textContent = "finished";
    }
    banner.replaceChildren(title, big);
  }

  function step(p, place) {
    const div = document.createElement("div");
    div.className = "step p" + place;
    const medal = document.createElement("div");
    medal.className = "medal";
    medal.textContent = place;
    const who = document.createElement("div");
    who.className = "who";
    who.textContent = p ? p.name : "";
    const what = document.createElement("div");
    what.className = "what";
    what.textContent = p ? p.treasures + (p.treasures === 1 ? " treasure" : " treasures") : "";
    div.append(medal, who, what);
    return div;
  }

  async function podium(number) {
    const r = await fetch("/scores?world=" + encodeURIComponent(world) + "&round=" + number +
                          "&format=json");
    if (!r.ok)
      return;
    const players = (await r.json()).players;
    let section = document.getElementById("podium");
    if (!section) {
      section = document.createElement("section");
      section.id = "podium";
      board.before(section);
    }
    const steps = document.createElement("div");
    steps.className = "steps";
    steps.append(step(players[1], 2), step(players[0], 1), step(players[2], 3));
    const rest = document.createElement("ol");
    rest.start = 4;
    for (const p of players.slice(3)) {
      const li = document.createElement("li");
      li.textContent = p.name + ": " + p.treasures;
      rest.append(li);
    }
    section.replaceChildren(steps, rest);
    section.dataset.round = number;
    board.hidden = true;
    shownPodium = number;
  }

  async function refresh() {
    try {
      const r = await fetch("/round?world=" + encodeURIComponent(world) + "&format=json");
      if (r.ok) {
        state = await r.json();
        ends = Date.now() + state.seconds_left * 1000;
      }
    } catch (e) {
      return;   // the next second tries again
    }
    draw();
    if (board && state && state.state === "finished" && shownPodium !== state.round)
      await podium(state.round);
    if (board && state && state.state !== "finished" && shownPodium) {
      document.getElementById("podium").remove();
      board.hidden = false;
      shownPodium = 0;
    }
  }

  refresh();
  setInterval(refresh, 1000);
  setInterval(draw, 250);
})();
