"""`streamlit run` for the measurement scripts (browser_timing, screenshots, load_test) and the browser
tests (tests/browser/test_dashboard.py): a server on 127.0.0.1, headless, no file watcher, no usage
statistics, started and stopped around a `with` block."""

from __future__ import annotations

import contextlib
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Mapping
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


class ServerError(RuntimeError):
    """The server exited or did not answer its health check in time (the message ends with its log)."""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextlib.contextmanager
def serving(
    script: Path | str,
    env: Mapping[str, str],
    port: int | None = None,
    *,
    wait_s: float = 60,
    log: Path | None = None,
) -> Iterator[str]:
    """Run `streamlit run script` (cwd: the project) until the block ends; yields the base URL once the
    server answers its health check. ServerError when it exits first or after `wait_s` seconds. The
    server's output goes to `log` (quoted in the error) or is discarded."""
    port = port or free_port()
    options = {
        "server.address": "127.0.0.1",
        "server.port": str(port),
        "server.headless": "true",
        "browser.gatherUsageStats": "false",
        "server.fileWatcherType": "none",
    }
    cmd = [sys.executable, "-m", "streamlit", "run", str(script)]
    for name, value in options.items():
        cmd += [f"--{name}", value]
    with open(log, "wb") if log else contextlib.nullcontext(subprocess.DEVNULL) as out:
        proc = subprocess.Popen(cmd, cwd=ROOT, env=dict(env), stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + wait_s
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2):
                    break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    state = (
                        f"exited with {proc.returncode}"
                        if proc.poll() is not None
                        else f"not healthy after {wait_s:g} s"
                    )
                    tail = log.read_text(errors="replace")[-3000:] if log else ""
                    raise ServerError(f"streamlit run {script} {state}:\n{tail}") from None
                time.sleep(0.2)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
