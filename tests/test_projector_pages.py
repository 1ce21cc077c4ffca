"""The pages a class sees on a projector, measured in headless Chromium at
1920x1080 (chrome.py) the way a person at the back of the room sees them:
every route's and Steps level's web page (lib/ocean/page.c) with its type
sizes, the address asked and the reply in large type, and the form that
builds and opens the next address; the leaderboard's contrast, text node by
text node; /data's live view of a dataset the class writes into.  Each
leaves a screenshot in tests/output/ (and a half-size one, readme-*.png, of
the pages the README shows)."""
import html
import os
import re

import pytest
import requests

from chrome import CHROMIUM, Chrome

needs_chromium = pytest.mark.skipif(not CHROMIUM, reason="make test installs Debian's chromium")
BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
DOTS = "\u2022\u2022\u2022"

# Every shown text node of the page with its computed font size in px.
TEXT_SIZES = """(() => {
  const out = [], walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walk.nextNode()) {
    const t = walk.currentNode, e = t.parentElement;
    if (!t.textContent.trim() || e.closest("script, style") || !e.getClientRects().length) continue;
    out.push([t.textContent.trim().slice(0, 50), parseFloat(getComputedStyle(e).fontSize)]);
  }
  for (const e of document.querySelectorAll("input:not([type=hidden]), button"))
    out.push(["<" + e.tagName.toLowerCase() + " " + (e.name || e.id) + ">",
              parseFloat(getComputedStyle(e).fontSize)]);
  return out;
})()"""

# Every shown text node with its WCAG contrast ratio: its computed colour
# (times the opacity of it and its ancestors) over the effective background
# (every ancestor's background colour laid over the one below, on white).
CONTRASTS = """(() => {
  const rgba = (c) => {
    const p = c.match(/rgba?\\(([^)]*)\\)/)[1].split(/[\\s,\\/]+/).filter(Boolean).map(Number);
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
  };
  const over = (top, below) => [0, 1, 2].map((i) => top[i] * top[3] + below[i] * (1 - top[3])).concat([1]);
  const lum = (c) => {
    const f = (v) => (v /= 255) <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]);
  };
  const chain = (e) => { const up = []; for (let n = e; n; n = n.parentElement) up.push(n); return up; };
  const out = [], walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walk.nextNode()) {
    const t = walk.currentNode, e = t.parentElement;
    if (!t.textContent.trim() || e.closest("script, style") || !e.getClientRects().length) continue;
    let bg = [255, 255, 255, 1], alpha = 1;
    for (const n of chain(e).reverse()) {
      const s = getComputedStyle(n);
      bg = over(rgba(s.backgroundColor), bg);
      alpha *= parseFloat(s.opacity);
    }
    const fg = rgba(getComputedStyle(e).color);
    fg[3] *= alpha;
    const a = lum(over(fg, bg)), b = lum(bg);
    out.push([t.textContent.trim(), (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05)]);
  }
  return out;
})()"""


def teacher_key(server):
    server.get("admin")
    with open(os.path.join(server.data_dir, "teacher.key")) as f:
        return f.read()


def size(c, selector):
    return c.js("parseFloat(getComputedStyle(document.querySelector(%r)).fontSize)" % selector)


def measure_route_page(c, output_dir, shot):
    """What every route page must hold at 1920x1080: body text of 24 px or
    more, the address asked and the reply in large type, a form; a
    screenshot."""
    c.screenshot(os.path.join(output_dir, shot))
    small = [(text, px) for text, px in c.js(TEXT_SIZES) if px < 24]
    assert not small, small
    assert size(c, "#asked") >= 32 and size(c, "#reply") >= 24
    assert c.js("!!document.querySelector('form#next')")


def set_field(c, selector, text):
    """Click into a field, select what it holds and type over it, as a person does."""
    c.click(selector)
    c.js("document.querySelector(%r).select()" % selector)
    c.type(text)


