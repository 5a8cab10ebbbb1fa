"""Progress of an ingest batch on stderr: a bar on a terminal, one line per file in logs.

On a terminal (stderr is a TTY) a tqdm bar counts the batch's bytes, names the file being
loaded and keeps a tally (new / unchanged / quarantined); a quarantined file's reason is
printed above the bar. Elsewhere (CI, cron, Dagster logs) each file gets one line when it
is done, and a large file one more line when it starts, so a long load never looks hung.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path
from typing import TextIO

from tqdm import tqdm

from warehouse.manifest import FileResult, Outcome

LARGE_FILE = 50 * 1024 * 1024  # bytes: say when loading such a file starts


def describe(result: FileResult) -> str:
    """ "new     metrics so_lieu.csv  (1200 rows, 3 rejected)" """
    detail = f"{result.rows} rows" if result.status == Outcome.NEW else (result.error or "")
    if result.rejects:
        detail += f", {result.rejects} rejected"
    line = f"{result.said:11} {result.kind:7} {Path(result.path).name}"
    return line + (f"  ({detail})" if detail else "")


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


class BatchProgress:
    """``warehouse.ingest.Progress`` for the command line."""

    def __init__(self, stream: TextIO | None = None, bar: bool | None = None) -> None:
        self.stream = stream or sys.stderr
        self.bar_wanted = self.stream.isatty() if bar is None else bar
        self.bar: tqdm | None = None
        self.sizes: dict[Path, int] = {}
        self.tally: Counter[str] = Counter()
        self.done = 0

    def begin(self, files: list[Path]) -> None:
        self.sizes = {f: _size(f) for f in files}
        self.total = len(files)
        if self.bar_wanted and files:
            self.bar = tqdm(
                total=sum(self.sizes.values()),
                unit="B",
                unit_scale=True,
                unit_divisor=1024,
                file=self.stream,
                desc=f"0/{len(files)} files",
                dynamic_ncols=True,
            )

    def file_started(self, path: Path) -> None:
        if self.bar is not None:
            self.bar.set_postfix_str(path.name[-40:], refresh=True)
        elif self.sizes.get(path, 0) >= LARGE_FILE:
            mb = self.sizes[path] / 2**20
            print(
                f"[{self.done + 1}/{self.total}] loading {path.name} ({mb:,.0f} MB) ...",
                file=self.stream,
                flush=True,
            )

    def file_done(self, result: FileResult) -> None:
        self.done += 1
        self.tally[result.status] += 1
        if self.bar is None:
            print(f"[{self.done}/{self.total}] {describe(result)}", file=self.stream, flush=True)
            return
        if result.status == Outcome.QUARANTINED:
            self.bar.write(describe(result), file=self.stream)
        self.bar.set_description(f"{self.done}/{self.total} files")
        self.bar.update(self.sizes.get(Path(result.path), 0))
        if self.done == self.total:
            self.bar.set_postfix_str(
                ", ".join(f"{n} {s}" for s, n in sorted(self.tally.items())), refresh=True
            )
            self.bar.close()
