"""A real Home Assistant process for the end-to-end tests and the screenshots.

Home Assistant runs the way a user runs it: `hass -c <config>` in its own process
group, the integration copied into the config folder's `custom_components/`,
onboarded and configured through its HTTP and websocket APIs. Its clock can run
faster than real time through Debian's libfaketime, so a 15-minute session takes
seconds without any test switch in the product.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
import contextlib
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
import itertools
import json
import os
from pathlib import Path
import shutil
import signal
import socket
import subprocess
import sys
import time
from typing import Any

import aiohttp

REPO = Path(__file__).resolve().parents[2]
INTEGRATION = REPO / "custom_components" / "acupressure_mat"
DOMAIN = "acupressure_mat"
MAT_NAME = "Bedroom mat"
TIME_ZONE = "Europe/Amsterdam"

# Wall-clock bounds: every wait below ends with a clear failure, never a hang.
START_TIMEOUT = 90.0
STOP_TIMEOUT = 60.0
REQUEST_TIMEOUT = 30.0

CONFIGURATION = """\
# Written by tests/e2e/harness.py: a fresh Home Assistant for one test.
homeassistant:
  name: Acupressure Mat e2e
  time_zone: {time_zone}
  latitude: 52.3676
  longitude: 4.9041
  elevation: 0
  unit_system: metric
  currency: EUR
  country: NL
  language: en

frontend:
config:
http:
  server_host: 127.0.0.1
  server_port: {port}
api:
websocket_api:
onboarding:
auth:
person:
recorder:
history:
logbook:
calendar:
lovelace:
# Demo lights, speakers and the rest of the demo, as script/develop has them.
demo:

logger:
  default: warning
  logs:
    custom_components.acupressure_mat: debug
"""


# script/test runs the end-to-end tests once per environment: the floor's `hass` beside
# the test interpreter, then the newest release through `script/hass --newest`.
HASS_ENVIRONMENT = os.environ.get("ACUPRESSURE_MAT_HASS", "floor")


def hass_command() -> list[str]:
    """How to run `hass` in the environment under test."""
    if HASS_ENVIRONMENT == "newest":
        return [str(REPO / "script" / "hass"), "--newest"]
    beside = Path(sys.executable).with_name("hass")
    if beside.is_file():
        return [str(beside)]
    found = shutil.which("hass")
    if found is None:
        msg = "no hass executable beside the test interpreter or on PATH"
        raise FileNotFoundError(msg)
    return [found]


def find_libfaketime() -> Path | None:
    """Debian's libfaketime preload library, if installed."""
    patterns = (
        "/usr/lib/*/faketime/libfaketime.so.1",
        "/usr/lib/faketime/libfaketime.so.1",
        "/usr/local/lib/faketime/libfaketime.so.1",
    )
    for pattern in patterns:
        for path in sorted(Path("/").glob(pattern.lstrip("/"))):
            return path
    return None


def find_chromium() -> Path | None:
    """Debian's chromium, if installed (else a Chrome, as GitHub's runners have)."""
    for name in (
        "chromium",
        "chromium-browser",
        "google-chrome",
        "google-chrome-stable",
    ):
        if found := shutil.which(name):
            return Path(found)
    return None


def free_port() -> int:
    """A TCP port on the loopback interface that nothing listens on now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def install_config(config_dir: Path, port: int) -> None:
    """A fresh config folder with the integration installed as a user would."""
    config_dir.mkdir(parents=True, exist_ok=True)
    (config_dir / "configuration.yaml").write_text(
        CONFIGURATION.format(port=port, time_zone=TIME_ZONE)
    )
    shutil.copytree(
        INTEGRATION,
        config_dir / "custom_components" / DOMAIN,
        ignore=shutil.ignore_patterns("__pycache__"),
    )


def parse_time(value: str) -> datetime:
    """An ISO 8601 time from Home Assistant, as an aware datetime."""
    parsed = datetime.fromisoformat(value)
    assert parsed.tzinfo is not None, value
    return parsed


class CommandError(Exception):
    """A websocket command that Home Assistant answered with an error."""

    def __init__(self, error: dict[str, Any]) -> None:
        """Keep the error's code and its (translated) message."""
        super().__init__(f"{error.get('code')}: {error.get('message')}")
        self.code: str = error.get("code", "")
        self.message: str = error.get("message", "")
        self.translation_key: str | None = error.get("translation_key")


