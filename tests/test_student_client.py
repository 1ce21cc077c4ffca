"""A student's client program, written the way classes wrote them for the old
server: URLs built by string concatenation, replies split on commas.  It
joins, swims to a seamount by polling /location and steering with /accel,
dives to the sea floor, grabs the treasure and uses it."""
import math
import time

import requests

from conftest import world_sql
from mocean_world import World, delta

SEED = 99


def call(base, route, key, value, *more):
    """base + route + '?' + key + '=' + value, as the old clients did."""
    url = base + route + "?" + key + "=" + str(value)
    for i in range(0, len(more), 2):
        url = url + "&" + more[i] + "=" + str(more[i + 1])
    return requests.get(url, timeout=30).text


def test_student_plays_a_whole_game(server, unique):
    w = unique("class")
    base = server.url + "/"
    call(base, "who", "world", w)
    world_sql(server, w, "UPDATE world SET seed = ?", [SEED])
    geo = World(SEED)
    target_index = next(i for i, s in enumerate(geo.seamounts) if s["treasure"] not in ("iron dust",))
    s = geo.seamounts[target_index]

    my_id = call(base, "join", "name", "student", "world", w)
    assert my_id == "0"
    # Start 80 m from the seamount, so the swim takes seconds, not minutes.
    world_sql(server, w, "UPDATE player SET x = ?, y = ?, heading = 0 WHERE id = 0",
              [(s["x"] - 60) % 900, (s["y"] + 50) % 900])

    deadline = time.time() + 90
    while True:
        assert time.time() < deadline, "the student never reached the seamount"
        x, y, z, wrapped, message, near = call(base, "location", "id", my_id, "world", w).split(",")
        dx, dy = delta(float(x), s["x"]), delta(float(y), s["y"])
        distance = math.hypot(dx, dy)
        vx, vy, heading = [float(v) for v in call(base, "velocity", "id", my_id, "world", w).split(",")]
        speed = math.hypot(vx, vy)
        if distance < 4:
            call(base, "stop", "id", my_id, "world", w)
            break
        turn = (math.atan2(dy, dx) - heading + math.pi) % (2 * math.pi) - math.pi
        if turn > math.pi / 24:
            call(base, "accel", "id", my_id, "ctrl", "a", "world", w)
        elif turn < -math.pi / 24:
            call(base, "accel", "id", my_id, "ctrl", "d", "world", w)
        elif speed < min(distance / 2, 20):
            call(base, "accel", "id", my_id, "ctrl", "w", "world", w)
        elif speed > distance / 1.5:
            call(base, "accel", "id", my_id, "ctrl", "s", "world", w)
        time.sleep(0.05)

    assert call(base, "seamountname", "id", my_id, "world", w).endswith(s["name"])
    floor = float(call(base, "ping", "id", my_id, "world", w))
    depth = 0.0
    for _ in range(20):
        depth = float(call(base, "dive", "id", my_id, "ctrl", "f", "world", w).split(",")[2])
        if depth >= floor:
            break
    assert depth == floor
    things = call(base, "look", "id", my_id, "world", w).split(",")
    assert "treasure" in things
    assert call(base, "get", "id", my_id, "item", "treasure", "world", w) == "treasure recovered! "
    held = call(base, "treasurename", "id", my_id, "world", w)
    assert held == "treasures held by student: " + s["treasure"] + " "
    used = call(base, "use", "id", my_id, "item", s["treasure"], "world", w)
    assert used and "not carrying" not in used
    for _ in range(3):
        call(base, "dive", "id", my_id, "ctrl", "r", "world", w)
    assert call(base, "quit", "name", "student", "world", w) == "player student removed from the game"
