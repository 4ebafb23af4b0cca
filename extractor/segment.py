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
worker processes (fork or spawn) each load the dictionary (extractor/wordcut.py: jieba, the
spaCy pipeline, the word guard's dictionary cache).
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field

import regex
from .numbers_data import DATA as _NUMBERS, HEADING_LEVELS
from .wordcut import USER_DICT, get_nlp, word_cutter
# tests/test_cold_start.py reads segment._cutter (the batch worker uses wordcut directly)
from .wordcut import CUTTER as _cutter  # noqa: F401


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


def words(text: str) -> list[tuple[str, int, int]]:
    """jieba's words of ``text`` (domain dictionary loaded) as (word, start, end). The
    cheap path for callers that only need word boundaries: no spaCy Doc is built, and
    the words are those of ``Segmentation.tokens`` (spaCy's jieba segmenter cuts the
    same way; it only drops whitespace). Only the dictionary entries that begin with a
    character of ``text`` are ever loaded (see extractor/wordcut.py)."""
    if not text:
        return []
    return word_cutter().tokenize(text)


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

# the numbering of each heading level, in the order tried: patterns/numbers.yaml
# numbering.heading_levels (group 1 = the number as written)
_HEADING_RES = HEADING_LEVELS
_CN_NUM = _NUMBERS.numbering_sets["CN_HEADING"]
# a heading line must be followed by text (not a bare number) and not by a quantity word
_NOT_TITLE_START = regex.compile(r"^(?!(?:19|20)\d\d年)(?:[\d.%,]|[万亿元条件次个%])")
_TITLE_STOP = regex.compile(r"[。！？；!?;]")


# what every numbering of _HEADING_RES starts with: most lines fail this one test
# instead of all seven patterns (a new level in numbers.yaml starting otherwise is added here)
_HEADING_START = regex.compile(rf"\s*[第{_CN_NUM}(（\d\u2460-\u2473\u2776-\u277f]")


def parse_heading(line: str) -> tuple[int, str, int] | None:
    """(level, number as written, length of the numbering incl. separators) or None."""
    # (``concurrent`` False positionally: ~5,500 lines a pass of the dev texts, which the
    # ``regex`` module would each match with the GIL released - a worker has one thread)
    if not _HEADING_START.match(line, None, None, False):
        return None
    for level, rx in _HEADING_RES:
        m = rx.match(line, None, None, False)
        if not m:
            continue
        rest = line[m.end():]
        if not rest.strip() or _NOT_TITLE_START.match(rest, None, None, False):
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
    ends = [m.end() for m in _SPLIT.finditer(text, None, None, False, False)]
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
