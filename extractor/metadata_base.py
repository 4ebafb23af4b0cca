"""Shared ground of the document-metadata readers (extractor/metadata.py, extractor/agency.py):
the cue file patterns/metadata.yaml, its compiled patterns, dates and years, the validation
of an agency name candidate, and what is no name (a document site's boilerplate, a generic
head such as 乡镇 or 我局)."""
from __future__ import annotations

from functools import lru_cache

import regex

from .resources import patterns_dir

PATTERNS = patterns_dir() / "metadata.yaml"

_CN_D = "零〇○OΟ一二三四五六七八九"
_CN_DIGIT = {"零": 0, "〇": 0, "○": 0, "O": 0, "Ο": 0, "一": 1, "二": 2, "三": 3, "四": 4,
             "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
YEAR = rf"(?:(?:19|20)\d\d|[二一][{_CN_D}]{{3}})"
_MD = r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})"
DATE_RE = regex.compile(rf"(?P<y>{YEAR})\s*年\s*(?P<m>{_MD})\s*月\s*(?P<d>{_MD})\s*日")
DATE_LINE = regex.compile(rf"^\s*(?:日期[::])?\s*{DATE_RE.pattern}\s*$")


@lru_cache(maxsize=1)
def cues() -> dict:
    from .resources import load_yaml

    return load_yaml(PATTERNS)


def alt(words) -> str:
    return "|".join(sorted((w for w in words), key=len, reverse=True))


@lru_cache(maxsize=None)
def words(section: str, key: str) -> str:
    """The word list ``section.key`` of patterns/metadata.yaml (``agency_words``, ``title_words``,
    ``year_words``) as a regex alternation in the order written (its entries are regex alternatives)."""
    v = cues()[section][key]
    return v if isinstance(v, str) else "|".join(v)


@lru_cache(maxsize=1)
def _town_body_end() -> regex.Pattern:
    return regex.compile(rf"(?:{alt(regex.escape(w) for w in cues()['town_bodies'])})$")


def without_town_body(name: str) -> str:
    """``name`` without its town's body word (人民政府/办事处/政府, ``town_bodies``) at the end."""
    return _town_body_end().sub("", name)


@lru_cache(maxsize=1)
def compiled() -> dict:
    c = cues()
    suffixes = alt(regex.escape(s) for s in c["agency_suffixes"])
    out = {
        "title": regex.compile(
            rf"^(?P<t>[^。;!?《》<>:,]{{2,80}}?(?:{alt(regex.escape(e) for e in c['title_endings'])}))"
            r"(?P<rest>.*)$"
        ),
        "title_more": regex.compile(
            rf"^(?P<more>的?\p{{Han}}{{0,6}}?(?:{alt(regex.escape(e) for e in c['title_endings'])}))(?P<rest>.*)$"),
        "kind_title": [(k, [regex.compile(p) for p in v]) for k, v in c["kind_title"].items()],
        "kind_intro": [(k, [regex.compile(p) for p in v]) for k, v in c["kind_intro"].items()],
        "agency_name": regex.compile(rf"^\p{{Han}}{{1,40}}?(?:{suffixes})$"),
        "suffixes": suffixes,
        # a name made of agency endings and generic heads only (街道办事处, 政府办公室)
        "generic_name": regex.compile(
            rf"(?:{alt(regex.escape(h) for h in c['agency_generic_heads'])})?"
            rf"(?:{alt(regex.escape(s) for s in c['agency_suffixes'] if s not in c['agency_place_suffixes'])})+"),
        # (an entry may be a regex: 由 but not the 由 of 自由)
        "agency_bad_end": regex.compile(
            rf"(?:{'|'.join(c['agency_bad_before_suffix'])})(?:{suffixes})$"),
    }
    pf = c["page_fields"]
    # "名称: 【工作总结】2025年…总结" -> the value without its bracketed tag
    # (or the label in brackets, a portal's box: [ 发布机构 ] 梁平区人民政府, [标题] 重庆市…的通知)
    # (or, without a colon, its characters spaced out to align a portal's box - normalisation may have
    # removed the spaces between Han characters: 标 题 连云区教育局…年度报告 -> 标题连云区教育局…)
    spaced = alt(r"[^\S\n]*".join(w) for w in pf["title"])
    out["title_field"] = regex.compile(
        rf"^(?:(?:{alt(pf['title'])})\s*[:：]|[\[【]\s*(?:{alt(pf['title'])})\s*[\]】]\s*[:：]?|(?:{spaced})(?:\s*[:：]|[^\S\n]*(?=\p{{Han}})))"
        rf"\s*(?:\|\s*)?(?:【[^】]{{1,8}}】)?(?P<v>.+)$")
    out["page_field"] = {
        f: regex.compile(rf"(?:(?<!\p{{Han}})(?:{alt(pf[f])})\s*[:：]|[\[【]\s*(?:{alt(pf[f])})\s*[\]】]\s*[:：]?)"
                         rf"\s*(?:\|\s*)?(?P<v>[^\n|]*)")
        for f in ("agency", "date", "number", "submitter")
    }
    return out


