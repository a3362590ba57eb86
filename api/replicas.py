"""Several API processes on one port, each with its own listening socket (SO_REUSEPORT).

uvicorn's own ``workers=N`` shares one listening socket between its processes, and whichever
wakes first accepts every connection that is waiting: eight keep-alive clients connecting at
once all went to one of two replicas, which then served them alone. With a socket each, bound with
SO_REUSEPORT, the kernel spreads the connections over the processes. Each replica is a fresh
process that builds its app from the KG_* environment; one that dies is started again.
"""

from __future__ import annotations

import multiprocessing
import signal
import socket
import time
from typing import Any

from uvicorn.config import STARTUP_FAILURE

from kg.errors import ServiceStartError

_CONTEXT = multiprocessing.get_context("spawn")
_RESTART_PAUSE = 1.0  # seconds between restarts of a replica that keeps dying


def reuse_port_supported() -> bool:
    return hasattr(socket, "SO_REUSEPORT")


def _socket(host: str, port: int) -> socket.socket:
    sock = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind((host, port))
    sock.set_inheritable(True)
    return sock


def _replica(host: str, port: int, options: dict[str, Any]) -> None:
    import uvicorn

    config = uvicorn.Config("api.app:create_app", factory=True, host=host, port=port, **options)
    uvicorn.Server(config).run(sockets=[_socket(host, port)])


def serve_replicas(replicas: int, *, host: str, port: int, options: dict[str, Any]) -> None:
    """Run ``replicas`` uvicorn servers on ``host:port`` until SIGINT or SIGTERM."""
    _socket(host, port).close()  # the port is free (else the error is here, not in a child)
    stopping = False

    def stop(*_: object) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)

    def start() -> multiprocessing.process.BaseProcess:
        process = _CONTEXT.Process(target=_replica, args=(host, port, options), name="kg-api")
        process.start()
        return process

    processes = [start() for _ in range(replicas)]
    failed = False
    while not stopping:
        time.sleep(0.2)
        for i, process in enumerate(processes):
            if process.is_alive() or stopping:
                continue
            if process.exitcode == STARTUP_FAILURE:  # the app cannot start: neither would a new one
                stopping = failed = True
                break
            time.sleep(_RESTART_PAUSE)
            processes[i] = start()
    for process in processes:
        process.terminate()
    for process in processes:
        process.join(timeout=30)
        if process.is_alive():
            process.kill()
    if failed:
        raise ServiceStartError(
            "An API replica could not start.", fix="see its log above; try `kg serve` alone"
        )
