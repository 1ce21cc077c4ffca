"""The teacher's live map in headless Chromium (Debian's chromium): two
players joined, the page shows both in its player list, and a screenshot is
written for people to look at."""
import os
import re
import shutil
import subprocess
import tempfile

import pytest

CHROMIUM = shutil.which("chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def chromium(*args):
    profile = tempfile.mkdtemp(prefix="mocean-chromium-")
    try:
        r = subprocess.run([CHROMIUM] + FLAGS + ["--user-data-dir=" + profile] + list(args),
                           capture_output=True, text=True, timeout=120)
        return r.stdout
    finally:
        shutil.rmtree(profile, ignore_errors=True)


@pytest.mark.skipif(not CHROMIUM, reason="make test installs Debian's chromium")
def test_map_shows_the_players(server, unique, output_dir):
    server.get("admin")
    with open(os.path.join(server.data_dir, "teacher.key")) as f:
        key = f.read()
    w = unique("map")
    server.text("join", name="fred", world=w)
    server.text("join", name="wilma", world=w)
    server.text("accel", id=0, ctrl="w", world=w)
    url = "%s/map?key=%s&world=%s" % (server.url, key, w)
    dom = chromium("--virtual-time-budget=4000", "--dump-dom", url)
    names = re.findall(r'<li class="player"[^>]*>([^<]*)<', dom)
    assert names == ["fred", "wilma"]
    assert "2 players" in dom
    shot = os.path.join(output_dir, "map.png")
    if os.path.exists(shot):
        os.remove(shot)
    chromium("--virtual-time-budget=4000", "--window-size=1600,1000", "--screenshot=" + shot, url)
    assert os.path.getsize(shot) > 10000
    with open(shot, "rb") as f:
        assert f.read(8) == b"\x89PNG\r\n\x1a\n"


@pytest.mark.skipif(not CHROMIUM, reason="make test installs Debian's chromium")
def test_map_without_the_key_says_so(server):
    dom = chromium("--virtual-time-budget=3000", "--dump-dom", server.url + "/map?key=wrong")
    assert "needs the teacher key" in dom
