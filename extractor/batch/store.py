"""OUTDIR's contents: records as JSON bytes (``dumps_record``), atomic writes of a file's
outputs (``write_outputs``), error records and statuses, the manifest (read, append, one
entry per input) and resume (``_existing_output``: the record already there for this
content), and the checks the parent makes before a file goes to a worker (``_precheck``)."""
from __future__ import annotations

import errno
import hashlib
import json
import os
import stat
from pathlib import Path

from ..atomic import TMP_MARK, OutDir, OutsideOutdir
from ..version import SCHEMA_VERSION
from .common import MANIFEST, OCR_WARNINGS, BatchError
from .inputs import Item, printable

try:  # a C serialiser (about 20x faster than json.dumps with indent, which is pure Python)
    import orjson as _orjson
except ImportError:  # pragma: no cover - orjson is a dependency; json gives the same bytes
    _orjson = None

# orjson would serialise dataclasses, datetimes and str/int/dict subclasses on its own terms:
# hand those to json (which gives the same bytes or raises as before)
_ORJSON_OPTS = 0
if _orjson is not None:
    _ORJSON_OPTS = (_orjson.OPT_INDENT_2 | _orjson.OPT_PASSTHROUGH_DATACLASS | _orjson.OPT_PASSTHROUGH_DATETIME
                    | _orjson.OPT_PASSTHROUGH_SUBCLASS)


