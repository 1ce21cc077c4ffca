"""The route files as the one list of routes, and as lessons.

- Each route's `struct route` says how it is listed (.game, .order, .about,
  .example, .usage, .reply, .json); lib/scripts/routes.awk reads them at build time
  into /mocean's table and the students' page, so adding a route is writing
  its file.
- Every route file is a short lesson: at most 80 lines, opening with a
  comment that says what the route does with example addresses and their
  replies, and how much one request can cost ("Worst case:").
"""
import os
import re
import subprocess
import xml.etree.ElementTree as ET

import pytest

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ROUTE_DIR = os.path.join(HERE, "cgi-bin")
AWK = os.path.join(HERE, "lib", "scripts", "routes.awk")
ROUTE_FILES = sorted(f[:-2] for f in os.listdir(ROUTE_DIR) if f.endswith(".c"))
GAMES = ["GAME_STEPS", "GAME_MOCEAN", "GAME_DATA", "GAME_TEACHER"]


def source(route):
    with open(os.path.join(ROUTE_DIR, route + ".c")) as f:
        return f.read()


def listing(route):
    """The listing fields of a route file's struct route, as Python values."""
    text = source(route)
    start = "static const struct route route = {"
    block = text[text.index(start) + len(start):]
    block = block[:block.index("\n};")]
    while re.search(r"\{[^{}]*\}", block):   # the keys' own fields do not count
        block = re.sub(r"\{[^{}]*\}", "", block)
    fields = {}
    for name, value in re.findall(r'\.(\w+) = ("(?:[^"\\]|\\.)*"|\w+)', block):
        fields.setdefault(name, value[1:-1].replace('\\"', '"') if value.startswith('"')
                          else int(value) if value.isdigit() else value)
    return fields


def listed(game):
    """The routes of a game, in their .order."""
    routes = [(listing(r)["order"], r) for r in ROUTE_FILES if listing(r).get("game") == game]
    return [r for _, r in sorted(routes)]


def students_page(server):
    return ET.fromstring(server.get("").text.split("\n", 1)[1])


def page_rows(server):
    """The rows of the students' page's route tables, by the heading above."""
    rows, heading = {}, None
    for e in students_page(server).iter():
        if e.tag == "h3":
            heading = e.text
        elif e.tag == "tr":
            a = e.find("td/a")
            rows.setdefault(heading, []).append((a.get("href"), e.findall("td")[1].text,
                                                 e.findall("td/a")[-1].get("href")))
    return rows


def test_every_route_file_names_its_route():
    for route in ROUTE_FILES:
        assert listing(route)["name"] == route


def test_the_students_page_lists_every_route_from_its_file(server):
    rows = page_rows(server)
    tables = dict(zip(GAMES, [t for h, t in rows.items() if h is not None]))
    for game in GAMES:
        from_files = [(listing(r)["example"], listing(r)["about"], "/source/%s.c" % r)
                      for r in listed(game)]
        on_page = [row for row in tables[game] if row[2].startswith("/source/")]
        assert on_page == from_files, game
    assert len(sum((listed(g) for g in GAMES), [])) == len(ROUTE_FILES) - 1   # all but /notfound


def test_mocean_lists_the_mocean_and_data_routes_from_their_files(server):
    routes = [r for r in listed("GAME_MOCEAN") + listed("GAME_DATA") if "reply" in listing(r)]
    brief = server.text("mocean", usage="brief").splitlines()[2:]
    assert brief == ["/%s %s" % (r, listing(r)["usage"]) for r in routes]
    long = server.text("mocean")
    for r in routes:
        f = listing(r)
        block = "\n/%s  keys: %s\n  reply: %s\n" % (r, f["usage"] or "none", f["reply"])
        if "json" in f:
            block += "  format=json adds: %s\n" % f["json"]
        assert block in long


def test_every_example_on_the_students_page_is_a_good_address(server, unique):
    """Each clickable example answers (in a world of its own, not demo):
    never a 400 for a key it sends, a 404 or a fault."""
    world = unique("ex")
    hrefs = [a.get("href") for a in students_page(server).iter("a") if a.get("class") == "try"]
    assert len(hrefs) >= len(ROUTE_FILES) - 1
    for href in hrefs:
        r = server.session.get(server.url + href.replace("world=demo", "world=" + world), timeout=30)
        if href.startswith("/souvenir?"):
            # A postcard needs a round that is over: a world without one
            # says so in a sentence.
            assert r.status_code == 404 and "no round 1" in r.text, (href, r.text)
            continue
        if href.startswith("/log?"):
            # A log needs a player: before the page's /join, a world
            # without one says so.
            assert r.status_code == 200 or (
                r.status_code == 404 and "no player 0" in r.text), (href, r.text)
            continue
        assert r.status_code in (200, 403), (href, r.status_code, r.text)