def show_html(c, server, html):
    """A reply's HTML, as a browser would show it from this server."""
    c.open(server.url + "/hello")
    c.js("document.open(); document.write(%r); document.close(); 1" % html)
    c.wait("document.readyState === 'complete' && !!document.getElementById('reply')")
    c.wait("getComputedStyle(document.body).fontSize !== '16px'")   # style.css is in


@needs_chromium
def test_a_steps_level_on_the_projector_and_its_form_leads_on(server, unique, output_dir):
    name = unique("proj")
    with Chrome(1920, 1080) as c:
        c.open("%s/begin?message=97&name=%s" % (server.url, name))   # the address bar: Accept says html
        measure_route_page(c, output_dir, "page-begin-hint.png")
        assert c.js("document.getElementById('asked').textContent") == \
            "%s/begin?message=97&name=%s" % (server.url, name)
        assert "not bigger than 100" in c.js("document.getElementById('reply').textContent")
        # The reply is large: a short one is set at 1.6 times the body's size,
        # and the whole page fits on the screen.
        assert size(c, "#reply") >= 40
        assert c.js("document.documentElement.scrollHeight") <= 1080
        # The form holds the keys as sent; changing one shows the next address.
        assert c.js("document.querySelector('input[name=message]').value") == "97"
        assert c.js("document.querySelector('input[name=name]').value") == name
        set_field(c, "input[name=message]", "101")
        assert c.js("document.getElementById('address').textContent") == \
            "%s/begin?message=101&name=%s" % (server.url, name)
        c.press_enter()
        c.wait("location.search === '?message=101&name=%s'" % name)
        c.wait("!!document.getElementById('reply')")
        assert "Well done" in c.js("document.getElementById('reply').textContent")
        measure_route_page(c, output_dir, "page-begin-solved.png")
        c.screenshot(os.path.join(output_dir, "readme-page.png"), scale=0.5)
        # Solved: a link to the next level, and its form sends the guess there
        # with the same name (so solving it is recorded too).
        assert c.js("document.querySelector('p.next a').getAttribute('href')") == "/beguine?client=browser"
        set_field(c, "input[name=message]", "987")
        assert c.js("document.getElementById('address').textContent") == \
            "%s/beguine?message=987&name=%s" % (server.url, name)
        c.click("form#next button")
        c.wait("location.pathname === '/beguine' && !!document.getElementById('reply')")
        assert c.js("location.search") == "?message=987&name=%s" % name
        assert "/sirduke" in c.js("document.getElementById('reply').textContent")
    levels = {p["name"]: p["levels"] for p in server.get("scores", format="json").json()["players"]}
    assert levels[name] == ["begin", "beguine"]


@needs_chromium
def test_a_mocean_route_on_the_projector(server, unique, output_dir):
    w = unique("proj")
    me = server.text("join", name="fred", world=w)
    with Chrome(1920, 1080) as c:
        c.open("%s/location?id=%s&world=%s" % (server.url, me, w))
        measure_route_page(c, output_dir, "page-location.png")
        reply = c.js("document.getElementById('reply').textContent")
        assert len(reply.split(",")) == len(server.text("location", id=me, world=w).split(","))
        assert [c.js("document.querySelector('input[name=%s]').value" % k) for k in ("id", "world")] == \
            [me, w]
        # A route's keys as fields: change the world and the id, and open it.
        set_field(c, "input[name=id]", "0")
        assert c.js("document.getElementById('address').textContent") == \
            "%s/location?id=0&world=%s" % (server.url, w)
        c.press_enter()
        c.wait("location.search === '?id=0&world=%s' && !!document.getElementById('reply')" % w)
        # /mocean: a long reply, set smaller, never under 24 px.
        c.open(server.url + "/mocean")
        measure_route_page(c, output_dir, "page-mocean.png")
        assert c.js("document.getElementById('reply').textContent").startswith("HOW TO PLAY")


