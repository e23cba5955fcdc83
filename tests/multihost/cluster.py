"""Two app hosts behind nginx over one PostgreSQL and one Redis, as plain processes in a temp dir.

What docs/operations.md describes for running beyond one machine, made small enough for a test:
each gunicorn host is started exactly as boot.sh starts production (`-c python:server.gunicorn_conf`,
`DOORSTEP_ENV=production`), on its own free 127.0.0.1 port, with the same secrets; nginx is a
buffering reverse proxy round-robining over both (and saying which host answered in
`X-Upstream`); Redis backs the login throttle. Every process runs in its own process group and is
stopped (TERM, then KILL) whatever happens; every wait has a deadline.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import requests

ROOT = Path(__file__).resolve().parents[2]
#: Seconds any one process may take to start answering.
START_SECONDS = 60
SECRET = "multihost-test-secret-key-that-is-long-enough-0123456789"

NGINX_CONF = """\
{user}worker_processes 1;
pid {tmp}/nginx.pid;
error_log {tmp}/nginx-error.log warn;
events {{ worker_connections 256; }}
http {{
    access_log {tmp}/nginx-access.log;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    upstream doorstep {{
{servers}
    }}
    server {{
        listen 127.0.0.1:{port};
        client_max_body_size 10m;
        location / {{
            proxy_pass http://doorstep;
            proxy_set_header Host $host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto $scheme;
            proxy_buffering on;
            proxy_request_buffering on;
            proxy_read_timeout 60s;
            proxy_next_upstream off;
            add_header X-Upstream $upstream_addr always;
        }}
    }}
}}
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def missing_programs() -> list[str]:
    """The Debian programs this needs that are not installed (`nginx`, `redis-server`)."""
    return [name for name in ("nginx", "redis-server") if _which(name) is None]


def _which(name: str) -> str | None:
    return shutil.which(name) or shutil.which(name, path="/usr/sbin:/usr/bin")


@dataclass
class Process:
    """One started program, in its own process group, with its log."""

    name: str
    port: int
    proc: subprocess.Popen[bytes]
    log: Path

    def wait_port(self) -> None:
        deadline = time.monotonic() + START_SECONDS
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                break
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return
            except OSError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"{self.name} did not start; its log:\n{self.log.read_text()[-3000:]}")

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=10)


def start(name: str, port: int, argv: list[str], tmp: Path, env: dict[str, str] | None = None,
          ) -> Process:
    log = tmp / f"{name}.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(argv, cwd=ROOT, env=env or dict(os.environ), stdout=out,
                                stderr=subprocess.STDOUT, start_new_session=True)
    return Process(name, port, proc, log)


def start_redis(tmp: Path) -> Process:
    port = free_port()
    redis = _which("redis-server")
    assert redis is not None
    process = start("redis", port, [redis, "--port", str(port), "--bind", "127.0.0.1",
                                    "--save", "", "--appendonly", "no", "--dir", str(tmp)], tmp)
    process.wait_port()
    return process


def start_gunicorn(name: str, tmp: Path, env: dict[str, str], *, workers: int = 2,
                   timeout: int = 30) -> Process:
    """`gunicorn` as boot.sh starts it in production, on a free 127.0.0.1 port, returned once the
    app answers its health check (listening is not ready). Also used by bench/sync_bench.py."""
    port = free_port()
    gunicorn = str(Path(sys.executable).with_name("gunicorn"))
    process = start(name, port, [
        gunicorn, "-c", "python:server.gunicorn_conf", "--bind", f"127.0.0.1:{port}",
        "--workers", str(workers), "--timeout", str(timeout), "server:create_app()"], tmp, env)
    process.wait_port()
    deadline = time.monotonic() + START_SECONDS
    while True:
        try:
            if requests.get(f"http://127.0.0.1:{port}/api/health", timeout=5).status_code == 200:
                return process
        except requests.RequestException:
            pass
        if time.monotonic() > deadline or process.proc.poll() is not None:
            process.stop()
            raise RuntimeError(f"{name} is not healthy; its log:\n{process.log.read_text()[-3000:]}")
        time.sleep(0.2)


