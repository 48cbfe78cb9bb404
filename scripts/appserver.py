"""`streamlit run` for the measurement scripts (browser_timing, screenshots, load_test): a server on
127.0.0.1, headless, no file watcher, no usage statistics, started and stopped around a `with` block."""

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


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextlib.contextmanager
def serving(script: Path | str, env: Mapping[str, str], port: int | None = None, *,
            wait_s: float = 60) -> Iterator[str]:  # fmt: skip
    """Run `streamlit run script` (cwd: the project) until the block ends; yields the base URL once the
    server answers its health check (RuntimeError after `wait_s` seconds)."""
    port = port or free_port()
    cmd = [sys.executable, "-m", "streamlit", "run", str(script), "--server.address", "127.0.0.1",
           "--server.port", str(port), "--server.headless", "true", "--browser.gatherUsageStats", "false",
           "--server.fileWatcherType", "none"]  # fmt: skip
    proc = subprocess.Popen(cmd, cwd=ROOT, env=dict(env), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + wait_s
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2):
                    break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"streamlit run {script} did not start (exit code {proc.poll()})") from None
                time.sleep(0.5)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
