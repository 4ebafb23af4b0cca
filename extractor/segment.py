"""Sentences, tokens and the section tree of a normalised Document.

Public API (kept stable; other modules code against it):
  segment(doc: Document) -> Segmentation
  Segmentation.sentences: list[Sentence] in document order (covering every paragraph;
      table blocks are NOT split into sentences: Sentence.in_table=True, one per table row)
  Segmentation.headings: list[Heading] in document order
  Segmentation.tokens(sentence) -> list[Token] (jieba/spaCy words with exact offsets)
  Segmentation.sentence_at(offset) -> Sentence | None

Additions: ``Heading.parent`` / ``Heading.index`` (the tree, as indexes into
``Segmentation.headings``), ``Segmentation.children(heading)``, ``Segmentation.section_span``,
``Segmentation.spacy_doc(sentence)``, ``get_nlp()``, ``tokenize(text, offset)``, ``parse_heading``,
``Segmentation.words(sentence)`` / ``words(text)`` / ``word_bounds(text)`` (jieba's words without
spaCy: the cheap path used by the rules' word guard), ``domain_words()``.

``segment`` itself is regex only (fast); jieba/spaCy run lazily on the sentences a caller
tokenises. The spaCy pipeline (blank ``zh`` with the jieba segmenter) and the jieba user
dictionary (``patterns/jieba_dict.txt``) are initialised once per process on first use, so
worker processes (fork or spawn) each load the dictionary.
"""
from __future__ import annotations

import bisect
import hashlib
import marshal
import os
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path

import regex
from .atomic import replace_atomically
from .resources import cache_dir, patterns_dir

PATTERNS_DIR = patterns_dir()
USER_DICT = PATTERNS_DIR / "jieba_dict.txt"


@dataclass
class Heading:
    level: int          # 1 = 一、 / 第一部分, 2 = (一), 3 = 1. / 1、, 4 = (1) / ①
    number: str         # the numbering as written, e.g. "五、", "(一)", "1."
    title: str          # heading text without numbering, e.g. "依申请公开信息的开展情况"
    start: int          # span of the whole heading line/sentence in doc.text
    end: int
    index: int = -1     # position in Segmentation.headings
    parent: int | None = None   # index of the enclosing heading (None at top level)
    block_index: int = -1


@dataclass
class Sentence:
    start: int
    end: int            # doc.text[start:end] == text (includes the terminator 。；!? when present)
    text: str
    headings: list[Heading] = field(default_factory=list)   # outermost first
    page: int | None = None
    in_table: bool = False
    block_index: int = -1


@dataclass
class Token:
    text: str
    start: int
    end: int


# ------------------------------------------------------------------ nlp singletons

_lock = threading.Lock()
_state: dict = {"pid": None, "jieba": False, "nlp": None}


def _import_jieba():
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
    if _state["jieba"] and _state["pid"] == pid:
        return
    with _lock:
        if _state["jieba"] and _state["pid"] == pid:
            return
        jieba = _import_jieba()
        jieba.initialize()
        if USER_DICT.exists():
            jieba.load_userdict(str(USER_DICT))
        _state.update(pid=pid, jieba=True)