# Adding a route is writing its file: lib/scripts/routes.awk, run as the Makefile
# runs it, over the route files and one more.

NEW_ROUTE = """/* /octopus: a new route. */
#include "mocean.h"
static void octopus(struct request *rq) { say(rq, "8"); }
static const struct route route = {
\t.name = "octopus", .game = GAME_MOCEAN, .order = %s,
\t.about = "how many arms \\"it\\" has & more", .example = "/octopus?id=0&world=demo",
\t.usage = "id", .reply = "8", /* a comment, .json = "no" */
\t.keys = { PLAYER_ID, { .name = "arms", .type = KEY_INT } },
\t.store = STORE_WORLD_READ,
\t.handle = octopus,
};
int main(void) { return serve(&route); }
"""


def run_awk(tmp_path, text, form, name="octopus"):
    path = tmp_path / (name + ".c")
    path.write_text(text)
    files = [os.path.join(ROUTE_DIR, r + ".c") for r in ROUTE_FILES] + [str(path)]
    args = ["awk", "-v", "form=" + form, "-v", "page=" + os.path.join(HERE, "www", "index.html.in"),
            "-f", AWK] + files
    return subprocess.run(args, capture_output=True, text=True, timeout=30)


def test_a_new_route_file_is_in_mocean_and_on_the_page(tmp_path):
    c = run_awk(tmp_path, NEW_ROUTE % "23", "c")
    assert c.returncode == 0, c.stderr
    lines = c.stdout.splitlines()
    new = [i for i, l in enumerate(lines) if '.name = "octopus"' in l]
    assert len(new) == 1 and '.name = "popchat"' in lines[new[0] - 1]   # after the 22nd
    assert lines[new[0]] == ('{ .name = "octopus", .game = GAME_MOCEAN, .order = 23, '
                             '.about = "how many arms \\"it\\" has & more", '
                             '.example = "/octopus?id=0&world=demo", .usage = "id", .reply = "8", },')
    page = run_awk(tmp_path, NEW_ROUTE % "23", "html")
    assert page.returncode == 0, page.stderr
    assert ('<tr><td><a class="try" href="/octopus?id=0&amp;world=demo">/octopus?id=0&amp;world=demo'
            '</a></td><td>how many arms &quot;it&quot; has &amp; more</td><td><a class="src" '
            'href="/source/octopus.c">lesson: octopus.c</a></td></tr>') in page.stdout
    assert page.stdout.index("/popchat?") < page.stdout.index("/octopus?") < page.stdout.index("href=\"/data\"")


@pytest.mark.parametrize("change, said", [
    (('.order = %s', '.order = 2'), ".order 2 is taken by join.c"),
    (('.name = "octopus"', '.name = "squid"'), '.name must be the file\'s name, "octopus"'),
    (('.reply = "8",', '.reply = "8"\n\t\t" arms",'), "one string on one line"),
    (('.reply = "8",', '.reply = "8" " arms",'), "one string, not several joined"),
    (('.example = "/octopus?id=0&world=demo",', ''), "needs .order, .about and .example"),
])
def test_a_mistake_in_a_listing_stops_the_build_naming_it(tmp_path, change, said):
    text = (NEW_ROUTE % "%s").replace(*change)
    r = run_awk(tmp_path, text.replace("%s", "23"), "c")
    assert r.returncode != 0 and said in r.stderr and "octopus.c:" in r.stderr, r.stderr


# Every route file a lesson.

def lesson_code(text):
    """The lesson's own code: the lines between the #includes and the route
    table that are neither blank nor comment (the opening comment, the
    route's listing and main() are not counted)."""
    lines = text.splitlines()
    start = max(i for i, line in enumerate(lines) if line.startswith("#include"))
    end = next(i for i, line in enumerate(lines) if line.startswith("static const struct route"))
    return [line for line in lines[start + 1:end]
            if line.strip() and not re.match(r"\s*(/\*|\*|//)", line)]


