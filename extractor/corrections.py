"""Corrections a person made on the review page (``zwgk review``), back into the data.

    from extractor.corrections import load
    corr = load("corrections.json")
    rec2 = corr.apply(doc_id, rec)            # a per-file record with the corrections applied
    gold = corr.gold_for(result, base_gold)   # a gold dict for `zwgk eval --corrections`

The file (written by the page's "download corrections.json")::

    {"format": "zwgk-corrections", "version": 1,
     "corrections": [{"document": "reports/a.pdf", "source": "reports/a.pdf", "sha256": "…",
                      "key": "applications.received", "action": "correct",
                      "old_value": 23, "new_value": 32, "note": "表三 says 32",
                      "time": "2026-12-06T10:00:00.000Z"}]}

(a bare list of corrections is read too). ``document`` is the doc_id (the result's path in
OUTDIR without ``.json``); a correction whose document is not found there is matched by the
source file's sha256. ``action``:

* ``confirm``: the value ``old_value`` is right;
* ``wrong``: the value ``old_value`` is wrong and the right one is not known: the key gets
  no value (precision over recall);
* ``correct``: the right value is ``new_value``;
* ``add``: the document states ``new_value`` for a key the extractor missed.

Typed values are checked against the key's unit type (patterns/keys.yaml): a count is an
integer ≥ 0, a change an integer, money a number in 元, a yes/no a boolean; anything else
makes the file invalid (CorrectionsError): a correction is never guessed into a value.
For one document and key the latest correction (by ``time``, then file order) holds.

Export (``apply``): ``values`` take the corrected value; the facts of the key are marked in
``review`` (confirmed / wrong / replaced / corrected / added), ``corrected_by`` (the file)
and ``review_note``; a corrected value no fact states becomes a fact of origin
``correction`` (no offsets, rule ``correction``), which is then the key's chosen fact.

Eval (``gold_for``): for a document with a gold file, the corrections override it key by
key; for a document without one, the corrections are the whole gold and every other key is
not scored. A key marked wrong counts a reported value equal to the wrong one as a false
positive and any other value as not scored.
"""
from __future__ import annotations

import copy
import json
import math
import os
from dataclasses import dataclass, field
from pathlib import Path

FORMAT = "zwgk-corrections"
ACTIONS = ("confirm", "wrong", "correct", "add")


class CorrectionsError(Exception):
    pass


@dataclass
class Correction:
    document: str
    key: str
    action: str
    old_value: object = None
    new_value: object = None
    note: str = ""
    time: str = ""
    source: str | None = None
    sha256: str | None = None

    @property
    def right_value(self):
        """The value the person says is right (None for ``wrong``)."""
        return self.old_value if self.action == "confirm" else (None if self.action == "wrong" else self.new_value)


def _same(a, b) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return abs(a - b) < 0.005 if isinstance(a, float) or isinstance(b, float) else a == b
    return a == b


def coerce(key: str, value, what: str = "value"):
    """``value`` as the type of ``key``'s unit; CorrectionsError when it is not one."""
    from .keys import unit_of

    unit = unit_of(key)
    bad = CorrectionsError(f"{key}: {what} {value!r} is not a {unit or 'value'}")
    if unit is None:  # other.* keys: a number, a string or a boolean as typed
        if value is None or isinstance(value, (list, dict)):
            raise bad
        return value
    if unit == "bool":
        if isinstance(value, bool):
            return value
        raise bad
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise bad
    if unit in ("count", "signed"):
        if isinstance(value, float):
            if not value.is_integer():
                raise bad
            value = int(value)
        if unit == "count" and value < 0:
            raise bad
        return value
    return float(value)  # money, in 元