# ------------------------------------------------------------------------- helpers


def cn_int(s: str) -> int | None:
    if s.isdigit():
        return int(s)
    if all(c in _CN_DIGIT for c in s):
        return int("".join(str(_CN_DIGIT[c]) for c in s))
    # 十, 十一, 二十, 二十三
    if "十" in s:
        a, _, b = s.partition("十")
        if (a and a not in _CN_DIGIT) or (b and b not in _CN_DIGIT):
            return None
        return (_CN_DIGIT[a] if a else 1) * 10 + (_CN_DIGIT[b] if b else 0)
    return None


def year_of(s: str) -> int | None:
    y = cn_int(s)
    if y is not None and 1990 <= y <= 2100:
        return y
    return None


def parse_date(s: str) -> str | None:
    """'2018年1月11日' / '二〇一八年一月十一日' -> '2018-01-11' (None if not a valid date)."""
    m = DATE_RE.search(s)
    if not m:
        return None
    y, mo, d = year_of(m.group("y")), cn_int(m.group("m")), cn_int(m.group("d"))
    if y is None or mo is None or d is None or not (1 <= mo <= 12 and 1 <= d <= 31):
        return None
    return f"{y:04d}-{mo:02d}-{d:02d}"


SPACES = regex.compile(r"[\s\u3000]+")
_ITEM_NUMBER = regex.compile(r"^(?:\d+[、.]|[(（]?[一二三四五六七八九十]+[)）、])")
_TRAILING_WORD = regex.compile(r"(?:关于|的)$")


@lru_cache(maxsize=8192)
def clean_agency(name: str | None) -> str | None:
    """Validate an agency name candidate: a Han name ending with an agency suffix.
    (Cached: the readers try the same candidates many times over a text.)"""
    if not name:
        return None
    c = cues()
    name = SPACES.sub("", name)
    name = _ITEM_NUMBER.sub("", name)
    spam = [w for w in c["agency_spam_prefix"] if w in name]
    if spam and (rest := clean_agency(name[max(name.rfind(w) + len(w) for w in spam):])):
        return rest  # 华体会主页北城街道办事处: a hijacked mirror's site name before the body's
    if (name.startswith(tuple(c["agency_bad_start"]) + tuple(c["name_verbs"]))
            and not name.startswith(tuple(c["agency_start_exceptions"]))):
        return None
    name = _TRAILING_WORD.sub("", name)
    organ = next((w for w in c["agency_organ_words"] if name.endswith(w) and len(name) > len(w)), None)
    if organ:
        # a body named with its organs (城口县人民政府机关, 永定县教育局机关): the body, never a place's
        # (县直机关, 市级机关 name no body)
        stem = clean_agency(name[: -len(organ)])
        if stem and stem == name[: -len(organ)] and stem.endswith(tuple(c["agency_organ_kept_after"])):
            return name  # 城口县人民政府机关: a government's organs, one unit of their own
        return stem if stem and not stem.endswith(tuple(c["territory_endings"])) else None
    if not (2 <= len(name) <= 40):
        return None
    if any(b in name for b in c["agency_bad"]) or name in c.get("agency_generic", []):
        if not (_coordinating_office(name) or _own_bad_word(name)):
            return None
    if _function_stem(name):
        return None  # 和区 (…(街道)和区政府各部门): a conjunction before a place ending
    if (glued := _glued_stem(name)) is not None:
        return glued or None  # 以市政府办公室 (以市政府办公室名义印发): the name after the word
    if "我" in name or (name.endswith(tuple(c["agency_word_endings"]))
                        and not name.endswith(tuple(c["agency_word_ending_places"]))):
        return None  # 我局; 公开格局, 县政府督办: a word ending like a body, no name
    comp = compiled()
    if not comp["agency_name"].match(name) or comp["agency_bad_end"].search(name):
        return None
    if comp["generic_name"].fullmatch(name):
        return None  # 街道办事处, 政府办公室: endings only, no body named
    return name


def _own_bad_word(name: str) -> bool:
    """A word of ``agency_bad`` that is part of the body's own name right before its ending
    (资阳市同城化发展工作局: ``agency_bad_allowed``), the only bad word in it."""
    c = cues()
    for p in c["agency_bad_allowed"]:
        m = regex.search(p, name)
        if m and not any(b in name[: m.start()] + name[m.end():] for b in c["agency_bad"]) \
                and name not in c.get("agency_generic", []):
            return True
    return False


def _function_stem(name: str) -> bool:
    """A one-character function word before a place ending (和区, 及镇: ``agency_function_stems``)."""
    c = cues()["agency_function_stems"]
    return (name[0] in c["stems"] and name[1:] in c["endings"] and name not in c["places"])


