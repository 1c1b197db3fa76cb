"""Test harness for sync: a real server process, a throwaway PostgreSQL, laptops with
their own SQLite stores, an in-memory keyring, and a TCP proxy that injects faults."""

from __future__ import annotations

import contextlib
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import keyring
import keyring.backend
import pytest

from classroom_desk.store.database import Store, open_store
from classroom_desk.store.teacher_actions import TeacherActions, ensure_device
from classroom_desk.sync.client import SyncClient, sign_in
from classroom_desk.sync.tables import SYNCED_TABLES, table_checksum
from classroom_desk.sync.values import RetryPolicy, SyncReport

#: The server runs from this tree's sources; CLASSROOM_DESK_SERVER_SRC points a run at
#: another tree (an older commit's), to check that a hostile-case test fails there.
SRC = Path(
    os.environ.get("CLASSROOM_DESK_SERVER_SRC") or Path(__file__).resolve().parents[2] / "src"
)
FAST_RETRY = RetryPolicy(attempts=6, base_delay=0.02, max_delay=0.2)
PATIENT_RETRY = RetryPolicy(attempts=14, base_delay=0.05, max_delay=1.0)
DEMO_PASSWORDS = {
    "rivera": "maple-ridge-rivera",
    "okafor": "maple-ridge-okafor",
    "admin": "maple-ridge-admin",
}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# -- the server as a real process -------------------------------------------------------


