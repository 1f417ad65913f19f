"""Topic and sentiment ids, read from shared/src/taxonomy.ts so the TypeScript file stays the one source."""

import re
from pathlib import Path

TAXONOMY_TS = Path(__file__).resolve().parents[2] / "shared" / "src" / "taxonomy.ts"


class TaxonomyError(RuntimeError):
    pass


def _read_const_array(source: str, name: str) -> list[str]:
    match = re.search(rf"export const {name} = \[(.*?)\] as const;", source, re.S)
    if not match:
        raise TaxonomyError(f"{TAXONOMY_TS}: could not find `export const {name} = [...] as const`")
    return re.findall(r"'([a-z_]+)'", match.group(1))


_source = TAXONOMY_TS.read_text(encoding="utf-8")
TOPICS: list[str] = _read_const_array(_source, "TOPICS")
SENTIMENTS: list[str] = _read_const_array(_source, "SENTIMENTS")
LABELS: list[str] = [f"topic:{t}" for t in TOPICS] + [f"sentiment:{s}" for s in SENTIMENTS]
NUM_TOPICS = len(TOPICS)
NUM_SENTIMENTS = len(SENTIMENTS)
