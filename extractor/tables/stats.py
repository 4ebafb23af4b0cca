"""STUB (to be replaced): statistics tables."""
from ..model import Findings


def read_stat_tables(doc, seg) -> Findings:
    return Findings()
