"""The content-addressed raw store: every input file kept under its SHA-256.

Four verbs: hash (a file's bytes, read in blocks), copy-and-verify (a copy hashed as it
is made, refused when the file changed meanwhile), keep (give a verified copy its
content-addressed name) and the path of a hash. A file is always written under a
temporary name and renamed, so the store never holds half a file.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
from pathlib import Path

from extractors.errors import ExtractionError


class FileChanged(ExtractionError):
    """The file was written to while it was being loaded: nothing is recorded, so the next
    run loads it once it has settled."""

    REASON = "the file changed while it was being loaded; retry"


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sha256_of_file(f: io.BufferedReader) -> str:
    """The hash of an open file's bytes from its start, read in blocks (a large file is
    never held in memory, nor mapped: its pages would count as the loader's memory)."""
    f.seek(0)
    return hashlib.file_digest(f, "sha256").hexdigest()


def hash_file(path: Path) -> str:
    with path.open("rb") as f:
        return sha256_of_file(f)


def raw_path(raw_dir: Path, sha: str, suffix: str) -> Path:
    """Where the store keeps the file of hash ``sha`` (its folder is created)."""
    dest = raw_dir / sha[:2] / f"{sha}{suffix.lower()}"
    dest.parent.mkdir(parents=True, exist_ok=True)
    return dest


def find_raw(raw_dir: Path, sha: str) -> Path | None:
    """The stored file of hash ``sha``, whatever its suffix (None: not stored)."""
    found = sorted((raw_dir / sha[:2]).glob(f"{sha}*"))
    return found[0] if found else None


def store_raw(raw_dir: Path, sha: str, data: bytes, suffix: str) -> Path:
    """Keep bytes already in memory (write to a temporary name, then rename)."""
    dest = raw_path(raw_dir, sha, suffix)
    if not dest.exists():
        tmp = dest.with_name(f".{dest.name}.{os.getpid()}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, dest)
    return dest


def changed_since(path: Path, stat: os.stat_result) -> bool:
    """The file was written to since ``stat`` was taken (its size or modification time)."""
    after = path.stat()
    return (after.st_size, after.st_mtime_ns) != (stat.st_size, stat.st_mtime_ns)


def copy_raw(
    raw_dir: Path, source: Path, stat: os.stat_result, sha: str | None = None
) -> tuple[str, Path]:
    """Copy a file beside the raw store, hashing the copy: (sha256, the copy's temporary
    path; ``keep_raw`` names it by content). ``stat``: the file's stat before it was read;
    a file written to since (size or modification time differ), or whose bytes are not the
    ``sha`` hashed before, is refused rather than stored under the wrong name."""
    tmp = raw_dir / f".{source.name}.{os.getpid()}.tmp"
    tmp.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, tmp)  # in the kernel (copy_file_range / sendfile)
    with tmp.open("rb") as copy:
        copied = sha256_of_file(copy)  # the hash of what is stored, not of what was meant to be
    if changed_since(source, stat) or (sha is not None and copied != sha):
        tmp.unlink()
        raise FileChanged(str(source), FileChanged.REASON)
    return copied, tmp


def keep_raw(raw_dir: Path, sha: str, tmp: Path, suffix: str) -> Path:
    """Give a copy made by ``copy_raw`` its content-addressed name in the raw store."""
    dest = raw_path(raw_dir, sha, suffix)
    if dest.exists():
        tmp.unlink()
    else:
        os.replace(tmp, dest)
    return dest


def note_path(raw_dir: Path, sha: str) -> Path:
    """Where the store notes how a file was submitted (hidden: ``find_raw`` skips it)."""
    return raw_dir / sha[:2] / f".{sha}.json"


def note_submission(raw_dir: Path, sha: str, path: Path, arrived_at: str | None) -> None:
    """Keep, beside a raw copy a Dagster run will load, the path it was submitted under, its
    modification time and when it arrived (None: in a backfill, when it was modified). A
    file submitted again keeps its first note."""
    note = note_path(raw_dir, sha)
    if note.exists():
        return
    body = {"path": str(path), "mtime": path.stat().st_mtime, "arrived_at": arrived_at}
    tmp = note.with_name(f"{note.name}.{os.getpid()}.tmp")
    tmp.write_text(json.dumps(body, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, note)


def read_note(raw_dir: Path, sha: str) -> dict[str, object] | None:
    try:
        return dict(json.loads(note_path(raw_dir, sha).read_text(encoding="utf-8")))
    except (OSError, ValueError):
        return None


def store_file(raw_dir: Path, path: Path, sha: str | None = None) -> tuple[str, Path]:
    """Copy a file into the raw store, hashing the copy (never holding the file in
    memory): (sha256, stored path). ``sha``: the hash the file must have."""
    copied, tmp = copy_raw(raw_dir, path, path.stat(), sha)
    return copied, keep_raw(raw_dir, copied, tmp, path.suffix)


def sheet_identity(sha: str, sheet: str) -> str:
    """The identity of one sheet of a workbook whose other sheet is loaded under its hash:
    the manifest knows each by its own key (the sheet's figures are a file of their own)."""
    return hashlib.sha256(f"{sha}\0sheet\0{sheet}".encode()).hexdigest()
