"""Clustering of positions (column and row boundaries of a ruled table).

One function, two behaviours kept by name because their callers are tuned to them:

* ``cluster(vals, tol)`` (born-digital tables, cell edges from pdfplumber's finder): a
  group takes the values within ``tol`` of its *first* value and is represented by it;
* ``cluster(vals, tol, chain=True, mean=True)`` (rules found in a scanned image): a
  group takes each value within ``tol`` of the *previous* one (single linkage) and is
  represented by the mean of its values.
"""
from __future__ import annotations


def cluster(vals: list[float], tol: float = 2.0, *, chain: bool = False, mean: bool = False) -> list[float]:
    """Sorted representatives of ``vals`` grouped within ``tol`` (see the module doc).

    ``chain``: a value joins the group when within ``tol`` of the group's last value
    (else of its first). ``mean``: a group is represented by its mean (else its first).
    """
    groups: list[list[float]] = []
    for v in sorted(vals):
        if groups and v - groups[-1][-1 if chain else 0] <= tol:
            groups[-1].append(v)
        else:
            groups.append([v])
    if mean:
        return [sum(g) / len(g) for g in groups]
    return [g[0] for g in groups]


def nearest_index(bounds: list[float], v: float) -> int:
    """Index of the boundary nearest to ``v`` (the first of equals)."""
    best, bd = 0, None
    for i, b in enumerate(bounds):
        d = abs(b - v)
        if bd is None or d < bd:
            best, bd = i, d
    return best
