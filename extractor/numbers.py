"""Quantities in Chinese text: Arabic and Chinese numerals, measure words, money, approximations.

Public API (kept stable; other modules code against it):
  parse_number(s: str) -> Decimal | None
      "1,234" "１２" "3.5万" "二〇一七" "一万零四十" "两百" "16.4亿" -> Decimal; None if not a number
  parse_quantity(s: str) -> Quantity | None
      a number plus optional measure word: "26.8万条" -> Quantity(Decimal(268000), unit="条", kind="count")
      "0.5万元" -> Quantity(Decimal("5000"), unit="万元", kind="money") (value in 元)
      "约50条"/"50余件"/"近百条" -> Quantity(..., approx="约") ; "10%" -> kind="percent"
  find_quantities(text: str) -> list[QuantityMatch]   (all quantities with spans in text)
  document_memo()   a context: each distinct text scanned once inside it (one document's run)
  to_value(q: Quantity) -> int | float   (count -> int, money -> float 元)
  NUMBER_PATTERN: str  -- a regex fragment (for the `regex` module) matching one number
      written in Arabic or Chinese numerals, usable inside pattern rules.

Conventions
-----------
* All arithmetic is done on :class:`decimal.Decimal`; ``to_value`` converts once at the end.
* Words (as in ``patterns/numbers.yaml``, where the measure words, approximation words and
  the words a numeral is part of are listed): a *measure word* is what a figure is counted
  in (条 件 人次 万元 年); ``Quantity.unit`` holds it as written (it becomes a fact's
  ``unit`` field). ``Quantity.kind`` is the *quantity* it makes. keys.yaml's ``unit`` is a
  key's value type, another thing.
* ``kind`` is one of ``count`` (a measure word such as 条 件 次 人次), ``money`` (元 千元
  万元 亿元 …, value always in 元), ``percent`` (``10%``, ``百分之十``; value is the
  number of percent, 10) and ``number`` (no measure word, or a calendar one: ``2017年`` is
  ``Quantity(2017, unit="年", kind="number")``; ``3月``/``5日``/``60号`` likewise).
  Callers wanting counts must check ``kind == "count"``.
* ``approx`` holds the approximation word(s) (约 近 余 多 左右 以上 超过 …). A caller must not
  emit a value for an approximate quantity; it records a warning with the phrase.
* Ordinals (``第三``) are not quantities: ``parse_number("第三")`` is None and
  ``find_quantities`` skips them.
* ``find_quantities`` only reports a Chinese-numeral quantity when a measure word follows it (or it
  is 百分之…): bare 一/二 are far too often words (一是, 统一, 进一步).

Size: one grammar (numerals → quantities, the regexes built from the measure words of
``patterns/numbers.yaml`` and the numeral tables below) near the 500-line mark.
"""
from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

import regex

from . import numbers_data as _data


@dataclass(slots=True)  # slots: one is made per quantity found
class Quantity:
    value: Decimal          # counts: the number; money: in 元
    unit: str | None        # the measure word as written: 条 件 次 篇 个 人 人次 名 期 场 份 元 万元 …, or None
    kind: str               # "count" | "money" | "percent" | "number"
    approx: str | None = None   # the approximation word (余 多 近 约 左右 以上) or None
    raw: str = ""


@dataclass(slots=True)
class QuantityMatch:
    quantity: Quantity
    start: int
    end: int

    @property
    def text(self) -> str:
        return self.quantity.raw


# --------------------------------------------------------------------------- lexicon

_FW_DIGITS = {ord(c): ord("0") + i for i, c in enumerate("０１２３４５６７８９")}
_FW_DIGITS.update({ord("．"): ord("."), ord("，"): ord(","), ord("％"): ord("%"), ord("　"): ord(" ")})