class ServerProcess:
    """``classroom-desk-server serve [--demo]`` on 127.0.0.1, started and stopped by tests."""

    def __init__(
        self,
        database_url: str,
        log_dir: Path,
        *,
        port: int | None = None,
        demo: bool = True,
        tls: tuple[Path, Path] | None = None,
        extra_args: tuple[str, ...] = (),
    ) -> None:
        self.database_url = database_url
        self.demo = demo
        self.tls = tls  # (certificate, key): serve HTTPS
        self.extra_args = extra_args
        self.port = port or free_port()
        self.log_path = log_dir / f"server-{self.port}.log"
        self.process: subprocess.Popen[bytes] | None = None
        self.starts = 0

    @property
    def url(self) -> str:
        return f"{'https' if self.tls else 'http'}://127.0.0.1:{self.port}"

    def start(self) -> None:
        self.starts += 1
        log = self.log_path.open("ab")
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "classroom_desk.server",
                "serve",
                *(["--demo"] if self.demo else []),
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--database",
                self.database_url,
                *(
                    ["--tls-cert", str(self.tls[0]), "--tls-key", str(self.tls[1])]
                    if self.tls
                    else []
                ),
                *self.extra_args,
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
            env={**os.environ, "PYTHONPATH": str(SRC)},
        )
        log.close()
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited: {self.log_path.read_text()[-3000:]}")
            with contextlib.suppress(httpx.HTTPError):
                # Only "is it up": the tests check the certificate themselves.
                if httpx.get(f"{self.url}/health", timeout=1, verify=False).status_code == 200:
                    return
            time.sleep(0.1)
        raise RuntimeError(f"server did not answer /health: {self.log_path.read_text()[-3000:]}")

    def kill(self) -> None:
        """SIGKILL: no graceful shutdown, as a pulled power cord."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(timeout=30)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()

    def restart(self) -> None:
        self.kill()
        self.start()


def sqlite_url(directory: Path) -> str:
    return f"sqlite:///{directory / 'server.sqlite'}"


# -- PostgreSQL, as the postgres user in a temp dir ------------------------------------


def postgres_bin() -> Path | None:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
    if found:
        return found[-1].parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


class PostgresCluster:
    def __init__(self, bin_dir: Path) -> None:
        self.bin = bin_dir
        self.root = Path(tempfile.mkdtemp(prefix="classroom-desk-pg-"))
        self.data = self.root / "data"
        self.port = free_port()
        self.as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        self._databases = 0

    def _run(self, *args: str) -> None:
        result = subprocess.run(
            [*self.as_postgres, *args], capture_output=True, text=True, check=False
        )
        if result.returncode != 0:
            raise RuntimeError(f"{args[0]} failed: {result.stdout}\n{result.stderr}")

    def start(self) -> None:
        if self.as_postgres:
            shutil.chown(self.root, user="postgres")
        self.root.chmod(0o755)
        self._run(
            str(self.bin / "initdb"), "-D", str(self.data), "-A", "trust", "-U", "postgres",
            "-E", "UTF8", "--no-sync",
        )  # fmt: skip
        options = f"-p {self.port} -k {self.root} -c listen_addresses='' -c fsync=off"
        self._run(
            str(self.bin / "pg_ctl"), "-D", str(self.data), "-o", options,
            "-l", str(self.root / "log"), "-w", "start",
        )  # fmt: skip

    def new_database(self) -> str:
        self._databases += 1
        name = f"school{self._databases}"
        self._run(
            str(self.bin / "createdb"), "-h", str(self.root), "-p", str(self.port),
            "-U", "postgres", name,
        )  # fmt: skip
        return f"postgresql+psycopg://postgres@/{name}?host={self.root}&port={self.port}"

    def stop(self) -> None:
        with contextlib.suppress(RuntimeError):
            self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop")
        shutil.rmtree(self.root, ignore_errors=True)


@contextmanager
def script_postgres(wanted: bool) -> Iterator[PostgresCluster | None]:
    """A throwaway PostgreSQL for a script (a benchmark), stopped at the end; ``None``
    when not ``wanted``. Exits with what to install when PostgreSQL is missing."""
    if not wanted:
        yield None
        return
    bin_dir = postgres_bin()
    if bin_dir is None:
        raise SystemExit("PostgreSQL is not installed (apt-get install postgresql)")
    cluster = PostgresCluster(bin_dir)
    cluster.start()
    try:
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresCluster]:
    bin_dir = postgres_bin()
    if bin_dir is None:
        pytest.skip(
            "PostgreSQL is not installed (no initdb under /usr/lib/postgresql): "
            "apt-get install postgresql to run the PostgreSQL tests"
        )
    cluster = PostgresCluster(bin_dir)
    cluster.start()
    yield cluster
    cluster.stop()


def serve_demo(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, name: str
) -> Iterator[ServerProcess]:
    """A demo server on the database kind ``request.param`` names, stopped at the end."""
    directory = tmp_path_factory.mktemp(f"{name}-{request.param}")
    if request.param == "postgresql":
        cluster: PostgresCluster = request.getfixturevalue("postgres")
        url = cluster.new_database()
    else:
        url = sqlite_url(directory)
    process = ServerProcess(url, directory)
    process.start()
    yield process
    process.stop()


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[ServerProcess]:
    """One demo server per database kind for the session (tests add, never assume empty)."""
    yield from serve_demo(request, tmp_path_factory, "server")


@pytest.fixture(params=["sqlite", "postgresql"])
def fresh_server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[ServerProcess]:
    """A demo server of its own, for a test that breaks the server's data on purpose."""
    yield from serve_demo(request, tmp_path_factory, "fresh")


@pytest.fixture(scope="session")
def sqlite_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    directory = tmp_path_factory.mktemp("server-sqlite-only")
    process = ServerProcess(sqlite_url(directory), directory)
    process.start()
    yield process
    process.stop()


# -- keyring ----------------------------------------------------------------------------


