"""Compiled regex programs kept on disk (issue 11, session 11: the warm-up's compile work).

Both engines compile a pattern in two steps: a parser written in Python turns the source
into a *program* (a list of ints, the group names, the required literal …), then the C
engine builds the pattern object from it (``_regex.compile`` for ``regex``,
``_sre.compile`` for ``re``). The program is a function of the source, the flags and the
engine's version only. A batch's warm-up compiles every rule and template pattern once
(~1,600 sources, ~0.55 s of CPU: most of what the whole process tree pays beyond the
per-document work); a fresh process compiles those its document needs. Here the programs
the warm-up's compiles produced are kept in ``resources.cache_dir()``, and a later process
hands a stored program straight to the C engine, which builds the same object the parser
would have built (the parser is skipped, nothing else).

``install()`` (once per process, ``pipeline`` calls it) wraps the two engines' private
compile steps: ``regex._main._compile`` (every ``regex.compile``/``regex.search``… goes
through it) and ``re._compiler.compile`` (what ``re`` calls when its own cache misses). A
source with a stored program is built from it (``regex``: kept per process as its own
cache would keep it); any other compiles as ever. Inside ``recording()`` (the batch
warm-up, ``batch.worker.warm_up``) the program each compile hands to the C engine is
noted (the C module is proxied for that one call), and when it ends the programs this
process used are written, if its misses cost more than ``SAVE_AFTER`` seconds of compiling
or there is no file yet (a source that differs between processes, e.g. an alternation
built from a set, costs a compile each time, not a write). Never stored: bytes patterns,
``regex`` patterns with named lists (keyword arguments), LOCALE or DEBUG.

The file (``regex-HASH.bin``) is named by a hash of the Python version, ``_sre.MAGIC``,
the ``regex`` version and the files of both engines' parsers and C modules (path, size,
time): another engine never reads it. An absent, unreadable, foreign-owned or damaged
file only means compiling. ``ZWGK_REGEX_CACHE=0`` switches it off (nothing read or
written; the wrappers then only pass through).
"""
from __future__ import annotations

import os
import sys
import threading
import time
from contextlib import contextmanager, nullcontext

_MAGIC = b"ZWGKRX01"
_KEEP = 4             # files of earlier engines kept beside the current one
SAVE_AFTER = 0.05     # seconds of compiling that the misses of a recording must cost to rewrite the file

_lock = threading.RLock()
# table: key -> marshal blob of the program (None: not loaded yet); memo: key -> regex
# pattern built from a stored program; notes: key -> blob recorded (None: not recording);
# used: keys of the table read while recording; stats: counters (tests)
# complete: the recording running is a batch warm-up's (everything the tool compiles);
# recorded: a batch warm-up's recording ran in this process or the one it was forked from
_S: dict = {"installed": False, "table": None, "path": False, "memo": {}, "notes": None, "used": None,
            "miss_cpu": 0.0, "complete": True, "recorded": False,
            "stats": {"hits": 0, "misses": 0, "recorded": 0, "writes": 0}}
# a table a partial recording (one document's compiles) adds to is kept whole up to this
# many entries (the warm-up's ~1,600 and a few hundred built from documents); beyond it only
# what this process used goes back with its notes
_TABLE_LIMIT = 4000


def enabled() -> bool:
    return os.environ.get("ZWGK_REGEX_CACHE", "1") != "0"


def _stamp(path) -> str:
    try:
        st = os.stat(path)
        return f"{path}|{st.st_size}|{st.st_mtime_ns}"
    except (OSError, TypeError):
        return f"{path}|-"


def _digest(path) -> str:
    import hashlib

    try:
        with open(path, "rb") as f:
            return "sha256:" + hashlib.sha256(f.read()).hexdigest()
    except (OSError, TypeError):
        return f"{path}|-"