CN_DIGITS = {"零": 0, "〇": 0, "○": 0, "Ｏ": 0, "一": 1, "壹": 1, "二": 2, "贰": 2, "两": 2, "三": 3, "叁": 3,
             "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6, "七": 7, "柒": 7, "八": 8, "捌": 8,
             "九": 9, "玖": 9}
CN_SMALL_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
CN_BIG_UNITS = {"万": 10_000, "萬": 10_000, "亿": 100_000_000, "億": 100_000_000}

_CN_DIGIT_CHARS = "零〇○一二两三四五六七八九壹贰叁肆伍陆柒捌玖"
_CN_UNIT_CHARS = "十拾百佰千仟"
_CN_BIG_CHARS = "万萬亿億"
_CN_ALL = _CN_DIGIT_CHARS + _CN_UNIT_CHARS + _CN_BIG_CHARS
CN_NUMERAL_CHARS = _CN_ALL   #: every character of a Chinese numeral (digits, 十百千, 万亿)

# The measure words, approximation words and the words a numeral is part of are data:
# patterns/numbers.yaml, loaded and checked by numbers_data.py (issue 15, redesign 4).
# The names below are this module's public API (unread.py reads COUNT_UNITS/MONEY_UNITS).
#: measure words of counts, longest first where one is a prefix of another
COUNT_UNITS = sorted(set(_data.COUNT_WORDS), key=lambda w: (-len(w), w))   # (then by text: no hash-seed order)
#: money measure words -> multiplier to 元 (their scale)
MONEY_UNITS = dict(_data.MONEY_SCALE)
#: calendar / reference measure words: the quantity is a plain number (a year, a date part, a 文号)
NUMBER_UNITS = list(_data.NUMBER_WORDS)

PREFIX_APPROX = list(_data.APPROX_BEFORE) + list(_data.APPROX_BEFORE_EXACT)
SUFFIX_APPROX_INNER = list(_data.APPROX_INNER)     # 50余件, 3万余条, 1000多条
SUFFIX_APPROX_OUTER = list(_data.APPROX_AFTER)     # 100条左右
# "达" (reached) is exact in reports (达100%): it is matched as a prefix but not flagged
_EXACT_PREFIXES = set(_data.APPROX_BEFORE_EXACT)


def _alt(words) -> str:
    return "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True))


_D = "[0-9０-９]"
_ARABIC = (
    rf"(?:{_D}{{1,3}}(?:[,，]{_D}{{3}})+(?![0-9０-９])|{_D}+)(?:[.．]{_D}+)?"
)
_CN = rf"(?:[{_CN_ALL}]+(?:点[{_CN_DIGIT_CHARS}]+)?[{_CN_BIG_CHARS}]?)"
#: one number in Arabic (thousands separators, decimals, full-width) or Chinese numerals,
#: with an optional 万/亿 multiplier. Use with the ``regex`` module.
ARABIC_NUMBER_PATTERN = rf"(?:{_ARABIC}\s?[万亿]?)"
CHINESE_NUMBER_PATTERN = _CN
NUMBER_PATTERN = rf"(?:{_ARABIC}(?:\s?[万亿])?|{_CN})"

_UNIT_ALT = _alt(list(MONEY_UNITS) + COUNT_UNITS + NUMBER_UNITS)
# the approximation words between number and measure word: a class when all are one character
_INNER = ("[" + "".join(regex.escape(w) for w in SUFFIX_APPROX_INNER) + "]"
          if all(len(w) == 1 for w in SUFFIX_APPROX_INNER) else f"(?:{_alt(SUFFIX_APPROX_INNER)})")

