"""The data service through real lighttpd and requests: every format read by
a real parser, constraints and orderby against rows computed independently,
bathymetry equal to /ping, every 400 (injection attempts included, the data
intact after), and many submitters at once."""
import csv
import io
import json
import os
import subprocess
import threading
import xml.etree.ElementTree as ET

import pytest
import requests

from conftest import world_sql
from mocean_world import World

SEED = 31337


@pytest.fixture
def world(server, unique):
    name = unique("d")
    server.make_world(name, SEED)
    return name, World(SEED)


def data(server, query):
    """GET /data?query as a student pasting an address would."""
    return requests.get(server.url + "/data?" + query, timeout=60)


def rows_csv(r):
    assert r.status_code == 200, r.text
    assert r.headers["Content-Type"] == "text/csv; charset=utf-8"
    return list(csv.DictReader(io.StringIO(r.text)))


def test_list_has_working_examples(server, world):
    text = server.text("data")
    for name in ("bathymetry", "seamounts", "tracks", "sightings", "soundings"):
        assert name + ":" in text
    examples = [line.split("/data?", 1)[1].strip() for line in text.splitlines() if "/data?" in line]
    assert len(examples) >= 10
    for query in examples:
        if "&add" in query:
            continue
        assert data(server, query).status_code == 200, query
    page = server.get("data", client="browser")
    root = ET.fromstring(page.text.split("\n", 1)[1])
    hrefs = [a.get("href") for a in root.iter("a")]
    assert any("format=svg" in h for h in hrefs)


def test_seamounts_csv_against_the_geometry(server, world):
    w, geo = world
    rows = rows_csv(data(server, "dataset=seamounts&world=%s" % w))
    expected = [(s["name"], s["x"], s["y"], geo.depth(s["x"], s["y"])) for s in geo.seamounts]
    assert [(r["name"], float(r["x"]), float(r["y"]), float(r["depth"])) for r in rows] == \
        pytest.approx(expected)
    # constraints ANDed, orderby with desc, limit, columns
    rows = rows_csv(data(server, "dataset=seamounts&world=%s&columns=name,depth&depth<15&x>=100"
                                 "&orderby=depth desc,name&limit=4" % w))
    want = sorted([e for e in expected if e[3] < 15 and e[1] >= 100], key=lambda e: (-e[3], e[0]))[:4]
    assert [r["name"] for r in rows] == [e[0] for e in want]
    assert list(rows[0].keys()) == ["name", "depth"]
    name = geo.seamounts[3]["name"]
    rows = rows_csv(data(server, "dataset=seamounts&world=%s&name=%s" % (w, name)))
    assert [r["name"] for r in rows] == [name]
    rows = rows_csv(data(server, "dataset=seamounts&world=%s&name!=%s" % (w, name)))
    assert len(rows) == 11


def test_bathymetry_grid_and_ping(server, world):
    w, geo = world
    rows = rows_csv(data(server, "dataset=bathymetry&world=%s&step=30" % w))
    assert len(rows) == 30 * 30
    assert {float(r["x"]) for r in rows} == {float(v) for v in range(0, 900, 30)}
    for r in rows[::37]:
        assert float(r["depth"]) == geo.depth(float(r["x"]), float(r["y"]))
    default = rows_csv(data(server, "dataset=bathymetry&world=%s&x<=20&y<=20" % w))
    assert len(default) == 9   # step 10: 0, 10, 20 each way
    pid = server.text("join", name="pinger", world=w)
    for r in rows[5::97]:
        world_sql(server, w, "UPDATE player SET x = ?, y = ? WHERE id = ?", [float(r["x"]), float(r["y"]), pid])
        assert server.text("ping", id=pid, world=w) == r["depth"]


