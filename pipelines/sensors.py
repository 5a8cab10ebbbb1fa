"""The inbox sensor: each new submission is ingested exactly once.

Identity is the content: the partition key and run key are the file's SHA-256, never its
name or modification time. So a renamed identical file triggers nothing, and a corrected
file is a new partition even if it carries an old timestamp. A file still being copied
waits (``warehouse.inbox``: a quiet period, no writer, not empty, not a ``.part``-like
name). The cursor remembers each file's signature, since when, and hash, so unchanged
files are not re-read.
"""

import json
import time
from dataclasses import replace
from pathlib import Path

import dagster as dg

from pipelines.backfill import RANGE_END, RANGE_START
from pipelines.jobs import ingest_job
from pipelines.partitions import SUBMISSIONS, submissions
from pipelines.resources import SubmissionFolders, WarehouseResource
from warehouse.database import now
from warehouse.inbox import Sighting, candidates, look
from warehouse.raw_store import FileChanged, hash_file, note_submission, store_file


def scan_inbox(
    folder: Path, cursor: dict[str, list[object]], quiet: float, now: float
) -> tuple[dict[str, list[object]], list[tuple[Path, str]]]:
    """(new cursor, settled files with their hashes). Pure but for reading the folder."""
    seen: dict[str, list[object]] = {}
    settled: list[tuple[Path, str]] = []
    for path in candidates(folder):
        prev = cursor.get(str(path))
        sighting, ready = look(path, Sighting.from_json(prev) if prev else None, now, quiet)
        if ready:
            sighting = replace(sighting, sha=sighting.sha or hash_file(path))
            settled.append((path, str(sighting.sha)))
        seen[str(path)] = sighting.as_json()
    return seen, settled


@dg.sensor(
    job=ingest_job,
    minimum_interval_seconds=30,
    description="Ingest each new file of the inbox exactly once (keyed by content), once it "
    "has settled; a tick's new files load as one run, which rebuilds the models and "
    "publishes once.",
)
def inbox_sensor(
    context: dg.SensorEvaluationContext, warehouse: WarehouseResource, folders: SubmissionFolders
) -> dg.SensorResult:
    cursor = json.loads(context.cursor) if context.cursor else {}
    seen, settled = scan_inbox(folders.inbox_path(), cursor, folders.quiet_seconds, time.time())
    new_keys: list[str] = []
    names: list[str] = []
    arrived = now().isoformat()
    raw_dir = warehouse.warehouse.raw_dir
    for path, sha in settled:
        if sha in new_keys or context.instance.has_dynamic_partition(SUBMISSIONS, sha):
            continue  # already a submission (perhaps under another name)
        try:
            store_file(raw_dir, path, sha)
        except FileChanged:  # written to since it was hashed: hashed again next tick
            seen[str(path)][4] = None
            continue
        note_submission(raw_dir, sha, path, arrived)
        new_keys.append(sha)
        names.append(path.name)
    requests = []
    if new_keys:  # the keys just added are the last partitions: one range, one run
        requests.append(
            dg.RunRequest(
                run_key=",".join(new_keys),
                tags={
                    RANGE_START: new_keys[0],
                    RANGE_END: new_keys[-1],
                    "parplan/files": ", ".join(names)[:4000],
                },
            )
        )
    return dg.SensorResult(
        run_requests=requests,
        dynamic_partitions_requests=[submissions.build_add_request(new_keys)] if new_keys else [],
        cursor=json.dumps(seen, sort_keys=True),
    )
