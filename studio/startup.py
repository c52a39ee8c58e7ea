"""What a new studio process does around its first page, once.

A new server's first visitor waits for two things that share one interpreter: the page's
first run (it imports and builds the session models) and the browser fetching the
hundred-odd script files of that page's widgets from the same process. Python hands the
interpreter from one thread to another every 5 ms by default, so each file request waits
behind the run's slices. For the first page, the studio hands it over every half
millisecond instead, then goes back to Python's default and loads the database code in
the background, which the first page does not need (a new tab has nothing to autosave).

Measured as ``python -m bench --only cold`` starts a server, eight cold starts each way,
interleaved: the editor drawn after 2.88 s against 3.12 s with the default interval (the
bare page: 2.29 s). Loading the database code at once instead of after the first page made
that page appear 0.2 s later (3.16 s against 2.93 s, eight each way).
"""

from __future__ import annotations

import importlib
import sys
import threading

# How often the interpreter changes threads while the first page is drawn (Python's default: 0.005 s).
FIRST_PAGE_SWITCH_INTERVAL = 0.0005  # seconds
# When the first page is drawn and its scripts fetched, counted from the start of its run.
SETTLED_AFTER = 3.0  # seconds

_timers: list[threading.Timer] = []
_lock = threading.Lock()  # two first visitors at once: one of them shortens it, remembering the default


def first_page() -> None:
    """Call at the top of every run: the first one in this process shortens the switch interval for a while."""
    if _timers:
        return
    with _lock:
        if _timers:
            return
        default = sys.getswitchinterval()
        sys.setswitchinterval(FIRST_PAGE_SWITCH_INTERVAL)
        timer = threading.Timer(SETTLED_AFTER, settle, args=(default,))
        timer.daemon = True
        _timers.append(timer)
        timer.start()


def settle(interval: float) -> None:
    """After the first page: Python's usual switch interval back, and the database code loaded."""
    sys.setswitchinterval(interval)
    if "studio.library" not in sys.modules:
        importlib.import_module("studio.library")  # a change made sooner than this loads it itself
