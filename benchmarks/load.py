"""Load benchmark: N real sessions over Streamlit's own websocket protocol. Not a test.

Each simulated visitor opens `/_stcore/stream` as the browser does, sends
`BackMsg`s (rerun requests carrying widget states) and reads the `ForwardMsg`s
back: the deltas name the widgets on screen, so the walk is generic. On every
screen it answers each radio, checkbox (some), pills and number input it finds,
one interaction at a time, then presses the button keyed `who_self` (welcome)
or `nav_next`, until a screen has no `nav_next` (the summary). An interaction
is timed from the BackMsg sent to the end of the script run it caused.

By default it starts osteoscreen (app.py) and the bare twin (benchmarks/twin.py)
on free loopback ports with the same Streamlit options, and measures them in
one interleaved run (phases alternate A, B, A, B, so a busy neighbour on the
machine hurts both alike). It prints, per target and load: interactions,
p50/p95/max latency, errors, server CPU, RSS per connected session, and the
ratio osteoscreen/twin.

    python3 benchmarks/load.py                        # 10 and 25 sessions, no think time
    python3 benchmarks/load.py --sessions 10 --think 2-5 --seconds 90
    python3 benchmarks/load.py --set runner.postScriptGC=false   # both servers
    python3 benchmarks/load.py --soak 1000            # RSS over 1,000 walkthroughs
    python3 benchmarks/load.py --idle 50 --no-twin    # server CPU of 50 idle kiosk tabs
    python3 benchmarks/load.py --url https://127.0.0.1:8443/  # a deployment (proxy)

Only loopback targets are accepted. Every loop is bounded by a deadline.
"""

from __future__ import annotations

import argparse
import asyncio
import http.cookiejar
import ipaddress
import os
import random
import socket
import ssl
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState
from websockets.asyncio.client import connect

ROOT = Path(__file__).resolve().parent.parent
TWIN = Path(__file__).resolve().parent / "twin.py"
TIMEOUT = 60.0  # seconds one interaction may take before it counts as an error
MAX_STEPS = 400  # interactions in one walkthrough before it counts as stuck
ANSWERABLE = ("radio", "checkbox", "button_group", "number_input")
FINISHED = ForwardMsg.ScriptFinishedStatus


# ------------------------------------------------------------------ targets


def loopback_only(url: str) -> None:
    host = urlsplit(url).hostname or ""
    try:
        ok = host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        ok = False
    if not ok:
        sys.exit(f"load.py measures loopback targets only (127.0.0.0/8, ::1): {url}")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Target:
    """What one phase loads: one server, or a proxy in front of replicas (CPU and RSS
    are then the replicas' sums)."""

    name: str
    url: str
    pids: list[int] = field(default_factory=list)
    processes: list[subprocess.Popen[bytes]] = field(default_factory=list)
    warm: list[str] = field(default_factory=list)  # where to warm up (each replica directly)
    scale: int = 1  # sessions per --sessions unit (replicas behind the proxy)

    def _stat(self, pid: int) -> float:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def _rss(self, pid: int) -> float:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        return 0.0

    def cpu_seconds(self) -> float | None:
        return sum(self._stat(p) for p in self.pids) if self.pids else None

    def rss_mb(self) -> float | None:
        return sum(self._rss(p) for p in self.pids) if self.pids else None

    def stop(self) -> None:
        for process in self.processes:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()


def start(
    name: str, script: Path, options: list[str], env: dict[str, str], cwd: Path = ROOT
) -> Target:
    """`streamlit run script` on a free loopback port, with its own empty home folder."""
    port = free_port()
    home = Path(tempfile.mkdtemp(prefix=f"load-{name}-"))
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(script),
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
        *[a for o in options for a in ("--" + o.split("=", 1)[0], o.split("=", 1)[1])],
    ]
    env = {**os.environ, "HOME": str(home), **env}
    log = (home / "server.log").open("wb")
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/"
    target = Target(name, url, [process.pid], [process], [url])
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"{name} stopped:\n{(home / 'server.log').read_text()}")
        try:
            with urllib.request.urlopen(f"{target.url}_stcore/health", timeout=2):  # noqa: S310
                return target
        except OSError:
            time.sleep(0.3)
    target.stop()
    sys.exit(f"{name} did not become healthy")