_QTY = regex.compile(
    rf"""
    (?P<pre>{_alt(PREFIX_APPROX)})?
    (?:
        (?P<pct_cn>百分之(?P<pct_num>{_ARABIC}|[{_CN_ALL}]+(?:点[{_CN_DIGIT_CHARS}]+)?))
      |
        (?P<num>{_ARABIC}|[{_CN_ALL}]+(?:点[{_CN_DIGIT_CHARS}]+)?)
        (?P<inner1>{_INNER})?
        (?P<mult>\s?[万亿](?![元]))?
        (?P<inner2>{_INNER})?
        \s?
        (?:(?P<pct>[%％])|(?P<unit>{_UNIT_ALT}))?
    )
    (?P<post>{_alt(SUFFIX_APPROX_OUTER)})?
    """,
    regex.VERBOSE,
)
# the groups of _QTY in order (_build unpacks m.groups())
_QTY_GROUPS = ("pre", "pct_cn", "pct_num", "num", "inner1", "mult", "inner2", "pct", "unit", "post")
assert tuple(_QTY.groupindex) == _QTY_GROUPS


# ---------------------------------------------------------------------- numerals


def _fold(s: str) -> str:
    return s.translate(_FW_DIGITS)


def _cn_section(s: str) -> int | None:
    """Value of a numeral below 10000 (no 万/亿), e.g. 三千零五, 十二, 两百, 一百五 (colloquial)."""
    if not s:
        return 0
    total = 0
    digit: int | None = None
    last_unit = None
    zero_seen = False
    for ch in s:
        if ch in CN_DIGITS:
            if digit is not None and CN_DIGITS[ch] != 0:
                return None  # two digits in a row inside a unit numeral: 三五百
            d = CN_DIGITS[ch]
            if d == 0:
                zero_seen = True
                digit = None
                continue
            digit = d
        elif ch in CN_SMALL_UNITS:
            u = CN_SMALL_UNITS[ch]
            if last_unit is not None and u >= last_unit:
                return None  # 百千, 十十
            if digit is None:
                if total == 0 and not zero_seen and u == 10:
                    digit = 1  # 十二 = 12
                elif u == 10 and zero_seen:
                    digit = 1  # 一百零十 is odd but 一千零十 = 1010
                elif total == 0 and not zero_seen:
                    digit = 1  # 百 = 100 (近百条), 千 = 1000
                else:
                    return None
            total += digit * u
            digit = None
            last_unit = u
            zero_seen = False
        else:
            return None
    if digit is not None:
        if last_unit is not None and not zero_seen and last_unit >= 100:
            total += digit * last_unit // 10  # 一百五 = 150, 三千五 = 3500
        else:
            total += digit
    return total


def _parse_chinese(s: str) -> Decimal | None:
    if not s:
        return None
    # decimal: 三点五, 十二点零五
    if "点" in s:
        whole, _, frac = s.partition("点")
        mult = Decimal(1)
        if frac and frac[-1] in CN_BIG_UNITS:
            mult = Decimal(CN_BIG_UNITS[frac[-1]])
            frac = frac[:-1]
        if not frac or any(c not in CN_DIGITS for c in frac):
            return None
        w = _parse_chinese(whole)
        if w is None:
            return None
        return (w + Decimal("0." + "".join(str(CN_DIGITS[c]) for c in frac))) * mult
    # digit-by-digit (二〇一七, 一九九八): only digits, at least two, no unit characters
    if all(c in CN_DIGITS for c in s):
        if len(s) == 1:
            return Decimal(CN_DIGITS[s])
        if "两" in s:
            return None
        return Decimal("".join(str(CN_DIGITS[c]) for c in s))
    yi = max(s.rfind("亿"), s.rfind("億"))
    if yi >= 0:
        head, rest = s[:yi], s[yi + 1:]
        hv = _parse_chinese(head) if head else Decimal(1)
        if hv is None or hv != hv.to_integral_value():
            return None
        total = int(hv) * 100_000_000
        if len(rest) == 1 and rest in CN_DIGITS and CN_DIGITS[rest]:
            return Decimal(total + CN_DIGITS[rest] * 10_000_000)  # 一亿二
        zero = rest[:1] in ("零", "〇")
        if zero:
            rest = rest[1:]
        low = _below_yi(rest, zero) if rest else 0
        return None if low is None else Decimal(total + low)
    low = _below_yi(s, False)
    return None if low is None else Decimal(low)


