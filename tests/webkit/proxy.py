"""A TCP proxy the test can cut: WebKitGTK has no "offline" switch, so the phone talks to the
app server through this, and going offline is refusing every connection (and dropping the open
ones), exactly what a phone sees when the signal goes."""

from __future__ import annotations

import contextlib
import socket
import threading


class CuttableProxy:
    """Listens on 127.0.0.1:<port> and forwards every connection to `upstream` while not cut."""

    def __init__(self, upstream: tuple[str, int]) -> None:
        self.upstream = upstream
        self.cut = False
        self._open: set[socket.socket] = set()
        self._lock = threading.Lock()
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        self._thread = threading.Thread(target=self._accept, name="webkit-proxy", daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        # `localhost`, not an IP: WebKit treats it as a secure context (service workers).
        return f"http://localhost:{self.port}"

    def go_offline(self) -> None:
        self.cut = True
        with self._lock:
            for sock in self._open:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
            self._open.clear()

    def go_online(self) -> None:
        self.cut = False

    def close(self) -> None:
        self.go_offline()
        with contextlib.suppress(OSError):
            self._listener.close()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return  # closed
            if self.cut:
                client.close()  # the network is gone: the browser's fetch fails at once
                continue
            try:
                server = socket.create_connection(self.upstream, timeout=10)
            except OSError:
                client.close()
                continue
            with self._lock:
                self._open.update((client, server))
            for a, b in ((client, server), (server, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    def _pipe(self, src: socket.socket, dst: socket.socket) -> None:
        try:
            while data := src.recv(65536):
                dst.sendall(data)
        except OSError:
            pass
        finally:
            # Both directions end together; each thread closes the socket it read from.
            for sock in (src, dst):
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
            with self._lock:
                self._open.discard(src)
                self._open.discard(dst)
            src.close()
