"""The inbox sensor: each new submission is ingested exactly once.

Identity is the content: the partition key and run key are the file's SHA-256, never its
name or modification time. So a renamed identical file triggers nothing, and a corrected
file is a new partition even if it carries an old timestamp. A file still being copied
(its size, mtime or ctime changed since the last tick, or a ``.part``-like name) waits.
The cursor remembers each file's signature and hash so unchanged files are not re-read.
"""

import json
from pathlib import Path

import dagster as dg

from pipelines.jobs import ingest_job
from pipelines.partitions import SUBMISSIONS, submissions
from pipelines.resources import SubmissionFolders, WarehouseResource
from warehouse.files import expand_paths
from warehouse.raw_store import FileChanged, hash_file, store_file


def signature(path: Path) -> list[int]:
    st = path.stat()
    return [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino]


def scan_inbox(
    folder: Path, cursor: dict[str, list[object]]
) -> tuple[dict[str, list[object]], list[tuple[Path, str]]]:
    """(new cursor, settled files with their hashes). Pure but for reading the folder."""
    seen: dict[str, list[object]] = {}
    settled: list[tuple[Path, str]] = []
    for path in expand_paths([folder]) if folder.exists() else []:
        sig = signature(path)
        prev = cursor.get(str(path))
        if prev is None or prev[:4] != sig:  # new or still changing: look again next tick
            seen[str(path)] = [*sig, None]
            continue
        sha = prev[4] if prev[4] else hash_file(path)
        seen[str(path)] = [*sig, sha]
        settled.append((path, str(sha)))
    return seen, settled


@dg.sensor(
    job=ingest_job,
    minimum_interval_seconds=30,
    description="Ingest each new file of the inbox exactly once (keyed by content).",
)
def inbox_sensor(
    context: dg.SensorEvaluationContext, warehouse: WarehouseResource, folders: SubmissionFolders
) -> dg.SensorResult:
    cursor = json.loads(context.cursor) if context.cursor else {}
    seen, settled = scan_inbox(folders.inbox_path(), cursor)
    requests, new_keys = [], []
    for path, sha in settled:
        if sha in new_keys or context.instance.has_dynamic_partition(SUBMISSIONS, sha):
            continue  # already a submission (perhaps under another name)
        try:
            store_file(warehouse.warehouse.raw_dir, path, sha)
        except FileChanged:  # written to since it was hashed: hashed again next tick
            seen[str(path)][4] = None
            continue
        new_keys.append(sha)
        requests.append(
            dg.RunRequest(partition_key=sha, run_key=sha, tags={"parplan/file": path.name})
        )
    return dg.SensorResult(
        run_requests=requests,
        dynamic_partitions_requests=[submissions.build_add_request(new_keys)] if new_keys else [],
        cursor=json.dumps(seen, sort_keys=True),
    )