def _below_yi(s: str, after_zero: bool) -> int | None:
    """Value of a numeral < 10^8 (may contain one 万)."""
    wan = max(s.find("万"), s.find("萬"))
    if wan < 0:
        return _section_checked(s)
    if s.count("万") + s.count("萬") > 1:
        return None
    head, rest = s[:wan], s[wan + 1:]
    hv = _section_checked(head) if head else 1
    if hv is None:
        return None
    total = hv * 10_000
    if not rest:
        return total
    if len(rest) == 1 and rest in CN_DIGITS and CN_DIGITS[rest]:
        return total + CN_DIGITS[rest] * 1000  # 三万五 = 35000
    if rest[0] in "零〇":
        lv = _section_checked(rest[1:])
    elif rest[0] in "千仟" or (len(rest) > 1 and rest[1] in "千仟"):
        lv = _section_checked(rest)
    else:
        return None  # 一万五百: non-standard, refuse to guess
    return None if lv is None else total + lv


def _section_checked(s: str) -> int | None:
    if not s:
        return 0
    if len(s) > 1 and all(c in CN_DIGITS for c in s):
        return None  # 二三 is not a numeral inside a 万/亿 form
    return _cn_section(s)


_ARABIC_FULL = regex.compile(rf"^{_ARABIC}$")


def _parse_arabic(s: str) -> Decimal | None:
    s = _fold(s)
    if not _ARABIC_FULL.match(s):
        return None
    try:
        return Decimal(s.replace(",", ""))
    except InvalidOperation:
        return None


_ARABIC_MULT = regex.compile(rf"^({_ARABIC})([万亿萬億]*)$")  # compiled once (was per call)


# No figure in a transparency report reaches a quadrillion; a longer digit run is a
# crawl artefact (numbers that ran together), not a quantity the report states.
MAX_ABS = Decimal(10) ** 15
_MAGNITUDES_ONLY = frozenset("百千万亿")


def parse_number(s: str) -> Decimal | None:
    """A number written in Arabic or Chinese numerals (optionally with 万/亿) -> Decimal.

    None for text that is not a number and for values of 10**15 or more."""
    v = _parse_number(s)
    if v is None or abs(v) >= MAX_ABS:
        return None
    return v


def _parse_number(s: str) -> Decimal | None:
    if s is None:
        return None
    if s.isdigit() and s.isascii():  # plain digits ("861", most figures): what the path below gives
        return Decimal(s)
    s = _fold(s).strip().replace(" ", "")
    if not s or s.startswith("第"):
        return None
    mult = Decimal(1)
    m = _ARABIC_MULT.match(s)
    if m:
        n = _parse_arabic(m.group(1))
        if n is None:
            return None
        for c in m.group(2):
            mult *= CN_BIG_UNITS[c]
        return n * mult
    if all(c in _CN_ALL + "点" for c in s):
        return _parse_chinese(s)
    return None


# --------------------------------------------------------------------- quantities


def _kind_of(unit: str | None, pct: bool) -> str:
    if pct:
        return "percent"
    if unit is None:
        return "number"
    if unit in MONEY_UNITS:
        return "money"
    if unit in NUMBER_UNITS:
        return "number"
    return "count"


def _bare_magnitude(q: Quantity, num: str | None) -> bool:
    """亿条 / 万件: a magnitude with no digit states no figure (近百条 is approximate)."""
    return q.approx is None and bool(num) and all(c in _MAGNITUDES_ONLY for c in num.strip())


