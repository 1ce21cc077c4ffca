"""A student's client program, written the way classes wrote them for the old
server: URLs built by plain string concatenation, replies split on commas.
It joins, asks /seamountname which seamount is nearest, finds it on its
chart, swims there by polling /location and steering with /accel (a and d to
turn, w to speed up, s to slow down), dives with /dive f until the sea floor
stops it, looks, grabs the treasure with /get and uses it with /use."""
import math
import time

import requests

from conftest import world_sql
from mocean_world import World, torus_distance

SEED = 99


def call(base, route, key, value, *more):
    """base + route + '?' + key + '=' + value, as the old clients did."""
    url = base + route + "?" + key + "=" + str(value)
    for i in range(0, len(more), 2):
        url = url + "&" + more[i] + "=" + str(more[i + 1])
    return requests.get(url, timeout=30).text


def wrap_delta(a, b):
    """The short way from a to b on a 900 m ocean that wraps round."""
    d = (b - a) % 900
    return d - 900 if d > 450 else d


def test_student_plays_a_whole_game(server, unique):
    w = unique("class")
    base = server.url + "/"

    # The teacher's part: a fixed world, and the student starts 80 m from a
    # seamount that is the nearest one to them (so the swim takes seconds).
    server.make_world(w, SEED)
    chart = World(SEED).seamounts
    target = max(chart, key=lambda s: min(torus_distance(s["x"], s["y"], o["x"], o["y"])
                                          for o in chart if o is not s))
    start = ((target["x"] - 60) % 900, (target["y"] + 50) % 900)
    assert min(chart, key=lambda s: torus_distance(start[0], start[1], s["x"], s["y"])) is target
    my_id = call(base, "join", "name", "student", "world", w)
    assert my_id == "0"
    world_sql(server, w, "UPDATE player SET x = ?, y = ?, heading = 0 WHERE id = 0", list(start))

    # The student's program from here on.
    reply = call(base, "seamountname", "id", my_id, "world", w)
    name = reply[len("the nearest seamount to you is called "):]
    mount = [s for s in chart if s["name"] == name][0]
    x, y, z, vx, vy, heading = [float(v) for v in call(base, "accel", "id", my_id, "ctrl", "w",
                                                       "world", w).split(",")]
    speed = math.hypot(vx, vy)
    deadline = time.time() + 120
    while True:
        assert time.time() < deadline, "the student never reached the seamount"
        parts = call(base, "location", "id", my_id, "world", w).split(",")
        assert len(parts) == 6
        x, y, z = float(parts[0]), float(parts[1]), float(parts[2])
        dx, dy = wrap_delta(x, mount["x"]), wrap_delta(y, mount["y"])
        distance = math.hypot(dx, dy)
        if distance < 3:
            ctrl = "s" if speed > 0 else None
            if ctrl is None:
                break
        else:
            turn = (math.atan2(dy, dx) - heading + math.pi) % (2 * math.pi) - math.pi
            if turn > math.pi / 24:
                ctrl = "a"
            elif turn < -math.pi / 24:
                ctrl = "d"
            elif speed < min(distance / 2, 20):
                ctrl = "w"
            elif speed > distance / 1.5:
                ctrl = "s"
            else:
                ctrl = None
        if ctrl:
            x, y, z, vx, vy, heading = [float(v) for v in call(base, "accel", "id", my_id, "ctrl", ctrl,
                                                               "world", w).split(",")]
            speed = math.hypot(vx, vy)
        time.sleep(0.05)

    # Down to the sea floor: dive until the depth stops changing.
    depth = -1.0
    for _ in range(20):
        new_depth = float(call(base, "dive", "id", my_id, "ctrl", "f", "world", w).split(",")[2])
        if new_depth == depth:
            break
        depth = new_depth
    assert 0 < depth < 30 and depth == float(call(base, "ping", "id", my_id, "world", w))

    things = call(base, "look", "id", my_id, "world", w).split(",")
    treasures = [(float(things[i + 1]), float(things[i + 2])) for i in range(0, len(things) - 1, 4)
                 if things[i] == "treasure"]
    assert (mount["x"], mount["y"]) in treasures
    assert call(base, "get", "id", my_id, "item", "treasure", "world", w) == "treasure recovered! "
    held = call(base, "treasurename", "id", my_id, "world", w)
    assert held == "treasures held by student: " + mount["treasure"] + " "
    used = call(base, "use", "id", my_id, "item", mount["treasure"], "world", w)
    assert used and "not carrying" not in used
    for _ in range(8):
        call(base, "dive", "id", my_id, "ctrl", "r", "world", w)
    assert call(base, "quit", "name", "student", "world", w) == "player student removed from the game"