def start_proxy(replicas: int, options: list[str], env: dict[str, str]) -> Target:
    """deploy/nginx's configuration (as the proxy test renders it) in front of replicas."""
    sys.path.insert(0, str(ROOT / "tests"))
    from proxy import make_cert, nginx_or_skip, render

    servers = [start(f"replica{i + 1}", ROOT / "app.py", options, env) for i in range(replicas)]
    folder = Path(tempfile.mkdtemp(prefix="load-nginx-"))
    cert, key = make_cert(folder)
    port = free_port()
    addresses = [t.url.removeprefix("http://").rstrip("/") for t in servers]
    conf = render(folder, addresses, port, cert, key)
    nginx = nginx_or_skip()
    command = [nginx, "-p", str(folder), "-e", str(folder / "error.log"), "-c", str(conf)]
    process = subprocess.Popen([*command, "-g", "daemon off;"])
    time.sleep(1.0)
    if process.poll() is not None:
        sys.exit(f"nginx stopped: {(folder / 'error.log').read_text()}")
    name = f"{replicas}-replica" + ("s" if replicas > 1 else "")
    return Target(
        name,
        f"https://127.0.0.1:{port}/",
        [p for t in servers for p in t.pids],
        [process, *(p for t in servers for p in t.processes)],
        [t.url for t in servers],
        replicas,
    )


# ------------------------------------------------------------------ one visitor


class Stuck(Exception):
    """The walkthrough could not go on (an error on the page, a timeout, a dropped socket)."""


@dataclass
class Widget:
    id: str
    kind: str
    element: Any

    @property
    def key(self) -> str:
        return self.id.rsplit("-", 1)[-1] if self.id.startswith("$$ID") else self.id


@dataclass
class Stats:
    times: list[float] = field(default_factory=list)  # seconds per interaction
    errors: list[str] = field(default_factory=list)
    walkthroughs: int = 0


def _ssl_context(url: str) -> ssl.SSLContext | None:
    if not url.startswith(("https", "wss")):
        return None
    # Loopback only (checked above): a deployment under test has a self-signed certificate.
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    return context


