"""A benchmark step run under watch: the memory of its whole process tree and its time.

The machines the benchmarks run on are shared: a step that runs away (the 30M-row
reject-heavy load once reached 19.4 GB) must not take the machine and the other people's
work down with it. The step's process and every process it starts are sampled from
``/proc``; past the memory ceiling (their resident memory summed) or the time limit the
whole tree is killed, and the step is recorded as stopped, with where and when.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from collections.abc import Mapping, Sequence
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path

PROC = Path("/proc")
PAGE = os.sysconf("SC_PAGE_SIZE")


@dataclass(frozen=True)
class Limits:
    memory_mb: int  # the tree's resident memory, summed
    seconds: float  # wall time


@dataclass(frozen=True)
class Watched:
    returncode: int
    stdout: str
    stderr: str
    seconds: float
    tree_peak_mb: int  # the largest sum seen over the samples
    stopped: str | None  # "memory" or "time" when the watch stopped the step

    def stop_note(self) -> str:
        """How far the step went before it was stopped: "stopped at 6.1 GB after 42 s"."""
        return f"stopped at {self.tree_peak_mb / 1024:.1f} GB after {self.seconds:.0f} s"


def run_watched(
    argv: Sequence[str],
    limits: Limits,
    *,
    cwd: Path,
    env: Mapping[str, str],
    every: float = 0.2,
) -> Watched:
    """Run ``argv`` to its end or until it passes ``limits`` (checked every ``every`` s)."""
    t = time.perf_counter()
    proc = subprocess.Popen(
        list(argv),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=cwd,
        env=dict(env),
        start_new_session=True,  # its own process group: stopped as one
    )
    peak = 0
    stopped: str | None = None
    while True:
        try:
            out, err = proc.communicate(timeout=every)  # retrying loses no output
            break
        except subprocess.TimeoutExpired:
            pass
        tree = descendants(proc.pid)
        peak = max(peak, sum(rss_mb(pid) for pid in tree))
        if peak > limits.memory_mb:
            stopped = "memory"
        elif time.perf_counter() - t > limits.seconds:
            stopped = "time"
        if stopped:
            kill(proc.pid, tree)
            out, err = proc.communicate()
            break
    return Watched(proc.returncode, out, err, time.perf_counter() - t, peak, stopped)


def descendants(root: int) -> list[int]:
    """``root`` and every process under it (by parent id; a child may start its own
    process group or session, as the reader of a workbook may)."""
    children: dict[int, list[int]] = {}
    for entry in PROC.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:  # ended meanwhile
            continue
        # "pid (comm) state ppid ...": comm may hold spaces and parentheses
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(entry.name))
    tree, todo = [], [root]
    while todo:
        pid = todo.pop()
        tree.append(pid)
        todo.extend(children.get(pid, []))
    return tree


def rss_mb(pid: int) -> int:
    """A process's resident memory in MB (0 once it has ended)."""
    try:
        resident = int((PROC / str(pid) / "statm").read_text().split()[1])
    except (OSError, IndexError, ValueError):
        return 0
    return resident * PAGE // 2**20


def kill(root: int, tree: list[int]) -> None:
    """The step's process group, and any process of its tree outside it."""
    with suppress(ProcessLookupError, PermissionError):
        os.killpg(root, signal.SIGKILL)
    for pid in tree:
        with suppress(ProcessLookupError, PermissionError):
            os.kill(pid, signal.SIGKILL)
