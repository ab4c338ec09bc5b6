"""Just enough of the Chrome DevTools Protocol to drive headless Chromium from a test.

Chromium runs in its own process group (ended as a whole); the page's websocket traffic is
recorded by a script injected before the page loads, so a test can read what the browser
received to draw: the served app's screen.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import aiohttp

CHROMIUM = Path("/usr/bin/chromium")

RECORD_SOCKET_BYTES = """
window.__received = [];
const NativeSocket = window.WebSocket;
window.WebSocket = function (...args) {
  const socket = new NativeSocket(...args);
  socket.addEventListener("message", async (event) => {
    const data = event.data instanceof Blob ? await event.data.arrayBuffer() : event.data;
    if (data instanceof ArrayBuffer) window.__received.push(new Uint8Array(data));
  });
  return socket;
};
window.WebSocket.prototype = NativeSocket.prototype;
window.__screenText = () => {
  const bytes = new Uint8Array(window.__received.reduce((n, a) => n + a.length, 0));
  let at = 0;
  for (const chunk of window.__received) { bytes.set(chunk, at); at += chunk.length; }
  return new TextDecoder().decode(bytes);
};
"""

KEYS = {  # DevTools key events: (key, code, Windows virtual key code)
    "f8": ("F8", "F8", 119),
    "enter": ("Enter", "Enter", 13),
    "ctrl+s": ("s", "KeyS", 83),
}


async def wait_for(check: Callable[[], Any], what: str, timeout: float = 60.0) -> Any:
    """Poll `check` (sync or async) until it returns something true; fail saying `what`."""
    deadline = time.monotonic() + timeout
    while True:
        result = check()
        if asyncio.iscoroutine(result):
            result = await result
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting for {what}")
        await asyncio.sleep(0.2)


class Browser:
    """Headless Chromium with one page, driven over the DevTools websocket."""

    def __init__(self) -> None:
        self.profile = tempfile.TemporaryDirectory()
        self.process: subprocess.Popen | None = None
        self.http: aiohttp.ClientSession | None = None
        self.socket: aiohttp.ClientWebSocketResponse | None = None
        self.last_id = 0

    async def __aenter__(self) -> Browser:
        self.process = subprocess.Popen(
            [
                str(CHROMIUM),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--remote-debugging-port=0",
                f"--user-data-dir={self.profile.name}",
                "--window-size=1280,900",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        port_file = Path(self.profile.name) / "DevToolsActivePort"
        await wait_for(lambda: port_file.exists() and port_file.read_text().strip(), "chromium")
        port = port_file.read_text().split()[0]
        self.http = aiohttp.ClientSession()
        targets = await (await self.http.get(f"http://127.0.0.1:{port}/json")).json()
        page = next(target for target in targets if target["type"] == "page")
        self.socket = await self.http.ws_connect(page["webSocketDebuggerUrl"], max_msg_size=0)
        await self.call("Page.enable")
        await self.call("Page.addScriptToEvaluateOnNewDocument", source=RECORD_SOCKET_BYTES)
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self.socket is not None:
            await self.socket.close()
        if self.http is not None:
            await self.http.close()
        if self.process is not None:
            end_group(self.process)
        self.profile.cleanup()

    async def call(self, method: str, **params: Any) -> dict[str, Any]:
        self.last_id += 1
        asked = self.last_id
        await self.socket.send_json({"id": asked, "method": method, "params": params})
        async for message in self.socket:
            data = json.loads(message.data)
            if data.get("id") == asked:
                if "error" in data:
                    raise AssertionError(f"{method}: {data['error']}")
                return data.get("result", {})
        raise AssertionError(f"{method}: the browser closed the connection")

    async def evaluate(self, expression: str) -> Any:
        result = await self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        return result["result"].get("value")

    async def screen_text(self) -> str:
        return await self.evaluate("window.__screenText ? window.__screenText() : ''") or ""

    async def press(self, name: str) -> None:
        key, code, number = KEYS[name]
        modifiers = 2 if name.startswith("ctrl+") else 0
        event = {"key": key, "code": code, "windowsVirtualKeyCode": number, "modifiers": modifiers}
        await self.call("Input.dispatchKeyEvent", type="rawKeyDown", **event)
        if name == "enter":
            await self.call("Input.dispatchKeyEvent", type="char", text="\r", **event)
        await self.call("Input.dispatchKeyEvent", type="keyUp", **event)

    async def type(self, text: str) -> None:
        await self.call("Input.insertText", text=text)


def end_group(process: subprocess.Popen) -> None:
    """End a process started with its own session, and everything it started."""
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=10)
    except ProcessLookupError:
        return
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
