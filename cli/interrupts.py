"""Ctrl-C while orgwork works: the search stops at once and keeps the best draft found so far.

Python runs a signal handler only when the main thread comes back to Python, and CP-SAT keeps
the main thread for the whole search; so the signal also wakes a small thread (through
`signal.set_wakeup_fd`), which asks the library's `Stopper` to stop every running search.
Inside `stoppable()` the handler only records the request, and the solve returns what it has;
outside it, Ctrl-C is a `KeyboardInterrupt`, which the commands turn into exit 130.
"""

from __future__ import annotations

import signal
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from solver.solving.stopping import Stopper, current


class Interrupts:
    """The stopper Ctrl-C triggers, and whether Ctrl-C now stops a search or the command."""

    def __init__(self) -> None:
        self.stopper = Stopper()
        self._stoppable = False

    @property
    def requested(self) -> bool:
        return self.stopper.requested

    @contextmanager
    def stoppable(self) -> Iterator[None]:
        """While the block runs, Ctrl-C stops the search instead of raising."""
        self._stoppable = True
        try:
            yield
        finally:
            self._stoppable = False

    def on_signal(self, signum, frame) -> None:
        self.stopper.request()
        if not self._stoppable:
            raise KeyboardInterrupt


@contextmanager
def catching_interrupts() -> Iterator[Interrupts]:
    """Ctrl-C handled as above while the block runs (in the main thread; elsewhere the stopper
    is current but no signal reaches it)."""
    interrupts = Interrupts()
    if threading.current_thread() is not threading.main_thread():
        with current(interrupts.stopper):
            yield interrupts
        return
    reader, writer = socket.socketpair()
    writer.setblocking(False)

    def watch() -> None:
        while True:
            try:
                data = reader.recv(16)
            except OSError:
                return
            if not data or b"\0" in data:
                return
            if signal.SIGINT in data:
                interrupts.stopper.request()

    previous_handler = signal.signal(signal.SIGINT, interrupts.on_signal)
    previous_fd = signal.set_wakeup_fd(writer.fileno(), warn_on_full_buffer=False)
    watcher = threading.Thread(target=watch, name="orgwork-interrupts", daemon=True)
    watcher.start()
    try:
        with current(interrupts.stopper):
            yield interrupts
    finally:
        signal.set_wakeup_fd(previous_fd)
        signal.signal(signal.SIGINT, previous_handler)
        try:
            writer.send(b"\0")
        except OSError:
            pass
        watcher.join(timeout=1.0)
        reader.close()
        writer.close()
