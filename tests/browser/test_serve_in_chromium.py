"""`pmtui serve` in headless Chromium: the review appears in the page, keys typed in the
browser reach the app, and the note lands in the file. Needs Debian's chromium
(`.ci/run` installs it when missing)."""

import re
import socket
import subprocess
import sys
import tomllib

import pytest
from cdp import CHROMIUM, Browser, end_group, wait_for

TITLE = "Pet Clinic offline after a major upgrade"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def accepts(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


@pytest.fixture
def served(pet_clinic, tmp_path):
    """The sample served on a free loopback port, in its own process group."""
    port = free_port()
    log = (tmp_path / "serve.log").open("w")
    server = subprocess.Popen(
        [sys.executable, "-m", "pmtui", "serve", str(pet_clinic), "--port", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        yield tmp_path / "serve.log", server, port
    finally:
        end_group(server)
        log.close()


async def test_the_served_app_shows_the_review_and_takes_keys(served, pet_clinic):
    assert CHROMIUM.exists(), "needs chromium: apt-get install -y chromium (.ci/run does)"
    log, server, port = served
    await wait_for(lambda: server.poll() is not None or accepts(port), "the server")
    assert server.poll() is None, "pmtui serve stopped"
    url = await wait_for(lambda: the_link(log), "the link pmtui serve prints")
    assert url.startswith(f"http://127.0.0.1:{port}/?token=")

    async with Browser() as browser:
        await browser.call("Page.navigate", url=url)
        screen = await wait_for(
            lambda: _showing(browser, "Participants"), "the meeting screen on the page's screen"
        )
        assert TITLE in screen
        assert "-first-byte" in await browser.evaluate("document.body.className")

        await browser.evaluate("document.querySelector('.xterm-helper-textarea').focus()")
        await browser.press("f8")
        await wait_for(lambda: _showing(browser, "Parking lot"), "the parking-lot line")
        await browser.type("parked from a browser")
        await browser.press("enter")
        await browser.press("ctrl+s")
        await wait_for(
            lambda: "parked from a browser" in pet_clinic.read_text(), "the note in the file"
        )
    saved = tomllib.loads(pet_clinic.read_text())
    assert saved["meeting"]["parking_lot"][-1] == "parked from a browser"


def the_link(log) -> str | None:
    """The tokened link pmtui serve prints: the only way in."""
    found = re.search(r"http://\S+\?token=\S+", log.read_text())
    return found[0] if found else None


async def _showing(browser: Browser, text: str) -> str | None:
    screen = await browser.screen_text()
    return screen if text in screen else None
