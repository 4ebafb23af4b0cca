"""jieba for the package, loaded lazily once per process: ``import_jieba`` (without
``pkg_resources``), ``get_nlp`` (spaCy's blank ``zh`` segmenting with jieba and the domain
dictionary ``patterns/jieba_dict.txt``), and ``word_cutter``: the word guard's cutter, a
private jieba tokenizer fed from a dictionary cached per word prefix (see below), so a
sentence loads only the entries it can contain. Sentences and headings: extractor/segment.py."""
from __future__ import annotations

import hashlib
import marshal
import os
import sys
import threading
from pathlib import Path

from .atomic import replace_atomically
from .resources import cache_dir, patterns_dir

PATTERNS_DIR = patterns_dir()
USER_DICT = PATTERNS_DIR / "jieba_dict.txt"

_lock = threading.Lock()
STATE: dict = {"pid": None, "jieba": False, "nlp": None}


def import_jieba():
    """``import jieba`` without ``pkg_resources``: jieba's ``_compat`` imports it only to
    open its own data files and falls back to ``open()`` without it, and importing it
    costs ~0.1 s of every cold start. Nothing else of jieba changes."""
    mod = sys.modules.get("jieba")
    if mod is not None:
        return mod
    blocked = "pkg_resources" not in sys.modules
    if blocked:
        sys.modules["pkg_resources"] = None  # type: ignore[assignment]  # import -> ImportError
    try:
        import jieba
    finally:
        if blocked and sys.modules.get("pkg_resources", False) is None:
            del sys.modules["pkg_resources"]
    import logging

    jieba.setLogLevel(logging.WARNING)
    return jieba


def _ensure_jieba() -> None:
    """Load the domain dictionary into jieba's global tokenizer (once per process): the
    spaCy path (:func:`get_nlp`). The word guard (:func:`words`) does not need it."""
    pid = os.getpid()
    if STATE["jieba"] and STATE["pid"] == pid:
        return
    with _lock:
        if STATE["jieba"] and STATE["pid"] == pid:
            return
        jieba = import_jieba()
        jieba.initialize()
        if USER_DICT.exists():
            jieba.load_userdict(str(USER_DICT))
        STATE.update(pid=pid, jieba=True)


def get_nlp():
    """spaCy blank ``zh`` pipeline segmenting with jieba (with the domain dictionary)."""
    _ensure_jieba()
    if STATE["nlp"] is None:
        with _lock:
            if STATE["nlp"] is None:
                import spacy

                STATE["nlp"] = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    return STATE["nlp"]


# ------------------------------------------------- the word guard's dictionary, by first character
#
# jieba looks a sentence up in its prefix dictionary (``Tokenizer.FREQ``: ~500k words and
# word prefixes) only with substrings of that sentence: ``get_DAG`` with the fragments
# starting at each position, ``calc`` and the HMM test with words of the sentence. So the
# entries whose first character is not in the sentence are never read. Unmarshalling the
# whole dictionary is ~0.7 s of CPU, most of a cold start; a sentence needs ~1-5% of it.
# The dictionary (jieba's, with the domain words of patterns/jieba_dict.txt added exactly
# as ``load_userdict`` adds them, total included) is therefore cached once as one marshal
# blob per word prefix of up to two characters (a one-character word is its own prefix),
# found through a small index per first character, and a private ``jieba.Tokenizer`` gets
# the blobs of a sentence's characters and character pairs before it cuts the sentence:
# every entry that is a substring of the sentence is then there (an entry of two or more
# characters starts with one of the sentence's pairs), so the cuts are the same, from a
# fraction of the load (a common character starts thousands of words, of which a sentence
# holds a few). jieba's global tokenizer is left alone (the spaCy path loads it as before).

_SHARDS_MAGIC = b"ZWGKJB02"
CUTTER: dict = {}


def _shards_key(jieba) -> str:
    """What the cached dictionary is made of: jieba's version and dictionary file, the
    domain dictionary's bytes and this layout."""
    h = hashlib.sha1(_SHARDS_MAGIC)
    h.update(str(getattr(jieba, "__version__", "?")).encode())
    default = os.path.join(os.path.dirname(jieba.__file__), "dict.txt")
    try:
        st = os.stat(default)
        h.update(f"{default}|{st.st_size}|{st.st_mtime_ns}".encode())
    except OSError:
        h.update(b"no-default-dict")
    try:
        h.update(USER_DICT.read_bytes())
    except OSError:
        h.update(b"no-user-dict")
    return h.hexdigest()[:16]


def _full_dictionary(jieba) -> tuple[dict, int, list[str]]:
    """(FREQ, total, force-split words) of a private tokenizer loaded the way
    :func:`_ensure_jieba` loads the global one."""
    tk = jieba.Tokenizer()
    before = set(jieba.finalseg.Force_Split_Words)
    tk.initialize()
    if USER_DICT.exists():
        tk.load_userdict(str(USER_DICT))
    forced = sorted(set(jieba.finalseg.Force_Split_Words) - before)
    return tk.FREQ, tk.total, forced


