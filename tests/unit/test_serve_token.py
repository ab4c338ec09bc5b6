"""`pmtui serve` lets in only the link it printed: the token as the first part of every path,
its own Host, its own Origin, and no cookie (cookies reach every port of 127.0.0.1).

Plain HTTP on 127.0.0.1 (no browser): the guarded server runs in this test's event loop and
stops with it; `pmtui serve` itself runs as a process that the test ends.
"""

import asyncio
import contextlib
import gc
import re
import socket
import subprocess
import sys

import aiohttp
import pytest
from aiohttp.test_utils import TestServer
from aiohttp.web import GracefulExit

from pmtui.cli.commands import main
from pmtui.tui import serve as serve_module
from pmtui.tui.serve import Guard, ServeError, check_host, guarded_server_class

TOKEN = "s3cret-token"
BOUNDED = aiohttp.ClientTimeout(total=30)
EXITS_AT_ONCE = f"{sys.executable} -c pass"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.asynccontextmanager
async def serving(server_class: type):
    """The guarded app on a free loopback port; its command is a process that exits at once."""
    guard = Guard("127.0.0.1", free_port(), TOKEN)
    app = await server_class(EXITS_AT_ONCE, guard, announce=lambda: None)._make_app()
    server = TestServer(app, host=guard.host, port=guard.port)
    await server.start_server()
    try:
        # A jar that keeps cookies for an IP address, as browsers do: it must stay empty.
        jar = aiohttp.CookieJar(unsafe=True)
        async with aiohttp.ClientSession(cookie_jar=jar, timeout=BOUNDED) as http:
            yield guard, http
            assert list(jar) == []
    finally:
        await server.close()
        await close_app_processes()


async def close_app_processes() -> None:
    """textual-serve never waits for the app process a websocket starts, nor closes its
    pipes: wait for it to end (`python -c pass` ends at once) and close them here, while the
    test's loop still runs (else they fail later, in another test, "Event loop is closed")."""
    open_ = [
        transport
        for transport in gc.get_objects()
        if isinstance(transport, asyncio.SubprocessTransport) and not transport.is_closing()
    ]
    for _ in range(300):  # a minute at most
        if all(transport.get_returncode() is not None for transport in open_):
            break
        await asyncio.sleep(0.2)
    for transport in open_:
        transport.close()
    await asyncio.sleep(0)


@pytest.fixture
async def served():
    async with serving(guarded_server_class()) as (guard, http):
        yield guard, http


async def fetch(http, url: str, **headers: str) -> tuple[int, bytes]:
    """Status and body; no response ever sets a cookie, nor lets a Referer carry the token."""
    async with http.get(url, headers=headers, allow_redirects=False) as response:
        assert "Set-Cookie" not in response.headers
        assert response.headers["Referrer-Policy"] == "no-referrer"
        return response.status, await response.read()


async def status(http, url: str, **headers: str) -> int:
    return (await fetch(http, url, **headers))[0]


async def test_nothing_outside_the_secret_path_is_served(served):
    guard, http = served
    for path in ("/", "/ws", "/static/js/textual.js", "/static/", "/download/x", "/anything"):
        assert await status(http, f"{guard.origin}{path}") == 403, path
    for prefix in ("/wrong/", f"/{TOKEN[:-1]}/", f"/{TOKEN}x/", f"/x{TOKEN}/", f"//{TOKEN}/"):
        for path in ("", "static/js/textual.js", "download/x"):
            assert await status(http, f"{guard.origin}{prefix}{path}") == 403, prefix + path
    assert await status(http, f"{guard.origin}/{TOKEN}") == 403  # the link ends in a slash
    assert await status(http, f"{guard.origin}/?token={TOKEN}") == 403  # the old link
    cookie = f"pmtui-serve-{guard.port}={TOKEN}"  # the old cookie
    assert await status(http, f"{guard.origin}/static/js/textual.js", Cookie=cookie) == 403
    assert await status(http, guard.link) == 200


async def test_the_page_and_everything_it_loads_come_through_the_link(served):
    guard, http = served
    code, body = await fetch(http, f"{guard.link}?fontsize=24")
    page = body.decode()
    assert code == 200 and 'data-font-size="24"' in page
    named = re.findall(r'(?:href|src|-url)="([^"]+)"|url\("([^"]+)"\)', page)
    ours = [url for pair in named for url in pair if url and "googleapis" not in url]
    [socket_url] = [url for url in ours if url.startswith("ws:")]
    assert socket_url == f"ws://127.0.0.1:{guard.port}/{TOKEN}/ws"
    assets = [url for url in ours if url != socket_url]
    assert {url.removeprefix(guard.link) for url in assets} == {
        "static/css/xterm.css",
        "static/js/textual.js",
        "static/images/background.png",
    }
    for url in assets:
        assert await status(http, url) == 200, url
    assert await pong(http, socket_url, guard.origin) == ["pong", "hello"]


async def test_textual_serves_start_and_stop_hooks_still_run_under_the_prefix():
    signals = []

    class Recording(guarded_server_class()):
        async def on_startup(self, app) -> None:
            signals.append("startup")

        async def on_shutdown(self, app) -> None:
            signals.append("shutdown")

    async with serving(Recording) as (guard, http):
        assert signals == ["startup"]
        assert await status(http, guard.link) == 200
    assert signals == ["startup", "shutdown"]


async def test_a_rebound_host_name_is_refused_even_with_the_token(served):
    guard, http = served
    assert await status(http, guard.link, Host=f"attacker.example:{guard.port}") == 403
    assert await status(http, guard.link, Host=f"localhost:{guard.port}") == 403
    assert await status(http, guard.link, Host=f"127.0.0.1:{guard.port}") == 200


