"""Resumable steps: a step's output folder is reused when the hash of its inputs matches, and is only ever
replaced whole (built in a temporary sibling, then renamed), so an interrupted run leaves nothing half-written."""

import hashlib
import json
import shutil
from collections.abc import Callable
from pathlib import Path

MARKER = ".step.json"


def file_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def tree_hash(path: Path) -> str:
    """Hash of every file under a folder (names and bytes), or of one file."""
    if path.is_file():
        return file_hash(path)
    digest = hashlib.sha256()
    for f in sorted(p for p in path.rglob("*") if p.is_file() and p.name != MARKER):
        digest.update(str(f.relative_to(path)).encode())
        digest.update(file_hash(f).encode())
    return digest.hexdigest()


def key_hash(key: dict) -> str:
    return hashlib.sha256(json.dumps(key, sort_keys=True, default=str).encode()).hexdigest()


def run_step(name: str, out_dir: Path, key: dict, build: Callable[[Path], None]) -> Path:
    """Runs `build(tmp_dir)` unless `out_dir` already holds the output for this `key`."""
    want = key_hash(key)
    marker = out_dir / MARKER
    if marker.exists() and json.loads(marker.read_text()).get("hash") == want:
        print(f"[{name}] up to date, skipping ({out_dir})")
        return out_dir
    print(f"[{name}] running -> {out_dir}")
    tmp = out_dir.with_name(out_dir.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    build(tmp)
    (tmp / MARKER).write_text(json.dumps({"step": name, "hash": want}, indent=2))
    shutil.rmtree(out_dir, ignore_errors=True)
    tmp.rename(out_dir)
    return out_dir
