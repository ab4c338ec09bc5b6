"""`pmtui serve`: the same app in a browser tab, served by textual-serve behind a secret link.

textual-serve is an optional extra (`pip install 'pmtui[serve]'`). Each browser tab that
connects runs its own `pmtui open FILE` process, which edits the review and writes files as
the user who serves it. So nobody else may reach it: another user's process on this
machine, or a web page in the user's own browser (DNS rebinding, a cross-site websocket).
Every request must

- carry the link's random token as the first part of its path: textual-serve's whole app is
  served under `/<token>/`, so the page's own scripts, styles and websocket carry it too (no
  cookie: cookies are shared by every port of a host, so any other local server the browser
  visits would receive one),
- name this server in its Host header (a rebound name does not), and
- come from this server's own page when it says where it comes from (Origin).

Anything else gets 403, also paths that no route serves. (textual.js asks for a file the app
delivers at `/download/KEY`, outside the prefix, so it would be refused: pmtui delivers none.)
Only a loopback address is served unless `--allow-remote` says so.
"""

from __future__ import annotations

import asyncio
import errno
import ipaddress
import logging
import os
import secrets
import shlex
import signal
import socket
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from pmtui.document.printable import escaped
from pmtui.errors import OneLineError, cut
from pmtui.files import store

LOOPBACK = "127.0.0.1"
MISSING_EXTRA = "serving needs textual-serve: pip install 'pmtui[serve]'"
REFUSED = "403: use the link pmtui serve printed (with its token), on the address it names\n"


class ServeError(OneLineError):
    """Serving cannot start; `str()` is the one line to print."""


@dataclass(frozen=True)
class Guard:
    """Who may use the served app: requests for this host and port, with the token."""

    host: str
    port: int
    token: str

    @property
    def origin(self) -> str:
        """What a browser sends as Origin from the served page (no port when it is 80)."""
        name = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{name}" if self.port == 80 else f"http://{name}:{self.port}"

    @property
    def prefix(self) -> str:
        """The secret path that everything served lives under."""
        return f"/{self.token}/"

    @property
    def link(self) -> str:
        return f"{self.origin}{self.prefix}"

    def allows(self, host: str | None, origin: str | None, path: str) -> bool:
        """A request with this Host header, Origin header (if any) and path."""
        offered, slash, _ = path.removeprefix("/").partition("/")
        return (
            host == self.origin.removeprefix("http://")
            and origin in (None, self.origin)
            and slash == "/"
            and secrets.compare_digest(offered.encode(), self.token.encode())
        )


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class _OneLine(logging.Formatter):
    """A log record as one line on the terminal: no traceback, the token hidden, control
    characters escaped (a request's bytes are anyone's)."""

    def __init__(self, token: str) -> None:
        super().__init__()
        self.token = token

    def format(self, record: logging.LogRecord) -> str:
        message = record.getMessage().replace(self.token, "…")
        if record.exc_info and record.exc_info[1] is not None:
            message += f" ({type(record.exc_info[1]).__name__})"
        return f"pmtui serve: {escaped(cut(message, 300), one_line=True)}"


def check_host(host: str, allow_remote: bool) -> None:
    """Only loopback, unless asked for; never every address at once (the link names one)."""
    if is_loopback(host):
        return
    if not allow_remote:
        raise ServeError(
            f"{host} is not a loopback address: other machines could reach the app and edit "
            "the review as you; add --allow-remote if that is what you want"
        )
    if _everywhere(host):
        raise ServeError(f"--host {host!r}: give one address of this machine (the link names it)")


def _everywhere(host: str) -> bool:
    """Whether serving on `host` listens on every address: 0.0.0.0 and ::, and the names
    that resolve to them ("0", "0x0", "")."""
    if not host:
        return True
    try:
        found = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError):
        return False  # serving on it fails, and says why
    return any(ipaddress.ip_address(address[4][0]).is_unspecified for address in found)