class WebSocket:
    """Home Assistant's websocket API: commands, results and event subscriptions.

    A reader task takes every message as it comes, so Home Assistant's heartbeat
    pings are answered even while a test waits for something else.
    """

    def __init__(self, ws: aiohttp.ClientWebSocketResponse) -> None:
        """Wrap an authenticated connection; use `connect`."""
        self._ws = ws
        self._ids = itertools.count(1)
        self._results: dict[int, asyncio.Future[dict[str, Any]]] = {}
        self._events: dict[int, asyncio.Queue[dict[str, Any]]] = {}
        self._reader = asyncio.create_task(self._read(), name="e2e websocket reader")

    @classmethod
    async def connect(
        cls, session: aiohttp.ClientSession, base_url: str, token: str
    ) -> WebSocket:
        """Open and authenticate a connection."""
        ws = await session.ws_connect(
            f"{base_url}/api/websocket", timeout=aiohttp.ClientWSTimeout(ws_close=5)
        )
        async with asyncio.timeout(REQUEST_TIMEOUT):
            hello = await ws.receive_json()
            assert hello["type"] == "auth_required", hello
            await ws.send_json({"type": "auth", "access_token": token})
            answer = await ws.receive_json()
        if answer["type"] != "auth_ok":
            await ws.close()
            msg = f"websocket authentication failed: {answer}"
            raise AssertionError(msg)
        return cls(ws)

    async def _read(self) -> None:
        try:
            async for message in self._ws:
                if message.type is not aiohttp.WSMsgType.TEXT:
                    continue
                data = json.loads(message.data)
                for item in data if isinstance(data, list) else [data]:
                    self._dispatch(item)
        finally:
            for future in self._results.values():
                if not future.done():
                    future.set_exception(ConnectionError("websocket closed"))

    def _dispatch(self, item: dict[str, Any]) -> None:
        if item["type"] == "event" and item["id"] in self._events:
            self._events[item["id"]].put_nowait(item["event"])
        elif (
            item["type"] == "result"
            and (future := self._results.pop(item["id"], None))
            and not future.done()
        ):
            future.set_result(item)

    async def command(
        self, command_type: str, *, wait: float = REQUEST_TIMEOUT, **payload: Any
    ) -> Any:
        """Send a command; its result within `wait` seconds, or CommandError."""
        return await self._command(command_type, wait, payload)

    async def _command(
        self,
        command_type: str,
        wait: float,
        payload: dict[str, Any],
        events: asyncio.Queue[dict[str, Any]] | None = None,
    ) -> Any:
        message_id = next(self._ids)
        future: asyncio.Future[dict[str, Any]] = (
            asyncio.get_running_loop().create_future()
        )
        self._results[message_id] = future
        if events is not None:
            self._events[message_id] = events
        await self._ws.send_json({"id": message_id, "type": command_type, **payload})
        async with asyncio.timeout(wait):
            answer = await future
        if not answer["success"]:
            raise CommandError(answer["error"])
        return answer["result"]

    async def subscribe_events(self, event_type: str) -> EventStream:
        """Receive the bus events of one type from now on."""
        queue: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        await self._command(
            "subscribe_events", REQUEST_TIMEOUT, {"event_type": event_type}, queue
        )
        return EventStream(event_type, queue)

    async def call_service(
        self,
        domain: str,
        service: str,
        data: dict[str, Any] | None = None,
        *,
        target: dict[str, Any] | None = None,
        return_response: bool = False,
        wait: float = REQUEST_TIMEOUT,
    ) -> Any:
        """Perform an action; return its response when asked."""
        payload: dict[str, Any] = {
            "domain": domain,
            "service": service,
            "service_data": data or {},
            "return_response": return_response,
        }
        if target is not None:
            payload["target"] = target
        result = await self.command("call_service", wait=wait, **payload)
        return result.get("response") if return_response else None

    async def close(self) -> None:
        """Close the connection and stop reading."""
        await self._ws.close()
        self._reader.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self._reader


@dataclass
class EventStream:
    """The events of one type that a websocket subscription received."""

    event_type: str
    queue: asyncio.Queue[dict[str, Any]]

    async def next(self, within: float) -> dict[str, Any]:
        """The next event, waiting at most `within` wall seconds."""
        try:
            async with asyncio.timeout(within):
                return await self.queue.get()
        except TimeoutError:
            msg = f"no {self.event_type} event within {within:.0f} s"
            raise AssertionError(msg) from None

    def pending(self) -> list[dict[str, Any]]:
        """The events received and not read yet."""
        events = []
        while not self.queue.empty():
            events.append(self.queue.get_nowait())
        return events


