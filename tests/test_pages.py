"""The pages people read: the reply form a browser gets without asking, the
/mocean quickstart, the students' page, the leaderboard and the teacher's
dashboard (the pages are loaded in headless Chromium: see chrome.py)."""
import os
import re

import pytest

BROWSER_ACCEPT = ("text/html,application/xhtml+xml,application/xml;q=0.9,"
                  "image/avif,image/webp,*/*;q=0.8")


def get(server, route, accept=None, **params):
    headers = {"Accept": accept} if accept is not None else {}
    return server.session.get(server.url + "/" + route, params=params, headers=headers, timeout=30)


# Item 10: a browser gets the browser form; requests and curl plain text.

def test_a_browser_gets_the_web_page_without_asking(server):
    r = get(server, "begin", BROWSER_ACCEPT, message="97")
    assert r.headers["Content-Type"] == "text/html; charset=utf-8"
    assert r.text.startswith("<!DOCTYPE html>") and "<pre>" in r.text
    assert "97" in r.text


@pytest.mark.parametrize("accept", [None, "*/*", "text/plain", "application/json",
                                    "text/html;q=0.5, */*;q=0.9", "text/html;q=0"])
def test_programs_get_plain_text_exactly_as_before(server, accept):
    plain = get(server, "begin", "*/*", message="97")
    r = get(server, "begin", accept, message="97")
    assert r.headers["Content-Type"] == "text/plain; charset=utf-8"
    assert r.text == plain.text and not r.text.startswith("<")


@pytest.mark.parametrize("accept", ["text/html", "TEXT/HTML", "text/html;q=0.8, */*;q=0.8",
                                    "application/json;q=0.9, text/html"])
def test_text_html_at_least_as_wanted_as_anything_is_a_browser(server, accept):
    r = get(server, "hello", accept)
    assert r.headers["Content-Type"] == "text/html; charset=utf-8"


def test_format_and_client_still_decide_in_a_browser(server):
    r = get(server, "begin", BROWSER_ACCEPT, message="97", format="json")
    assert r.headers["Content-Type"] == "application/json"
    assert "reply" in r.json()
    r = get(server, "begin", BROWSER_ACCEPT, message="97", client="text")
    assert r.headers["Content-Type"] == "text/plain; charset=utf-8"


def test_a_refusal_in_a_browser_keeps_its_status(server):
    r = get(server, "exchange", BROWSER_ACCEPT, task="seven")
    assert r.status_code == 400
    assert r.headers["Content-Type"] == "text/html; charset=utf-8"
    assert "task" in r.text


# Item 11: /mocean in a browser opens with how to play and a first mission.

def test_mocean_in_a_browser_opens_with_a_first_mission(server):
    r = get(server, "mocean", BROWSER_ACCEPT)
    page = r.text
    host = server.url[len("http://"):]
    assert page.index("HOW TO PLAY") < page.index("Mocean 2.0")
    for address in ["/join?name=fred", "/seamountname?id=0", "/dive?id=0&amp;ctrl=f",
                    "/get?id=0&amp;item=treasure"]:
        assert "http://" + host + address in page
    assert r.text == get(server, "mocean", client="browser").text


def test_mocean_for_programs_is_unchanged(server):
    text = server.text("mocean")
    assert text.startswith("Mocean 2.0: the ocean planet game\n")
    assert "HOW TO PLAY" not in text
    assert "HOW TO PLAY" not in server.get("mocean", format="json").json()["reply"]
