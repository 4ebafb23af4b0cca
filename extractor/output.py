"""Shape the per-document JSON of SCHEMA.md."""
from __future__ import annotations

import os

from .model import Document
from .version import SCHEMA_VERSION


# Bounds on one document's JSON (a 50 MB one-line page once gave 919,802 facts, a 286 MB
# JSON): beyond them the rest is dropped with a ``facts_capped`` warning. Facts that back a
# value are kept first, so ``values`` stays fully backed.
MAX_FACTS = 5000
MAX_WARNINGS = 5000
MAX_CONFLICTS = 1000
MAX_CANDIDATES = 100  # candidate values listed in one conflict
MAX_MESSAGE = 2000   # characters of one warning message (a conflict listing thousands of figures)


def _short(w: dict) -> dict:
    m = w.get("message")
    if isinstance(m, str) and len(m) > MAX_MESSAGE:
        w["message"] = m[:MAX_MESSAGE] + f"… ({len(m) - MAX_MESSAGE} more characters)"
    return w


def _cap_facts(facts: list, values: dict) -> tuple[list, int]:
    if len(facts) <= MAX_FACTS:
        return facts, 0
    backing: set[int] = set()
    seen: set = set()
    for i, f in enumerate(facts):
        if f.key in values and f.key not in seen and f.value == values[f.key]:
            seen.add(f.key)
            backing.add(i)
    keep = set(sorted(backing)[:MAX_FACTS])
    for i in range(len(facts)):
        if len(keep) >= MAX_FACTS:
            break
        keep.add(i)
    return [f for i, f in enumerate(facts) if i in keep], len(facts) - len(keep)


def document_json(doc: Document, meta: dict, result: dict) -> dict:
    from .model import Warning_

    facts, dropped = _cap_facts(result["facts"], result["values"])
    values = result["values"]
    if dropped:
        kept = {f.key for f in facts}
        values = {k: v for k, v in values.items() if k in kept}
    warnings = [_short(w.to_dict()) for w in doc.warnings] + [_short(w.to_dict()) for w in result["warnings"]]
    conflicts = result["conflicts"]
    notes = []
    if dropped:
        notes.append(f"{dropped + len(facts)} facts: only {len(facts)} kept (the cap per document); "
                     f"this is probably not one report")
    if len(conflicts) > MAX_CONFLICTS:
        notes.append(f"{len(conflicts)} conflicts: only the first {MAX_CONFLICTS} kept")
        conflicts = conflicts[:MAX_CONFLICTS]
    long = [c for c in conflicts if isinstance(c, dict) and len(c.get("candidates") or ()) > MAX_CANDIDATES]
    if long:
        notes.append(f"{len(long)} conflict(s) with more than {MAX_CANDIDATES} candidate values: "
                     f"only the first {MAX_CANDIDATES} of each kept")
        # (the test of ``long`` again, per conflict: ``c in long`` compared every conflict
        # with every long one)
        conflicts = [dict(c, candidates=c["candidates"][:MAX_CANDIDATES])
                     if isinstance(c, dict) and len(c.get("candidates") or ()) > MAX_CANDIDATES else c
                     for c in conflicts]
    if len(warnings) > MAX_WARNINGS:
        notes.append(f"{len(warnings)} warnings: only the first {MAX_WARNINGS} kept")
        warnings = warnings[:MAX_WARNINGS]
    if notes:
        warnings.insert(0, Warning_("facts_capped", "; ".join(notes)).to_dict())
    return {
        "schema_version": SCHEMA_VERSION,
        "source": doc.source.to_dict(),
        "document": meta,
        "values": values,
        "facts": [f.to_dict() for f in facts],
        "score_tables": [t.to_dict() for t in result["score_tables"]],
        "conflicts": conflicts,
        "warnings": warnings,
        "errors": [],
    }


def error_json(shown_path: str, code: str, message: str, path: str | os.PathLike | None = None) -> dict:
    from .load import file_sha256, format_of

    sha = None
    if path is not None:
        try:
            sha = file_sha256(path)
        except OSError:
            sha = None
    return {
        "schema_version": SCHEMA_VERSION,
        "source": {"path": shown_path, "sha256": sha, "format": format_of(shown_path),
                   "pages": None, "encoding": None, "ocr": False},
        "document": {"kind": None, "title": None, "agency": None, "year": None,
                     "date": None, "template": None},
        "values": {},
        "facts": [],
        "score_tables": [],
        "conflicts": [],
        "warnings": [],
        "errors": [{"code": code, "message": message}],
    }
