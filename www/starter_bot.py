# starter_bot.py: a bot to start from.  Send it with the page /bots, and
# ask your teacher to start it: the server runs it as a player of its own.
#
# Inside the server, MOCEAN is the game's address (http://localhost:PORT/),
# MOCEAN_WORLD your world and MOCEAN_NAME your name.  What it prints, you
# read on the page /bots (the last 64 kB).
import os
import random
import time

import requests

server = os.environ.get("MOCEAN", "http://localhost:8080/")
world = os.environ.get("MOCEAN_WORLD", "mocean")
name = os.environ.get("MOCEAN_NAME", "fred") + "bot"


def ask(route, **keys):
    """One request to the game; its reply as text."""
    keys["world"] = world
    return requests.get(server + route, params=keys, timeout=10).text.strip()


me = ask("join", name=name)
print("joined", world, "as", name, "- player", me)
while True:
    # Turn a little, now and then, and swim on.
    if random.random() < 0.2:
        print("turning:", ask("accel", id=me, ctrl=random.choice("ad")))
    print("swimming:", ask("accel", id=me, ctrl="w"))
    print("at", ask("location", id=me))
    time.sleep(2)
