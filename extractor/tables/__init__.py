"""Table readers: statistics tables (stats) and score tables (scores)."""
from __future__ import annotations

from ..model import Findings


def read_tables(doc, seg) -> Findings:
    out = Findings()
    from . import scores, stats

    for part in (stats.read_stat_tables(doc, seg), scores.read_score_tables(doc, seg)):
        out.facts.extend(part.facts)
        out.score_tables.extend(part.score_tables)
        out.warnings.extend(part.warnings)
        out.blocked_keys |= part.blocked_keys
    return out