def _build(m: regex.Match) -> Quantity | None:
    raw = m.group(0)
    pre, pct_cn, pct_num, num, inner1, mult, inner2, pct, unit, post = m.groups()  # _QTY_GROUPS
    approx_words = []
    if pre and pre not in _EXACT_PREFIXES:
        approx_words.append(pre)
    if pct_cn:
        n = parse_number(pct_num)
        if n is None:
            return None
        if post:
            approx_words.append(post)
        return Quantity(n, "%", "percent", "".join(approx_words) or None, raw)
    n = parse_number(num)
    if n is None:
        return None
    for g in (inner1, inner2):
        if g:
            approx_words.append(g)
    if mult:
        n = n * CN_BIG_UNITS[mult.strip()]
    pct = bool(pct)
    if unit in MONEY_UNITS:
        n = n * MONEY_UNITS[unit]
        if unit == "元" and num[-1] in _CN_BIG_CHARS and not inner1:
            unit = num[-1].replace("萬", "万").replace("億", "亿") + "元"  # 三万元: written unit 万元
    if post:
        approx_words.append(post)
    approx = "".join(approx_words) or None
    kind = _kind_of(unit, pct)
    if pct:
        unit = "%"
    return Quantity(n, unit, kind, approx, raw)


def parse_quantity(s: str) -> Quantity | None:
    """A whole string that is one quantity ("26.8万条", "约2万条", "0.5万元", "10%")."""
    if s is None:
        return None
    t = _fold(s).strip()
    if not t or t.startswith("第"):
        return None
    m = _QTY.fullmatch(t)
    if not m:
        return None
    q = _build(m)
    if q is None or _bare_magnitude(q, m.group("num")):
        return None
    q.raw = s.strip()
    return q


# characters before a Chinese numeral that make it part of a word (统一, 进一步, 唯一 …)
_CN_WORD_BEFORE = set(_data.NUMERAL_WORD_BEFORE)
_CN_WORD_AFTER = _data.NUMERAL_WORD_AFTER


# group numbers of _QTY (m.groups() is one call; m.group(name) one call per name)
_G = {name: i - 1 for name, i in _QTY.groupindex.items()}
_G_PRE, _G_PCT_CN, _G_NUM, _G_INNER1 = _G["pre"], _G["pct_cn"], _G["num"], _G["inner1"]
_G_PCT, _G_UNIT = _G["pct"], _G["unit"]
_NUM_GROUP = _QTY.groupindex["num"]
# characters that, width-folded, are in "0123456789.-/:_" (a number / date / code goes on)
_TAIL_CHARS = frozenset("0123456789.-/:_") | frozenset(c for c in map(chr, _FW_DIGITS) if _fold(c) in "0123456789.-/:_")
_COLONS = frozenset(c for c in _TAIL_CHARS if _fold(c) == ":")

# what _build made of a match, by (matched text, groups): they determine its result
# fully, including whether it is a bare magnitude (亿条: _bare_magnitude, decided once
# here). Quantities are mutable, so each hit gets a new one. Bounded (cleared when full).
_BUILT: dict = {}
_BUILT_MAX = 50_000


def _built(m: regex.Match, raw: str, groups: tuple) -> tuple:
    """(value, unit, kind, approx, bare magnitude) of a match, or () when it is no quantity."""
    key = (raw, groups)
    hit = _BUILT.get(key)
    if hit is None:
        q = _build(m)
        hit = (q.value, q.unit, q.kind, q.approx, _bare_magnitude(q, groups[_G_NUM])) if q is not None else ()
        if len(_BUILT) >= _BUILT_MAX:
            _BUILT.clear()
        _BUILT[key] = hit
    return hit


# the current document's memo (``document_memo``): text -> its quantities. The prose rules
# and the clause reader read the same sentences (1338 repeats within the dev set's documents);
# held per document only, so a batch of copies is not flattered and memory stays flat.
_MEMO: list = [None]


@contextmanager
def document_memo():
    """Within this block ``find_quantities`` scans each distinct text once (the run of one
    document: ``pipeline.extract_document``); blocks nest, each with its own memo."""
    prev = _MEMO[0]
    _MEMO[0] = {}
    try:
        yield
    finally:
        _MEMO[0] = prev


