"""The session models build their validators on first use; a first use from many threads at once is safe."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Run in a new process, so that no model has been used yet.
CODE = """
from concurrent.futures import ThreadPoolExecutor
from session_model import apis, ga, models

assert not ga.GARealtimeSession.__pydantic_complete__ and not models.RealtimeSession.__pydantic_complete__
GA = {"type": "realtime", "instructions": "Help.", "audio": {"output": {"voice": "marin", "speed": 1.1}},
      "tools": [{"type": "function", "name": "lookup", "parameters": {"type": "object"}}]}
FLAT = {"voice": "alloy", "temperature": 0.8, "turn_detection": {"type": "server_vad"}}
BAD = {"type": "realtime", "audio": {"output": {"speed": 9}}}

def one(i):
    data = (GA, FLAT, BAD)[i % 3]
    api, session, problems = apis.check(data)
    return i % 3, type(session).__name__ if session else None, tuple(tuple(p.path) for p in problems)

with ThreadPoolExecutor(12) as pool:
    answers = set(pool.map(one, range(96)))
print(sorted(answers, key=repr))
"""


def test_the_first_validations_from_many_threads_at_once_give_every_thread_the_right_answer():
    result = subprocess.run([sys.executable, "-c", CODE], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-3000:]
    answers = eval(result.stdout.strip())  # noqa: S307 - our own subprocess's printed list of tuples
    assert answers == sorted(
        [(0, "GARealtimeSession", ()), (1, "RealtimeSession", ()), (2, None, (("audio", "output", "speed"),))], key=repr
    )