def _write_shards(path: Path, freq: dict, total: int, forced: list[str]) -> None:
    by_prefix: dict[str, dict] = {}
    for w, f in freq.items():
        d = by_prefix.get(w[:2])
        if d is None:
            d = by_prefix[w[:2]] = {}
        d[w] = f
    blobs: list[bytes] = []
    off = 0
    subs: dict[str, dict] = {}  # first character -> {prefix: (offset, length)}
    for prefix, d in by_prefix.items():
        b = marshal.dumps(d)
        subs.setdefault(prefix[0], {})[prefix] = (off, len(b))
        blobs.append(b)
        off += len(b)
    index = {}
    for ch, sub in subs.items():
        b = marshal.dumps(sub)
        index[ch] = (off, len(b))
        blobs.append(b)
        off += len(b)
    header = marshal.dumps({"total": total, "forced": forced, "index": index})

    def write(tmp: str) -> None:
        with open(tmp, "xb") as f:
            f.write(_SHARDS_MAGIC + len(header).to_bytes(8, "little") + header)
            for b in blobs:
                f.write(b)

    replace_atomically(path, write)


class _Shards:
    """The cached dictionary file: its header (total, force-split words, where each first
    character's index of prefixes is) read at once, the rest on demand (memory-mapped)."""

    def __init__(self, path: Path):
        import mmap

        with open(path, "rb") as f:
            size = os.fstat(f.fileno()).st_size
            self.buf = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) if size else b""
        if bytes(self.buf[:8]) != _SHARDS_MAGIC:
            raise ValueError("not a zwgk jieba dictionary cache")
        hlen = int.from_bytes(self.buf[8:16], "little")
        header = marshal.loads(self.buf[16:16 + hlen])
        self.base = 16 + hlen
        self.total = int(header["total"])
        self.forced = list(header["forced"])
        self.index: dict = header["index"]
        self.subs: dict[str, dict] = {}
        last = max(((o + n) for o, n in self.index.values()), default=0)
        if self.base + last > size:
            raise ValueError("truncated zwgk jieba dictionary cache")

    def _blob(self, loc):
        o = self.base + loc[0]
        return marshal.loads(self.buf[o:o + loc[1]])

    def part(self, prefix: str) -> dict | None:
        """The entries starting with ``prefix`` (one or two characters; for one character,
        only that character's own entry: longer words are under their first two)."""
        sub = self.subs.get(prefix[0])
        if sub is None:
            loc = self.index.get(prefix[0])
            sub = self.subs[prefix[0]] = self._blob(loc) if loc is not None else {}
        loc = sub.get(prefix)
        return self._blob(loc) if loc is not None else None


class WordCutter:
    """A private jieba tokenizer whose prefix dictionary fills up by word prefix."""

    def __init__(self, jieba, shards: _Shards | None, full: tuple[dict, int, list[str]] | None = None):
        self.tk = tk = jieba.Tokenizer()
        self.shards = shards
        if shards is not None:
            tk.FREQ, tk.total, forced = {}, shards.total, shards.forced
        else:  # no cache could be written: the whole dictionary, in memory
            tk.FREQ, tk.total, forced = full
        for w in forced:  # what load_userdict does for a word of frequency 0
            jieba.finalseg.add_force_split(w)
        tk.initialized = True
        self.seen: set[str] = set()
        self.lock = threading.Lock()

    def tokenize(self, text: str) -> list[tuple[str, int, int]]:
        if self.shards is not None:
            # jieba reads its dictionary only with substrings of the text: the entries
            # starting with each of its characters' pairs, and each character's own
            new = {text[i:i + 2] for i in range(len(text))}
            new.update(text)
            new.difference_update(self.seen)
            if new:
                with self.lock:
                    freq = self.tk.FREQ
                    for prefix in new:
                        if prefix not in self.seen:
                            d = self.shards.part(prefix)
                            if d:
                                freq.update(d)
                            self.seen.add(prefix)
        return list(self.tk.tokenize(text))


_BAD_CACHE = (OSError, ValueError, EOFError, TypeError, KeyError, AttributeError, IndexError)


def _check_owner(folder: Path) -> None:
    """A cache folder someone else owns (a shared temporary folder) is not read."""
    if hasattr(os, "getuid") and folder.exists() and folder.stat().st_uid != os.getuid():
        raise PermissionError(f"{folder} belongs to another user")


def _drop_stale(path: Path) -> None:
    """Remove the caches of earlier dictionaries (another jieba_dict.txt, jieba version):
    ~14 MB each. A process still using one keeps its mapping."""
    for old in path.parent.glob("jieba-*.bin"):
        if old != path:
            try:
                old.unlink()
            except OSError:
                pass


def dictionary_cache_path() -> Path:
    """Where the word guard's dictionary is cached (built on first use)."""
    jieba = import_jieba()
    return cache_dir() / f"jieba-{_shards_key(jieba)}.bin"


def word_cutter() -> WordCutter:
    """The per-process cutter (a forked process keeps its parent's, dictionary parts
    included: they are read-only)."""
    cut = CUTTER.get("cut")
    if cut is not None:
        return cut
    with _lock:
        cut = CUTTER.get("cut")
        if cut is not None:
            return cut
        jieba = import_jieba()
        path = dictionary_cache_path()
        shards = None
        try:
            _check_owner(path.parent)
            shards = _Shards(path)
        except _BAD_CACHE:
            full = _full_dictionary(jieba)
            try:
                _check_owner(path.parent)
                _write_shards(path, *full)
                shards = _Shards(path)
            except _BAD_CACHE:
                cut = WordCutter(jieba, None, full)
            else:
                _drop_stale(path)
        if cut is None:
            cut = WordCutter(jieba, shards)
        CUTTER["cut"] = cut
        return cut
