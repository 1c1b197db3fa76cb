"""Watching a server process while a test attacks it: its memory (resident set, sampled)
and how long /health takes to answer. Figures are reported, never asserted as time."""

from __future__ import annotations

import contextlib
import json
import socket
import statistics
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx

#: Where the hostile-case tests leave their figures (read into BENCHMARKS.md).
FIGURES = Path(__file__).resolve().parents[2] / "bench" / "out" / "hostile_requests.json"


def rss_bytes(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    raise RuntimeError(f"no VmRSS for process {pid}")


@dataclass
class Watch:
    """Samples while a ``watching`` block runs."""

    peak_rss: int = 0
    health_seconds: list[float] = field(default_factory=list)
    health_failures: int = 0

    def summary(self) -> dict[str, float]:
        times = sorted(self.health_seconds) or [float("nan")]
        return {
            "peak_rss_mb": round(self.peak_rss / 2**20, 1),
            "health_median_s": round(statistics.median(times), 4),
            "health_max_s": round(times[-1], 4),
            "health_answers": len(self.health_seconds),
            "health_failures": self.health_failures,
        }


@contextlib.contextmanager
def watching(pid: int, url: str) -> Iterator[Watch]:
    watch = Watch(peak_rss=rss_bytes(pid))
    stop = threading.Event()

    def memory() -> None:
        while not stop.is_set():
            with contextlib.suppress(OSError, RuntimeError):
                watch.peak_rss = max(watch.peak_rss, rss_bytes(pid))
            stop.wait(0.02)

    def health() -> None:
        with httpx.Client(timeout=30) as client:
            while not stop.is_set():
                started = time.perf_counter()
                try:
                    ok = client.get(f"{url}/health").status_code == 200
                except httpx.HTTPError:
                    ok = False
                if ok:
                    watch.health_seconds.append(time.perf_counter() - started)
                else:
                    watch.health_failures += 1
                stop.wait(0.1)

    threads = [threading.Thread(target=memory), threading.Thread(target=health)]
    for thread in threads:
        thread.start()
    try:
        yield watch
    finally:
        stop.set()
        for thread in threads:
            thread.join()


def report(name: str, figures: dict[str, object]) -> None:
    """Keep a test's figures (one JSON object per test name) and print them."""
    FIGURES.parent.mkdir(parents=True, exist_ok=True)
    found = json.loads(FIGURES.read_text()) if FIGURES.exists() else {}
    found[name] = {**figures, "when": time.strftime("%Y-%m-%d %H:%M")}
    FIGURES.write_text(json.dumps(found, indent=2, sort_keys=True))
    print(f"\n{name}: {json.dumps(figures)}")


def raw_post(
    port: int,
    path: str,
    *,
    headers: dict[str, str],
    body_chunks: Iterator[bytes],
    chunked: bool,
    wait_seconds: float = 20.0,
) -> tuple[int, bytes, int]:
    """POST over a plain socket, sending the body until the server answers (or it is all
    sent); returns (status, response body, body bytes sent before the answer)."""
    lines = [f"POST {path} HTTP/1.1", "Host: 127.0.0.1", "Connection: close"]
    lines += [f"{key}: {value}" for key, value in headers.items()]
    if chunked:
        lines.append("Transfer-Encoding: chunked")
    sock = socket.create_connection(("127.0.0.1", port), timeout=wait_seconds)
    sent = 0
    try:
        sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
        sock.setblocking(False)
        answered = False
        for chunk in body_chunks:
            if _readable(sock):
                answered = True
                break
            data = f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n" if chunked else chunk
            try:
                _send_all(sock, data)
            except OSError:
                answered = True
                break
            sent += len(chunk)
        if not answered and chunked:
            with contextlib.suppress(OSError):
                _send_all(sock, b"0\r\n\r\n")
        sock.setblocking(True)
        sock.settimeout(wait_seconds)
        response = b""
        with contextlib.suppress(OSError):
            while chunk := sock.recv(65536):
                response += chunk
    finally:
        sock.close()
    head, _, body = response.partition(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1]) if head else 0
    return status, body, sent


def _readable(sock: socket.socket) -> bool:
    import select

    return bool(select.select([sock], [], [], 0)[0])


def _send_all(sock: socket.socket, data: bytes) -> None:
    import select

    view = memoryview(data)
    while view:
        select.select([], [sock], [], 5)
        try:
            view = view[sock.send(view) :]
        except BlockingIOError:
            continue
        if _readable(sock):
            raise OSError("the server answered")