def _cookies(url: str) -> str:
    """Load the page once, as a browser does first, and keep the cookies it set
    (a proxy's affinity cookie)."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(jar),
        urllib.request.HTTPSHandler(context=_ssl_context(url)),
    )
    with opener.open(url, timeout=TIMEOUT) as response:
        response.read()
    return "; ".join(f"{c.name}={c.value}" for c in jar)


class Visitor:
    """One browser tab's worth of protocol: a websocket, its widget states, its screen."""

    def __init__(self, url: str, rng: random.Random, think: tuple[float, float]) -> None:
        self.url = url
        self.rng = rng
        self.think = think
        self.states: dict[str, WidgetState] = {}
        self.widgets: list[Widget] = []
        self.ws: Any = None

    async def __aenter__(self) -> Visitor:
        split = urlsplit(self.url)
        scheme = "wss" if split.scheme == "https" else "ws"
        stream = f"{scheme}://{split.netloc}{split.path.rstrip('/')}/_stcore/stream"
        cookie = await asyncio.to_thread(_cookies, self.url)
        self.ws = await connect(
            stream,
            subprotocols=["streamlit"],  # type: ignore[list-item]
            additional_headers={"Cookie": cookie} if cookie else None,
            ssl=_ssl_context(self.url),
            max_size=None,
            open_timeout=TIMEOUT,
        )
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.ws.close()

    async def run(self, trigger: str | None = None) -> float:
        """Send a rerun with the widget states (and a button press); wait for its end."""
        message = BackMsg()
        client = message.rerun_script
        client.query_string = ""
        client.page_script_hash = ""
        on_screen = {w.id for w in self.widgets}
        for wid, state in self.states.items():
            if wid in on_screen:
                client.widget_states.widgets.append(state)
        if trigger is not None:
            client.widget_states.widgets.append(WidgetState(id=trigger, trigger_value=True))
        started = time.perf_counter()
        await self.ws.send(message.SerializeToString())
        widgets: list[Widget] = []
        deadline = started + TIMEOUT
        while True:
            try:
                data = await asyncio.wait_for(self.ws.recv(), deadline - time.perf_counter())
            except (TimeoutError, Exception) as error:
                raise Stuck(f"{type(error).__name__}") from error
            msg = ForwardMsg()
            msg.ParseFromString(data)
            kind = msg.WhichOneof("type")
            if kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
                element = msg.delta.new_element
                what = element.WhichOneof("type")
                if what == "exception":
                    raise Stuck(f"exception on the page: {element.exception.type}")
                if what in (*ANSWERABLE, "button", "download_button"):
                    wid = getattr(element, str(what)).id
                    widgets.append(Widget(wid, str(what), getattr(element, str(what))))
            elif kind == "script_finished":
                if msg.script_finished == FINISHED.FINISHED_EARLY_FOR_RERUN:
                    widgets = []  # st.rerun(): the next run follows by itself
                    continue
                if msg.script_finished == FINISHED.FINISHED_WITH_COMPILE_ERROR:
                    raise Stuck("script compile error")
                break
        elapsed = time.perf_counter() - started
        self.widgets = widgets
        if any(w.key == "error_restart" for w in widgets):
            raise Stuck("the app's error page")
        return elapsed

    def _answer(self, widget: Widget) -> bool:
        """Give this widget an answer; False when the walk leaves it as it is."""
        e, rng = widget.element, self.rng
        if widget.kind == "radio":
            value = WidgetState(id=widget.id, string_value=rng.choice(list(e.options)))
        elif widget.kind == "checkbox":
            if rng.random() > 0.3:
                return False
            value = WidgetState(id=widget.id, bool_value=True)
        elif widget.kind == "button_group":
            value = WidgetState(id=widget.id)
            value.string_array_value.data.append(rng.choice([o.content for o in e.options]))
        else:  # number_input
            low = e.min if e.has_min else 0.0
            high = e.max if e.has_max else low + 100.0
            number = rng.uniform(low, high)
            value = WidgetState(id=widget.id, double_value=float(round(number)))
        self.states[widget.id] = value
        return True

    async def pause(self) -> None:
        low, high = self.think
        if high > 0:
            await asyncio.sleep(self.rng.uniform(low, high))

    async def walk(self, stats: Stats, until: float) -> bool:
        """One visit, welcome to summary. True when it got to the end before `until`."""
        stats.times.append(await self.run())
        answered: set[str] = set()
        for _ in range(MAX_STEPS):
            if time.monotonic() > until:
                return False
            todo = next(
                (w for w in self.widgets if w.kind in ANSWERABLE and w.id not in answered), None
            )
            if todo is not None:
                answered.add(todo.id)
                if not self._answer(todo):
                    continue
                await self.pause()
                stats.times.append(await self.run())
                continue
            button = next((w for w in self.widgets if w.key in ("who_self", "nav_next")), None)
            if button is None:
                return True  # the summary: no way further
            await self.pause()
            stats.times.append(await self.run(trigger=button.id))
        raise Stuck("walkthrough did not end")


async def visitor_loop(
    url: str, seed: int, think: tuple[float, float], until: float, delay: float = 0.0
) -> Stats:
    """Visits, one after another, each on a new connection, until the deadline."""
    stats = Stats()
    rng = random.Random(seed)  # noqa: S311 (a benchmark's answers, not a secret)
    await asyncio.sleep(delay)
    while time.monotonic() < until:
        try:
            async with Visitor(url, rng, think) as visitor:
                if await visitor.walk(stats, until):
                    stats.walkthroughs += 1
        except Stuck as error:
            stats.errors.append(str(error))
        except Exception as error:  # a refused or dropped connection: an error, go on
            stats.errors.append(f"connection: {type(error).__name__}: {error}")
            await asyncio.sleep(0.5)
    return stats


