"""Where a request's CPU goes: a cProfile run, split into the stages of an aiobotocore request.

Each stage is the cumulative CPU of the functions that do it, wherever they are called from,
so stages never overlap: the user agent is taken out of serialising, which builds it too.
Everything not named is "the rest": the event loop, aiobotocore's call machinery, botocore's
event emitter, lambda-esm's retries and budgets. cProfile does not see the garbage collector,
so :func:`collector_seconds` times it apart, through ``gc.callbacks``.
"""

from __future__ import annotations

import contextlib
import gc
import pstats
import time
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import cProfile
    from collections.abc import Iterator

__all__ = ["STAGES", "collector_seconds", "stage_seconds"]

# (stage, file suffix, function): a stage adds up every function listed for it.
_FUNCTIONS = (
    ("user agent", "botocore/useragent.py", "to_string"),
    ("signing", "botocore/signers.py", "sign"),
    ("signing", "lambda_esm/_inventory/_signing.py", "__call__"),
    ("endpoint rules", "aiobotocore/client.py", "_resolve_endpoint_ruleset"),
    ("serialising", "aiobotocore/client.py", "_convert_to_request_dict"),
    ("sending and receiving (aiohttp)", "aiobotocore/httpsession.py", "send"),
    ("sending and receiving (aiohttp)", "aiobotocore/endpoint.py", "convert_to_response_dict"),
    ("parsing and converting", "parsers.py", "parse"),
    ("parsing and converting", "lambda_esm/_wire/_fast_body.py", "_before_parse"),
    ("credentials (AssumeRole)", "lambda_esm/_inventory/_credentials.py", "_resolve"),
)
STAGES = tuple(dict.fromkeys(stage for stage, _, _ in _FUNCTIONS))


def stage_seconds(profile: cProfile.Profile) -> dict[str, float]:
    """CPU seconds per stage, "the rest" and "total" last."""
    stats = pstats.Stats(profile)
    entries = stats.stats  # type: ignore[attr-defined]  # documented, but not in typeshed
    seconds = dict.fromkeys(STAGES, 0.0)
    # The user agent's components have a to_string each: only the outer one, which botocore
    # calls, is counted, the one that took longest.
    user_agent = max(
        (key for key in entries if key[0].endswith("useragent.py") and key[2] == "to_string"),
        key=lambda key: entries[key][3],
        default=None,
    )
    for key, (_, _, _, cumulative, callers) in entries.items():
        filename, _, function = key
        for stage, suffix, name in _FUNCTIONS:
            if function == name and filename.endswith(suffix):
                if stage == "user agent" and key != user_agent:
                    continue
                seconds[stage] += cumulative
                if stage == "user agent":
                    # botocore builds it while serialising too: count it here only.
                    seconds["serialising"] -= sum(
                        entry[3]
                        for caller, entry in callers.items()
                        if caller[2] == "_convert_to_request_dict"
                    )
    total = stats.total_tt  # type: ignore[attr-defined]  # as above
    seconds["the rest"] = total - sum(seconds.values())
    seconds["total"] = total
    return seconds


@contextlib.contextmanager
def collector_seconds() -> Iterator[list[float]]:
    """The CPU seconds the garbage collector runs in this block, in a one-item list."""
    spent = [0.0]
    started = [0.0]

    def callback(phase: str, _info: dict[str, Any]) -> None:
        if phase == "start":
            started[0] = time.process_time()
        else:
            spent[0] += time.process_time() - started[0]

    gc.callbacks.append(callback)
    try:
        yield spent
    finally:
        gc.callbacks.remove(callback)
