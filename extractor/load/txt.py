"""Plain-text loader: encoding detection + flattened-table recognition.

Decoding order (strict decoding only, first success wins):

1. byte-order marks: UTF-32, UTF-8 (``utf-8-sig``), UTF-16 (``utf-16``);
2. NUL or other control bytes without a BOM → UTF-16 without BOM if it decodes cleanly,
   otherwise ``ExtractError("not_text")``;
3. UTF-8;
4. Chinese legacy codecs: the charset-normalizer guess when it is a CJK codec, then
   GB18030 (superset of GBK/GB2312) and Big5.  Every decoding that succeeds is scored by
   the share of its Han characters that are *common* characters of that codec (GB2312
   hanzi for GB18030, Big5 level-1 for Big5); the best one wins, GB18030 on ties — so a
   short GBK file is never taken for a Cyrillic/Latin code page, and Big5 bytes (which
   GB18030 also decodes, into rare characters) are recognised;
5. the detector's guess for non-Chinese text;
6. otherwise ``ExtractError("undecodable")``.

The codec used is recorded in ``source.encoding``.  Lines then go through
:func:`extractor.load.textables.split_lines` (pipe rows and one-cell-per-line streams
become table blocks). A text file that is a page saved as its script (JS/JSON data with
the report as an HTML string literal holding most of its Chinese text,
:func:`extractor.load.textables.embedded_markup`) is read as that HTML instead.
"""
from __future__ import annotations

import codecs
import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

from ..model import DocumentBuilder, ExtractError, Source, Warning_
from .chrome import is_page_line
from .textables import add_lines, embedded_markup, is_chrome_line

_CJK_CODECS = {
    "gb18030": "gb18030",
    "gbk": "gb18030",
    "gb2312": "gb18030",
    "hz": "hz",
    "big5": "big5",
    "big5hkscs": "big5hkscs",
    "cp950": "cp950",
    "euc_jp": "euc_jp",
    "shift_jis": "shift_jis",
    "cp932": "cp932",
    "euc_kr": "euc_kr",
    "cp949": "cp949",
    "iso2022_jp": "iso2022_jp",
}
_BAD_CONTROL = set(range(0, 9)) | {11, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 28, 29, 30, 31}
_BAD_CONTROL_BYTES = bytes(sorted(_BAD_CONTROL))