def cache_path():
    """Where this process's engines' programs are kept (None: switched off)."""
    if not enabled():
        return None
    import hashlib

    import _sre
    import re._compiler
    import re._parser

    import regex
    import regex._main
    import regex._regex
    import regex._regex_core

    from ..resources import cache_dir

    h = hashlib.sha256(_MAGIC)
    parts = [sys.version, str(_sre.MAGIC), str(getattr(regex, "__version__", "?"))]
    parts += [_stamp(getattr(m, "__file__", None)) for m in (re._compiler, re._parser, regex._main,
                                                                regex._regex_core, regex._regex)]
    # (required.py beside this file: the literals ``derived`` keeps are what it makes of a
    # source) by its bytes, not its place and time (session 16): every checkout, worktree or
    # reinstall of the same code shares one file, and a checkout that rewrites it unchanged
    # does not start without one
    parts.append(_digest(os.path.join(os.path.dirname(os.path.abspath(__file__)), "required.py")))
    h.update("\n".join(parts).encode("utf-8", "surrogatepass"))
    return cache_dir() / f"regex-{h.hexdigest()[:24]}.bin"


def _path():
    if _S["path"] is False:
        try:
            _S["path"] = cache_path()
        except Exception:  # an engine of another layout: no cache
            _S["path"] = None
    return _S["path"]


def _table() -> dict:
    table = _S["table"]
    if table is None:
        with _lock:
            table = _S["table"]
            if table is None:
                table = {}
                path = _path() if enabled() else None
                if path is not None:
                    from ..resources import MISSING, read_blob

                    data = read_blob(path, _MAGIC)
                    if data is not MISSING and isinstance(data, dict):
                        table = data
                _S["table"] = table
    return table


def _plain(x):
    """``x`` with int subclasses (IntFlag, re's named constants) as ints: what marshal takes."""
    if x is None or isinstance(x, (bool, float, str, bytes)):
        return x
    if isinstance(x, int):
        return int(x)
    if isinstance(x, list):
        try:  # a program's code: ints (and int subclasses) only, converted in one C loop
            return list(map(int, x)) if x and type(x[0]) is not str else [_plain(y) for y in x]
        except (TypeError, ValueError):
            return [_plain(y) for y in x]
    if isinstance(x, tuple):
        return tuple(_plain(y) for y in x)
    if isinstance(x, dict):
        return {_plain(k): _plain(v) for k, v in x.items()}
    raise TypeError(f"not a program part: {type(x).__name__}")


_ABSENT = object()


def _stored(key, valid=None):
    """The value kept in the table under ``key`` (noted as used), or ``_ABSENT`` when there is
    none, it does not unmarshal, or ``valid(value)`` is false."""
    blob = _table().get(key)
    if blob is None:
        return _ABSENT
    import marshal

    try:
        val = marshal.loads(blob)
    except (ValueError, EOFError, TypeError):
        return _ABSENT
    if valid is not None and not valid(val):
        return _ABSENT
    if _S["used"] is not None:
        _S["used"].add(key)
    return val


def _is_program(val) -> bool:
    return isinstance(val, tuple)


def _is_refusal(val) -> bool:
    return isinstance(val, tuple) and len(val) == 3 and isinstance(val[0], str)


def _program(key):
    """The stored program of ``key`` (a tuple of the C engine's arguments after the
    source), or None."""
    args = _stored(key, _is_program)
    return None if args is _ABSENT else args


class _Capture:
    """Stands in for an engine's C module during one compile: notes the arguments of its
    ``compile`` and passes every call and attribute through."""

    def __init__(self, module):
        self.module = module
        self.calls = []

    def __getattr__(self, name):
        return getattr(self.module, name)

    def compile(self, *args):
        self.calls.append(args)
        return self.module.compile(*args)


def _note(key, source, capture: _Capture, check) -> None:
    """Record the program of ``source`` if its compile made exactly one C call for it and the
    program survives marshal unchanged (``check(args)``: whether it may be stored)."""
    import marshal

    calls = [c for c in capture.calls if c and c[0] is source]
    if len(calls) != 1 or not check(calls[0]):
        return
    try:
        args = _plain(calls[0][1:])
        blob = marshal.dumps(args)
    except (TypeError, ValueError):
        return
    if marshal.loads(blob) != tuple(calls[0][1:]):
        return
    _S["notes"][key] = blob
    _S["stats"]["recorded"] += 1


def _refusal(key):
    """(message, with the pattern, position) of the ``re.error`` the stdlib parser raised for
    ``key``'s source when it was recorded, or None."""
    val = _stored(("refused",) + key, _is_refusal)
    return None if val is _ABSENT else val