@dataclass
class Clock:
    """Home Assistant's clock under libfaketime: from `start`, `rate` times as fast."""

    start: datetime
    rate: float
    real_start: float = field(default_factory=time.monotonic)

    def now(self) -> datetime:
        """Home Assistant's time now, estimated from the real time elapsed."""
        elapsed = (time.monotonic() - self.real_start) * self.rate
        return self.start + timedelta(seconds=elapsed)

    def wall_seconds(self, span: timedelta) -> float:
        """How many real seconds Home Assistant's clock takes to move by `span`."""
        return max(span.total_seconds(), 0.0) / self.rate


@dataclass
class Tokens:
    """What onboarding gave: a short-lived login and a long-lived access token."""

    access_token: str
    refresh_token: str
    long_lived_token: str
    client_id: str


class HomeAssistant:
    """A config folder and the `hass` processes that run it, one after another."""

    def __init__(self, config_dir: Path, *, libfaketime: Path | None = None) -> None:
        """Install a fresh config; call `start` to run it."""
        self.config_dir = config_dir
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.libfaketime = libfaketime
        self.process: subprocess.Popen[bytes] | None = None
        self.clock: Clock | None = None
        self.runs = 0
        self.tokens: Tokens | None = None
        self.session: aiohttp.ClientSession | None = None
        self._sockets: list[WebSocket] = []
        install_config(config_dir, self.port)

    # --- the process ---------------------------------------------------

    @property
    def log_path(self) -> Path:
        """The log of the current (or last) run."""
        return self.config_dir / f"run-{self.runs}.log"

    def run_logs(self) -> list[Path]:
        """The logs of all runs, oldest first."""
        return [self.config_dir / f"run-{run}.log" for run in range(1, self.runs + 1)]

    async def start(self, *, at: datetime | None = None, rate: float = 1.0) -> None:
        """Run `hass`; with `at`, its clock starts there and runs `rate` times faster.

        Returns once the HTTP server answers and, when onboarded, once Home
        Assistant reports that it is running.
        """
        assert self.process is None or self.process.poll() is not None
        if self.session is None:
            self.session = aiohttp.ClientSession(
                timeout=aiohttp.ClientTimeout(total=REQUEST_TIMEOUT)
            )
        self.runs += 1
        env = {k: v for k, v in os.environ.items() if not k.startswith("FAKETIME")}
        env.pop("LD_PRELOAD", None)
        if at is not None:
            if self.libfaketime is None:
                msg = "a clock of its own needs libfaketime"
                raise RuntimeError(msg)
            env["LD_PRELOAD"] = str(self.libfaketime)
            env["TZ"] = "UTC"
            env["FAKETIME"] = f"@{at.astimezone(UTC):%Y-%m-%d %H:%M:%S} x{rate:g}"
            # Home Assistant's clock is then at `at` (whole seconds) when it starts.
            at = at.replace(microsecond=0)
        command = [
            *hass_command(),
            "--config",
            str(self.config_dir),
            "--skip-pip",
            "--log-file",
            str(self.log_path),
        ]
        with (self.config_dir / f"run-{self.runs}.console").open("wb") as console:
            # Popen returns once hass is forked; it runs on its own from there.
            self.process = subprocess.Popen(  # noqa: S603, ASYNC220
                command,
                stdin=subprocess.DEVNULL,
                stdout=console,
                stderr=subprocess.STDOUT,
                env=env,
                cwd=self.config_dir,
                start_new_session=True,
            )
        self.clock = Clock(at or datetime.now(UTC), rate if at else 1.0)
        await self._wait_until_serving()

    async def _wait_until_serving(self) -> None:
        assert self.session is not None
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            self._check_alive()
            with contextlib.suppress(aiohttp.ClientError, TimeoutError):
                async with asyncio.timeout(2):
                    response = await self.session.get(f"{self.base_url}/manifest.json")
                    response.release()
                    if response.status == 200:
                        break
            if time.monotonic() > deadline:
                self._fail(
                    f"Home Assistant did not serve HTTP in {START_TIMEOUT:.0f} s"
                )
            await asyncio.sleep(0.1)
        if self.tokens is not None:
            await self._wait_until_running(deadline)

    async def _wait_until_running(self, deadline: float) -> None:
        ws = await self.websocket()
        while (await ws.command("get_config"))["state"] != "RUNNING":
            self._check_alive()
            if time.monotonic() > deadline:
                self._fail(f"Home Assistant did not start in {START_TIMEOUT:.0f} s")
            await asyncio.sleep(0.1)

    def _check_alive(self) -> None:
        assert self.process is not None
        if (code := self.process.poll()) is not None:
            self._fail(f"hass exited with code {code}")

    def _fail(self, reason: str) -> None:
        msg = f"{reason}\n--- end of {self.log_path.name} ---\n{self.log_tail()}"
        raise AssertionError(msg)

    def log_tail(self, lines: int = 40) -> str:
        """The last lines of the current run's log and console."""
        parts = []
        for path in (self.log_path, self.log_path.with_suffix(".console")):
            if path.is_file():
                text = path.read_text(errors="replace").splitlines()[-lines:]
                parts.append(f"[{path.name}]\n" + "\n".join(text))
        return "\n".join(parts)

    async def _close_sockets(self) -> None:
        sockets, self._sockets = self._sockets, []
        for ws in sockets:
            with contextlib.suppress(Exception):
                await ws.close()

    async def stop(self) -> int:
        """Stop Home Assistant as a service manager does (SIGTERM); its exit code."""
        assert self.process is not None
        # Home Assistant takes SIGTERM as "stop" only once it has started; before,
        # the signal's default action ends it (2026.11 starts slower than 2026.2).
        if self.tokens is not None:
            await self._wait_until_running(time.monotonic() + START_TIMEOUT)
        await self._close_sockets()
        self.process.send_signal(signal.SIGTERM)
        code = await self._wait_for_exit(STOP_TIMEOUT)
        self._kill_group()
        return code

    async def kill(self) -> None:
        """Kill Home Assistant outright (SIGKILL), as a power cut would."""
        assert self.process is not None
        self._kill_group()
        await self._wait_for_exit(STOP_TIMEOUT)
        await self._close_sockets()

    async def _wait_for_exit(self, within: float) -> int:
        assert self.process is not None
        deadline = time.monotonic() + within
        while (code := self.process.poll()) is None:
            if time.monotonic() > deadline:
                self._kill_group()
                self._fail(f"hass did not exit within {within:.0f} s")
            await asyncio.sleep(0.05)
        return code

    def _kill_group(self) -> None:
        if self.process is None:
            return
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.process.pid, signal.SIGKILL)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=10)

    def kill_now(self) -> None:
        """Synchronous last resort for finalizers: kill the whole process group."""
        self._kill_group()

    async def close(self) -> None:
        """Kill any process left and close the HTTP session."""
        await self._close_sockets()
        self._kill_group()
        if self.session is not None:
            await self.session.close()
            self.session = None

    # --- HTTP and websocket ------------------------------------------------

    async def http(
        self,
        method: str,
        path: str,
        *,
        json_body: Any = None,
        form: dict[str, str] | None = None,
        token: str | None = None,
        expect: int = 200,
    ) -> Any:
        """Call the HTTP API; the JSON answer (or text), once its status is checked."""
        assert self.session is not None
        headers = {}
        if (token := token or self.token) is not None:
            headers["Authorization"] = f"Bearer {token}"
        async with self.session.request(
            method,
            f"{self.base_url}{path}",
            json=json_body,
            data=form,
            headers=headers,
        ) as response:
            text = await response.text()
            assert response.status == expect, (
                f"{method} {path}: {response.status} {text[:500]}"
            )
            if response.content_type == "application/json":
                return json.loads(text)
            return text

    @property
    def token(self) -> str | None:
        """The long-lived access token, once onboarded."""
        return self.tokens.long_lived_token if self.tokens else None

    async def websocket(self, token: str | None = None) -> WebSocket:
        """A new authenticated websocket connection, closed with the process."""
        assert self.session is not None
        token = token or self.token
        assert token is not None
        ws = await WebSocket.connect(self.session, self.base_url, token)
        self._sockets.append(ws)
        return ws

    async def onboard(self) -> Tokens:
        """Do what the onboarding wizard does: owner account, then the other steps."""
        client_id = f"{self.base_url}/"
        created = await self.http(
            "POST",
            "/api/onboarding/users",
            json_body={
                "client_id": client_id,
                "name": "Mat Owner",
                "username": "owner",
                "password": "e2e-password-not-secret",
                "language": "en",
            },
        )
        login = await self.http(
            "POST",
            "/auth/token",
            form={
                "grant_type": "authorization_code",
                "code": created["auth_code"],
                "client_id": client_id,
            },
        )
        access = login["access_token"]
        for step, body in (
            ("core_config", {}),
            ("analytics", {}),
            (
                "integration",
                {
                    "client_id": client_id,
                    "redirect_uri": f"{client_id}?auth_callback=1",
                },
            ),
        ):
            await self.http(
                "POST", f"/api/onboarding/{step}", json_body=body, token=access
            )
        status = await self.http("GET", "/api/onboarding", token=access)
        assert all(step["done"] for step in status), status
        # The clock may run fast: the 30-minute login would expire within minutes.
        ws = await self.websocket(access)
        long_lived = await ws.command(
            "auth/long_lived_access_token", client_name="e2e", lifespan=3650
        )
        self.tokens = Tokens(access, login["refresh_token"], long_lived, client_id)
        # From 2026.11 Home Assistant moves `http:` from YAML into a trial that it
        # reverts (with a restart) after 5 minutes unless the owner confirms it in a
        # dialog that blocks the page: confirm, as the owner would. Older releases
        # lack the command.
        try:
            await ws.command("http/config/promote")
        except CommandError as err:
            if err.code != "unknown_command":
                raise
        return self.tokens

    async def now(self) -> datetime:
        """Home Assistant's own notion of now."""
        text = await self.http(
            "POST",
            "/api/template",
            json_body={"template": "{{ utcnow().isoformat() }}"},
        )
        return parse_time(str(text).strip())

    async def add_mat(self, name: str = MAT_NAME) -> str:
        """Add a mat through the config flow, as the UI does; its config entry id."""
        flow = await self.http(
            "POST",
            "/api/config/config_entries/flow",
            json_body={"handler": DOMAIN, "show_advanced_options": False},
        )
        assert flow["type"] == "form", flow
        assert flow["step_id"] == "user", flow
        path = f"/api/config/config_entries/flow/{flow['flow_id']}"
        refused = await self.http(
            "POST", path, json_body={"name": name, "acknowledge_safety": False}
        )
        assert refused["type"] == "form", refused
        assert refused["errors"], refused
        created = await self.http(
            "POST", path, json_body={"name": name, "acknowledge_safety": True}
        )
        assert created["type"] == "create_entry", created
        assert created["title"] == name, created
        entry_id: str = created["result"]["entry_id"]
        return entry_id

    async def mat_entities(self, entry_id: str) -> dict[str, str]:
        """The mat's entity ids by `<platform>.<translation key>` (`sensor.session`)."""
        ws = await self.websocket()
        entries = await ws.command("config/entity_registry/list")
        return {
            f"{e['entity_id'].split('.')[0]}.{e['translation_key']}": e["entity_id"]
            for e in entries
            if e["config_entry_id"] == entry_id
        }

    async def mat_device_id(self, entry_id: str) -> str:
        """The mat's device id."""
        ws = await self.websocket()
        devices = await ws.command("config/device_registry/list")
        (device_id,) = [d["id"] for d in devices if entry_id in d["config_entries"]]
        return str(device_id)

    async def state(self, entity_id: str) -> dict[str, Any]:
        """An entity's state object from the REST API."""
        result: dict[str, Any] = await self.http("GET", f"/api/states/{entity_id}")
        return result

    def problems_in_logs(self, needle: str = DOMAIN) -> list[str]:
        """WARNING, ERROR and CRITICAL records of all runs that mention `needle`.

        Home Assistant's own notice that a custom integration is loaded is the
        one warning every custom integration gets; a deprecation or any other
        warning about the integration counts.
        """
        found = []
        for path in self.run_logs():
            if not path.is_file():
                continue
            found += [
                f"{path.name}: {block}"
                for block in _log_records(path.read_text(errors="replace"))
                if any(f" {level} " in block[:60] for level in _PROBLEM_LEVELS)
                and needle in block
                and _CUSTOM_INTEGRATION_NOTICE not in block
            ]
        return found


_PROBLEM_LEVELS = ("WARNING", "ERROR", "CRITICAL")
_CUSTOM_INTEGRATION_NOTICE = "which has not been tested by Home Assistant"


def _log_records(text: str) -> Iterator[str]:
    """A Home Assistant log split into records (a line with its traceback)."""
    record: list[str] = []
    for line in text.splitlines():
        if line[:4].isdigit() and line[4:5] == "-" and record:
            yield "\n".join(record)
            record = []
        record.append(line)
    if record:
        yield "\n".join(record)