async def load(url: str, sessions: int, think: tuple[float, float], seconds: float) -> Stats:
    until = time.monotonic() + seconds
    # With a think time, visitors arrive spread over one think time, not all at once.
    spread = think[1] / sessions
    parts = await asyncio.gather(
        *(visitor_loop(url, 1000 + i, think, until, i * spread) for i in range(sessions))
    )
    total = Stats()
    for part in parts:
        total.times += part.times
        total.errors += part.errors
        total.walkthroughs += part.walkthroughs
    return total


async def idle(args: argparse.Namespace, target: Target) -> None:
    """Open sessions as kiosk tabs mid-visit (the first step, one answer given), then
    leave them alone and measure the server's CPU: with the idle clock in the
    browser, an untouched tab should cost the server nothing."""
    visitors = []
    for i in range(args.idle):
        visitor = await Visitor(target.url, random.Random(7000 + i), (0.0, 0.0)).__aenter__()  # noqa: S311
        await visitor.run()
        start_button = next((w for w in visitor.widgets if w.key == "who_self"), None)
        if start_button is not None:
            await visitor.run(trigger=start_button.id)
        todo = next((w for w in visitor.widgets if w.kind in ANSWERABLE), None)
        if todo is not None and visitor._answer(todo):
            await visitor.run()
        visitors.append(visitor)
    await asyncio.sleep(2.0)  # let the last runs settle
    before, started = target.cpu_seconds(), time.monotonic()
    received = 0

    async def listen(visitor: Visitor) -> None:
        nonlocal received
        while True:
            await visitor.ws.recv()
            received += 1

    listeners = [asyncio.create_task(listen(v)) for v in visitors]
    await asyncio.sleep(args.idle_seconds)
    for task in listeners:
        task.cancel()
    after, elapsed = target.cpu_seconds(), time.monotonic() - started
    for visitor in visitors:
        await visitor.__aexit__()
    if before is None or after is None:
        print(f"{target.name}: {args.idle} idle sessions: no server pid to measure")
        return
    share = (after - before) / elapsed
    print(
        f"{target.name}: {args.idle} idle kiosk sessions for {elapsed:.0f} s: server CPU"
        f" {share:.2%} of one core, {received} messages sent to the idle tabs"
    )


async def connected_sessions(url: str, sessions: int) -> list[Visitor]:
    """Sessions walked to the summary together and kept open (for memory per session)."""

    async def one(i: int) -> Visitor:
        rng = random.Random(5000 + i)  # noqa: S311 (a benchmark's answers, not a secret)
        visitor = await Visitor(url, rng, (0.0, 0.0)).__aenter__()
        await visitor.walk(Stats(), time.monotonic() + 300)
        return visitor

    return list(await asyncio.gather(*(one(i) for i in range(sessions))))


# ------------------------------------------------------------------ reporting


@dataclass
class Row:
    target: str
    sessions: int
    stats: Stats
    seconds: float
    cpu: float | None  # share of one core

    def p(self, q: float) -> float:
        times = sorted(self.stats.times)
        if not times:
            return float("nan")
        return times[min(len(times) - 1, int(q * len(times)))] * 1000


def merge(rows: list[Row]) -> Row:
    stats = Stats()
    cpu = [r.cpu for r in rows if r.cpu is not None]
    for r in rows:
        stats.times += r.stats.times
        stats.errors += r.stats.errors
        stats.walkthroughs += r.stats.walkthroughs
    seconds = sum(r.seconds for r in rows)
    share = sum(c * r.seconds for c, r in zip(cpu, rows, strict=False)) / seconds if cpu else None
    return Row(rows[0].target, rows[0].sessions, stats, seconds, share)