def serve(
    path: Path,
    port: int,
    *,
    host: str = LOOPBACK,
    allow_remote: bool = False,
    say: Callable[..., None],
) -> None:
    """Serve the review until ctrl+c; a bad file fails here, not in the browser.

    `say(text, error=False)` prints a line (the CLI's, which escapes control characters).
    """
    check_host(host, allow_remote)
    try:
        server_class = guarded_server_class()
    except ImportError:
        raise ServeError(MISSING_EXTRA) from None
    if store.exists(path):
        store.a_review_or_nothing(store.load(path), path)
    command = shlex.join([sys.executable, "-m", "pmtui", "open", str(path.resolve())])
    guard = Guard(host, port, secrets.token_urlsafe(32))

    def announce() -> None:
        if not is_loopback(host):
            say(
                f"pmtui serve: WARNING: listening on {host}, which other machines can reach: "
                "anyone with the link can edit this review and write files as you, and the "
                "traffic is not encrypted",
                error=True,
            )
        say(f"pmtui serve: {path} at\n  {guard.link}")
        say("open that link in a browser; without its token every request gets 403 (ctrl+c stops)")
        sys.stdout.flush()

    server = server_class(command, guard, announce, title=f"pmtui {path.name}")
    try:
        server.serve()
    except OSError as error:  # the port is taken or not ours to use, or the host is no host
        raise ServeError(f"cannot serve on {host}:{port} {_why_not(error)}") from None


ANOTHER_PORT_HELPS = frozenset({errno.EADDRINUSE, errno.EACCES})


def _why_not(error: OSError) -> str:
    """Why serving failed, in brackets, and `try --port N` where another port would help:
    not for a host name that does not resolve, whose errno (a resolver's code, not the
    system's) `os.strerror` called "unknown error -2"."""
    if isinstance(error, socket.gaierror):
        if error.errno == socket.EAI_NONAME:
            return "(no such host name)"
        return f"({(error.strerror or str(error)).lower()})"
    reason = os.strerror(error.errno).lower() if error.errno else str(error)
    return f"({reason}); try --port N" if error.errno in ANOTHER_PORT_HELPS else f"({reason})"


def _asks_for_a_websocket(headers) -> bool:
    return headers.get("Upgrade", "").lower() == "websocket"


def guarded_server_class() -> type:
    """textual-serve's Server, with every request checked by a `Guard` (ImportError when the
    extra is not installed)."""
    from aiohttp import web
    from textual_serve.server import Server

    def only_with_the_token(guard: Guard):
        @web.middleware
        async def middleware(request: web.Request, handler):
            headers = request.headers
            if not guard.allows(headers.get("Host"), headers.get("Origin"), request.path):
                raise web.HTTPForbidden(text=REFUSED)
            if request.path == f"{guard.prefix}ws" and not _asks_for_a_websocket(headers):
                # textual-serve would fail the handshake with a traceback on the terminal
                raise web.HTTPBadRequest(text="400: this address takes a websocket only\n")
            return await handler(request)

        return middleware

    async def no_referrer(request: web.Request, response: web.StreamResponse) -> None:
        response.headers["Referrer-Policy"] = "no-referrer"  # a Referer would carry the token

    class GuardedServer(Server):
        def __init__(self, command: str, guard: Guard, announce: Callable[[], None], **options):
            super().__init__(command, host=guard.host, port=guard.port, **options)
            self.public_url = guard.origin
            self.guard = guard
            self.announce = announce

        async def _make_app(self) -> web.Application:
            """textual-serve's app under the secret prefix; its URLs (`url_for`) carry it. The
            root's middleware sees every request, a sub-app's or one that no route matches."""
            root = web.Application(middlewares=[only_with_the_token(self.guard)])
            root.on_response_prepare.append(no_referrer)
            root.add_subapp(self.guard.prefix, await super()._make_app())
            return root

        def initialize_logging(self) -> None:
            """Warnings and errors, one line each, the token never among them: textual-serve
            logged tracebacks with their local variables, so a malformed request (anyone on
            this machine can send one) printed forty lines holding the request, its path
            and token included."""
            handler = logging.StreamHandler()
            handler.setFormatter(_OneLine(self.guard.token))
            logging.basicConfig(level=logging.WARNING, handlers=[handler], force=True)

        async def on_startup(self, app: web.Application) -> None:
            """Not textual-serve's banner: `serve` announces the link, once the port is bound."""

        def serve(self) -> None:
            """textual-serve's `serve`, announcing the link once the port is ours. aiohttp runs
            `on_startup` before it binds: on a taken port the link, token and all, was printed
            for whatever server held it; run_app's `print` comes after."""
            self.initialize_logging()
            loop = asyncio.new_event_loop()
            for stop in (signal.SIGINT, signal.SIGTERM):
                loop.add_signal_handler(stop, self.request_exit)
            web.run_app(
                self._make_app(),
                host=self.host,
                port=self.port,
                handle_signals=False,
                loop=loop,
                print=lambda _running_on: self.announce(),
            )

    return GuardedServer