def test_the_trench_line_in_every_format(server, world):
    w, geo = world
    line = "dataset=bathymetry&world=%s&step=5&x=200&y>=250&y<=350" % w
    rows = rows_csv(data(server, line + "&columns=y,depth"))
    assert [float(r["y"]) for r in rows] == [float(v) for v in range(250, 351, 5)]
    assert [float(r["depth"]) for r in rows] == [geo.depth(200, y) for y in range(250, 351, 5)]
    assert float(rows[10]["depth"]) == 50.0   # y = 300, in the trench
    j = data(server, line + "&columns=y,depth&format=json")
    assert j.headers["Content-Type"] == "application/json"
    assert json.loads(j.text) == [{"y": float(r["y"]), "depth": float(r["depth"])} for r in rows]
    h = data(server, line + "&format=html")
    assert h.headers["Content-Type"] == "text/html; charset=utf-8"
    page = ET.fromstring(h.text.split("\n", 1)[1])
    assert "x=200" in "".join(page.find("body/p").itertext())
    table = page.find("body/table")
    assert [th.text for th in table.find("tr")] == ["x", "y", "depth"]
    assert len(table.findall("tr")) == len(rows) + 1
    s = data(server, line + "&format=svg&x=y&y=depth")
    assert s.headers["Content-Type"] == "image/svg+xml"
    svg = ET.fromstring(s.content)
    ns = "{http://www.w3.org/2000/svg}"
    assert len(svg.findall(ns + "circle")) == len(rows)
    labels = [t.text for t in svg.iter(ns + "text")]
    assert "y (m)" in labels and any(l and l.startswith("depth") for l in labels)
    assert len(svg.findall(ns + "line")) > 6  # axes and ticks


def test_tracks_and_sightings_follow_the_game(server, world):
    w, geo = world
    pid = server.text("join", name="tracker", world=w)
    wx, wy = geo.whales[0]
    world_sql(server, w, "UPDATE player SET x = ?, y = ? WHERE id = ?", [wx + 5, wy, pid])
    server.text("location", id=pid, world=w)
    server.text("location", id=pid, world=w)
    server.text("look", id=pid, world=w)
    rows = rows_csv(data(server, "dataset=tracks&world=%s&player=tracker" % w))
    assert len(rows) == 2 and rows[0]["world"] == w and float(rows[0]["x"]) == wx + 5
    sights = rows_csv(data(server, "dataset=sightings&world=%s&thing=whale" % w))
    assert {"x": str(wx), "y": str(wy)}.items() <= {k: sights[0][k] for k in ("x", "y")}.items() or \
        (float(sights[0]["x"]), float(sights[0]["y"])) == (wx, wy)
    plot = data(server, "dataset=tracks&world=%s&format=svg&x=time&y=x" % w)
    assert ET.fromstring(plot.content).find("{http://www.w3.org/2000/svg}polyline") is not None


def test_info(server, world):
    w, geo = world
    text = server.text("data", dataset="seamounts", info="", world=w)
    assert "12 rows" in text and "depth" in text
    j = server.get("data", dataset="bathymetry", info="", step=100, world=w, format="json").json()
    assert j["rows"] == 81
    cols = {c["name"]: c for c in j["columns"]}
    assert cols["depth"]["unit"] == "m" and float(cols["x"]["max"]) == 800.0


def test_submitting_soundings(server, world):
    w, _ = world
    assert data(server, "dataset=soundings&add&name=fred&x=12.5&y=40&depth=28.1&world=%s" % w).text == "1"
    rows = rows_csv(data(server, "dataset=soundings&world=%s" % w))
    assert [(r["name"], r["x"], r["y"], r["depth"], r["world"]) for r in rows] == \
        [("fred", "12.5", "40.0", "28.1", w)]


@pytest.mark.parametrize("query, words", [
    ("dataset=soundings&add&name=fred&x=12.5&y=40", "depth is missing"),
    ("dataset=soundings&add&name=fred&x=900&y=40&depth=3", "x must be from 0"),
    ("dataset=soundings&add&name=fred&x=-1&y=40&depth=3", "x must be from 0"),
    ("dataset=soundings&add&name=fred&x=1&y=40&depth=50.5", "depth must be from 0 to 50"),
    ("dataset=soundings&add&name=fred&x=1&y=40&depth=deep", "depth must be a number"),
    ("dataset=soundings&add&name=fr'ed&x=1&y=40&depth=3", "name must be letters and digits"),
    ("dataset=soundings&add&name=fred&x=1&y=40&depth=3&time=5", "time is filled in by the server"),
    ("dataset=soundings&add&name=fred&x=1&y=40&depth=3&colour=red", "no column called \"colour\""),
    ("dataset=seamounts&add&name=x&x=1&y=1&depth=1", "seamounts cannot take new rows"),
])
def test_bad_rows_are_refused_and_nothing_stored(server, world, query, words):
    w, _ = world
    r = data(server, query + "&world=" + w)
    assert r.status_code == 400 and words in r.text, r.text
    assert world_sql(server, w, "SELECT count(*) FROM sounding") == [(0,)]