def dumps_record(rec: dict) -> bytes:
    """A record as UTF-8 JSON, two-space indent, keys in insertion order, one final newline.

    orjson when it can take the record (it raises on anything unusual: non-str keys,
    integers beyond 64 bits, subclasses, dataclasses…), else ``json.dumps(indent=2)``:
    the same bytes for every record the pipeline makes (floats both in shortest
    round-trip form; they differ only in how floats below 1e-4 or from 1e16 up are
    spelt, and in NaN, which records never hold)."""
    if _orjson is not None:
        try:
            return _orjson.dumps(rec, option=_ORJSON_OPTS) + b"\n"
        except (TypeError, _orjson.JSONEncodeError):
            pass
    return (json.dumps(rec, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def clean_temp_files(outdir: Path) -> int:
    n = 0
    for root, _dirs, files in os.walk(outdir):
        for f in files:
            if f.endswith(TMP_MARK):
                try:
                    os.unlink(os.path.join(root, f))
                    n += 1
                except OSError:
                    pass
    return n


def sha256_file(path: str) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def error_record(display: str, code: str, message: str, sha: str | None) -> dict:
    from .. import output

    rec = output.error_json(display, code, message, path=None)
    rec["source"]["sha256"] = sha
    return rec


def _no_report_content(rec: dict) -> bool:
    return not rec.get("errors") and any(isinstance(w, dict) and w.get("code") == "no_report_content"
                                         for w in rec.get("warnings") or ())


def record_status(rec: dict) -> str:
    """``error`` (the record has errors), ``needs_ocr`` (no fact, and the record says pages
    had no usable text and were not OCR'd, or no OCR engine was there), else ``ok``."""
    if rec.get("errors"):
        return "error"
    if not rec.get("facts") and any(isinstance(w, dict) and w.get("code") in OCR_WARNINGS
                                    for w in rec.get("warnings") or []):
        return "needs_ocr"
    return "ok"


def write_error(e: OSError, rel: str) -> tuple[str, str]:
    """(code, message) for an output that could not be written."""
    if isinstance(e, OutsideOutdir):
        return "output_collision", str(e.strerror or e)
    if e.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return "disk_full", f"no space left to write {rel}"
    if e.errno in (errno.EISDIR, errno.ENOTDIR, errno.EEXIST, errno.ENOTEMPTY):
        return "output_collision", f"cannot write {rel}: a folder or file of another kind is in the way"
    return "write_failed", f"cannot write {rel}: {e.strerror or e}"


_OUTDIRS: dict[str, OutDir] = {}


def _outdir(real: str) -> OutDir:
    od = _OUTDIRS.get(real)
    if od is None:
        od = _OUTDIRS[real] = OutDir(real)
    return od


def write_outputs(outdir_real: str, rel_json: str, rel_text: str, rec: dict, text: str | None) -> None:
    """Write one file's results inside OUTDIR (text first, then the JSON that marks it done)."""
    od = _outdir(outdir_real)
    if text is not None:
        od.write(rel_text, text)
    od.write(rel_json, dumps_record(rec))


def safe_sha(path: str) -> str | None:
    try:
        return sha256_file(path)
    except OSError:
        return None


def read_manifest(outdir: Path, od: OutDir | None = None) -> dict[str, dict]:
    """output path -> last manifest entry (lines a kill cut short are ignored; entries
    without an output of their own, ``output_collision``, are not kept: a rerun decides
    again). With ``od`` the manifest is opened without following a symlink."""
    entries: dict[str, dict] = {}
    try:
        if od is not None:
            f = open(od.open_file(MANIFEST, os.O_RDONLY), "rb")
        else:
            f = open(outdir / MANIFEST, "rb")
        with f:
            for line in f:
                try:
                    e = json.loads(line)
                except (ValueError, UnicodeDecodeError):
                    continue
                if isinstance(e, dict) and isinstance(e.get("output"), str):
                    entries[e["output"]] = e
    except FileNotFoundError:
        pass
    return entries


def _existing_output(outdir: Path, item: Item, sha: str | None, want_text: bool) -> dict | None:
    """The record already written for this content and schema version, else None (also
    when the output is a symlink: it is never read through, the rename will replace it)."""
    p = outdir / item.out_json
    try:
        if not stat.S_ISREG(os.lstat(p).st_mode):
            return None
        rec = json.loads(p.read_bytes())
    except (OSError, ValueError):
        return None
    if not isinstance(rec, dict) or rec.get("schema_version") != SCHEMA_VERSION:
        return None
    if sha is None or (rec.get("source") or {}).get("sha256") != sha:
        return None
    if want_text and not rec.get("errors") and not os.path.isfile(outdir / item.out_text):
        return None
    return rec


def manifest_entry(item: Item, sha, status, code, seconds, message: str | None = None) -> dict:
    e = {"path": item.display, "output": item.out_json, "sha256": sha, "status": status,
         "error": code, "seconds": round(seconds, 3), "schema_version": SCHEMA_VERSION,
         "input": item.input_id}
    if message:
        e["message"] = message
    if code == "output_collision":  # the output is not this input's: it has none
        e["output"] = None
        e["wanted_output"] = item.out_json
    return e


def _manifest_append(f, entry: dict) -> None:
    _manifest_append_raw(f, (json.dumps(entry, ensure_ascii=False) + "\n").encode("utf-8"))


def _manifest_append_raw(f, data: bytes) -> None:
    f.write(data)
    f.flush()


def _foreign_owner(outdir: Path, item: Item, prev: dict) -> str | None:
    """The other input that an earlier run wrote ``item``'s output for, if any: its
    manifest entry names another input, and the output is still there. (The same content
    found at a new place, its old place gone, is the same document moved: not foreign.)"""
    old = prev.get(item.out_json)
    if not old or not old.get("input") or old["input"] == item.input_id:
        return None
    if not os.path.lexists(outdir / item.out_json):
        return None
    if not os.path.lexists(old["input"]) and old.get("sha256") and old.get("sha256") == safe_sha(item.path):
        return None
    return old.get("path") or old["input"]


def _precheck(path: str, want_sha: bool = True) -> tuple[str | None, str | None, str | None]:
    """(sha256, error code, message) — errors the parent can see without parsing.

    ``want_sha=False`` (no earlier output to compare with): the file is only opened, not
    read — the worker hashes it (the pipeline puts the sha256 in the record), so the
    parent does not read every input once more before the pool can start."""
    try:
        st = os.stat(path)
    except OSError as e:
        if e.errno == errno.ELOOP:
            return None, "symlink_loop", f"symbolic link loop: {printable(path)}"
        if e.errno in (errno.EACCES, errno.EPERM):
            return None, "unreadable", f"permission denied: {printable(path)}"
        if e.errno == errno.ENAMETOOLONG:
            return None, "unreadable", "file name too long"
        return None, "not_found", f"not a readable file: {printable(path)} ({e.strerror})"
    if not stat.S_ISREG(st.st_mode):
        return None, "unreadable", f"not a regular file: {printable(path)}"
    try:
        if not want_sha:
            os.close(os.open(path, os.O_RDONLY | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_NONBLOCK", 0)))
            return None, None, None
        return sha256_file(path), None, None
    except OSError as e:
        if e.errno in (errno.EACCES, errno.EPERM):
            return None, "unreadable", f"permission denied: {printable(path)}"
        return None, "unreadable", f"cannot read file: {e.strerror}"


def _top_file_error(outdir: Path, name: str, e: OSError) -> BatchError:
    what = outdir / name
    if e.errno == errno.ELOOP:
        return BatchError(f"{what} is a symbolic link; zwgk does not write through links: remove it")
    if e.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return BatchError(f"cannot write to output folder {outdir} ({e.strerror}): "
                          f"choose a folder you can write to")
    if e.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return BatchError(f"no space left in output folder {outdir}")
    return BatchError(f"cannot open {what}: {e.strerror or e}")
