"""Health findings: of a mapping's own fields, and of the mapping beside what it reads from.

``_finding`` holds the value objects (a code, a severity and a sentence), ``_rules`` the rules
of one mapping and :func:`check_health`, which runs them. ``_context`` holds what a deep audit
reads (the function, the queue, the stream), and ``_sqs_rules`` and ``_context_rules`` the rules
that weigh a mapping against it, run by :func:`check_context`; ``_retrying`` holds what the
rules of streams and Kafka share. docs/inventory.md and docs/deep-audit.md list every rule
with its source.
"""

from ._context import ContextGap, FunctionFacts, MappingContext, QueueFacts, StreamFacts
from ._context_rules import check_context
from ._finding import Finding, FindingCode, Severity
from ._rules import DEFAULT_STUCK_AFTER, check_health

__all__ = [
    "DEFAULT_STUCK_AFTER",
    "ContextGap",
    "Finding",
    "FindingCode",
    "FunctionFacts",
    "MappingContext",
    "QueueFacts",
    "Severity",
    "StreamFacts",
    "check_context",
    "check_health",
]