@pytest.mark.parametrize("query, words", [
    ("dataset=whales", "no dataset called \"whales\""),
    ("dataset=seamounts&columns=name,colour", "no column called \"colour\""),
    ("dataset=seamounts&columns=,,,", "columns needs at least one column name"),
    ("dataset=seamounts&columns= , ,", "columns needs at least one column name"),
    ("dataset=seamounts&columns", "columns takes =, like columns=name,depth"),
    ("dataset=seamounts&orderby", "orderby takes =, like orderby=depth"),
    ("dataset=seamounts&columns=x;DROP TABLE sounding", "no column called"),
    ("dataset=seamounts&columns=name) FROM player --", "no column called"),
    ("dataset=seamounts&orderby=depth desc; DROP TABLE sounding", "orderby"),
    ("dataset=seamounts&orderby=(SELECT 1)", "orderby"),
    ("dataset=seamounts&depth~3", "can't read"),
    ("dataset=seamounts&depth>=1 OR 1=1", "depth must be a number"),
    ("dataset=seamounts&name' OR '1'='1=x", "can't read"),
    ("dataset=seamounts&depth>shallow", "depth must be a number"),
    ("dataset=seamounts&limit=-1", "limit must be a whole number"),
    ("dataset=seamounts&limit=ten", "limit must be a whole number"),
    ("dataset=seamounts&format=xls", "format must be csv, json, html or svg"),
    ("dataset=seamounts&format=svg&x=name&y=depth", "name is text"),
    ("dataset=seamounts&format=svg&x=height&y=depth", "no column called \"height\""),
    ("dataset=bathymetry&step=0", "step must be a whole number"),
    ("dataset=bathymetry&step=1", "more than"),
    ("dataset=seamounts&step=5", "step only works with dataset=bathymetry"),
    ("columns=x", "say which dataset first"),
])
def test_bad_queries_are_400_naming_the_problem(server, world, query, words):
    w, _ = world
    data(server, "dataset=soundings&add&name=keep&x=1&y=2&depth=3&world=" + w)
    r = data(server, query + "&world=" + w)
    assert r.status_code == 400 and words in r.text, r.text
    assert "\n" not in r.text
    # the data is intact
    assert world_sql(server, w, "SELECT name FROM sounding") == [("keep",)]
    assert len(rows_csv(data(server, "dataset=seamounts&world=" + w))) == 12


def test_injection_in_values_is_only_a_value(server, world):
    w, _ = world
    rows = rows_csv(data(server, "dataset=seamounts&world=%s&name=x' OR '1'='1" % w))
    assert rows == []


