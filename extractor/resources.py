"""Where the declarative rules live.

In a source checkout (and an editable install) they are the top-level ``patterns/``
folder; a built wheel ships the same files inside the package as
``extractor/patterns/`` (see pyproject.toml). ``ZWGK_PATTERNS`` overrides both, so a
user can run the tool with an edited copy of the rules.
"""
from __future__ import annotations

import os
import time
from functools import lru_cache
from pathlib import Path


@lru_cache(maxsize=1)
def patterns_dir() -> Path:
    env = os.environ.get("ZWGK_PATTERNS")
    if env:
        return Path(env)
    here = Path(__file__).resolve().parent
    for cand in (here.parent / "patterns", here / "patterns"):
        if (cand / "keys.yaml").is_file():
            return cand
    raise FileNotFoundError("zwgk: cannot find the patterns/ folder (set ZWGK_PATTERNS)")


def cache_dir() -> Path:
    """Where zwgk keeps what it derives once and reuses (the word guard's dictionary):
    ``ZWGK_CACHE_DIR``, else ``$XDG_CACHE_HOME/zwgk`` (``~/.cache/zwgk``), else the
    temporary folder when the home folder cannot be written."""
    env = os.environ.get("ZWGK_CACHE_DIR")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    cand = Path(base) / "zwgk"
    try:
        cand.mkdir(parents=True, exist_ok=True)
        if os.access(cand, os.W_OK):
            return cand
    except OSError:
        pass
    import tempfile

    tmp = Path(tempfile.gettempdir()) / f"zwgk-{os.getuid() if hasattr(os, 'getuid') else 'u'}"
    try:
        tmp.mkdir(mode=0o700, exist_ok=True)
    except OSError:
        pass
    return tmp


# ---------------------------------------------------------------- what is derived from the rule files, cached
#
# Parsing the rule files is a large part of a cold start (clauses.yaml alone ~15-30 ms with
# libyaml, metadata.yaml ~10 ms; ~60-100 ms over a first document), and every process
# parses the same bytes to the same data. ``load_yaml`` keeps the parsed data as a marshal
# blob in ``cache_dir()`` named by a hash of the file's bytes, of the YAML library (its
# location and file stamp: an upgrade gives a new name) and of the Python version (marshal's
# format), ~25x faster to read. A
# reader's own derived data (``read_derived``/``write_derived``: the clause reader's
# checked patterns) is named by a hash of everything it is derived from. Nothing else
# decides a blob's name, so an edited file gives another name (never a stale blob); an
# absent, unwritable or foreign-owned cache folder only means deriving every time.
# ``ZWGK_YAML_CACHE=0`` switches both off.
_BLOB_MAGIC = b"ZWGKYM01"
_BLOB_KEEP = 64   # the newest blobs of a kind kept (every pattern file, a few edits of each)


def yaml_library_stamp() -> bytes:
    """Which PyYAML would parse (its package file's path, size and time), without importing it."""
    if _STAMP:
        return _STAMP[0]
    import importlib.util

    spec = importlib.util.find_spec("yaml")
    origin = getattr(spec, "origin", None) or "?"
    try:
        st = os.stat(origin)
        _STAMP.append(f"{origin}|{st.st_size}|{st.st_mtime_ns}".encode())
    except OSError:
        _STAMP.append(origin.encode())
    return _STAMP[0]


_STAMP: list = []


def _blob_path(kind: str, parts) -> Path | None:
    """``cache_dir()/KIND-HASH.bin``, HASH of ``parts`` (bytes) and the YAML library; None
    when switched off."""
    if os.environ.get("ZWGK_YAML_CACHE", "1") == "0":
        return None
    import hashlib

    import sys

    h = hashlib.sha256(_BLOB_MAGIC + yaml_library_stamp() + sys.version.encode())  # (marshal's format)
    for p in parts:
        h.update(len(p).to_bytes(8, "little"))
        h.update(p)
    return cache_dir() / f"{kind}-{h.hexdigest()[:24]}.bin"


MISSING = object()


def read_blob(path: Path | None, magic: bytes = _BLOB_MAGIC):
    """The data of a cache blob written with ``magic`` (see store_blob), or ``MISSING``: no
    path, no file, a folder someone else owns (a shared temporary folder), another format.
    A blob read has its time set to now when it is older than ``_TOUCH_AFTER`` (its time is
    its last use: what ``store_blob`` and ``prune`` keep by)."""
    import marshal

    if path is None:
        return MISSING
    try:
        if hasattr(os, "getuid") and path.parent.stat().st_uid != os.getuid():
            return MISSING
        with open(path, "rb") as f:
            mtime = os.fstat(f.fileno()).st_mtime
            blob = f.read()
        if blob.startswith(magic):
            data = marshal.loads(blob[len(magic):])
            if time.time() - mtime > _TOUCH_AFTER:
                _touch(path)
            return data
    except (OSError, ValueError, EOFError, TypeError):
        pass
    return MISSING