@needs_chromium
def test_refusals_on_the_projector(server, unique, output_dir):
    w = unique("refused")
    key = teacher_key(server)
    server.text("join", name="fred", secret="kelp", world=w)
    with Chrome(1920, 1080) as c:
        # 404: the whole address in one field, to change into another.
        c.open(server.url + "/jion?name=fred")
        measure_route_page(c, output_dir, "page-404.png")
        assert "there is no route /jion" in c.js("document.getElementById('reply').textContent")
        assert c.js("document.getElementById('asked').textContent") == server.url + "/jion?name=fred"
        assert c.js("document.getElementById('whole').value") == "/jion?name=fred"
        set_field(c, "#whole", "/join?name=fred&world=" + w + "&secret=kelp")
        c.press_enter()
        c.wait("location.pathname === '/join' && !!document.getElementById('reply')")
        assert c.js("document.getElementById('reply').textContent") == "0"
        # 403: a wrong secret word; never shown, on the page or in the address it builds.
        c.open("%s/location?id=0&world=%s&secret=wrongword" % (server.url, w))
        measure_route_page(c, output_dir, "page-403.png")
        assert "secret" in c.js("document.getElementById('reply').textContent")
        text = c.js("document.body.innerText")
        assert "wrongword" not in text and DOTS in c.js("document.getElementById('asked').textContent")
        assert c.js("document.querySelector('input[name=secret]').type") == "password"
        set_field(c, "input[name=secret]", "kelp")
        assert c.js("document.getElementById('address').textContent") == \
            "%s/location?id=0&world=%s&secret=%s" % (server.url, w, DOTS)
        c.press_enter()
        c.wait("location.search.endsWith('secret=kelp') && !!document.getElementById('reply')")
        assert not c.js("document.getElementById('reply').classList.contains('refused')")
        # 429: past the teacher's limit, the same page (the HTML a browser got).
        server.text("admin", key=key, do="limit", rate=1, world=w)
        for _ in range(100):
            r = server.session.get(server.url + "/ping", params={"id": 0, "world": w, "secret": "kelp"},
                                   headers={"Accept": BROWSER_ACCEPT}, timeout=30)
            if r.status_code == 429:
                break
        assert r.status_code == 429 and r.headers["Content-Type"] == "text/html; charset=utf-8"
        show_html(c, server, r.text)
        measure_route_page(c, output_dir, "page-429.png")
        assert "slow down" in c.js("document.getElementById('reply').textContent")
        assert c.js("document.getElementById('reply').classList.contains('refused')")


def test_the_page_keeps_text_and_json_as_they_were(server):
    """Only the browser's form is a page: programs get the same bytes."""
    for params in ({"message": "97"}, {"message": "101", "name": "fred"}):
        text = server.get("begin", **params)
        assert text.headers["Content-Type"] == "text/plain; charset=utf-8"
        assert not text.text.startswith("<")
        page = server.get("begin", client="browser", **params).text
        assert '<pre id="reply" class="reply">%s</pre>' % html.escape(text.text, quote=False) in page
    r = server.get("exchange", task="seven", format="json")
    assert r.status_code == 400 and set(r.json()) == {"error", "status"}


# The leaderboard: every text at least 4.5:1 (WCAG AA).

@needs_chromium
def test_every_text_on_the_leaderboard_is_readable(make_server, output_dir):
    server = make_server()   # of its own: the README's picture shows world class3
    key = teacher_key(server)
    w = "class3"
    names = ["Aisha", "Ben", "Chloe", "Dmitri", "Emma", "Farah"]
    for name in names:
        server.text("join", name=name, world=w)
    server.text("admin", key=key, do="give", id=2, world=w)
    server.text("steps", message="passport", name="Ben")
    with Chrome(1920, 1080) as c:
        c.open("%s/scores?world=%s&client=browser" % (server.url, w))
        c.wait("document.querySelectorAll('#board li').length === 6")
        c.wait("!document.getElementById('status').textContent.includes('connecting')")
        c.screenshot(os.path.join(output_dir, "leaderboard-contrast.png"))
        c.screenshot(os.path.join(output_dir, "readme-leaderboard.png"), scale=0.5)
        ratios = c.js(CONTRASTS)
    texts = [t for t, _ in ratios]
    # the dim ones are there, and measured: "0 treasures", "0 levels", the places, the status
    assert "0 treasures" in texts and "0 levels" in texts and "1" in texts
    assert any(t.startswith("updated") for t in texts)
    low = [(t, round(r, 2)) for t, r in ratios if r < 4.5]
    assert not low, low