def _note_refusal(key, err, source) -> None:
    """Record that ``re`` refuses ``key``'s source with ``err`` (deterministic: a function of
    the source, the flags and the parser, as a program is)."""
    import marshal

    if _S["notes"] is None or not isinstance(err.msg, str) or err.pattern not in (None, source):
        return
    if not (err.pos is None or type(err.pos) is int):
        return
    _S["notes"][("refused",) + key] = marshal.dumps((err.msg, err.pattern is not None, err.pos))
    _S["stats"]["recorded"] += 1


def derived(kind: str, source: str, compute):
    """``compute(source)``, kept in the table beside the programs (``kind`` names the
    function): what a function of a source alone (and of the files that name the table)
    makes of it, e.g. ``regexkit.required``'s literals, which the warm-up derives for ~120
    label sources (~25 ms) at every start. The value must be one marshal keeps exactly
    (None, str, tuples of them). Read from the table when there, else computed (and noted
    while recording)."""
    if not enabled() or type(source) is not str:
        return compute(source)
    import marshal

    key = ("derived", kind, source)
    val = _stored(key)
    if val is not _ABSENT:
        return val
    t0 = time.perf_counter()
    val = compute(source)
    with _lock:
        if _S["notes"] is not None:
            _S["miss_cpu"] += time.perf_counter() - t0
            try:
                blob = marshal.dumps(val)
                if marshal.loads(blob) == val:
                    _S["notes"][key] = blob
            except (TypeError, ValueError):
                pass
    return val


def _params(fn) -> tuple:
    """The positional parameter names of ``fn`` (a wrapper must take exactly these: an
    engine whose compile step takes others is left alone)."""
    code = getattr(fn, "__code__", None)
    return tuple(code.co_varnames[:code.co_argcount]) if code is not None else ()


_REGEX_PARAMS = ("pattern", "flags", "ignore_unused", "kwargs", "cache_it")


# ------------------------------------------------------------------------------- regex


def _install_regex() -> bool:
    try:
        import regex
        import regex._main as main
    except ImportError:
        return False
    orig = getattr(main, "_compile", None)
    cmod = getattr(main, "_regex", None)
    if orig is None or cmod is None or not hasattr(cmod, "compile") or _params(orig) != _REGEX_PARAMS:
        return False
    skip = int(regex.DEBUG) | int(regex.LOCALE)
    locale_flag = int(regex.LOCALE)
    memo = _S["memo"]

    def compile_(pattern, flags, ignore_unused, kwargs, cache_it):
        if kwargs or type(pattern) is not str or not isinstance(flags, int) or int(flags) & skip or not enabled():
            return orig(pattern, flags, ignore_unused, kwargs, cache_it)
        key = ("regex", pattern, int(flags), int(getattr(sys.modules.get("regex", regex), "DEFAULT_VERSION", 0)))
        rx = memo.get(key)
        if rx is not None:
            return rx
        args = _program(key)
        if args is not None:
            try:
                rx = cmod.compile(pattern, *args)
            except Exception:  # a damaged entry: compile from the source
                rx = None
            if rx is not None:
                memo[key] = rx
                _S["stats"]["hits"] += 1
                return rx
        _S["stats"]["misses"] += 1
        if _S["notes"] is None:
            return orig(pattern, flags, ignore_unused, kwargs, cache_it)
        with _lock:
            cap = _Capture(cmod)
            t0 = time.perf_counter()
            main._regex = cap
            try:
                rx = orig(pattern, flags, ignore_unused, kwargs, cache_it)
            finally:
                main._regex = cmod
            _S["miss_cpu"] += time.perf_counter() - t0
            if _S["notes"] is not None:
                # (flags, code, group_index, index_group, named_lists, named_list_indexes,
                # req_offset, req_chars, req_flags, group_count): no named list, no locale
                _note(key, pattern, cap, lambda a: len(a) == 11 and not a[5] and not a[6]
                      and not int(a[1]) & locale_flag)
        return rx

    compile_.__wrapped__ = orig
    main._compile = compile_
    return True


# ------------------------------------------------------------------------------- re