def test_fifty_parallel_submitters(server, world):
    w, _ = world
    barrier = threading.Barrier(50)
    replies = [None] * 50

    def submit(i):
        with requests.Session() as s:
            barrier.wait()
            replies[i] = s.get(server.url + "/data?dataset=soundings&add&name=s%d&x=%d&y=%d&depth=%d"
                               "&world=%s" % (i, i, i + 1, i % 50, w), timeout=60)

    threads = [threading.Thread(target=submit, args=(i,)) for i in range(50)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert [r.text for r in replies] == ["1"] * 50
    rows = world_sql(server, w, "SELECT name, x, y, depth FROM sounding ORDER BY x")
    assert rows == [("s%d" % i, float(i), float(i + 1), float(i % 50)) for i in range(50)]


def test_python_script_from_the_readme(server, world):
    """The trench line from a pasted Python script, as csv, json and a plot."""
    w, geo = world
    base = server.url
    line = {"dataset": "bathymetry", "step": 5, "x": 200, "world": w}
    reply = requests.get(base + "/data?y>=250&y<=350", params=dict(line, columns="y,depth"))
    table = list(csv.DictReader(io.StringIO(reply.text)))
    assert len(table) == 21
    reply = requests.get(base + "/data?y>=250&y<=350", params=dict(line, columns="y,depth", format="json"))
    assert len(reply.json()) == 21
    reply = requests.get(base + "/data?y>=250&y<=350&x=y&y=depth", params=dict(line, format="svg"))
    assert reply.headers["Content-Type"] == "image/svg+xml"


# --- Every request's work bounded, each bound a 400 saying so -------------

@pytest.mark.parametrize("query, words", [
    ("dataset=bathymetry&step=2", "more than 100000 rows match"),
    ("dataset=bathymetry&step=3&format=svg&x=x&y=y", "one plot holds at most 50000"),
    ("dataset=seamounts&limit=100001", "limit must be a whole number from 0 to 100000"),
    ("dataset=seamounts&orderby=depth,name,depth", "orderby: depth is named twice"),
    ("dataset=seamounts&name=" + "a" * 201, "the value of name is too long: at most 200"),
    ("dataset=seamounts&columns=" + "name," * 41, "columns is too long"),
    ("dataset=bathymetry&step=1&y<300", "that grid has 270000 points, more than 250000"),
])
def test_work_past_a_bound_is_a_400(server, world, query, words):
    w, _ = world
    r = data(server, query + "&world=" + w)
    assert r.status_code == 400 and words in r.text, r.text[:300]
    assert "\n" not in r.text


def test_inside_the_bounds_is_fine(server, world):
    w, _ = world
    # the same big grid, a few rows of it: the 5 deepest points at step 2
    rows = rows_csv(data(server, "dataset=bathymetry&step=2&orderby=depth desc,x,y&limit=5&world=" + w))
    assert [float(r["depth"]) for r in rows] == [50.0] * 5
    rows = rows_csv(data(server, "dataset=bathymetry&step=1&y<270&x<10&world=" + w))
    assert len(rows) == 270 * 10
    assert len(rows_csv(data(server, "dataset=seamounts&name=" + "a" * 200 + "&world=" + w))) == 0


def test_a_plot_of_values_too_close_to_tell_apart(server, world):
    """Two soundings 2e-15 m apart: the ticks between them cannot all be told
    apart as numbers, and the plot still comes back (it used to loop forever)."""
    w, _ = world
    for x in ("12.5", "12.500000000000002"):
        assert data(server, "dataset=soundings&add&name=fred&x=%s&y=40&depth=3&world=%s" % (x, w)).text == "1"
    r = requests.get(server.url + "/data?dataset=soundings&format=svg&x=x&y=depth&world=" + w, timeout=20)
    assert r.status_code == 200
    ns = "{http://www.w3.org/2000/svg}"
    assert len(ET.fromstring(r.content).findall(ns + "circle")) == 2


def test_the_data_sources_keep_nothing_between_requests():
    """For long-lived processes: no mutable static state, no getenv, and SQL
    only through lib/store/db.h (so its fault naming and statement cache apply)."""
    import glob
    import os
    import re
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    files = [os.path.join(root, "cgi-bin", "data.c")]
    files += glob.glob(os.path.join(root, "lib", "data", "*.c"))
    assert len(files) >= 8
    for path in files:
        with open(path) as f:
            text = f.read()
        name = os.path.basename(path)
        assert "getenv(" not in text, name
        for call in ("sqlite3_prepare", "sqlite3_exec", "sqlite3_finalize", "sqlite3_step",
                     "sqlite3_bind", "sqlite3_reset"):
            assert call not in text, (name, call)
        for line in text.splitlines():
            assert not re.match(r"\s*static\s+(?!const\b)[^(]*;\s*$", line), (name, line)
            assert not re.match(r"\s*static\s+(?!const\b)[^(]*=", line), (name, line)


# --- /data a person can read -------------------------------------------

def test_html_shows_times_and_numbers_for_people(server, world):
    w, geo = world
    world_sql(server, w, "INSERT INTO track (time, player, x, y, z) VALUES (?, ?, ?, ?, ?)",
              [1795443909.25, "fred", 12.345678, 40.0, 3.14159])
    page = ET.fromstring(data(server, "dataset=tracks&format=html&world=" + w).text.split("\n", 1)[1])
    table = page.find(".//table[@id='rows']")   # in the live view of a dataset with a time
    assert [th.text for th in table.find("tr")] == ["time", "world", "player", "x", "y", "z"]
    cells = [td.text for td in table.findall("tr")[1]]
    assert cells == ["2026-11-23 14:25:09 UTC", w, "fred", "12.35", "40", "3.14"]
    # csv and json keep every digit
    row = rows_csv(data(server, "dataset=tracks&world=" + w))[0]
    assert (row["time"], row["x"], row["z"]) == ("1795443909.25", "12.345678", "3.14159")
    j = data(server, "dataset=tracks&format=json&world=" + w).json()[0]
    assert (j["time"], j["x"], j["z"]) == (1795443909.25, 12.345678, 3.14159)
    # the trench line: every depth rounded to two decimals
    line = "dataset=bathymetry&step=5&x=200&y>=250&y<=350&columns=y,depth&world=" + w
    page = ET.fromstring(data(server, line + "&format=html").text.split("\n", 1)[1])
    shown = [tr.findall("td")[1].text for tr in page.find("body/table").findall("tr")[1:]]
    assert shown == [("%.2f" % round(geo.depth(200, y), 2)).rstrip("0").rstrip(".") for y in range(250, 351, 5)]


def test_client_browser_is_the_query_form_above_the_table(server, world):
    w, _ = world
    r = data(server, "dataset=seamounts&client=browser&depth<20&orderby=depth desc&world=" + w)
    assert r.headers["Content-Type"] == "text/html; charset=utf-8"
    page = ET.fromstring(r.text.split("\n", 1)[1])
    form = page.find("body/form")
    assert form.get("id") == "ask"
    boxes = [i for i in form.iter("input") if i.get("class") == "column"]
    assert [b.get("value") for b in boxes] == ["name", "x", "y", "depth"]
    assert all(b.get("checked") == "checked" for b in boxes)
    # filled in from the address: the condition, the order, the world
    depth = [s for s in form.iter("span") if s.get("data-column") == "depth"][0]
    assert [o.get("value") for o in depth.iter("option") if o.get("selected")] == ["<"]
    assert depth.find("input").get("value") == "20"
    assert [i.get("value") for i in form.iter("input") if i.get("id") == "world"] == [w]
    assert page.find("body/table") is not None
    assert any(s.get("src") == "/data.js" for s in page.iter("script"))
    # csv and json stay as they are, also for a browser that asks for them
    assert data(server, "dataset=seamounts&client=browser&format=csv&world=" + w).headers[
        "Content-Type"] == "text/csv; charset=utf-8"
    assert server.get("data.js").status_code == 200 and server.get("data.css").status_code == 200


def test_the_list_in_a_browser_links_every_example_and_form(server, world):
    page = ET.fromstring(server.get("data", client="browser").text.split("\n", 1)[1])
    hrefs = [a.get("href") for a in page.iter("a")]
    for name in ("bathymetry", "seamounts", "tracks", "sightings", "soundings"):
        assert "/data?dataset=%s&client=browser" % name in hrefs
        assert "/data?dataset=%s&info" % name in hrefs
    for href in hrefs:
        if "&add" not in href:
            assert requests.get(server.url + href, timeout=30).status_code == 200, href
    assert "depth>20" in server.text("data")
    assert server.get("data", client="browser", format="json").json()["reply"].startswith(
        "Mocean's data service")


def track_rows(server, w):
    """fred swims east with his rows stored out of time order; wilma wraps
    round the east edge between her second and third rows."""
    for t, name, x in [(3, "fred", 300), (1, "fred", 100), (2, "fred", 200),
                       (1, "wilma", 880), (2, "wilma", 890), (3, "wilma", 5), (4, "wilma", 15)]:
        world_sql(server, w, "INSERT INTO track (time, player, x, y, z) VALUES (?, ?, ?, ?, 0)",
                  [1795443900 + t, name, x, 450])


def test_svg_scales_colours_each_player_and_joins_tracks_in_time(server, world):
    w, _ = world
    track_rows(server, w)
    ns = "{http://www.w3.org/2000/svg}"
    r = data(server, "dataset=tracks&format=svg&orderby=x desc&world=" + w)
    svg = ET.fromstring(r.content)
    assert svg.get("viewBox") and svg.get("width") is None and svg.get("height") is None
    assert len(svg.findall(ns + "circle")) == 7
    legend = [t.text for t in svg.iter(ns + "text") if t.get("class") == "who"]
    assert legend == ["fred", "wilma"]
    lines = svg.findall(ns + "polyline")
    # fred: one line, west to east in time order; wilma: broken at the wrap
    assert len(lines) == 3
    fred = [float(p.split(",")[0]) for p in lines[0].get("points").split()]
    assert len(fred) == 3 and fred == sorted(fred)
    assert [len(l.get("points").split()) for l in lines[1:]] == [2, 2]
    assert lines[0].get("stroke") != lines[1].get("stroke") == lines[2].get("stroke")
    colours = {c.get("fill") for c in svg.findall(ns + "circle")}
    assert len(colours) == 2
    # time along x: a line per player too
    svg = ET.fromstring(data(server, "dataset=tracks&format=svg&x=time&y=x&world=" + w).content)
    assert len(svg.findall(ns + "polyline")) == 3   # wilma's wrap is a jump in x: broken
    # sightings are coloured by who looked, not joined
    svg = ET.fromstring(data(server, "dataset=sightings&format=svg&world=" + w).content)
    assert svg.findall(ns + "polyline") == []


def test_a_browser_gets_the_pages_for_people_and_programs_get_files(server, world):
    """A browser's address bar (Accept prefers text/html) gets the list with
    links and the query form above the rows; requests and curl keep csv."""
    w, _ = world
    browser = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}
    line = server.url + "/data?dataset=seamounts&orderby=depth&world=" + w
    page = requests.get(line, headers=browser, timeout=30)
    assert page.headers["Content-Type"] == "text/html; charset=utf-8"
    root = ET.fromstring(page.text.split("\n", 1)[1])
    assert root.find("body/form").get("id") == "ask" and len(root.find("body/table")) == 13
    listing = requests.get(server.url + "/data", headers=browser, timeout=30)
    assert any(a.get("href") == "/data?dataset=seamounts&orderby=depth"
               for a in ET.fromstring(listing.text.split("\n", 1)[1]).iter("a"))
    assert requests.get(line, headers={"Accept": "*/*"}, timeout=30).headers[
        "Content-Type"] == "text/csv; charset=utf-8"
    assert requests.get(line + "&format=csv", headers=browser, timeout=30).headers[
        "Content-Type"] == "text/csv; charset=utf-8"
    assert requests.get(line + "&format=json", headers=browser, timeout=30).json()[0]["name"]


def test_big_downloads_at_once_each_arrive_whole(server, world):
    """A class downloading the 10,000-row bathymetry at once: every reply is
    whole, and in event mode /data has a process per core, so one big
    download does not hold up the next."""
    w, _ = world
    query = "dataset=bathymetry&world=%s&step=9" % w
    replies = [None] * 4

    def download(i):
        replies[i] = data(server, query)

    threads = [threading.Thread(target=download, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    counts = [len(rows_csv(r)) for r in replies]
    assert counts == [counts[0]] * 4 and counts[0] > 9000, counts
    if server.mode == "fastcgi":
        ps = subprocess.run(["ps", "-o", "comm=", "-g", str(server.proc.pid)],
                            capture_output=True, text=True, check=True).stdout.split()
        assert ps.count("data.cgi") >= min(2, len(os.sched_getaffinity(0))), ps
