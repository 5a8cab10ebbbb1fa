"""``benchmarks/run.py`` can force the slice path at small sizes (``--batch-from-mb``,
``--batch-rows``, or ``PARPLAN_BATCH_FROM_MB`` / ``PARPLAN_BATCH_ROWS``), so the scale
benchmark's large-file path can be tried on a few million rows of a shared machine."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import scale_bench


@pytest.mark.parametrize(
    ("flags", "env", "forced"),
    [
        ((), {}, None),  # a small file: the whole-file path, nothing said
        (("--batch-from-mb", "0", "--batch-rows", "700"), {}, "from 0 MB, 700 rows"),
        ((), {"PARPLAN_BATCH_FROM_MB": "0", "PARPLAN_BATCH_ROWS": "900"}, "from 0 MB, 900 rows"),
    ],
)
def test_the_scale_bench_takes_the_slice_path_when_told(
    tmp_path: Path, flags: tuple[str, ...], env: dict[str, str], forced: str | None
) -> None:
    proc, lines = scale_bench(tmp_path, *flags, env=env)
    assert proc.returncode == 0, proc.stderr
    said = [line for line in lines if "slice path forced" in line]
    if forced is None:
        assert said == []
    else:
        assert said == [f"- slice path forced: {forced} (as for a file of 1 GiB and more)"]
    rows = [line for line in lines if line.startswith("| clean")]
    cells = [c.strip() for c in rows[0].strip("|").split("|")]
    assert cells[9] == "2,000"  # every row loaded, either way


@pytest.mark.parametrize(
    ("batch", "refused"),
    [
        (("", ""), "in_batches"),  # as the bench always ran: a small file judged whole
        (("0", "3"), "judged_whole"),  # forced: judged and written in slices of 3 rows
    ],
)
def test_the_ingest_step_takes_the_path_it_is_told(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, batch: tuple[str, str], refused: str
) -> None:
    import extractors.metrics.read as read_module
    from benchmarks.datasets import clean_long_csv
    from benchmarks.run import step_parplan_ingest

    def refuse(*_: object, **__: object) -> object:
        raise AssertionError(f"{refused} was run")

    monkeypatch.setattr(read_module, refused, refuse)
    csv = clean_long_csv(tmp_path / "clean.csv", 20)
    out = step_parplan_ingest(str(csv), str(tmp_path / "wh" / "w.duckdb"), *batch)
    assert out["counts"] == {"rows": 20, "rejects": 0}