def _install_re() -> bool:
    try:
        import _sre
        import re
        import re._compiler as comp
    except ImportError:
        return False
    orig = getattr(comp, "compile", None)
    if orig is None or getattr(comp, "_sre", None) is not _sre or _params(orig) != ("p", "flags"):
        return False
    debug = int(re.DEBUG)

    def compile_(p, flags=0):
        if type(p) is not str or not isinstance(flags, int) or int(flags) & debug or not enabled():
            return orig(p, flags)
        key = ("re", p, int(flags))
        args = _program(key)
        if args is not None:
            try:
                rx = _sre.compile(p, *args)
            except Exception:
                rx = None
            if rx is not None:
                _S["stats"]["hits"] += 1
                return rx
        refused = _refusal(key)
        if refused is not None:   # a source the parser refuses: its error, as it would raise it
            _S["stats"]["hits"] += 1
            raise re.error(refused[0], p if refused[1] else None, refused[2])
        _S["stats"]["misses"] += 1
        if _S["notes"] is None:
            return orig(p, flags)
        with _lock:
            cap = _Capture(_sre)
            t0 = time.perf_counter()
            comp._sre = cap
            try:
                rx = orig(p, flags)
            except re.error as e:
                # (compile_fast tries ``re`` first: a variable-width lookbehind, ~0.6 ms of
                # parsing and compiling a source to learn that again at every warm-up)
                _S["miss_cpu"] += time.perf_counter() - t0
                _note_refusal(key, e, p)
                raise
            finally:
                comp._sre = _sre
            _S["miss_cpu"] += time.perf_counter() - t0
            if _S["notes"] is not None:
                # (flags, code, groups - 1, groupindex, indexgroup)
                _note(key, p, cap, lambda a: len(a) == 6)
        return rx

    compile_.__wrapped__ = orig
    comp.compile = compile_
    return True


def install() -> bool:
    """Wrap both engines' compile steps (once per process). Returns whether the ``regex``
    wrapper is in place (False: another layout of the engine; nothing touched then)."""
    with _lock:
        if not _S["installed"]:
            _S["installed"] = (_install_regex(), _install_re())
    return bool(_S["installed"][0])


@contextmanager
def recording(complete: bool = True):
    """Note the programs of the compiles in this block; at its end write this process's
    programs when the block's misses cost more than ``SAVE_AFTER`` seconds or there is no
    file yet. ``complete`` (a batch warm-up, which compiles every rule): those read and
    those noted, so the sources no code has any more leave the file; else (one document's
    compiles, ``per_document``) the file's table and the notes. Never raises for the cache."""
    if not _S["installed"] or not enabled() or _S["notes"] is not None:
        yield
        return
    with _lock:
        _table()
        _S["notes"], _S["used"], _S["miss_cpu"], _S["complete"] = {}, set(), 0.0, complete
        _S["recorded"] = _S["recorded"] or complete
    try:
        yield
    finally:
        with _lock:
            notes, used, cost = _S["notes"], _S["used"], _S["miss_cpu"]
            _S["notes"] = _S["used"] = None
        try:
            _save(notes, used, cost, complete)
        except Exception:
            pass


def per_document():
    """A recording (not complete) around one document's work in a process without a batch
    warm-up (session 16): a process that extracts one file (``extractor.extract``, the
    CLI's one-file run and its worker's small warm-up) compiled ~650 sources from source at
    every start, ~0.18 s of a ~0.2 s cold start, because only a batch warm-up wrote the
    programs. Its compiles are now kept when there is no file or they cost more than
    ``SAVE_AFTER``; a process forked from a warm one (its programs recorded) records
    nothing, and a block inside another recording is part of that one."""
    if _S["recorded"] or _S["notes"] is not None or not _S["installed"] or not enabled():
        return nullcontext()
    return recording(complete=False)


def _save(notes: dict, used: set, cost: float, complete: bool = True) -> None:
    path = _path()
    if path is None or not notes:
        return
    if os.path.exists(path) and cost <= SAVE_AFTER:
        return
    import marshal

    from ..resources import store_blob

    if hasattr(os, "getuid") and path.parent.exists() and path.parent.stat().st_uid != os.getuid():
        return
    table = _table()
    if complete or len(table) + len(notes) > _TABLE_LIMIT:
        data = {k: table[k] for k in used if k in table}
    else:
        data = dict(table)
    data.update(notes)
    try:
        store_blob(path, _MAGIC + marshal.dumps(data), _KEEP)
    except (OSError, ValueError):
        return
    if not complete:   # a later document's write keeps them too
        table.update(notes)
    _S["stats"]["writes"] += 1


def stats() -> dict:
    """Counters of this process: hits (built from a stored program), misses, recorded, writes."""
    return dict(_S["stats"])


__all__ = ["install", "recording", "per_document", "cache_path", "enabled", "stats", "SAVE_AFTER"]
