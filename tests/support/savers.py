"""Processes that save to one library at the same moment: connected first, then released together by a pipe."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# One saver: connects, says "ready", waits for the go pipe to close, saves COUNT versions and
# prints each number once saved.
SAVER = """
import os, sys
from store import Library
url, who, count, go = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
lib = Library(url, migrate=False)
lib.personas()  # connected, so the first save does not start late by opening the database
print("ready", flush=True)
os.read(go, 1)  # blocks until the test closes the pipe's other end: every saver is released at once
for i in range(count):
    saved = lib.save("Shared", {"voice": "marin", "instructions": f"{who} take {i}"}, note=f"{who}-{i}")
    print(saved.number, flush=True)  # acknowledged: save() has returned, so the version is committed
lib.close()
"""


class StartingLine:
    """Savers that wait, connected, until ``go()`` releases all of them at the same moment."""

    def __init__(self) -> None:
        self._wait, self._release = os.pipe()
        self.processes: list[subprocess.Popen] = []

    def saver(self, url: str, who: str, count: int) -> subprocess.Popen:
        process = subprocess.Popen(
            [sys.executable, "-c", SAVER, url, who, str(count), str(self._wait)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            pass_fds=(self._wait,),
        )
        self.processes.append(process)
        return process

    def go(self) -> None:
        """Wait until every saver has said it is ready, then release them all by closing the pipe."""
        for process in self.processes:
            line = process.stdout.readline()  # type: ignore[union-attr]
            assert line == "ready\n", line + process.stderr.read()  # type: ignore[union-attr]
        os.close(self._release)

    def close(self) -> None:
        for fd in (self._wait, self._release):
            with contextlib.suppress(OSError):
                os.close(fd)
        for process in self.processes:
            if process.poll() is None:
                process.kill()
                process.wait(timeout=30)
