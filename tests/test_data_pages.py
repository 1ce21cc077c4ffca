"""/data's pages for people in headless Chromium (Debian's chromium): the
query form builds the address as a person changes it, the address it builds
works, and screenshots of the form, the list and the plots are written to
tests/output/ for people to look at."""
import html
import json
import math
import os
import re
import shutil
import subprocess
import tempfile

import pytest
import requests

from conftest import world_sql

CHROMIUM = shutil.which("chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--hide-scrollbars"]
needs_chromium = pytest.mark.skipif(not CHROMIUM, reason="make test installs Debian's chromium")


def chromium(*args):
    profile = tempfile.mkdtemp(prefix="mocean-chromium-")
    try:
        r = subprocess.run([CHROMIUM] + FLAGS + ["--user-data-dir=" + profile] + list(args),
                           capture_output=True, text=True, timeout=120)
        return r.stdout
    finally:
        shutil.rmtree(profile, ignore_errors=True)


def screenshot(output_dir, name, url, size="1280,900"):
    shot = os.path.join(output_dir, name)
    if os.path.exists(shot):
        os.remove(shot)
    chromium("--virtual-time-budget=3000", "--window-size=" + size, "--screenshot=" + shot, url)
    with open(shot, "rb") as f:
        png = f.read()
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 10000
    return shot


def address_shown(dom):
    """The address the form shows: (its text, its href)."""
    m = re.search(r'<a id="address" href="([^"]*)">([^<]*)</a>', dom)
    assert m, dom[:2000]
    return html.unescape(m.group(2)), html.unescape(m.group(1))


@needs_chromium
def test_the_form_shows_the_address_of_what_it_holds(server, unique):
    w = unique("form")
    server.make_world(w)
    url = server.url + "/data?dataset=seamounts&format=html&depth<20&orderby=depth desc&limit=3&world=" + w
    text, href = address_shown(chromium("--virtual-time-budget=3000", "--dump-dom", url))
    # rebuilt by the page's script from the form, in its own order
    assert text == "/data?dataset=seamounts&depth<20&orderby=depth desc&limit=3&format=html&world=" + w
    r = requests.get(server.url + href, timeout=30)
    assert r.status_code == 200 and r.headers["Content-Type"].startswith("text/html")


# Changes a person makes in the form, one by one, each followed by the
# address the form then shows.  The harness page takes the form from the
# server (every reply allows any origin) with the server's own data.js, and
# plays the person.
HARNESS = """<!DOCTYPE html><html><body><pre id="out">waiting</pre>
<script>
const server = "%s", out = document.getElementById("out");
fetch(server + "%s").then((r) => r.text()).then((text) => {
  const page = new DOMParser().parseFromString(text, "text/html");
  document.body.appendChild(document.adoptNode(page.getElementById("ask")));
  const script = document.createElement("script");
  script.src = server + "/data.js";
  script.onload = play;
  document.body.appendChild(script);
}).catch((e) => { out.textContent = "error " + e; });

function play() {
  const d = document, shown = [];
  const fire = (el, type) => el.dispatchEvent(new Event(type, {bubbles: true}));
  const look = () => shown.push(d.getElementById("address").textContent);
  const cond = (col, nth) => d.querySelectorAll('span.cond[data-column="' + col + '"]')[nth];
  const set = (el, v) => { el.value = v; fire(el, el.tagName == "SELECT" ? "change" : "input"); };
  look();
  d.querySelectorAll("input.column").forEach((b) => {
    if (b.value == "x" || b.value == "y") { b.checked = false; fire(b, "change"); }
  });
  look();
  set(cond("depth", 0).querySelector("select"), "<");
  set(cond("depth", 0).querySelector("input"), "15");
  look();
  set(cond("name", 1).querySelector("select"), "!=");
  set(cond("name", 1).querySelector("input"), "West Mata");
  set(d.getElementById("orderby"), "depth");
  set(d.getElementById("desc"), " desc");
  look();
  set(d.getElementById("format"), "json");
  look();
  set(d.getElementById("format"), "svg");
  set(d.getElementById("y"), "depth");
  look();
  const axes = d.getElementById("axes").style.display;
  set(d.getElementById("format"), "csv");
  look();
  out.textContent = JSON.stringify({shown: shown, axes: axes,
                                    href: d.getElementById("address").getAttribute("href")});
}
</script></body></html>"""


