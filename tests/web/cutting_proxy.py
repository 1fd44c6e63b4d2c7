"""A TCP proxy in front of the live server that drops the first evidence upload midway.

The browser talks to the proxy as to the server; the proxy passes bytes both ways, and on the
first connection that carries `POST …/evidence?` it resets both sides once `cut_after` bytes
of that request have gone through: the phone sees its connection drop in the middle of the
upload, as on a train, and the server sees a body that stops short.
"""

import contextlib
import socket
import struct
import threading

MARK = b"/evidence?"


class CuttingProxy:
    """with CuttingProxy("http://127.0.0.1:port", cut_after=n) as proxy: proxy.url, .uploads."""

    def __init__(self, target: str, *, cut_after: int):
        host, port = target.removeprefix("http://").split(":")
        self.target = (host, int(port))
        self.cut_after = cut_after
        self.uploads = 0  # evidence POSTs seen
        self.cut = threading.Event()
        self._lock = threading.Lock()
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self._listener.getsockname()[1]}"
        self._sockets: list[socket.socket] = []

    def __enter__(self):
        threading.Thread(target=self._accept, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self._listener.close()
        for sock in self._sockets:
            _close(sock)

    def _accept(self):
        while True:
            try:
                browser, _ = self._listener.accept()
            except OSError:
                return  # closed
            server = socket.create_connection(self.target)
            self._sockets += [browser, server]
            threading.Thread(target=self._pump, args=(browser, server, True), daemon=True).start()
            threading.Thread(target=self._pump, args=(server, browser, False), daemon=True).start()

    def _pump(self, source, sink, upstream: bool):
        sent = None  # bytes of an evidence upload passed on this connection, once one starts
        try:
            while data := source.recv(65536):
                if upstream and MARK in data and data.startswith(b"POST "):
                    with self._lock:
                        self.uploads += 1
                        if not self.cut.is_set():
                            sent = 0
                if sent is not None:
                    sent += len(data)
                    if sent > self.cut_after:
                        self.cut.set()
                        _reset(source)
                        _reset(sink)
                        return
                sink.sendall(data)
            sink.shutdown(socket.SHUT_WR)
        except OSError:
            _close(sink)


def _reset(sock):
    """Close with a TCP reset (linger 0), as a dropped mobile link looks to both ends."""
    with contextlib.suppress(OSError):
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    _close(sock)


def _close(sock):
    with contextlib.suppress(OSError):
        sock.close()