def get_nlp():
    """spaCy blank ``zh`` pipeline segmenting with jieba (with the domain dictionary)."""
    _ensure_jieba()
    if _state["nlp"] is None:
        with _lock:
            if _state["nlp"] is None:
                import spacy

                _state["nlp"] = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    return _state["nlp"]


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Words of ``text`` (whitespace dropped) with offsets shifted by ``offset``."""
    if not text:
        return []
    doc = get_nlp().make_doc(text)
    out = []
    for t in doc:
        if t.is_space or not t.text.strip():
            continue
        out.append(Token(t.text, offset + t.idx, offset + t.idx + len(t.text)))
    return out


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
_cutter: dict = {}


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


class _WordCutter:
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
    jieba = _import_jieba()
    return cache_dir() / f"jieba-{_shards_key(jieba)}.bin"


def _word_cutter() -> _WordCutter:
    """The per-process cutter (a forked process keeps its parent's, dictionary parts
    included: they are read-only)."""
    cut = _cutter.get("cut")
    if cut is not None:
        return cut
    with _lock:
        cut = _cutter.get("cut")
        if cut is not None:
            return cut
        jieba = _import_jieba()
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
                cut = _WordCutter(jieba, None, full)
            else:
                _drop_stale(path)
        if cut is None:
            cut = _WordCutter(jieba, shards)
        _cutter["cut"] = cut
        return cut


def words(text: str) -> list[tuple[str, int, int]]:
    """jieba's words of ``text`` (domain dictionary loaded) as (word, start, end). The
    cheap path for callers that only need word boundaries: no spaCy Doc is built, and
    the words are those of ``Segmentation.tokens`` (spaCy's jieba segmenter cuts the
    same way; it only drops whitespace). Only the dictionary entries that begin with a
    character of ``text`` are ever loaded (see ``_Shards``)."""
    if not text:
        return []
    return _word_cutter().tokenize(text)


def word_bounds(text: str) -> frozenset[int]:
    """Offsets in ``text`` where a word starts or ends (0 and ``len(text)`` included)."""
    out = {0, len(text)}
    for _w, a, b in words(text):
        out.add(a)
        out.add(b)
    return frozenset(out)


_domain: dict = {}


def domain_words() -> frozenset[str]:
    """The terms of the domain dictionary (``patterns/jieba_dict.txt``)."""
    if "words" not in _domain:
        out = set()
        if USER_DICT.exists():
            for line in USER_DICT.read_text(encoding="utf-8").splitlines():
                w = line.split(" ", 1)[0].strip()
                if w and not w.startswith("#"):
                    out.add(w)
        _domain["words"] = frozenset(out)
    return _domain["words"]


# ----------------------------------------------------------------------- headings

_CN_NUM = "一二三四五六七八九十百零〇两"
_HEADING_RES: list[tuple[int, regex.Pattern]] = [
    (1, regex.compile(rf"^\s*(第[{_CN_NUM}]+(?:部分|章|篇))[\s、,.:：]*")),
    # (not "一.五"; but "三、2021年工作打算" is a heading)
    (1, regex.compile(rf"^\s*([{_CN_NUM}]{{1,3}}\s*[、.．])(?!(?!(?<=、)(?:(?:19|20)\d\d|[一二][〇零一二三四五六七八九]{{3}})年)[{_CN_NUM}\d])\s*")),
    (2, regex.compile(rf"^\s*([(（]\s*[{_CN_NUM}]{{1,3}}\s*[)）])[\s、.,:：]*")),
    (4, regex.compile(r"^\s*([(（]\s*\d{1,2}\s*[)）])[\s、.,:：]*")),
    (4, regex.compile(r"^\s*([\u2460-\u2473\u2776-\u277f])\s*")),  # ① … ⑳, ❶ …
    (3, regex.compile(r"^\s*(\d{1,2}\s*[、.．](?![\d%]))\s*")),
    (3, regex.compile(r"^\s*(\d{1,2}\s*[)）])(?![\d%])\s*")),
]
# a heading line must be followed by text (not a bare number) and not by a quantity word
_NOT_TITLE_START = regex.compile(r"^(?!(?:19|20)\d\d年)(?:[\d.%,]|[万亿元条件次个%])")
_TERMINATORS = "。！？；!?;"
_TITLE_STOP = regex.compile(r"[。！？；!?;]")


# what every numbering of _HEADING_RES starts with: most lines fail this one test
# instead of all seven patterns
_HEADING_START = regex.compile(rf"\s*[第{_CN_NUM}(（\d\u2460-\u2473\u2776-\u277f]")


def parse_heading(line: str) -> tuple[int, str, int] | None:
    """(level, number as written, length of the numbering incl. separators) or None."""
    if not _HEADING_START.match(line):
        return None
    for level, rx in _HEADING_RES:
        m = rx.match(line)
        if not m:
            continue
        rest = line[m.end():]
        if not rest.strip() or _NOT_TITLE_START.match(rest):
            return None
        return level, m.group(1).strip(), m.end()
    return None


# ---------------------------------------------------------------------- sentences

_SPLIT = regex.compile(
    r"[。！？；]+[”’」』)）]*"
    r"|(?<![A-Za-z0-9])[!?;]+(?![A-Za-z0-9=&])[”’」』)）]*"
)


def _split_line(text: str, base: int) -> list[tuple[int, int]]:
    """(start, end) of the sentences in one line starting at ``base``, without the
    whitespace around them (str.strip drops exactly the characters str.isspace accepts,
    as _trimmed does, in one C call)."""
    out = []
    pos = 0
    ends = [m.end() for m in _SPLIT.finditer(text)]
    if pos < len(text) and (not ends or ends[-1] < len(text)):
        ends.append(len(text))
    for e in ends:
        piece = text[pos:e]
        core = piece.strip()
        if core:
            a = pos if len(core) == len(piece) else pos + len(piece) - len(piece.lstrip())
            out.append((base + a, base + a + len(core)))
        pos = e
    return out


def _trimmed(text: str, base: int, a: int, b: int):
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    if b > a:
        yield base + a, base + b


@dataclass
class Segmentation:
    sentences: list[Sentence] = field(default_factory=list)
    headings: list[Heading] = field(default_factory=list)
    text: str = ""

    def __post_init__(self):
        self._starts: list[int] | None = None
        self._tok_cache: dict[tuple[int, int], list[Token]] = {}
        self._words_cache: dict[tuple[int, int], list[tuple[str, int, int]]] = {}

    def tokens(self, sentence: Sentence) -> list[Token]:
        key = (sentence.start, sentence.end)
        toks = self._tok_cache.get(key)
        if toks is None:
            toks = tokenize(sentence.text, sentence.start)
            if len(self._tok_cache) < 20000:
                self._tok_cache[key] = toks
        return toks

    def words(self, sentence: Sentence) -> list[tuple[str, int, int]]:
        """jieba's words of the sentence as (word, start, end) with offsets in doc.text
        (cached; cheaper than :meth:`tokens`, which builds a spaCy Doc)."""
        key = (sentence.start, sentence.end)
        ws = self._words_cache.get(key)
        if ws is None:
            s0 = sentence.start
            ws = [(w, s0 + a, s0 + b) for w, a, b in words(sentence.text)]
            if len(self._words_cache) < 20000:
                self._words_cache[key] = ws
        return ws

    def spacy_doc(self, sentence: Sentence):
        """A spaCy Doc of the sentence (token.idx + sentence.start = offset in doc.text)."""
        return get_nlp().make_doc(sentence.text)

    def sentence_at(self, offset: int) -> Sentence | None:
        if self._starts is None or len(self._starts) != len(self.sentences):
            self._starts = [s.start for s in self.sentences]
        i = bisect.bisect_right(self._starts, offset) - 1
        if i >= 0:
            s = self.sentences[i]
            if s.start <= offset < s.end:
                return s
        return None

    def children(self, heading: Heading) -> list[Heading]:
        return [h for h in self.headings if h.parent == heading.index]

    def path(self, heading: Heading) -> list[Heading]:
        """The heading and its ancestors, outermost first."""
        out = [heading]
        while out[0].parent is not None:
            out.insert(0, self.headings[out[0].parent])
        return out

    def section_span(self, heading: Heading) -> tuple[int, int]:
        """[start, end) of the section the heading opens (up to the next heading of its level or above)."""
        end = len(self.text) if self.text else None
        for h in self.headings[heading.index + 1:]:
            if h.level <= heading.level:
                end = h.start
                break
        if end is None:
            end = self.sentences[-1].end if self.sentences else heading.end
        return heading.start, end

    def sentences_under(self, heading: Heading) -> list[Sentence]:
        return [s for s in self.sentences if heading in s.headings]


def segment(doc) -> Segmentation:
    text = doc.text
    seg = Segmentation(text=text)
    stack: list[Heading] = []
    for bi, block in enumerate(doc.blocks):
        if block.start < 0 or block.end < block.start:
            continue
        btext = text[block.start:block.end]
        if block.kind == "table":
            pos = 0
            for line in btext.split("\n"):
                for a, b in _trimmed(line, block.start + pos, 0, len(line)):
                    seg.sentences.append(Sentence(a, b, text[a:b], list(stack), block.page, True, bi))
                pos += len(line) + 1
            continue
        pos = 0
        for line in btext.split("\n"):
            lbase = block.start + pos
            pos += len(line) + 1
            spans = _split_line(line, lbase)
            if not spans:
                continue
            first_a, first_b = spans[0]
            lead = text[first_a:lbase + len(line)]
            h = parse_heading(lead)
            if h is not None:
                level, number, nlen = h
                line_end = spans[-1][1]
                if len(spans) == 1:
                    # the line is one sentence: the whole line is the heading
                    hs, he = first_a, line_end
                    body = text[first_a + nlen:he]
                else:
                    hs, he = first_a, first_b
                    body = text[first_a + nlen:he]
                title = _TITLE_STOP.split(body, 1)[0].split(" | ", 1)[0].strip(" \t:：,，、|")
                # a long first sentence ("1、高度重视…,…"): the title stops at a colon
                if len(title) > 40:
                    cut = regex.search(r"[:：]", title)
                    if cut and cut.start() > 1:
                        title = title[: cut.start()]
                hd = Heading(level, number, title, hs, he, index=len(seg.headings), block_index=bi)
                while stack and stack[-1].level >= level:
                    stack.pop()
                hd.parent = stack[-1].index if stack else None
                stack.append(hd)
                seg.headings.append(hd)
            for a, b in spans:
                heads = list(stack)
                seg.sentences.append(Sentence(a, b, text[a:b], heads, block.page, False, bi))
    return seg


__all__ = ["Heading", "Sentence", "Token", "Segmentation", "segment", "tokenize", "words", "word_bounds",
           "domain_words", "get_nlp", "parse_heading"]