@pytest.mark.parametrize("route", ROUTE_FILES)
def test_every_route_table_has_one_field_per_line(route):
    """The route's listing reads as a list: one field a line, and in .keys
    one key a line."""
    table = re.search(r"^static const struct route route = \{\n(.*?)^\};", source(route),
                      re.S | re.M)
    assert table, route
    for line in table.group(1).splitlines():
        code = re.sub(r'"(\\.|[^"\\])*"|/\*.*?\*/', '""', line)
        assert len(re.findall(r"(?:^|[{,])\s*\.\w+\s*=", code)) <= 1 or \
            code.strip().startswith("{ .name"), line
        assert code.count("{ .name") <= 1 and code.count("PLAYER_ID") + code.count("{ .name") <= 1, line


DECLARATION = re.compile(r"^\s+(static\s+)?(const\s+)?(unsigned\s+)?(long\s+)*"
                         r"(char|int|long|double|size_t|struct\s+\w+|enum\s+\w+|sqlite3_stmt)\b")


def top_level_comma(code):
    depth = 0
    for c in re.sub(r'"(\\.|[^"\\])*"' + r"|'(\\.|[^'\\])*'", '""', code):
        depth += c in "([{"
        depth -= c in ")]}"
        if c == "," and depth == 0:
            return True
    return False


@pytest.mark.parametrize("route", ROUTE_FILES)
def test_every_route_file_breathes(route):
    """One declaration a line, and a blank line after every function."""
    lines = source(route).split("\n")
    for n, line in enumerate(lines):
        code = re.sub(r"/\*.*?\*/", "", line).rstrip()
        if DECLARATION.match(code) and code.endswith(";") and "(" not in code.split("=")[0]:
            assert not top_level_comma(code[:-1]), line
        if line == "}" and n + 1 < len(lines):
            assert lines[n + 1] == "", "no blank line after the function ending at line %d" % (n + 1)


@pytest.mark.parametrize("route", ROUTE_FILES)
def test_every_route_file_is_a_short_lesson(route):
    text = source(route)
    comment = text.split("*/", 1)[0]
    assert len(lesson_code(text)) <= 60                          # about 60 lines of code
    assert text.startswith("/* /%s: " % route)                  # what the route does
    assert re.search(r"^ \*\s+/\S+.*->", comment, re.M)          # an example and its reply
    assert re.search(r"^ \* Worst case: ", comment, re.M)        # what one request can cost


def sources_of(*folders):
    """Every .c and .h file under these folders (lib's layers included)."""
    found = []
    for folder in folders:
        for where, _, names in os.walk(os.path.join(HERE, folder)):
            found += [os.path.join(where, n) for n in sorted(names) if n.endswith((".c", ".h"))]
    assert len(found) > 40
    return found


def test_numbers_are_read_only_through_bounded_parsers():
    """docs/CODE.md bans atoi and its kin: they read "12abc" as 12 and overflow
    silently.  lib's text_to_int and text_to_real reject leftovers."""
    for path in sources_of("lib", "cgi-bin"):
        with open(path) as f:
            code = re.sub(r"/\*.*?\*/", "", f.read(), flags=re.S)
        assert not re.search(r"\b(atoi|atol|atoll|atof)\s*\(", code), path


def test_the_cycle_drawn_in_serve_h_names_functions_that_exist():
    """lib/serve.h draws the request's states and the functions that move
    it on: each function it names is defined in lib/ or cgi-bin/."""
    with open(os.path.join(HERE, "lib", "serve.h")) as f:
        drawing = f.read().split("*/", 1)[0]
    code = ""
    for path in sources_of("lib", "cgi-bin"):
        if path.endswith(".c"):
            with open(path) as f:
                code += f.read()
    names = set(re.findall(r"\b[a-z]+(?:_[a-z]+)+\b", drawing))
    assert len(names) >= 25
    for name in sorted(names):
        assert re.search(r"^\w[\w *]*\b%s\(" % name, code, re.M), name


def test_every_citation_of_the_protocol_names_a_section_that_exists():
    """Comments cite docs/PROTOCOL.md by its sections' numbers; each exists,
    and no comment cites a document the tree does not hold."""
    with open(os.path.join(HERE, "docs", "PROTOCOL.md")) as f:
        sections = set(re.findall(r"^## (\d+)\.", f.read(), re.M))
    assert len(sections) >= 6
    cited = 0
    for path in sources_of("lib", "cgi-bin"):
        with open(path) as f:
            text = f.read()
        for m in re.finditer(r"([\w./]*PROTOCOL[\w.]*)(?: section (\d+))?", text):
            assert m.group(1).startswith("docs/PROTOCOL.md"), (path, m.group(0))
            if m.group(2):
                cited += 1
                assert m.group(2) in sections, (path, m.group(0))
        assert "DESIGN" not in text, path
    assert cited >= 5