def show(rows: list[Row], memory: dict[str, float]) -> None:
    print()
    head = f"{'target':<12}{'sess':>5}{'inter':>7}{'walks':>6}{'p50 ms':>9}{'p95 ms':>9}"
    print(head + f"{'max ms':>9}{'errors':>7}{'cpu':>7}{'MB/sess':>9}")
    for r in rows:
        cpu = f"{r.cpu:6.0%}" if r.cpu is not None else "     -"
        mem = f"{memory[r.target]:9.2f}" if r.target in memory else "        -"
        print(
            f"{r.target:<12}{r.sessions:>5}{len(r.stats.times):>7}{r.stats.walkthroughs:>6}"
            f"{r.p(0.5):9.0f}{r.p(0.95):9.0f}{max(r.stats.times, default=0) * 1000:9.0f}"
            f"{len(r.stats.errors):>7} {cpu}{mem}"
        )
    by = {(r.target, r.sessions): r for r in rows}
    for r in rows:
        twin = by.get(("twin", r.sessions))
        if r.target != "twin" and twin is not None:
            print(
                f"{r.target} / twin at {r.sessions} sessions: p50 {r.p(0.5) / twin.p(0.5):.2f}, "
                f"p95 {r.p(0.95) / twin.p(0.95):.2f}, "
                f"max {max(r.stats.times) / max(twin.stats.times):.2f}"
            )
    if "osteoscreen" in memory and "twin" in memory:
        print(
            "memory per session, osteoscreen - twin: "
            f"{memory['osteoscreen'] - memory['twin']:+.2f} MB"
        )
    for r in rows:
        if r.stats.errors:
            kinds = sorted(set(r.stats.errors))
            print(f"{r.target} errors at {r.sessions} sessions: {'; '.join(kinds[:5])}")


def machine() -> str:
    model = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        "?",
    )
    load1 = os.getloadavg()[0]
    python = sys.version.split()[0]
    return f"{os.cpu_count()} cores, {model}; load average at start {load1:.2f}; python {python}"


# ------------------------------------------------------------------ main


def parse_think(text: str) -> tuple[float, float]:
    low, _, high = text.partition("-")
    return float(low), float(high or low)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, nargs="+", default=[10, 25])
    parser.add_argument("--think", type=parse_think, default=(0.0, 0.0), help="seconds, e.g. 2-5")
    parser.add_argument("--seconds", type=float, default=20.0, help="length of one phase")
    parser.add_argument("--rounds", type=int, default=2, help="phases per target and load")
    parser.add_argument("--set", action="append", default=[], help="a Streamlit option, both")
    parser.add_argument("--url", action="append", default=[], help="measure this deployment")
    parser.add_argument("--pid", type=int, action="append", default=[], help="its server pids")
    parser.add_argument("--soak", type=int, default=0, help="walkthroughs for the memory soak")
    parser.add_argument("--soak-sessions", type=int, default=4)
    parser.add_argument("--soak-seconds", type=float, default=1200.0, help="time bound of a soak")
    parser.add_argument("--idle", type=int, default=0, help="idle kiosk sessions to measure")
    parser.add_argument("--idle-seconds", type=float, default=60.0)
    parser.add_argument("--no-twin", action="store_true")
    parser.add_argument(
        "--app", type=Path, default=ROOT, help="another osteoscreen checkout to measure (its src)"
    )
    parser.add_argument(
        "--proxy",
        type=int,
        nargs="+",
        default=[],
        help="replica counts behind deploy/nginx, e.g. 1 2 (K replicas get K x --sessions)",
    )
    args = parser.parse_args()
    if args.seconds * args.rounds * len(args.sessions) > 1800:
        sys.exit("keep a run under half an hour (--seconds x --rounds x loads)")

    print(f"machine: {machine()}")
    targets: list[Target] = []
    try:
        if args.url:
            for i, url in enumerate(args.url):
                loopback_only(url)
                pids = args.pid if len(args.url) == 1 else args.pid[i : i + 1]
                name = f"url{i + 1}" if len(args.url) > 1 else "deployment"
                targets.append(Target(name, url, pids, [], [url]))
        elif args.proxy:
            env = {"OSTEOSCREEN_KIOSK": "0"}
            targets += [start_proxy(k, args.set, env) for k in args.proxy]
        else:
            env = {"OSTEOSCREEN_KIOSK": "1" if args.idle else "0"}
            app = args.app.resolve()
            own = {"PYTHONPATH": str(app / "src")} if app != ROOT else {}
            targets.append(start("osteoscreen", app / "app.py", args.set, {**env, **own}, app))
            if not args.no_twin:
                # From benchmarks/, so that it reads none of the project's
                # .streamlit/config.toml: the twin runs with Streamlit's defaults.
                targets.append(start("twin", TWIN, args.set, env, TWIN.parent))
        print(
            f"options: {args.set or 'Streamlit defaults'}; think {args.think[0]}-{args.think[1]} s"
        )
        asyncio.run(measure(args, targets))
    finally:
        for target in targets:
            target.stop()