async def test_a_websocket_from_another_origin_is_refused(served):
    guard, http = served
    ws = f"ws://127.0.0.1:{guard.port}/{TOKEN}/ws"
    for origin in ("http://attacker.example", f"http://localhost:{guard.port}", "null"):
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await http.ws_connect(ws, origin=origin)
        assert refused.value.status == 403
    for without_the_token in ("/ws", f"/ws?token={TOKEN}", "/wrong/ws"):
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await http.ws_connect(f"ws://127.0.0.1:{guard.port}{without_the_token}")
        assert refused.value.status == 403
    assert await pong(http, ws, guard.origin) == ["pong", "hello"]


async def pong(http, url: str, origin: str) -> list:
    """textual-serve's answer to a ping on its websocket: the socket reached its handler,
    whose app process has started (so the test's end can wait for it)."""
    async with http.ws_connect(url, origin=origin) as socket_:
        await socket_.send_json(["ping", "hello"])
        return await socket_.receive_json(timeout=30)


def test_the_link_is_announced_once_the_port_is_listening(monkeypatch):
    """Not before: on a port another server holds, the link would lead there."""
    guard = Guard("127.0.0.1", free_port(), TOKEN)
    announced = []

    def announce() -> None:
        with socket.create_connection((guard.host, guard.port), timeout=30):
            announced.append(guard.link)
        raise GracefulExit  # as ctrl+c does

    server = guarded_server_class()(EXITS_AT_ONCE, guard, announce)
    monkeypatch.setattr(server, "initialize_logging", lambda: None)  # this test's logging stays
    try:
        server.serve()
    finally:
        asyncio.set_event_loop(None)  # the closed loop it ran on
    assert announced == [guard.link]


def test_only_loopback_unless_asked():
    for host in ("127.0.0.1", "127.0.0.2", "::1", "localhost"):
        check_host(host, allow_remote=False)
    for host in ("0.0.0.0", "192.168.1.20", "example.org"):
        with pytest.raises(ServeError, match=r"not a loopback address.*--allow-remote"):
            check_host(host, allow_remote=False)
    check_host("192.168.1.20", allow_remote=True)
    for everywhere in ("0.0.0.0", "::", "0", "0x0", ""):  # the last three resolve to the first
        with pytest.raises(ServeError, match="give one address"):
            check_host(everywhere, allow_remote=True)


def test_serve_refuses_a_remote_address_without_the_flag(pet_clinic, capsys):
    assert main(["serve", str(pet_clinic), "--host", "0.0.0.0"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("pmtui: 0.0.0.0 is not a loopback address") and err.count("\n") == 1


def test_pmtui_serve_prints_a_link_whose_token_is_the_only_way_in(pet_clinic, tmp_path):
    port = free_port()
    log = tmp_path / "serve.log"
    with log.open("w") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "pmtui", "serve", str(pet_clinic), "--port", str(port)],
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        for _ in range(300):  # until the link is printed (a minute at most), or it stopped
            if "http://" in log.read_text() or server.poll() is not None:
                break
            with contextlib.suppress(subprocess.TimeoutExpired):
                server.wait(timeout=0.2)
        [link] = re.findall(r"http://\S+", log.read_text())
        token = link.removeprefix(f"http://127.0.0.1:{port}/").removesuffix("/")
        assert link == f"http://127.0.0.1:{port}/{token}/" and len(token) >= 40
        assert http_status(f"http://127.0.0.1:{port}/") == 403
        assert http_status(f"http://127.0.0.1:{port}/{token[:-1]}/") == 403
        assert http_status(link) == 200
        assert http_status(f"{link}static/js/textual.js") == 200
        for request in (b"HELLO\r\n\r\n", f"GET /{token}/ HTTP/1.1\r\n\r\n".encode()):
            with socket.create_connection(("127.0.0.1", port), timeout=30) as malformed:
                malformed.sendall(request)  # not HTTP; no Host header
                assert malformed.recv(100).split()[1] == b"400"
    finally:
        server.terminate()
        server.wait(timeout=30)
    printed = log.read_text()
    assert printed.count(token) == 1  # printed once; no access log of the paths
    assert "Traceback" not in printed and "│" not in printed, printed  # one line each


def http_status(url: str) -> int:
    import urllib.error
    import urllib.request

    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_a_remote_address_is_announced_as_a_warning(pet_clinic, monkeypatch, capsys):
    """No network here: a stand-in server only announces what it would serve."""

    class Announcing:
        def __init__(self, command, guard, announce, **options):
            self.announce = announce

        def serve(self):
            self.announce()

    monkeypatch.setattr(serve_module, "guarded_server_class", lambda: Announcing)
    args = ["serve", str(pet_clinic), "--host", "192.0.2.7", "--allow-remote", "--port", "9"]
    assert main(args) == 0
    out = capsys.readouterr()
    assert out.err.startswith("pmtui serve: WARNING: listening on 192.0.2.7, which other ")
    assert re.search(r"^  http://192\.0\.2\.7:9/[\w-]{40,}/$", out.out, re.MULTILINE)


async def test_a_plain_request_for_the_websocket_is_turned_away_at_once(served):
    """A GET without the websocket handshake: one 400 line, never a traceback on the
    terminal that serves (and no hang until the client gives up)."""
    guard, http = served
    code, body = await asyncio.wait_for(fetch(http, f"{guard.link}ws"), timeout=10)
    assert code == 400 and body == b"400: this address takes a websocket only\n"
