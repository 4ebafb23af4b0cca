"""Reading an extract OUTDIR: the per-file JSON records (foreign or broken JSON skipped with a
reason), inputs of its manifest without a result, and a document's extracted text (NAME.text.txt)."""
from __future__ import annotations

import json
import os
from pathlib import Path

MANIFEST = "manifest.jsonl"


_LIST_FIELDS = ("facts", "score_tables", "conflicts", "warnings", "errors")
_DICT_FIELDS = ("source", "document", "values")


def _check(rec) -> str | None:
    """Why ``rec`` is not a per-file JSON of ``zwgk extract`` (None when it is)."""
    if not isinstance(rec, dict) or "schema_version" not in rec or "source" not in rec:
        return "not a zwgk extract record (no schema_version/source)"
    bad = [f for f in _DICT_FIELDS if not isinstance(rec.get(f) if rec.get(f) is not None else {}, dict)]
    bad += [f for f in _LIST_FIELDS if not isinstance(rec.get(f) if rec.get(f) is not None else [], list)]
    if bad:
        return "wrong types: " + ", ".join(bad)
    return None


def load_record(fp: str):
    """(record, None) or (None, reason)."""
    try:
        with open(fp, "rb") as fh:
            data = fh.read()
    except OSError as e:
        return None, f"unreadable: {e.strerror or e}"
    try:
        rec = json.loads(data)
    except RecursionError:
        return None, "nested too deeply"
    except ValueError as e:
        what = "truncated JSON" if "Expecting" in str(e) or "Unterminated" in str(e) else "invalid JSON"
        return None, f"{what} ({e})"
    reason = _check(rec)
    return (None, reason) if reason else (rec, None)


def scan(outdir: str | os.PathLike):
    """([(doc_id, record, json_path)], [(rel_path, reason)]) for every JSON under ``outdir``."""
    outdir = Path(outdir)
    found = list_jsons(outdir)
    records, skipped = load_records(found)
    skipped.extend(manifest_gaps(outdir, found))
    return records, skipped


def list_jsons(outdir: str | os.PathLike) -> list[tuple[str, str]]:
    """[(rel_path, json_path)] of every per-file JSON under ``outdir``, in the export's order."""
    found = []
    for root, dirs, files in os.walk(outdir):
        dirs.sort()
        for f in files:
            if f.endswith(".json") and not f.startswith("."):
                found.append(os.path.join(root, f))
    out = []
    for fp in sorted(found, key=lambda s: s.encode("utf-8", "surrogateescape")):
        rel = os.path.relpath(fp, outdir).replace(os.sep, "/")
        out.append((rel.encode("utf-8", "surrogateescape").decode("utf-8", "replace"), fp))
    return out


def load_records(found: list[tuple[str, str]]):
    """([(doc_id, record, json_path)], [(rel_path, reason)]) for ``list_jsons``' entries."""
    records, skipped = [], []
    for rel, fp in found:
        rec, reason = load_record(fp)
        if rec is None:
            skipped.append((rel, reason))
            continue
        records.append((rel[:-len(".json")], rec, fp))
    return records, skipped


def manifest_gaps(outdir: str | os.PathLike, found: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """``_manifest_gaps`` for ``list_jsons``' entries."""
    found_rel = {os.path.relpath(fp, outdir).replace(os.sep, "/") for _rel, fp in found}
    return _manifest_gaps(Path(outdir), found_rel)


def _manifest_gaps(outdir: Path, found_rel: set) -> list[tuple[str, str]]:
    """Inputs of OUTDIR/manifest.jsonl (last line per input) without a result JSON: outputs
    that could not be written (disk_full, write_failed, output_collision) or were deleted."""
    latest: dict = {}
    try:
        with open(outdir / MANIFEST, encoding="utf-8", errors="replace") as f:
            for line in f:
                try:
                    e = json.loads(line)
                except (ValueError, RecursionError):
                    continue   # a line cut short by a crash: the batch ends it on its next run
                if isinstance(e, dict) and isinstance(e.get("path"), str):
                    latest[e["path"]] = e
    except OSError:
        return []
    gaps = []
    for path, e in latest.items():
        out = e.get("output")
        if isinstance(out, str) and out in found_rel:
            continue
        what = f"status {e.get('status')}" + (f", {e.get('error')}" if e.get("error") else "")
        name = out if isinstance(out, str) else path
        gaps.append((name, f"listed in {MANIFEST} ({what}) but no result JSON"))
    return gaps


def iter_records(outdir: str | os.PathLike):
    """(doc_id, record) for every per-file JSON under ``outdir``, sorted by path."""
    for doc_id, rec, _fp in scan(outdir)[0]:
        yield doc_id, rec


def dicts(v) -> list[dict]:
    return [x for x in (v if isinstance(v, list) else []) if isinstance(x, dict)]


def as_dict(v) -> dict:
    return v if isinstance(v, dict) else {}


def as_str(v):
    return v if isinstance(v, str) else None


class ExtractedText:
    """The extracted text of a document, from NAME.text.txt beside NAME.json (--emit-text)."""

    def __init__(self, json_path: str | None):
        self.path = json_path[:-len(".json")] + ".text.txt" if json_path else None
        self._text = False

    def get(self):
        if self._text is False:
            self._text = None
            if self.path:
                try:
                    with open(self.path, encoding="utf-8") as f:
                        self._text = f.read()
                except (OSError, ValueError):
                    pass
        return self._text

    def slice(self, a, b):
        t = self.get()
        if t is None or not isinstance(a, int) or not isinstance(b, int) or not 0 <= a <= b <= len(t):
            return None
        return t[a:b]