@needs_chromium
def test_the_form_builds_the_address_as_a_person_changes_it(server, unique):
    w = unique("form")
    server.make_world(w)
    page = os.path.join(tempfile.mkdtemp(prefix="mocean-harness-"), "harness.html")
    with open(page, "w") as f:
        f.write(HARNESS % (server.url, "/data?dataset=seamounts&client=browser&world=" + w))
    try:
        dom = chromium("--virtual-time-budget=4000", "--dump-dom", "file://" + page)
    finally:
        shutil.rmtree(os.path.dirname(page), ignore_errors=True)
    out = json.loads(html.unescape(re.search(r'<pre id="out">(.*?)</pre>', dom, re.S).group(1)))
    base, world = "/data?dataset=seamounts", "&world=" + w
    assert out["shown"] == [
        base + "&format=html" + world,
        base + "&columns=name,depth&format=html" + world,
        base + "&columns=name,depth&depth<15&format=html" + world,
        base + "&columns=name,depth&name!=West Mata&depth<15&orderby=depth desc&format=html" + world,
        base + "&columns=name,depth&name!=West Mata&depth<15&orderby=depth desc&format=json" + world,
        base + "&columns=name,depth&name!=West Mata&depth<15&orderby=depth desc&format=svg&x=x&y=depth" + world,
        base + "&columns=name,depth&name!=West Mata&depth<15&orderby=depth desc" + world,
    ]
    assert out["axes"] == ""      # the plot's axes show only for svg
    # the address the form built is one the server reads: the same rows
    got = requests.get(server.url + out["href"], timeout=30)
    assert got.status_code == 200 and got.headers["Content-Type"] == "text/csv; charset=utf-8"
    lines = got.text.splitlines()
    assert lines[0] == "name,depth"
    depths = [float(l.rsplit(",", 1)[1]) for l in lines[1:]]
    assert depths == sorted(depths, reverse=True) and all(d < 15 for d in depths)
    assert not any(l.startswith("West Mata,") for l in lines)


@needs_chromium
def test_screenshots_of_the_form_and_the_list(server, unique, output_dir):
    w = unique("shots")
    server.make_world(w)
    screenshot(output_dir, "data-form.png", server.url + "/data?dataset=bathymetry&step=5&x=200"
               "&y>=250&y<=350&columns=y,depth&client=browser&world=" + w, "1280,1100")
    screenshot(output_dir, "data-list.png", server.url + "/data?client=browser", "1280,1000")


def swim(name, start, heading, n, t0):
    """n rows of a player swimming from start along heading, one a second,
    wrapping round the edges as the game does."""
    x, y = start
    rows = []
    for i in range(n):
        rows.append((t0 + i, name, x % 900, y % 900, 0.0 if i % 7 else 5.0))
        heading += 0.12 * math.sin(i / 4)
        x += 14 * math.cos(heading)
        y += 14 * math.sin(heading)
    return rows


@needs_chromium
def test_screenshots_of_plots(server, unique, output_dir):
    w = unique("plots")
    server.make_world(w)
    rows = []
    for k, name in enumerate(["fred", "wilma", "barney", "betty", "pebbles", "bamm"]):
        rows += swim(name, (120 + 130 * k, 200 + 90 * k), 0.9 * k, 40, 1795443900 + k)
    rows += swim("dino", (860, 700), 0.1, 20, 1795443900)   # wraps round the east edge
    values = ",".join("(?, ?, ?, ?, ?)" for _ in rows)
    world_sql(server, w, "INSERT INTO track (time, player, x, y, z) VALUES " + values,
              [v for r in rows for v in r])
    tracks = server.url + "/data?dataset=tracks&format=svg&world=" + w
    svg = requests.get(tracks, timeout=30).text
    # a line per swimmer, broken wherever one wrapped round an edge (a piece
    # of one point is only its dot)
    pieces, wraps = [[rows[0]]], 0
    for a, b in zip(rows, rows[1:]):
        wrapped = abs(a[2] - b[2]) > 450 or abs(a[3] - b[3]) > 450
        wraps += a[1] == b[1] and wrapped
        if a[1] != b[1] or wrapped:
            pieces.append([])
        pieces[-1].append(b)
    assert wraps >= 1 and svg.count("<polyline") == sum(len(p) > 1 for p in pieces)
    screenshot(output_dir, "data-plot-tracks.png", tracks, "1200,760")
    screenshot(output_dir, "data-plot-trench.png", server.url + "/data?dataset=bathymetry&step=5"
               "&x=200&y>=250&y<=350&format=svg&x=y&y=depth&world=" + w, "900,600")
