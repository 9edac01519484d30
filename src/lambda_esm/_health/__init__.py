"""Health findings derived from a mapping's own fields: no request, no clock but the caller's.

``_finding`` holds the value objects (a code, a severity and a sentence), ``_rules`` the rules
and :func:`check_health`, which runs them. docs/inventory.md lists every rule with its source.
"""

from ._finding import Finding, FindingCode, Severity
from ._rules import DEFAULT_STUCK_AFTER, check_health

__all__ = ["DEFAULT_STUCK_AFTER", "Finding", "FindingCode", "Severity", "check_health"]
