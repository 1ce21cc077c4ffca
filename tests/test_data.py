"""The data service through real lighttpd and requests: every format read by
a real parser, constraints and orderby against rows computed independently,
bathymetry equal to /ping, every 400 (injection attempts included, the data
intact after), and many submitters at once."""
import csv
import io
import json
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
