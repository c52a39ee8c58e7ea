"""Figure 5: configs validated and exported per second, ours against the official SDK's types.

Both sides parse the same current-API (GA) sessions (``"type": "realtime"``), with no
conversion. Ours is ``session_model.apis.check`` (the draft's target read from its type,
``GARealtimeSession`` with plain-word problems) and the export; the peer is the SDK's
pydantic ``openai.types.realtime.RealtimeSessionCreateRequest``. The SDK type checks less:
it accepts unknown keys, numbers out of range and any text for tool schemas, so the ratio
is the price of the strict model. Ours is called without the editor's per-draft cache
(``studio.draft.check``), so every config is validated on every pass.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from openai.types.realtime import RealtimeSessionCreateRequest

from bench.corpus import corpus
from bench.figures import Figure, median
from session_model.apis import check
from session_model.export import dumps, export_session


def ours(config: dict[str, Any]) -> str:
    """The studio's path for one config: strict validation with plain-word problems, then the export."""
    _, session, problems = check(config)
    if session is None:
        raise ValueError(f"corpus config is invalid: {problems[0].message}")
    return dumps(export_session(session))


def sdk(config: dict[str, Any]) -> str:
    """The SDK's pydantic type parsing the same config and dumping what was set."""
    return dumps(RealtimeSessionCreateRequest.model_validate(config).model_dump(mode="json", exclude_unset=True))


def per_second(work: Callable[[dict[str, Any]], str], configs: list[dict[str, Any]]) -> float:
    """Configs processed per second over one pass of the corpus."""
    start = time.perf_counter()
    for config in configs:
        work(config)
    return len(configs) / (time.perf_counter() - start)


def validation_throughput(size: int, repeats: int) -> Figure:
    """Passes over the corpus alternate between the two sides; medians of the passes."""
    configs = corpus(size)
    for work in (ours, sdk):  # warm-up: pydantic builds validators lazily
        per_second(work, configs[:20])
    rates: dict[str, list[float]] = {"ours": [], "sdk": []}
    for _ in range(repeats):
        rates["ours"].append(per_second(ours, configs))
        rates["sdk"].append(per_second(sdk, configs))
    return throughput_figure(rates, size)


def throughput_figure(rates: dict[str, list[float]], size: int) -> Figure:
    """Figure 5 from its samples (configs per second per pass): the SDK's median rate over ours."""
    mine, peer = median(rates["ours"]), median(rates["sdk"])
    return Figure(
        "validation_throughput",
        f"5. Validation throughput: {size} realistic GA configs, validated and exported (ratio = SDK rate / ours)",
        ratio=peer / mine,
        rows=[
            (f"studio (strict GARealtimeSession), median of {len(rates['ours'])}", f"{mine:,.0f} configs/s"),
            (f"SDK RealtimeSessionCreateRequest, median of {len(rates['sdk'])}", f"{peer:,.0f} configs/s"),
        ],
    )
