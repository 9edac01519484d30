"""Running the lambda-esm command as a subprocess, on pipes or on a pseudo-terminal.

The fake server runs in the test's event loop, so the command is started with
asyncio.create_subprocess_exec and the loop keeps serving while it runs. The subprocess inherits
the dummy AWS environment of the autouse fixture in conftest.py.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from typing import TYPE_CHECKING

import pytest
from attrs import frozen

if TYPE_CHECKING:
    from lambda_esm.testing import FakeLambdaServer

PYTHON_M = (sys.executable, "-m", "lambda_esm")
# Seconds a command may run before the test fails.
TIMEOUT = 30
posix_only = pytest.mark.skipif(sys.platform == "win32", reason="needs POSIX ptys and signals")


async def finish(process: asyncio.subprocess.Process) -> tuple[bytes, bytes]:
    """What the command writes until it exits; a command still running after TIMEOUT fails.

    The failure shows every thread's stack from the command, which faulthandler writes when
    SIGABRT ends it.
    """
    try:
        return await asyncio.wait_for(process.communicate(), TIMEOUT)
    except TimeoutError:
        process.send_signal(signal.SIGABRT)
        _, err = await asyncio.wait_for(process.communicate(), TIMEOUT)
        pytest.fail(f"the command was still running after {TIMEOUT} s:\n{err.decode()}")


@frozen
class Result:
    """How a command exited, and what it wrote to each stream."""

    status: int
    stdout: str
    stderr: str


def environment(env: dict[str, str] | None) -> dict[str, str]:
    """*env*, or the test's environment without a terminal size, passed explicitly.

    readline, imported under pytest, exports COLUMNS and LINES behind os.environ's back (and
    xdist's workers inherit them into os.environ): a command that inherited them would fit
    every table to 80 columns. A test that wants a width says so.
    """
    if env is not None:
        return env
    return {k: v for k, v in os.environ.items() if k not in {"COLUMNS", "LINES"}}


async def run(
    *args: str,
    command: tuple[str, ...] = PYTHON_M,
    env: dict[str, str] | None = None,
    stdout: int = asyncio.subprocess.PIPE,
    stderr: int = asyncio.subprocess.PIPE,
) -> Result:
    """Run the command to its end and collect what it wrote."""
    process = await asyncio.create_subprocess_exec(
        *command, *args, stdout=stdout, stderr=stderr, env=environment(env)
    )
    out, err = await asyncio.wait_for(process.communicate(), TIMEOUT)
    assert process.returncode is not None
    return Result(process.returncode, (out or b"").decode(), (err or b"").decode())


def target(server: FakeLambdaServer) -> tuple[str, ...]:
    """The arguments that point the command at *server*."""
    return ("--endpoint-url", server.endpoint_url, "--region", "us-east-1")


def _read_until_closed(fd: int) -> bytes:
    chunks = []
    while True:
        try:
            chunk = os.read(fd, 65536)
        except OSError:  # EIO: every process holding the terminal has closed it
            break
        if not chunk:
            break
        chunks.append(chunk)
    return b"".join(chunks)


async def run_on_terminal(*args: str, stream: str) -> tuple[Result, str]:
    """Run the command with *stream* ("stdout", "stderr" or "both") on a pseudo-terminal.

    Returns the result, and what reached the terminal, with its \\r\\n turned back into \\n.
    """
    controller, terminal = os.openpty()
    pipe = asyncio.subprocess.PIPE
    try:
        process = await asyncio.create_subprocess_exec(
            *PYTHON_M,
            *args,
            env=environment(None),
            stdout=terminal if stream in {"stdout", "both"} else pipe,
            stderr=terminal if stream in {"stderr", "both"} else pipe,
        )
        os.close(terminal)
        screen = asyncio.create_task(asyncio.to_thread(_read_until_closed, controller))
        out, err = await asyncio.wait_for(process.communicate(), TIMEOUT)
        written = await asyncio.wait_for(screen, TIMEOUT)
    finally:
        os.close(controller)
    assert process.returncode is not None
    result = Result(process.returncode, (out or b"").decode(), (err or b"").decode())
    return result, written.decode().replace("\r\n", "\n")