class Corrections:
    """The corrections of one file, latest per (document, key)."""

    def __init__(self, items: list[Correction], path: str = ""):
        self.path = path
        self.name = os.path.basename(path) if path else ""
        latest: dict[tuple[str, str], tuple] = {}
        for n, c in enumerate(items):
            k = (c.document, c.key)
            if k not in latest or (c.time or "", n) >= (latest[k][0].time or "", latest[k][1]):
                latest[k] = (c, n)
        self.items = [c for c, _ in sorted(latest.values(), key=lambda x: x[1])]
        self.by_doc: dict[str, list[Correction]] = {}
        for c in self.items:
            self.by_doc.setdefault(c.document, []).append(c)

    def __len__(self) -> int:
        return len(self.items)

    # ------------------------------------------------------------------ matching
    def match(self, records: list[tuple[str, dict]]) -> tuple[dict[str, list[Correction]], list[str]]:
        """({doc_id: corrections}, [documents matched by nothing]) for (doc_id, record) pairs:
        by doc_id, else by a unique source sha256."""
        ids = {d for d, _ in records}
        by_sha: dict[str, list[str]] = {}
        for d, r in records:
            sha = (r.get("source") or {}).get("sha256") if isinstance(r.get("source"), dict) else None
            if isinstance(sha, str):
                by_sha.setdefault(sha, []).append(d)
        out: dict[str, list[Correction]] = {}
        missing = []
        for doc, cs in self.by_doc.items():
            target = doc if doc in ids else None
            if target is None:
                shas = {c.sha256 for c in cs if c.sha256}
                cands = sorted({d for s in shas for d in by_sha.get(s, [])})
                target = cands[0] if len(cands) == 1 else None
            if target is None:
                missing.append(doc)
                continue
            out.setdefault(target, []).extend(cs)
        return out, missing

    def for_file(self, rel: str, sha256: str | None) -> list[Correction]:
        """Corrections of the input file ``rel`` (a path under an eval corpus): same sha256,
        else a document or source path that is ``rel`` or ends with ``/rel``."""
        out = []
        for c in self.items:
            if c.sha256 and sha256:
                if c.sha256 == sha256:
                    out.append(c)
                continue
            for p in (c.source, c.document):
                if isinstance(p, str) and (p == rel or p.endswith("/" + rel)):
                    out.append(c)
                    break
        return out

    # ------------------------------------------------------------------ export
    def apply(self, rec: dict, corrections: list[Correction]) -> dict:
        """A copy of ``rec`` with ``corrections`` applied (see the module doc)."""
        rec = copy.copy(rec)
        values = dict(rec.get("values") or {}) if isinstance(rec.get("values"), dict) else {}
        facts = [dict(f) if isinstance(f, dict) else f for f in (rec.get("facts") or [])] \
            if isinstance(rec.get("facts"), list) else []
        by = self.path or self.name

        def mark(f: dict, review: str, c: Correction) -> None:
            f["review"], f["corrected_by"], f["review_note"] = review, by, c.note or None

        for c in corrections:
            key = c.key
            own = [f for f in facts if isinstance(f, dict) and f.get("key") == key]
            if c.action == "wrong":
                if key in values and (c.old_value is None or _same(values[key], c.old_value)):
                    del values[key]
                for f in own:
                    if _same(f.get("value"), c.old_value):
                        mark(f, "wrong", c)
                continue
            right = c.right_value
            if c.action == "confirm" and key in values and _same(values[key], right):
                from .export import chosen_index

                i = chosen_index({"values": values, "facts": facts}, key)
                if i is not None:
                    mark(facts[i], "confirmed", c)
                continue
            values[key] = right
            stating = [f for f in own if _same(f.get("value"), right)]
            for f in own:
                if not any(f is s for s in stating):
                    mark(f, "replaced", c)
            label = "added" if c.action == "add" and not own else "corrected"
            if stating:
                for f in stating:
                    mark(f, label, c)
            else:
                f = {"key": key, "value": right, "unit": None, "raw": json.dumps(right, ensure_ascii=False),
                     "origin": "correction", "page": None, "offset": None, "evidence": None,
                     "rule": "correction"}
                mark(f, label, c)
                facts.append(f)
        rec["values"], rec["facts"] = values, facts
        return rec

    def apply_all(self, records: list[tuple[str, dict, str]]) -> tuple[list[tuple[str, dict, str]], list[tuple[str, str]]]:
        """``export.scan`` records with the corrections applied, and [(file, reason)] for
        corrections that match no document."""
        matched, missing = self.match([(d, r) for d, r, _ in records])
        out = [(d, self.apply(r, matched[d]) if d in matched else r, fp) for d, r, fp in records]
        notes = [(self.name or "corrections", f"document {d!r} is not in this folder; its corrections were not applied")
                 for d in missing]
        return out, notes

    # ------------------------------------------------------------------ eval
    def gold_for(self, result: dict, corrections: list[Correction], base: dict | None) -> dict:
        """The gold to score ``result`` against: ``base`` (a gold file, or None) with the
        corrections over it."""
        pred = result.get("values") if isinstance(result.get("values"), dict) else {}
        gold = copy.deepcopy(base) if base else {"values": {}, "_ignore": []}
        gv = gold.setdefault("values", {})
        opt = gold.setdefault("_optional", {})
        ign = gold.setdefault("_ignore", [])
        for c in corrections:
            gv.pop(c.key, None)
            opt.pop(c.key, None)
            if c.key in ign:
                ign.remove(c.key)
            if c.action == "wrong":
                if c.key in pred and not _same(pred[c.key], c.old_value):
                    ign.append(c.key)
            else:
                gv[c.key] = c.right_value
        if not base:  # only the corrected keys are known: every other key is not scored
            done = {c.key for c in corrections}
            ign.extend(k for k in pred if k not in done and k not in ign)
        return gold


