"""Reliability: faults, load, cancellation, exhaustion, hostile input and secrets (docs/reliability.md)."""