class MemoryKeyring(keyring.backend.KeyringBackend):
    """A keyring that forgets everything when the test ends."""

    priority = 10  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.items: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.items.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.items[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.items.pop((service, username), None)


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


# -- laptops ----------------------------------------------------------------------------


@dataclass
class Laptop:
    """A teacher laptop: its own store, signed in to the server as ``user``."""

    path: Path
    server_url: str
    user: str
    store: Store = field(init=False)
    actions: TeacherActions = field(init=False)
    token: str = field(init=False, default="")
    device_id: str = field(init=False, default="")

    def __post_init__(self) -> None:
        self.store = open_store(self.path)
        device = ensure_device(self.store)
        self.device_id = device.id
        self.actions = TeacherActions(self.store, device)

    def sign_in(self, password: str | None = None, *, url: str | None = None) -> None:
        result = sign_in(
            self.store,
            server_url=url or self.server_url,
            user=self.user,
            password=password or DEMO_PASSWORDS[self.user],
            device_name=f"test laptop {self.path.stem}",
        )
        self.token = result.token

    def client(self, *, url: str | None = None, **options: object) -> SyncClient:
        options.setdefault("retry", FAST_RETRY)
        return SyncClient(
            self.store,
            server_url=url or self.server_url,
            token=self.token,
            **options,  # type: ignore[arg-type]
        )

    def sync(self, *, url: str | None = None, **options: object) -> SyncReport:
        with self.client(url=url, **options) as client:
            return client.sync()

    def checksums(self) -> dict[str, tuple[int, str]]:
        sums = {}
        for spec in SYNCED_TABLES:
            cursor = self.store.connection.execute(
                f"SELECT {', '.join(spec.columns)} FROM {spec.name}"
            )
            rows = [dict(zip(spec.columns, row, strict=True)) for row in cursor]
            sums[spec.name] = table_checksum(spec, rows)
        return sums

    def outbox_states(self) -> dict[str, int]:
        return dict(
            self.store.connection.execute("SELECT state, COUNT(*) FROM outbox GROUP BY state")
        )

    def one(self, sql: str, *params: object) -> object:
        row = self.store.connection.execute(sql, params).fetchone()
        return None if row is None else row[0]

    def close(self) -> None:
        self.store.close()


def template_store(directory: Path) -> Path:
    """A migrated empty store to copy, so each laptop does not run Alembic again."""
    path = directory / "template.sqlite"
    if not path.exists():
        store = open_store(path)
        store.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        store.close()
    return path


def new_laptop(directory: Path, name: str, server_url: str, user: str, template: Path) -> Laptop:
    path = directory / f"{name}.sqlite"
    shutil.copyfile(template, path)
    return Laptop(path, server_url, user)


@contextmanager
def teacher_and_coteacher(
    directory: Path, server_url: str, *, synced: bool = True
) -> Iterator[list[Laptop]]:
    """Rivera's laptop and her co-teacher Okafor's, signed in (and synced once, so the
    roster is there, unless ``synced`` is false); closed at the end."""
    template = template_store(directory)
    made = [
        new_laptop(directory, "teacher", server_url, "rivera", template),
        new_laptop(directory, "coteacher", server_url, "okafor", template),
    ]
    try:
        for laptop in made:
            laptop.sign_in()
            if synced:
                laptop.sync()
        yield made
    finally:
        for laptop in made:
            laptop.close()


def server_checksums(database_url: str, user: str) -> dict[str, tuple[int, str]]:
    """What ``user``'s laptop should hold, computed from the server's own tables."""
    from classroom_desk.server import auth
    from classroom_desk.server.access import access_in
    from classroom_desk.server.database import make_engine, read_transaction
    from classroom_desk.server.records import scope_checksums

    engine = make_engine(database_url)
    try:
        with read_transaction(engine) as connection:
            account = auth.find_account(connection, user)
            assert account is not None
            return scope_checksums(connection, access_in(connection, account))
    finally:
        engine.dispose()


# -- a TCP proxy that breaks things ---------------------------------------------------


@dataclass
class Fault:
    kind: str = "pass"  # pass, cut_up, cut_down, delay, replay
    offset: int = 0
    delay: float = 0.0


class FaultProxy:
    """Forwards 127.0.0.1:port to the server; per connection, maybe cuts it after some
    bytes (either way), delays it, or replays the client's bytes on a new connection."""

    def __init__(self, target_port: int, *, seed: int = 0) -> None:
        self.target_port = target_port
        self.rng = random.Random(seed)
        self.fault_rate = 0.0
        self.plan: Callable[[], Fault] | None = None
        self.on_response_start: Callable[[bytes], bool] | None = None
        #: Called with each request's first bytes before it is forwarded; True cuts it.
        self.on_request: Callable[[bytes], bool] | None = None
        self.counts: dict[str, int] = {}
        self._lock = threading.Lock()
        self._listener = socket.socket()
        self._listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._listener.bind(("127.0.0.1", 0))
        self._listener.listen(64)
        self.port = int(self._listener.getsockname()[1])
        self.bytes_up = 0
        self.bytes_down = 0
        self._closed = False
        threading.Thread(target=self._accept, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def close(self) -> None:
        self._closed = True
        self._listener.close()

    def _choose(self) -> Fault:
        with self._lock:
            if self.plan is not None:
                fault = self.plan()
            elif self.rng.random() >= self.fault_rate:
                fault = Fault()
            else:
                kind = self.rng.choice(["cut_up", "cut_down", "cut_down", "delay", "replay"])
                fault = Fault(kind, self.rng.randrange(1, 3000), self.rng.uniform(0.0, 0.05))
            self.counts[fault.kind] = self.counts.get(fault.kind, 0) + 1
            return fault

    def _accept(self) -> None:
        while not self._closed:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(client,), daemon=True).start()

    def _serve(self, client: socket.socket) -> None:
        fault = self._choose()
        try:
            upstream = socket.create_connection(("127.0.0.1", self.target_port), timeout=30)
        except OSError:
            client.close()
            return
        recorded: list[bytes] = []
        done = threading.Event()

        def close_both() -> None:
            for sock in (client, upstream):
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
                with contextlib.suppress(OSError):
                    sock.close()
            done.set()

        def pump(source: socket.socket, sink: socket.socket, direction: str) -> None:
            sent = 0
            first_request = b""
            try:
                while True:
                    chunk = source.recv(65536)
                    if not chunk:
                        break
                    if direction == "up":
                        recorded.append(chunk)
                        if not first_request:
                            first_request = chunk[:64]
                        starts_request = chunk.startswith((b"POST ", b"GET "))
                        if starts_request and self.on_request and self.on_request(chunk[:64]):
                            close_both()
                            return
                    if fault.kind == "delay":
                        time.sleep(fault.delay)
                    cut = (fault.kind == "cut_up" and direction == "up") or (
                        fault.kind == "cut_down" and direction == "down"
                    )
                    hook = self.on_response_start
                    if (
                        direction == "down"
                        and sent == 0
                        and hook is not None
                        and hook(b"".join(recorded)[:64])
                    ):
                        close_both()
                        return
                    if cut and sent + len(chunk) >= fault.offset:
                        sink.sendall(chunk[: max(0, fault.offset - sent)])
                        close_both()
                        return
                    sink.sendall(chunk)
                    sent += len(chunk)
                    with self._lock:
                        if direction == "up":
                            self.bytes_up += len(chunk)
                        else:
                            self.bytes_down += len(chunk)
            except OSError:
                pass
            close_both()

        up = threading.Thread(target=pump, args=(client, upstream, "up"), daemon=True)
        down = threading.Thread(target=pump, args=(upstream, client, "down"), daemon=True)
        up.start()
        down.start()
        if fault.kind == "replay":

            def replay() -> None:
                done.wait(timeout=30)
                data = b"".join(recorded)
                if not data:
                    return
                with (
                    contextlib.suppress(OSError),
                    socket.create_connection(("127.0.0.1", self.target_port), timeout=10) as again,
                ):
                    again.sendall(data)
                    again.shutdown(socket.SHUT_WR)
                    while again.recv(65536):
                        pass

            threading.Thread(target=replay, daemon=True).start()


def server_cli(database_url: str, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    """``classroom-desk-server ARGS --database URL`` as an admin runs it."""
    return subprocess.run(
        [sys.executable, "-m", "classroom_desk.server", *args, "--database", database_url],
        input=stdin,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )


def create_principal(database_url: str, user: str, password: str) -> None:
    """A principal's account on the server's database, as an admin makes it."""
    made = server_cli(
        database_url,
        "create-teacher",
        "--username", user,
        "--given-name", "Lee",
        "--family-name", "Principal",
        "--email", f"{user}@example.invalid",
        "--role", "principal",
        "--password-stdin",
        stdin=password,
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