def _entry(n: int, e) -> Correction:
    if not isinstance(e, dict):
        raise CorrectionsError(f"correction {n}: not an object")
    doc, key, action = e.get("document"), e.get("key"), e.get("action")
    if not isinstance(doc, str) or not doc:
        raise CorrectionsError(f"correction {n}: no document")
    if not isinstance(key, str) or not key:
        raise CorrectionsError(f"correction {n}: no key")
    if action is None:  # a file without actions: a new value corrects, none confirms
        action = "confirm" if e.get("new_value") is None or _same(e.get("new_value"), e.get("old_value")) else "correct"
    if action not in ACTIONS:
        raise CorrectionsError(f"correction {n}: action {action!r} is not one of {', '.join(ACTIONS)}")
    old, new = e.get("old_value"), e.get("new_value")
    try:
        if action == "confirm":
            old = coerce(key, old, "old_value")
        elif action in ("correct", "add"):
            new = coerce(key, new, "new_value")
        if old is not None and action != "confirm":
            old = coerce(key, old, "old_value")
    except CorrectionsError as ex:
        raise CorrectionsError(f"correction {n} ({doc}): {ex}") from None
    note = e.get("note")
    return Correction(document=doc, key=key, action=action, old_value=old, new_value=new,
                      note=note if isinstance(note, str) else "", time=str(e.get("time") or ""),
                      source=e.get("source") if isinstance(e.get("source"), str) else None,
                      sha256=e.get("sha256") if isinstance(e.get("sha256"), str) else None)


def parse(data, path: str = "") -> Corrections:
    if isinstance(data, dict):
        if data.get("format") not in (None, FORMAT):
            raise CorrectionsError(f"format {data.get('format')!r} is not {FORMAT!r}")
        items = data.get("corrections")
    else:
        items = data
    if not isinstance(items, list):
        raise CorrectionsError("expected a list of corrections (or an object with \"corrections\")")
    return Corrections([_entry(n, e) for n, e in enumerate(items)], path)


def load(path: str | os.PathLike) -> Corrections:
    """Read and check a corrections file; CorrectionsError when it cannot be used."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8-sig"))
    except OSError as e:
        raise CorrectionsError(f"cannot read {path}: {e.strerror or e}") from None
    except ValueError as e:
        raise CorrectionsError(f"{path}: not JSON ({e})") from None
    return parse(data, os.fspath(path))


def file_sha256(path) -> str | None:
    """The file's sha256 (the loader's), None when it cannot be read."""
    from .load import file_sha256 as sha

    try:
        return sha(path)
    except OSError:
        return None


def corrected_files(corpus: Path, corr: Corrections, known: set[Path]) -> list[Path]:
    """Input files under ``corpus`` without a gold file that ``corr`` has corrections for."""
    from .load import SUPPORTED_EXTENSIONS

    shas = {c.sha256 for c in corr.items if c.sha256}
    out = []
    for root, dirs, files in os.walk(corpus):
        dirs.sort()
        for f in sorted(files):
            p = Path(root) / f
            if p in known or f.endswith(".gold.json") or p.suffix.lower() not in SUPPORTED_EXTENSIONS:
                continue
            rel = p.relative_to(corpus).as_posix()
            if (shas and file_sha256(p) in shas) or corr.for_file(rel, None):
                out.append(p)
    return out


__all__ = ["load", "parse", "coerce", "Corrections", "Correction", "CorrectionsError", "corrected_files",
           "FORMAT", "ACTIONS"]
