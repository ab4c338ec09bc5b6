"""`pmtui serve` in headless Chromium: the review appears in the page, keys typed in the
browser reach the app, and the note lands in the file; another local server that the same
browser visits learns nothing of the token. Needs Debian's chromium (`.ci/run` installs it
when missing)."""

import re
import socket
import subprocess
import sys
import tomllib

import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer
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
    assert re.fullmatch(rf"http://127\.0\.0\.1:{port}/[\w-]{{40,}}/", url)

    async with Browser() as browser:
        await browser.call("Page.navigate", url=url)
        screen = await wait_for(
            lambda: _showing(browser, "Participants"), "the meeting screen on the page's screen"
        )
        assert TITLE in screen
        assert "-first-byte" in await browser.evaluate("document.body.className")
        assert (await browser.call("Storage.getCookies"))["cookies"] == []  # none to leak

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


async def test_another_local_server_the_browser_visits_gets_no_token(served):
    """Cookies are shared by every port of 127.0.0.1: a server of another user on another
    port must receive nothing that lets it in when the user's browser loads its page."""
    log, server, port = served
    await wait_for(lambda: server.poll() is not None or accepts(port), "the server")
    url = await wait_for(lambda: the_link(log), "the link pmtui serve prints")
    token = url.removeprefix(f"http://127.0.0.1:{port}/").removesuffix("/")
    heard: list[tuple[str | None, str]] = []  # (its Cookie header, the whole request)

    async def record(request: web.Request) -> web.Response:
        heard.append((request.headers.get("Cookie"), f"{request.path_qs} {request.headers}"))
        return web.Response(text="hello")

    other = web.Application()
    other.router.add_get("/{anything:.*}", record)
    stranger = TestServer(other, host="127.0.0.1", port=free_port())
    await stranger.start_server()
    try:
        async with Browser() as browser:
            await browser.call("Page.navigate", url=url)
            await wait_for(lambda: _showing(browser, "Participants"), "the served app")
            await browser.call("Page.navigate", url=f"http://127.0.0.1:{stranger.port}/")
            await wait_for(lambda: heard, "the other server's page")
    finally:
        await stranger.close()
    assert [(cookie, token in request) for cookie, request in heard] == [(None, False)] * len(heard)


def the_link(log) -> str | None:
    """The link pmtui serve prints, its token as its path: the only way in."""
    found = re.search(r"http://\S+/", log.read_text())
    return found[0] if found else None


async def _showing(browser: Browser, text: str) -> str | None:
    screen = await browser.screen_text()
    return screen if text in screen else None