# ------------------------------------------------------------------- keeping the folder bounded
#
# Every blob is named by what it is derived from, so an upgrade or an edited rule file gives
# new names and the old blobs are never read again. Two bounds (session 16, issue 11):
# ``store_blob`` keeps the ``keep`` blobs of a kind last used (read or written: ``read_blob``
# sets a blob's time when it is read, at most once a minute), and ``prune`` - run by
# ``store_blob`` at most once a day (the time of the folder's ``.pruned`` file) - removes the
# blobs of the kinds below not used for ``UNUSED_DAYS`` days and the temporary files of
# writes that were killed. Safe with other processes at once: a blob removed under a reader
# only means deriving it again (read_blob gives MISSING), a blob is replaced by a rename (a
# reader sees the old or the whole new file), and an unwritable folder only means no pruning.
_TOUCH_AFTER = 60.0
UNUSED_DAYS = 14
_PRUNE_EVERY = 86400.0
_PRUNE_STAMP = ".pruned"
# the kinds read through read_blob (the jieba dictionary keeps its current file only: wordcut)
PRUNED_KINDS = ("yaml", "clauses", "t2s", "rules", "regex")


def _touch(path: Path) -> None:
    try:
        os.utime(path)
    except OSError:
        pass


def prune(folder: Path, now: float | None = None, force: bool = False) -> int:
    """Remove from ``folder`` the blobs of ``PRUNED_KINDS`` not used for ``UNUSED_DAYS`` days
    and temporary files of killed writes older than a day; at most once a day unless
    ``force``. The number of files removed; never raises."""
    from .atomic import TMP_MARK

    now = time.time() if now is None else now
    stamp = folder / _PRUNE_STAMP
    try:
        if not force:
            try:
                if now - stamp.stat().st_mtime < _PRUNE_EVERY:
                    return 0
            except FileNotFoundError:
                pass
        stamp.touch()          # first: a process starting now does not prune the same folder again
        os.utime(stamp, (now, now))
        names = os.listdir(folder)
    except OSError:
        return 0
    removed = 0
    for name in names:
        if name.endswith(TMP_MARK):
            limit = _PRUNE_EVERY
        elif name.endswith(".bin") and name.rsplit("-", 1)[0] in PRUNED_KINDS:
            limit = UNUSED_DAYS * 86400.0
        else:
            continue
        p = folder / name
        try:
            if now - p.stat().st_mtime > limit:
                p.unlink()
                removed += 1
        except OSError:
            pass
    return removed


def store_blob(path: Path, blob: bytes, keep: int) -> None:
    """Write a cache blob atomically (a reader sees the old file or the whole new one),
    remove all but the ``keep`` blobs of its kind last used (the name before its last
    ``-``: the caches of earlier rule files) and ``prune`` the folder if it was not today.
    Raises OSError; callers treat it as no cache."""
    from .atomic import atomic_write

    atomic_write(path, blob)
    kind = path.name.rsplit("-", 1)[0]
    olds = []
    for q in path.parent.glob(f"{kind}-*.bin"):
        try:
            olds.append((q.stat().st_mtime, q))
        except OSError:   # removed by another process meanwhile
            pass
    olds.sort(key=lambda t: t[0], reverse=True)
    for _t, old in olds[keep:]:
        if old == path:
            continue
        try:
            old.unlink()
        except OSError:
            pass
    prune(path.parent)


def _write_blob(path: Path | None, data) -> None:
    """Write ``data`` as a blob; data marshal cannot hold (dates), a cache folder someone
    else owns and any failure only mean no cache."""
    import marshal

    if path is None:
        return
    try:
        if hasattr(os, "getuid") and path.parent.exists() and path.parent.stat().st_uid != os.getuid():
            return
        store_blob(path, _BLOB_MAGIC + marshal.dumps(data), _BLOB_KEEP)
    except (OSError, ValueError):
        pass


def load_yaml(path: str | os.PathLike):
    """The data of the YAML file at ``path`` (safe loader; parse errors raise as
    ``yaml.load`` raises them), from the parsed-data cache when it holds this file's
    bytes. Every call gives a fresh object (callers may change what they get)."""
    raw = Path(path).read_bytes()
    where = _blob_path("yaml", [raw])
    data = read_blob(where)
    if data is MISSING:
        import yaml

        data = yaml.load(raw.decode("utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        _write_blob(where, data)
    return data


def read_derived(kind: str, parts):
    """What ``write_derived(kind, parts, …)`` stored for these ``parts`` (bytes: the files
    and code it was derived from), or None."""
    data = read_blob(_blob_path(kind, parts))
    return None if data is MISSING else data


def write_derived(kind: str, parts, data) -> None:
    _write_blob(_blob_path(kind, parts), data)
