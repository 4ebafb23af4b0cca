"""STUB (to be replaced): prose pattern rules."""
from .model import Findings


def find_facts(doc, seg) -> Findings:
    return Findings()
