"""Figure 5: configs validated and exported per second, ours against the official SDK's types.

The peer is ``openai.types.beta.realtime.session.Session``: the SDK's pydantic model of the
same flat session shape the studio edits, so both parse identical dicts with no conversion.
(The newer ``openai.types.realtime`` request types use the nested shape; converting first
would time the conversion too.) The SDK type checks less: it accepts unknown keys, numbers
out of range and any text for tool schemas, so the ratio is the price of the strict model.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from openai.types.beta.realtime.session import Session

from bench.corpus import corpus
from bench.figures import Figure, median
from session_model.export import dumps, export_session
from studio.draft import check


def ours(config: dict[str, Any]) -> str:
    """The studio's path for one config: strict validation with plain-word problems, then the export."""
    session, problems = check(config)
    if session is None:
        raise ValueError(f"corpus config is invalid: {problems[0].message}")
    return dumps(export_session(session))


def sdk(config: dict[str, Any]) -> str:
    """The SDK's pydantic type parsing the same config and dumping what was set."""
    return dumps(Session.model_validate(config).model_dump(mode="json", exclude_unset=True))


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
    mine, peer = median(rates["ours"]), median(rates["sdk"])
    return Figure(
        "validation_throughput",
        f"5. Validation throughput: {size} realistic configs, validated and exported (ratio = SDK rate / ours)",
        ratio=peer / mine,
        rows=[
            (f"studio (strict model), median of {repeats}", f"{mine:,.0f} configs/s"),
            (f"SDK beta Session model, median of {repeats}", f"{peer:,.0f} configs/s"),
        ],
    )