async def measure(args: argparse.Namespace, targets: list[Target]) -> None:
    for target in targets:  # warm up: imports, caches, first runs
        rng = random.Random(1)  # noqa: S311 (a benchmark's answers, not a secret)
        warm = Stats()
        for url in target.warm:
            async with Visitor(url, rng, (0.0, 0.0)) as visitor:
                await visitor.walk(warm, time.monotonic() + 300)
        print(
            f"{target.name}: warm-up walkthrough of {len(warm.times)} interactions, "
            f"RSS {target.rss_mb() or 0:.1f} MB"
        )

    if args.soak:
        for target in targets:
            await soak(args, target)
        return
    if args.idle:
        for target in targets:
            await idle(args, target)
        return

    memory: dict[str, float] = {}
    for target in targets:
        before = target.rss_mb()
        if before is None or args.proxy:
            continue
        n = min(args.sessions)
        visitors = await connected_sessions(target.url, n)
        after = target.rss_mb() or before
        memory[target.name] = (after - before) / n
        for visitor in visitors:
            await visitor.__aexit__()

    rows: list[Row] = []
    for sessions in args.sessions:
        per: dict[str, list[Row]] = {t.name: [] for t in targets}
        for round_ in range(args.rounds):
            order = targets if round_ % 2 == 0 else targets[::-1]
            for target in order:
                cpu0, wall0 = target.cpu_seconds(), time.monotonic()
                n = sessions * target.scale
                stats = await load(target.url, n, args.think, args.seconds)
                wall = time.monotonic() - wall0
                cpu1 = target.cpu_seconds()
                cpu = (cpu1 - cpu0) / wall if cpu0 is not None and cpu1 is not None else None
                per[target.name].append(Row(target.name, n, stats, wall, cpu))
                print(
                    f"  {target.name} {n} sessions round {round_ + 1}: "
                    f"{len(stats.times)} interactions, {len(stats.errors)} errors"
                )
        rows += [merge(per[t.name]) for t in targets]
    show(rows, memory)


async def soak(args: argparse.Namespace, target: Target) -> None:
    """Walkthroughs, one after another on a few sessions, RSS noted as they add up."""
    done = 0
    print(f"soak: {args.soak} walkthroughs on {args.soak_sessions} sessions, {target.name}")
    start_rss = target.rss_mb()
    deadline = time.monotonic() + args.soak_seconds
    samples: list[tuple[int, float]] = []
    while done < args.soak and time.monotonic() < deadline:
        stats = await load(target.url, args.soak_sessions, (0.0, 0.0), 10.0)
        done += stats.walkthroughs
        rss = target.rss_mb() or 0.0
        samples.append((done, rss))
        print(
            f"  {done:>6} walkthroughs  RSS {rss:7.1f} MB  "
            f"p95 {sorted(stats.times)[int(0.95 * len(stats.times))] * 1000:6.0f} ms  "
            f"errors {len(stats.errors)}"
        )
    half = samples[len(samples) // 2][1]
    print(
        f"RSS: start {start_rss:.1f} MB, middle {half:.1f} MB, end {samples[-1][1]:.1f} MB "
        f"(growth over the second half: {samples[-1][1] - half:+.1f} MB)"
    )
    if statistics.mean(r for _, r in samples) <= 0:
        print("no RSS (no pid)")


if __name__ == "__main__":
    main()