def _glued_stem(name: str) -> str | None:
    """A one-character function word glued before a name that a bare level word leads
    (以市政府办公室, 经县人民政府: ``agency_function_stems`` stems + glued_extra, levels): the rest
    when it is a name ("" when it is none); None when the name starts otherwise (和平县, 和县教育局)."""
    c = cues()["agency_function_stems"]
    if (len(name) < 3 or (name[0] not in c["stems"] and name[0] not in c["glued_extra"])
            or name[1] not in c["levels"] or name[:2] in c["places"]):
        return None
    return clean_agency(name[1:]) or ""


def _coordinating_office(name: str) -> bool:
    """A body named after the work it coordinates, its full place before it
    (锦州市 | 政务公开领导小组办公室: ``agency_bad_allowed_endings``)."""
    c = cues()
    end = max((e for e in c["agency_bad_allowed_endings"] if name.endswith(e)), key=len, default=None)
    if end is None:
        return False
    place = name[: -len(end)]
    return (len(place) >= 2 and place.endswith(tuple(c["agency_place_suffixes"]) + tuple(c["agency_bad_allowed_hosts"]))
            and not place.startswith(tuple(c["abbreviated_start"])) and clean_agency(place) == place)


# a body with its second name in brackets (高新区(新市区), 中国(福建)自由贸易试验区…): the name
# without them must be one, and so must the bracketed name or the place it completes
_BRACKETED = regex.compile(r"(?P<a>\p{Han}{2,20})[(（](?P<b>\p{Han}{2,20})[)）](?P<c>\p{Han}{0,20})")


def name_or_bracketed(s: str) -> str | None:
    """``s`` as a name (``clean_agency``), or a body's name holding a bracket: its second name
    or the province its zone belongs to (高新区(新市区), 中国(福建)自由贸易试验区福州片区管理委员会):
    the name without the bracket and the bracketed name (or the place it completes) must be names."""
    if a := clean_agency(s):
        return a
    m = _BRACKETED.fullmatch(s)
    if not m:
        return None
    whole = clean_agency(m.group("a") + m.group("c")) or before_subject(m.group("a") + m.group("c"))
    if whole and (clean_agency(m.group("b")) or clean_agency(m.group("b") + m.group("c"))):
        return f"{m.group('a')}({m.group('b')}){m.group('c')}" if whole.startswith(m.group("a") + m.group("c")) else None
    return None



@lru_cache(maxsize=1)
def name_leads() -> tuple[str, ...]:
    """What may stand right before a name in a sentence: ``name_lead`` and the sentence's
    verbs (``name_verbs``: 结合国家税务总局… -> 国家税务总局…)."""
    c = cues()
    return tuple(c["name_lead"]) + tuple(c["name_verbs"])


@lru_cache(maxsize=1)
def name_breaks() -> tuple[str, ...]:
    """What no name holds (``name_breaks``), a document site's boilerplate included
    (精品文档---下载后可任意编辑乡镇… -> 乡镇…): a run is read after the last of them."""
    c = cues()
    return tuple(c["name_breaks"]) + tuple(c["site_boilerplate"])


@lru_cache(maxsize=1)
def _boilerplate_rx() -> regex.Pattern:
    sep = r"[\s\-—_|·•:]*"
    return regex.compile(rf"^(?:{sep}(?:{alt(regex.escape(w) for w in cues()['site_boilerplate'])}))+{sep}")


def strip_boilerplate(line: str) -> str:
    """``line`` without a document site's boilerplate before it (精品文档---下载后可任意编辑)."""
    return _boilerplate_rx().sub("", line)


def generic_head(name: str) -> bool:
    """A word a text names a kind of body or itself with, not a body's name (乡镇, 我镇, 本局)."""
    c = cues()
    return name in c["agency_generic"] or bool(regex.fullmatch(c["agency_generic_self"], name))


def before_subject(run: str) -> str | None:
    """The agency in the run before 政府信息公开: the name may run into the subject and
    share its 政府 (…镇人民政府信息公开 -> …镇人民政府)."""
    if run.endswith("人民"):
        return clean_agency(run + "政府")
    return clean_agency(run)


# ------------------------------------------------------------------- cue patterns


@lru_cache(maxsize=128)
def cue_rx(pattern: str) -> regex.Pattern:
    """A cue pattern compiled once (looking it up in regex's own cache on every search
    cost a third of the search)."""
    return regex.compile(pattern)


# str.split() also cuts at \x1c-\x1f, which regex's \s does not match
_NOT_REGEX_SPACE = ("\x1c", "\x1d", "\x1e", "\x1f")


def compact(text: str) -> str:
    """``text`` without whitespace and bars (``regex.sub(r"[\\s|｜]+", "", text)``, three
    times faster through str.split when the text holds none of the characters the two
    disagree on)."""
    if any(c in text for c in _NOT_REGEX_SPACE):
        return regex.sub(r"[\s|｜]+", "", text)
    return "".join(text.split()).replace("|", "").replace("｜", "")