def start_host(name: str, tmp: Path, env: dict[str, str]) -> Process:
    return start_gunicorn(name, tmp, env)


def start_nginx(tmp: Path, upstreams: list[int]) -> Process:
    port = free_port()
    for sub in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (tmp / sub).mkdir(exist_ok=True)
    conf = tmp / "nginx.conf"
    conf.write_text(NGINX_CONF.format(
        user="user root;\n" if os.geteuid() == 0 else "", tmp=tmp, port=port,
        servers="\n".join(f"        server 127.0.0.1:{p} max_fails=0;" for p in upstreams)))
    nginx = _which("nginx")
    assert nginx is not None
    process = start("nginx", port, [nginx, "-p", str(tmp), "-e", str(tmp / "nginx-error.log"),
                                    "-c", str(conf), "-g", "daemon off;"], tmp)
    process.wait_port()
    return process


@dataclass
class Cluster:
    """The running cluster: URLs of each host and of the proxy in front of both."""

    hosts: list[Process]
    proxy: Process
    redis: Process

    @property
    def proxy_url(self) -> str:
        return f"http://127.0.0.1:{self.proxy.port}"

    def host_url(self, n: int) -> str:
        return f"http://127.0.0.1:{self.hosts[n].port}"


@contextmanager
def cluster(tmp: Path, database_url: str, **settings: str) -> Iterator[Cluster]:
    """Redis, two gunicorn hosts (2 workers each) and nginx; all stopped on the way out."""
    with ExitStack() as stack:
        redis = start_redis(tmp)
        stack.callback(redis.stop)
        env = {**os.environ, "DOORSTEP_ENV": "production", "DATABASE_URL": database_url,
               "SECRET_KEY": SECRET, "JWT_SECRET_KEY": SECRET,
               "RATELIMIT_STORAGE_URI": f"redis://127.0.0.1:{redis.port}/0",
               "TRUSTED_PROXIES": "1", **settings}
        hosts = []
        for name in ("host-a", "host-b"):
            host = start_host(name, tmp, env)
            stack.callback(host.stop)
            hosts.append(host)
        proxy = start_nginx(tmp, [h.port for h in hosts])
        stack.callback(proxy.stop)
        yield Cluster(hosts, proxy, redis)


class HttpClient:
    """The slice of Flask's test client that tests/sync_server/device.py uses, over HTTP."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self.session = requests.Session()
        #: The `X-Upstream` of every answer (which host the proxy chose).
        self.upstreams: list[str] = []

    def _answer(self, resp: requests.Response) -> Answer:
        self.upstreams.append(resp.headers.get("X-Upstream", ""))
        return Answer(resp)

    def get(self, path: str, query_string: dict[str, Any] | None = None,
            headers: dict[str, str] | None = None) -> Answer:
        return self._answer(self.session.get(self.base_url + path, params=query_string,
                                             headers=headers, timeout=30))

    def post(self, path: str, json: Any = None, headers: dict[str, str] | None = None) -> Answer:
        return self._answer(self.session.post(self.base_url + path, json=json, headers=headers,
                                              timeout=30))

    def patch(self, path: str, json: Any = None, headers: dict[str, str] | None = None) -> Answer:
        return self._answer(self.session.patch(self.base_url + path, json=json, headers=headers,
                                               timeout=30))


class Answer:
    """A response read like a Flask test response (`status_code`, `get_json()`, `headers`)."""

    def __init__(self, resp: requests.Response) -> None:
        self.status_code = resp.status_code
        self.headers = resp.headers
        self._resp = resp

    def get_json(self) -> Any:
        try:
            return self._resp.json()
        except ValueError:
            return {"raw": self._resp.text[:500]}
