"""Debian's headless Chromium, driven as a person would use it: it loads a
page, clicks where a button is, types into a field, presses Enter, accepts a
"are you sure?" dialog, and takes a screenshot.

It speaks the DevTools protocol over a pipe (--remote-debugging-pipe: JSON
messages ending in a NUL byte on file descriptors 3 and 4), so nothing but
the standard library is needed.  Every wait is bounded.
"""
import base64
import fcntl
import json
import os
import select
import shutil
import subprocess
import tempfile
import time

CHROMIUM = shutil.which("chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--hide-scrollbars", "--mute-audio"]


def high_fd(fd):
    """fd moved to a number of at least 10."""
    new = fcntl.fcntl(fd, fcntl.F_DUPFD, 10)
    os.close(fd)
    return new


class ChromeError(Exception):
    pass


class Chrome:
    """One headless browser with one tab of width x height CSS pixels."""

    def __init__(self, width=1920, height=1080, timeout=60):
        self.timeout = timeout
        self.profile = tempfile.mkdtemp(prefix="mocean-chromium-")
        to_chrome_r, self.to_chrome = os.pipe()
        self.from_chrome, from_chrome_w = os.pipe()
        # Above 4, so that the shell's redirections below never clash.
        to_chrome_r, from_chrome_w = [high_fd(fd) for fd in (to_chrome_r, from_chrome_w)]
        # Chromium reads commands on fd 3 and writes answers on fd 4.
        shell = 'exec "$0" "$@" 3<&%d 4>&%d %d<&- %d>&-' % (to_chrome_r, from_chrome_w,
                                                            to_chrome_r, from_chrome_w)
        self.proc = subprocess.Popen(
            ["/bin/bash", "-c", shell, CHROMIUM] + FLAGS +
            ["--remote-debugging-pipe", "--user-data-dir=" + self.profile,
             "--window-size=%d,%d" % (width, height), "about:blank"],
            pass_fds=(to_chrome_r, from_chrome_w), stdout=subprocess.DEVNULL,
            stderr=None if os.environ.get("CHROME_DEBUG") else subprocess.DEVNULL, start_new_session=True)
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        self.next_id = 0
        self.pending = b""
        self.dialogs = []
        target = self.call("Target.createTarget", url="about:blank")["targetId"]
        self.session = self.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        self.send("Page.enable")
        self.send("Runtime.enable")
        self.send("Emulation.setDeviceMetricsOverride", width=width, height=height,
                  deviceScaleFactor=1, mobile=False)

    # The protocol: one command, then its answer; events are let go.

    def _read_message(self, deadline):
        while b"\0" not in self.pending:
            left = deadline - time.time()
            if left <= 0 or not select.select([self.from_chrome], [], [], left)[0]:
                raise ChromeError("Chromium did not answer in time")
            chunk = os.read(self.from_chrome, 1 << 20)
            if not chunk:
                raise ChromeError("Chromium closed its pipe")
            self.pending += chunk
        message, self.pending = self.pending.split(b"\0", 1)
        return json.loads(message)

    def _write(self, method, session, params):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        os.write(self.to_chrome, json.dumps(message).encode() + b"\0")
        return self.next_id

    def call(self, method, session=None, **params):
        """Send one command and wait (bounded) for its answer."""
        wanted = self._write(method, session, params)
        deadline = time.time() + self.timeout
        while True:
            m = self._read_message(deadline)
            if m.get("id") == wanted:
                if "error" in m:
                    raise ChromeError("%s: %s" % (method, m["error"]))
                return m.get("result", {})
            if m.get("method") == "Page.javascriptDialogOpening":
                # A confirm() blocks the page (and the click that opened it)
                # until answered: say OK at once, as a person would.
                self.dialogs.append(m["params"]["message"])
                self._write("Page.handleJavaScriptDialog", m.get("sessionId"), {"accept": True})

    def send(self, method, **params):
        """A command to the tab."""
        return self.call(method, self.session, **params)

    # What a test does.

    def open(self, url):
        self.send("Page.navigate", url=url)
        self.wait("document.readyState === 'complete' && location.href !== 'about:blank'")

    def js(self, expression):
        """The value of a JavaScript expression in the page."""
        r = self.send("Runtime.evaluate", expression=expression, returnByValue=True,
                      awaitPromise=True)
        if "exceptionDetails" in r:
            raise ChromeError("%s: %s" % (expression, r["exceptionDetails"]))
        return r["result"].get("value")

    def wait(self, expression, timeout=None):
        """Wait (bounded) until the expression is true in the page; its value."""
        deadline = time.time() + (timeout or self.timeout)
        while True:
            try:
                value = self.js(expression)
            except ChromeError as e:
                # A click that opened another page: the old one went away
                # while it was asked.  Ask the new one.
                if "navigated or closed" not in str(e) or time.time() > deadline:
                    raise
                value = None
            if value:
                return value
            if time.time() > deadline:
                raise ChromeError("still false after waiting: " + expression)
            time.sleep(0.1)

    def click(self, selector):
        """A real mouse click in the middle of the element."""
        box = self.wait("(() => { const e = document.querySelector(%s); if (!e) return null;"
                        " e.scrollIntoView({block: 'center'}); const r = e.getBoundingClientRect();"
                        " return r.width ? [r.x + r.width / 2, r.y + r.height / 2] : null; })()"
                        % json.dumps(selector))
        for kind in ("mouseMoved", "mousePressed", "mouseReleased"):
            self.send("Input.dispatchMouseEvent", type=kind, x=box[0], y=box[1],
                      button="left" if kind != "mouseMoved" else "none", clickCount=1)

    def type(self, text):
        """Type text into whatever has the focus."""
        self.send("Input.insertText", text=text)

    def press_enter(self):
        for kind in ("keyDown", "keyUp"):
            self.send("Input.dispatchKeyEvent", type=kind, key="Enter", code="Enter",
                      windowsVirtualKeyCode=13, nativeVirtualKeyCode=13,
                      **({"text": "\r"} if kind == "keyDown" else {}))

    def screenshot(self, path, scale=1):
        """The tab as it shows now, as a PNG; scale 0.5 makes it half as wide and high."""
        clip = {}
        if scale != 1:
            x, y, w, h = self.js("[scrollX, scrollY, innerWidth, innerHeight]")   # where the view is
            clip = {"clip": {"x": x, "y": y, "width": w, "height": h, "scale": scale}}
        data = self.send("Page.captureScreenshot", format="png", **clip)["data"]
        with open(path, "wb") as f:
            f.write(base64.b64decode(data))

    def close(self):
        try:
            self.call("Browser.close")
        except (ChromeError, OSError):
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, 9)
            self.proc.wait()
        for fd in (self.to_chrome, self.from_chrome):
            os.close(fd)
        shutil.rmtree(self.profile, ignore_errors=True)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