# /data's live view.

@needs_chromium
def test_the_live_data_page_follows_new_rows_and_redraws_its_plot(make_server, output_dir):
    server = make_server()   # of its own: the README's picture shows world class3
    w = "class3"

    def add(name, x, y, depth):
        r = requests.get(server.url + "/data", timeout=30, params={
            "dataset": "soundings", "add": "", "name": name, "x": x, "y": y, "depth": depth, "world": w})
        assert r.text == "1"

    add("fred", 12.5, 40, 28.1)
    add("wilma", 300, 420, 9.5)
    with Chrome(1920, 1080) as c:
        c.open("%s/data?dataset=soundings&client=browser&world=%s" % (server.url, w))
        # The rows there, newest on top; asking has begun.
        c.wait("document.getElementById('livestatus').textContent.startsWith('following')")
        first = lambda: c.js("document.querySelectorAll('#rows tr')[1].textContent")
        assert "wilma" in first()
        assert size(c, "table.rows td") >= 24
        add("barney", 600, 150, 31.25)
        c.wait("document.querySelectorAll('#rows tr.new').length === 1", timeout=30)
        row = "document.querySelectorAll('#rows tr')[1]"
        assert "barney" in first() and "31.25" in first()
        assert c.js(row + ".classList.contains('newest') && " + row + ".querySelector('.mark').textContent") \
            == "new"
        # The plot of what is there, redrawn when a row comes.
        c.click("#plotting")
        c.wait("Number(document.getElementById('plotimage').dataset.drawn) >= 1 && "
               "document.getElementById('plotimage').naturalWidth > 0", timeout=30)
        add("betty", 820, 700, 18)
        c.wait("document.querySelectorAll('#rows tr.new').length === 2", timeout=30)
        c.wait("Number(document.getElementById('plotimage').dataset.drawn) >= 2", timeout=30)
        assert "betty" in first()
        assert c.js("document.querySelectorAll('#rows tr.newest').length") == 1
        assert c.js(row + ".classList.contains('newest')")
        # the plot drawn last holds every sounding: its svg has a mark per row
        svg = c.js("fetch(document.getElementById('plotimage').src).then(r => r.text())")
        assert len(re.findall(r"<circle", svg)) == 4
        assert c.js("document.getElementById('count').textContent").startswith("4 rows (2 new")
        c.js("scrollTo(0, 0)")   # the live view is at the top of the page
        assert c.js("document.getElementById('rows').getBoundingClientRect().top") < 540
        c.screenshot(os.path.join(output_dir, "data-live.png"))
        c.screenshot(os.path.join(output_dir, "readme-data-live.png"), scale=0.5)
        # A hidden tab asks nothing; shown again, it catches up.
        c.js("window.asked = 0; const f = window.fetch; window.fetch = (...a) => (window.asked++, f(...a)); "
             "Object.defineProperty(document, 'hidden', {configurable: true, get: () => true}); "
             "document.dispatchEvent(new Event('visibilitychange')); 1")
        assert c.js("document.getElementById('livestatus').textContent") == "paused while this tab is hidden"
        add("bamm", 100, 800, 22)
        c.js("new Promise(r => setTimeout(r, 5000))")   # two and a half asking periods
        assert c.js("window.asked") == 0
        c.js("Object.defineProperty(document, 'hidden', {configurable: true, get: () => false}); "
             "document.dispatchEvent(new Event('visibilitychange')); 1")
        c.wait("document.querySelectorAll('#rows tr.new').length === 3", timeout=30)
        assert "bamm" in first()
