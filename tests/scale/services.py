"""A private PostgreSQL cluster and a private Redis on 127.0.0.1, for the scale-out test.

Each lives in its own temporary directory on a free port and is removed when the
test ends, so the test never touches a database a person or another test uses.
PostgreSQL refuses to run as root: as root we run it as Debian's `postgres` user.
"""

from __future__ import annotations

import glob
import os
import pwd
import secrets
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import create_engine, text

from tests.e2e import free_port

START_TIMEOUT_S = 60


class MissingService(RuntimeError):
    """A server program is not installed; the message says how to get it."""


def postgres_bindir() -> Path:
    """Debian keeps the server programs out of PATH, under /usr/lib/postgresql/<version>/bin."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    if initdb:
        return Path(initdb).resolve().parent
    raise MissingService("PostgreSQL's initdb is not installed (scripts/test-scale.sh installs Debian's postgresql)")


def _as_server_user(cmd: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return cmd
    try:
        pwd.getpwnam("postgres")
    except KeyError:
        raise MissingService("running as root, but there is no 'postgres' user to run PostgreSQL as") from None
    return ["runuser", "-u", "postgres", "--", *cmd]


@dataclass(frozen=True)
class Postgres:
    port: int
    user: str
    password: str

    def url(self, database: str, driver: str = "postgresql+psycopg2") -> str:
        return f"{driver}://{self.user}:{self.password}@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str, driver: str = "postgresql+psycopg2") -> str:
        """Create an empty database and return its URL (Rasa's tracker store wants plain `postgresql`)."""
        engine = create_engine(self.url("postgres"), future=True, isolation_level="AUTOCOMMIT")
        try:
            with engine.connect() as conn:
                conn.execute(text(f'CREATE DATABASE "{name}"'))
        finally:
            engine.dispose()
        return self.url(name, driver)


@contextmanager
def private_postgres(log_path: Path) -> Iterator[Postgres]:
    """initdb in a temporary directory, start on a free port of 127.0.0.1 (password login), remove on exit."""
    bindir = postgres_bindir()
    root = Path(tempfile.mkdtemp(prefix="cma-scale-pg-"))
    data, pwfile = root / "data", root / "pwfile"
    server = Postgres(port=free_port(), user="advisor", password=secrets.token_hex(12))
    pwfile.write_text(server.password + "\n")
    if os.geteuid() == 0:
        shutil.chown(root, "postgres", "postgres")
        shutil.chown(pwfile, "postgres", "postgres")
    os.chmod(root, 0o700)
    started = False
    try:
        _run(
            _as_server_user(
                [
                    str(bindir / "initdb"),
                    "-D",
                    str(data),
                    "-U",
                    server.user,
                    f"--pwfile={pwfile}",
                    "--auth=scram-sha-256",
                    "--encoding=UTF8",
                    "--locale=C",
                ]
            ),
            "initdb",
        )
        # Loopback TCP only, no Unix socket; fsync off because the cluster is thrown away afterwards.
        options = (
            f"-c listen_addresses=127.0.0.1 -p {server.port} -c unix_socket_directories='' "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        )
        _run(
            _as_server_user(
                [
                    str(bindir / "pg_ctl"),
                    "-D",
                    str(data),
                    "-o",
                    options,
                    "-l",
                    str(root / "server.log"),
                    "-w",
                    "-t",
                    str(START_TIMEOUT_S),
                    "start",
                ]
            ),
            "pg_ctl start",
        )
        started = True
        yield server
    finally:
        if started:
            subprocess.run(
                _as_server_user([str(bindir / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"]),
                stdout=subprocess.DEVNULL,
                stderr=subprocess.STDOUT,
                timeout=60,
                check=False,
            )
        if (root / "server.log").exists():
            shutil.copy(root / "server.log", log_path)
        shutil.rmtree(root, ignore_errors=True)


@dataclass(frozen=True)
class Redis:
    port: int
    password: str


@contextmanager
def private_redis(log_path: Path) -> Iterator[Redis]:
    """redis-server on a free port of 127.0.0.1, with a password and no persistence; stopped on exit."""
    binary = shutil.which("redis-server") or "/usr/bin/redis-server"
    if not os.access(binary, os.X_OK):
        raise MissingService("redis-server is not installed (scripts/test-scale.sh installs Debian's redis-server)")
    workdir = Path(tempfile.mkdtemp(prefix="cma-scale-redis-"))
    server = Redis(port=free_port(), password=secrets.token_hex(12))
    proc: subprocess.Popen | None = None
    try:
        with open(log_path, "w") as log:
            proc = subprocess.Popen(
                [
                    binary,
                    "--bind",
                    "127.0.0.1",
                    "--port",
                    str(server.port),
                    "--dir",
                    str(workdir),
                    "--save",
                    "",
                    "--appendonly",
                    "no",
                    "--requirepass",
                    server.password,
                ],
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
            )
        _wait_for_redis(server, proc, log_path)
        yield server
    finally:
        _terminate(proc)
        shutil.rmtree(workdir, ignore_errors=True)


def _wait_for_redis(server: Redis, proc: subprocess.Popen, log_path: Path) -> None:
    import redis

    client = redis.Redis(host="127.0.0.1", port=server.port, password=server.password, socket_timeout=2)
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError("redis-server exited:\n" + log_path.read_text(errors="replace")[-2000:])
        try:
            if client.ping():
                return
        except redis.RedisError:
            time.sleep(0.2)
    raise RuntimeError("redis-server did not answer PING in time")


def _terminate(proc: subprocess.Popen | None) -> None:
    """SIGTERM (a fast shutdown for redis-server and nginx), SIGKILL if it lingers."""
    if proc is not None and proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _accepts(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            return True
    except OSError:
        return False


def _run(cmd: list[str], what: str) -> None:
    done = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=120, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{what} failed (exit {done.returncode}):\n{done.stdout[-3000:]}")


@contextmanager
def private_nginx(site_conf: str, port: int, log_path: Path) -> Iterator[Path]:
    """nginx in the foreground with `site_conf` (which listens on 127.0.0.1:`port`) as its only
    site, in a temporary prefix; yields the access log, which names each request's upstream."""
    binary = shutil.which("nginx") or "/usr/sbin/nginx"
    if not os.access(binary, os.X_OK):
        raise MissingService("nginx is not installed (scripts/test-scale.sh installs Debian's nginx-light)")
    prefix = Path(tempfile.mkdtemp(prefix="cma-scale-nginx-"))
    (prefix / "site.conf").write_text(site_conf)
    temp_paths = " ".join(
        f"{kind}_temp_path {prefix / kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    (prefix / "nginx.conf").write_text(
        f"daemon off; worker_processes 1; pid {prefix / 'nginx.pid'}; error_log {log_path};\n"
        "events { worker_connections 256; }\n"
        f"http {{ log_format upstream '$remote_addr $request_uri $upstream_addr $status'; "
        f"access_log {prefix / 'access.log'} upstream; {temp_paths} include {prefix / 'site.conf'}; }}\n"
    )
    proc: subprocess.Popen | None = None
    try:
        _run([binary, "-t", "-c", str(prefix / "nginx.conf"), "-p", str(prefix)], "nginx -t")
        proc = subprocess.Popen(
            [binary, "-c", str(prefix / "nginx.conf"), "-p", str(prefix)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + START_TIMEOUT_S
        while not _accepts(port):
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("nginx did not start:\n" + log_path.read_text(errors="replace")[-2000:])
            time.sleep(0.1)
        yield prefix / "access.log"
    finally:
        _terminate(proc)
        shutil.rmtree(prefix, ignore_errors=True)
