"""What the tests share; test modules import from here, never from one another.

- clients.py: client_of() and raw_client_of(), the one way to make each kind of client of the
  fake or moto, and FAST_RETRY, the one fast retry policy (tests derive theirs from it).
- moto.py: functions, queues, streams and mappings in moto's server.
- wire.py: bodies for the fake to serve, and what it recorded; arns.py: sources to map.
- strategies.py: Hypothesis strategies drawn from botocore's own model of Lambda.
- retries.py: stamina's record of each retry, and a policy whose hook hears them.
- cli.py: the lambda-esm command run as a subprocess, on pipes or on a terminal.
- cancel.py, leaks.py: the reliability tests' instruments (tests/reliability/test_tools.py).
"""