def decode_strict(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


_BAD_TEXT_CHARS = re.compile("[\x00-\x08\x0b\x0e-\x1f\ue000-\uf8ff\ufffd]")
_JUNK_CHARS = re.compile("[\x00-\x08\x0b\x0e-\x1f\x80-\x9f\ue000-\uf8ff\ufffd]")


def _looks_textual(s: str) -> bool:
    """Fewer than 0.5 % controls (other than tab, newlines, form feed), private-use
    characters or U+FFFD."""
    if not s:
        return False
    return len(_BAD_TEXT_CHARS.findall(s)) / len(s) < 0.005


def _plausible_non_cjk(s: str) -> bool:
    """Non-ASCII characters of a real single-byte text are mostly letters."""
    high = [ch for ch in s if ord(ch) > 127]
    return not high or sum(ch.isalpha() for ch in high) / len(high) >= 0.9


# everything but the Han characters (U+3400-U+9FFF, planes 2-3): deleting it leaves the Han
_NOT_HAN = re.compile("[^\u3400-\u9fff\U00020000-\U0003134f]+")
# more distinct characters failing a test than this: counted in one pass (Counter), not one
# str.count each
_FEW_FAILING = 32


def _han_tested(text: str, test) -> tuple[int, int]:
    """(Han characters of ``text``, those of them ``test`` accepts), counting with repeats.
    The test runs once per distinct character; the Han are picked out by one substitution
    and the total less the characters that fail (a real text has few distinct ones) is the
    count, so no list of one-character strings and no Counter is built (issue 11: a GBK
    page's score was ~15 % of reading it)."""
    han = _NOT_HAN.sub("", text)
    n = len(han)
    failing = [ch for ch in set(han) if not test(ch)]
    if len(failing) > _FEW_FAILING:
        counts = Counter(han)
        return n, n - sum(counts[ch] for ch in failing)
    return n, n - sum(han.count(ch) for ch in failing)


@lru_cache(maxsize=1 << 16)
def _gb2312_hanzi(ch: str) -> bool:
    """A GB2312 level 1 or 2 hanzi (first byte B0-F7)."""
    try:
        return 0xB0 <= ch.encode("gb2312")[0] <= 0xF7
    except UnicodeEncodeError:
        return False


@lru_cache(maxsize=1 << 16)
def _big5_level1(ch: str) -> bool:
    """A Big5 level-1 (frequently used) character (first byte A4-C6)."""
    try:
        return 0xA4 <= ch.encode("big5")[0] <= 0xC6
    except UnicodeEncodeError:
        return False


def _common_share(text: str, codec: str) -> float:
    """Share of Han characters that are common characters of ``codec`` (1.0 if none)."""
    total, common = _han_tested(text, _gb2312_hanzi if codec.startswith("gb") else _big5_level1)
    if not total:
        return 1.0
    return common / total


def _is_common_han(ch: str) -> bool:
    """A frequently used Han character: GB2312 level 1/2 or Big5 level 1."""
    return _gb2312_hanzi(ch) or _big5_level1(ch)


def decoding_score(text: str, limit: int = 200_000) -> tuple[int, float, int]:
    """How much a decoding looks like Chinese text, on the first ``limit`` characters:
    (common Han characters, their share of all Han characters (1.0 if none), junk
    characters: controls, private-use, U+FFFD). The score the legacy-codec choice above
    uses, for callers that must weigh a declared charset against the bytes (html)."""
    s = text[:limit]
    n_han, common = _han_tested(s, _is_common_han)
    junk = len(_JUNK_CHARS.findall(s))
    return common, (common / n_han if n_han else 1.0), junk


def _detector_guess(data: bytes) -> str | None:
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - declared dependency
        return None
    best = from_bytes(data[:200_000]).best()
    return best.encoding if best is not None else None


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode ``data`` as text; return (text, codec). Raises ExtractError."""
    if data.startswith(codecs.BOM_UTF32_LE) or data.startswith(codecs.BOM_UTF32_BE):
        s = decode_strict(data, "utf-32")
        if s is not None:
            return s, "utf-32"
    if data.startswith(codecs.BOM_UTF8):
        s = decode_strict(data, "utf-8-sig")
        if s is not None:
            return s, "utf-8-sig"
    if data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        s = decode_strict(data, "utf-16")
        if s is not None and _looks_textual(s):
            return s, "utf-16"
    sample = data[:65536]
    n_ctrl = len(sample) - len(sample.translate(None, _BAD_CONTROL_BYTES))  # (a C loop, not a Python one)
    if n_ctrl:
        if b"\x00" in sample and len(data) % 2 == 0:
            # UTF-16 without BOM: NULs sit at every other byte for ASCII text
            for codec in ("utf-16-le", "utf-16-be"):
                s = decode_strict(data, codec)
                if s is not None and _looks_textual(s):
                    return s, codec
        if b"\x00" in sample or n_ctrl / max(1, len(sample)) > 0.01:
            raise ExtractError("not_text", "binary data (NUL/control bytes): not a text file")
    s = decode_strict(data, "utf-8")
    if s is not None:
        return s, "utf-8"

    # GB18030 whose Han characters are almost all GB2312 hanzi scores above every other
    # candidate below (Big5 at most 1.0, other codecs 0.9): the detector cannot change the
    # outcome, so it is not asked (it costs ~6 ms a file)
    s = decode_strict(data, "gb18030")
    if s is not None and _looks_textual(s) and _common_share(s, "gb18030") + 0.02 > 1.0:
        return s, "gb18030"
    guess = _detector_guess(data)
    guess_norm = (guess or "").lower().replace("-", "_")
    candidates: list[str] = []
    if guess_norm in _CJK_CODECS:
        candidates.append(_CJK_CODECS[guess_norm])
    for c in ("gb18030", "big5"):
        if c not in candidates:
            candidates.append(c)
    scored = []
    for i, codec in enumerate(candidates):
        s = decode_strict(data, codec)
        if s is None or not _looks_textual(s):
            continue
        share = _common_share(s, codec) if codec in ("gb18030", "big5", "cp950", "big5hkscs") else 0.9
        # prefer GB18030 on (near) ties: mainland reports are the norm
        bonus = 0.02 if codec == "gb18030" else 0.0
        scored.append((share + bonus, -i, s, codec))
    if scored:
        scored.sort(reverse=True)
        _, _, s, codec = scored[0]
        return s, codec
    if guess:
        s = decode_strict(data, guess)
        if s is not None and _looks_textual(s) and _plausible_non_cjk(s):
            return s, guess
    raise ExtractError("undecodable", "cannot decode the text: not UTF-8/UTF-16, GB18030 or Big5")


def _lenient_candidates(data: bytes) -> list[tuple[str, str, int]]:
    """Decodings with replacement characters: (text, codec, n_replaced), best first."""
    out: list[tuple[float, int, str, str, int]] = []
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        order = ["utf-16"]
    elif data.startswith(codecs.BOM_UTF8):
        order = ["utf-8-sig"]
    else:
        order = ["utf-8", "gb18030", "big5"]
        sample = data[:65536]
        if sample.count(0) * 8 > len(sample):  # NULs at every other byte: UTF-16 without BOM
            order = ["utf-16-le", "utf-16-be"] + order
    for i, codec in enumerate(order):
        body = data[: len(data) // 2 * 2] if codec.startswith("utf-16") else data
        s = body.decode(codec, "replace")
        if not _looks_textual(s):
            continue
        bad = s.count("\ufffd")
        if codec.startswith("utf"):
            # UTF byte structure is distinctive: a file that is mostly valid UTF is UTF
            return [(s, codec, bad)]
        share = _common_share(s, codec) + (0.02 if codec == "gb18030" else 0.0)
        out.append((share, -i, s, codec, bad))
    out.sort(reverse=True)
    return [(s, codec, bad) for _, _, s, codec, bad in out]


def decode_lenient(data: bytes) -> tuple[str, str, str | None]:
    """Like :func:`decode_bytes`, but a readable file with a little damage is still read.

    Strict decoding (``decode_bytes``) is tried first, so every file it accepts decodes
    exactly as before.  When it fails: stray NUL/control bytes (at most 0.5 % of the
    bytes) are removed, and bytes that do not decode (a file cut in the middle of a
    character, a few corrupted bytes) become U+FFFD as long as they are rare
    (``_looks_textual``).  Returns (text, codec, note): ``note`` describes the repair
    for a warning, None when the file decoded cleanly.
    """
    try:
        text, codec = decode_bytes(data)
        return text, codec, None
    except ExtractError as e:
        first = e
    notes = []
    body = data
    if first.code == "not_text" and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        n_ctrl = sum(data.count(bytes([b])) for b in _BAD_CONTROL)
        sample = data[:65536]
        utf16ish = sample.count(0) * 8 > len(sample)
        if not utf16ish:
            if n_ctrl * 200 > len(data):
                raise first
            body = data.translate(None, bytes(sorted(_BAD_CONTROL)))
            notes.append(f"{n_ctrl} stray NUL/control byte(s) removed")
            try:
                text, codec = decode_bytes(body)
                return text, codec, "; ".join(notes)
            except ExtractError:
                pass
    for text, codec, bad in _lenient_candidates(body):
        if bad:
            notes.append(f"{bad} byte sequence(s) that are not valid {codec} replaced by U+FFFD (damaged or truncated file)")
        return text, codec, "; ".join(notes) or None
    raise first


def split_text_lines(text: str) -> list[str]:
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def load(path: Path, source: Source, options: dict, *, read_html=None, data: bytes | None = None):
    """Read a text file into a Document. ``read_html`` is the HTML reader the loader
    registry hands in (``load.HOOKS``: ``html.load_markup``; this module does not import
    the html loader, which imports this module's decoders): called as ``read_html(markup,
    source)`` for a file that is a page saved as its script. Without it such a file is
    read as plain text. ``data``: the file's bytes when the dispatcher read them already."""
    if data is None:
        data = Path(path).read_bytes()
    text, codec, note = decode_lenient(data)
    source.encoding = codec
    b = DocumentBuilder(source)
    if note:
        b.warn("damaged_text", note)
    markup = embedded_markup(text)
    if markup is not None and read_html is not None:
        # a page saved as its script: the report is the HTML in one of its strings
        doc = read_html(markup, source)
        if note:
            doc.warnings.insert(0, Warning_("damaged_text", note))
        return doc
    lines = split_text_lines(text)
    # short lines of scraped portal chrome (打印/关闭, 上一篇, breadcrumbs, footers) go; the
    # page's own fields among them (发布时间:… 来源:X) are kept apart for the metadata
    # (each line's chrome test once: a page line is a chrome line naming a page field)
    chrome = [is_chrome_line(ln) for ln in lines]
    b.page_lines.extend(ln.strip() for ln, c in zip(lines, chrome) if c and is_page_line(ln))
    lines = ["" if c else ln for ln, c in zip(lines, chrome)]
    add_lines(b, lines)
    return b.build()