def find_quantities(text: str) -> list[QuantityMatch]:
    """Every quantity in ``text`` with its span (``text[start:end] == quantity.raw``)."""
    memo = _MEMO[0]
    if memo is None:
        return _scan(text)
    hit = memo.get(text)
    if hit is None:
        hit = memo[text] = _scan(text)
    return list(hit)   # a list of the caller's own (the matches are shared: read-only)


def _scan(text: str) -> list[QuantityMatch]:
    out: list[QuantityMatch] = []
    pos = 0
    n = len(text)
    search = _QTY.search
    built = _BUILT
    while pos < n:
        # (``concurrent`` False, positionally: the ``regex`` module would release the GIL
        # around each of these ~11,000 searches a pass of the dev texts, which a worker
        # with one thread never needs; ~7 % of their time)
        m = search(text, pos, None, False)
        if not m:
            break
        start, end = m.span()
        if start == end:
            pos = end + 1
            continue
        g = m.groups()
        num = g[_G_NUM]
        ok = True
        approx_shu = False
        if num is not None:
            ns, ne = m.span(_NUM_GROUP)
            before = text[ns - 1] if ns > 0 else ""
            if before in _COLONS and not (ns > 1 and _fold(text[ns - 2]).isdigit()):
                before = " "  # 数:175条 — a colon ends a label; after a digit (12:30) it is a time
            if before == "第" or before in _TAIL_CHARS or (
                before.isascii() and before.isalpha()
            ):
                ok = False  # ordinal, the tail of a number / date / code
            elif num[0] not in _CN_ALL:
                after_num = text[ne: ne + 1]
                if after_num and after_num.isascii() and after_num.isalpha():
                    ok = False  # 2G, 5A级: codes
            else:
                if not (g[_G_UNIT] or g[_G_PCT]):
                    ok = False
                elif not g[_G_PRE] and before == "数":
                    # 数十条 / 数百件 / 数千万元: "tens of" (approximate); 答复数十二件 /
                    # 件数三件: 数 ends the label (答复数, 件数) and the numeral is exact
                    if all(c in _CN_UNIT_CHARS + _CN_BIG_CHARS for c in num):
                        approx_shu = True
                elif not g[_G_PRE] and before in _CN_WORD_BEFORE:
                    ok = False
                if ok and text.startswith(_CN_WORD_AFTER, end):
                    ok = False
        if ok:
            raw = text[start:end]
            hit = built.get((raw, g))
            if hit is None:
                hit = _built(m, raw, g)
            if hit:
                value, unit, kind, approx, bare = hit
                if approx_shu:  # 数十条: approximate, hence never a bare magnitude
                    approx, bare = "数" + (approx or ""), False
                if not bare:
                    out.append(QuantityMatch(Quantity(value, unit, kind, approx, raw), start, end))
                    pos = end
                    continue
        if num is not None and num[0] in _CN_ALL and not g[_G_PRE]:
            # a Chinese numeral that is part of a word (统一, 进一步) or has no unit: never
            # read its tail as a number (统一二十条 is not 十条, 答复数十件 is not 十件)
            pos = max(start + 1, m.end(_NUM_GROUP))
            continue
        # retry one character later (the prefix may have swallowed a real start)
        pos = start + 1
    return out


def to_value(q: Quantity) -> int | float:
    """count/number -> int when integral (float otherwise); money -> float 元; percent -> float."""
    v = q.value
    if q.kind == "money":
        return float(v)
    if q.kind == "percent":
        return float(v)
    if v == v.to_integral_value():
        return int(v)
    return float(v)


__all__ = [
    "Quantity", "QuantityMatch", "parse_number", "parse_quantity", "find_quantities", "to_value",
    "document_memo",
    "NUMBER_PATTERN", "ARABIC_NUMBER_PATTERN", "CHINESE_NUMBER_PATTERN",
    "COUNT_UNITS", "MONEY_UNITS", "NUMBER_UNITS",
]
