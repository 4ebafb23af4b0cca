"""Document metadata: kind, title, agency, year covered, signing date, template, references.

``describe(doc, seg) -> dict`` with keys ``kind``, ``title``, ``agency``, ``year``, ``date``,
``template``, ``references`` (SCHEMA.md ``document``). Cue words live in
``patterns/metadata.yaml``; this module holds the logic only.

Precision first: a field with no clear cue is ``None`` rather than a guess.

Size: ``describe`` and its fields (title, kind, year, template, date and references), one
section each; the agency moved to extractor/agency.py and the year to extractor/metadata_year.py; the
title is next if it grows.
"""
from __future__ import annotations

from functools import lru_cache

import regex

from .agency_shape import published_report_body, same_body
from .agency import (box_agency, completes, cover_body, find_agency, inline_signature, name_line_before_title,
                     page_field, page_title_agency, signature_agency, system_body, system_named)
from .metadata_base import (DATE_LINE, SPACES, YEAR, alt, words, before_subject, clean_agency, compact,
                            name_or_bracketed,
                            compiled, cue_rx, cues, generic_head, parse_date, strip_boilerplate, without_town_body,
                            year_of)
# (_period_any_year and _year: read by the tests through this module)
from .metadata_year import (_number_field, _number_under_title, _period_any_year, _quarter, _year,  # noqa: F401
                            own_document_year, this_year_plan_year)
from .normalize import as_written, to_simplified
from .regexkit import may_match, required

_REF_RE = regex.compile(
    r"(?P<ref>\p{Han}{1,16}\s*[〔\[【(（]\s*(?:19|20)\d\d\s*[〕\]】)）]\s*(?:第\s*)?\d{1,5}\s*号)"
)
# the tail of a reference (its bracketed year and number): where find_references looks
_REF_TAIL = regex.compile(r"[〔\[【(（]\s*(?:19|20)\d\d\s*[〕\]】)）]\s*(?:第\s*)?\d{1,5}\s*号")
_SPACE = regex.compile(r"\s")
_HAN = regex.compile(r"\p{Han}")
# (the small patterns of the readers below, compiled once: regex's own cache lookup
# costs as much as matching these)
_WS_RUN = regex.compile(r"\s+")
_HAN_ONLY = regex.compile(r"\p{Han}+")
_STOP_END = regex.compile(r"[。;:!?]$")
_REF_JOINS = regex.compile(words("title_words", "reference_joins"))
_REF_ISSUER = regex.compile(r"^\p{Han}+[〔\[【(（]")
_REF_LEAD = regex.compile(rf"^(?:{words('title_words', 'reference_leads')})+")


def _lines(doc) -> list[tuple[int, int, str]]:
    """Paragraph lines as (start, end, text), and the table rows that hold one
    non-empty cell only (a portal page laid out as a table puts its title, its
    paragraphs and its signature in rows of one cell)."""
    out = []
    for b in doc.blocks:
        if b.start < 0:
            continue
        if b.kind == "table":
            if b.table is None:
                continue
            for row in b.table.rows():
                full = [c for c in row if c.text.strip() and c.start >= 0]
                if len(full) == 2 and _SPACE_RUN.sub("", full[0].text).rstrip(":：") in _title_labels():
                    full = full[1:]  # a portal's metadata box: 标 题 | 西藏自治区气象局关于…的报告
                if len(full) == 1:
                    c = full[0]
                    out.append((c.start, c.end, doc.text[c.start:c.end]))
            continue
        pos = b.start
        for line in doc.text[b.start:b.end].split("\n"):
            if line.strip():
                out.append((pos, pos + len(line), line))
            pos += len(line) + 1
    return out


_SPACE_RUN = regex.compile(r"[\s\u3000]+")


@lru_cache(maxsize=1)
def _title_labels() -> frozenset:
    return frozenset(cues()["page_fields"]["title"])


# ----------------------------------------------------------------------- title


_SUBJECT = regex.compile(rf"(?:{words('title_words', 'subjects')})")
# the year a title names: 2021年度, or a bare 2021 right before the subject
# (东河区卫生健康委员会 2021政府信息公开工作年度报告)
_YEAR_IN_TITLE = regex.compile(
    rf"(?P<y>{YEAR})\s*(?:年度?|(?={words('title_words', 'subjects_after_bare_year')}))")
# a year in brackets right after the title (…第三方评估报告(2018))
_YEAR_AFTER_TITLE = regex.compile(rf"\s*[(（]\s*(?P<y>(?:19|20)\d\d)\s*(?:年度?)?\s*[)）]")
# (a section heading "(二)2016年政务公开工作部署和落实情况" is no title either)
_BAD_TITLE_START = regex.compile(
    rf"^(?:{words('title_words', 'not_title_start')}|[(（][一二三四五六七八九十]{{1,3}}[)）]|[一二三四五六七八九十]{{1,3}}、)")
# a numbered heading of the body (一、总体情况, (一)主动公开)
_NUMBERED_HEAD = regex.compile(r"^\s*(?:[一二三四五六七八九十]{1,3}、|[(（][一二三四五六七八九十]{1,3}[)）])")
# compilation pages ("…参考总结范文7篇") are not the report's own title
_BAD_TITLE_WORDS = regex.compile(words("title_words", "compilation_page"))
# where the body starts right after a title whose line break was lost
_BODY_START = regex.compile(
    rf"^\s*(?:{words('title_words', 'body_start')}|(?:19|20)\d\d年|"
    rf"[一二三四五六七八九十]、|\(一\)|我(?:{words('title_words', 'body_start_self')}))"
)


# an item or page number before a title, and a document site's page marker glued to it
# ("1、1党江镇2018年…" -> "党江镇2018年…"; never a year: "2018年…" stays)
_TITLE_LEAD = regex.compile(r"^(?:\d+[、.．]|[(（][一二三四五六七八九十]+[)）])+(?:\d{1,3}(?![\d年月日号]))?")


# a title's 关于 at its start or end (compiled once: regex.sub(str, …) looks its cache up per call)
_ABOUT_EDGES = regex.compile(r"^关于|关于$")
_ABOUT_START = regex.compile(r"^关于")
_ABOUT_END = regex.compile(r"关于$")


@lru_cache(maxsize=4)
def _place_head_rx(suffixes: tuple) -> regex.Pattern:
    """The shortest run of Han ending as a place does (``agency_place_suffixes``)."""
    return regex.compile(rf"\p{{Han}}+?(?:{alt(regex.escape(p) for p in suffixes)})")


def _title_parts(title: str) -> tuple[str | None, int | None]:
    """(agency, year) named by a title line."""
    t = _WS_RUN.sub("", title)
    t = _TITLE_LEAD.sub("", t)
    year = None
    agency = None
    m = _YEAR_IN_TITLE.search(t)
    k = t.find("关于")
    if k > 0 and (m is None or k < m.start()) and (issuer := first_issuer(t[:k]) or clean_agency(t[:k])):
        # "霍邱县公安局关于…": the body writing the title comes before 关于
        return issuer, (year_of(m.group("y")) if m else None)
    if m:
        year = year_of(m.group("y"))
        # (a period of two years before it: 西安科技大学2015-2016年度信息公开情况报告 names the body before the
        # period, b19 ag14; as a school year's 学年: b15 b33 writes 2021-2022年度 for its 学年 too)
        before = _RANGE_START.sub("", t[: m.start()])
        after = t[m.end():]
        agency = name_or_bracketed(_ABOUT_EDGES.sub("", before)) if before else None
        if agency is None and before and (s := _SUBJECT.search(before)) and s.start() > 0:
            # 城关镇政府信息公开工作2019年度报告: the name runs into the subject before the year
            agency = before_subject(_ABOUT_START.sub("", before[: s.start()]))
        if agency is None and not before:
            s = _SUBJECT.search(after)
            if s and s.start() > 0:
                agency = before_subject(after[: s.start()]) or name_or_bracketed(after[: s.start()])
    elif sy := _SCHOOL_YEAR.search(t):
        # 中山大学2021—2022学年信息公开年度报告: a school's report on its school year names the
        # school before it (the year is left to the text: a school year spans two)
        agency = clean_agency(_ABOUT_START.sub("", t[: sy.start()])) if sy.start() else None
    else:
        s = _SUBJECT.search(t)
        if s and s.start() > 0:
            agency = before_subject(_ABOUT_END.sub("", t[: s.start()]))
    return agency, year


@lru_cache(maxsize=1)
def _issuer_verb_rx() -> regex.Pattern:
    return regex.compile(alt(regex.escape(w) for w in cues()["issuer_verbs"]))


def first_issuer(run: str) -> str | None:
    """The issuer heading a title's run before 关于 when the run holds more than one name
    (``issuer_verbs``): the name before the verb of a forwarded document (…办公室转发省政府办公厅),
    or the first of two issuers of one place (宁波市鄞州区人民政府办公室 | 宁波市鄞州区绩效考评
    委员会办公室); None for a run that is one name or none."""
    if v := _issuer_verb_rx().search(run):
        return clean_agency(run[: v.start()]) if v.start() > 0 else None
    for k in range(2, len(run) - 1):
        first, second = clean_agency(run[:k]), run[k:]
        if first != run[:k] or not (second_name := clean_agency(second)):
            continue
        place = _place_head_rx(tuple(cues()["agency_place_suffixes"])).match(first)
        if place and second_name.startswith(place.group(0)) and not first.endswith(
                tuple(cues()["agency_place_suffixes"])):
            return first
    return None


# the first year of a period of two (2015-2016年度) right before the title's year
_RANGE_START = regex.compile(r"(?:19|20)\d\d\s*[—\-–~至]+\s*$")
_SCHOOL_YEAR = regex.compile(r"(?:19|20)\d\d\s*[—\-–~至]+\s*(?:19|20)\d\d\s*学年")


def _title_place(title: str) -> str | None:
    """The place alone a title names before its year (海南州2014政府信息公开…), else None."""
    t = _TITLE_LEAD.sub("", _WS_RUN.sub("", title))
    m = _YEAR_IN_TITLE.search(t)
    before = t[: m.start()] if m else ""
    if (2 <= len(before) <= 12 and regex.fullmatch(r"\p{Han}+", before)
            and before.endswith(tuple(cues()["territory_endings"]))
            and before[0] not in cues()["abbreviated_start"]):
        return before
    return None


def _other_level(name: str | None, place: str) -> bool:
    """``name`` is a body of another level than ``place`` by its short name (省政府办公厅 for 海南州)."""
    return bool(name) and name[0] in cues()["abbreviated_start"] and name[0] != place[-1]


def _addressed(lines) -> bool:
    """The document opens with the line of bodies it is sent to (各县(市、区)人民政府,市直各有关单位:):
    ``addressee_line`` in patterns/metadata.yaml."""
    rx = cue_rx(cues()["addressee_line"])
    return any(rx.search(line) for _, _, line in lines[: cues()["addressee_lines"]])


def _issuer_titled(title: str | None, agency: str | None) -> bool:
    """``agency`` is the body a title names before 关于 (霍邱县公安局关于…): its issuer."""
    if not title or not agency:
        return False
    t = _TITLE_LEAD.sub("", _WS_RUN.sub("", title))
    k = t.find("关于")
    return k > 0 and clean_agency(t[:k]) == agency


def _generic_title_head(title: str) -> str | None:
    """The words before a title's subject when they name a kind of body or the text
    itself, not a body (乡镇政务信息工作总结, 我镇2020年…报告): that word, else None."""
    t = _TITLE_LEAD.sub("", _WS_RUN.sub("", title))
    s = _SUBJECT.search(t)
    head = _ABOUT_EDGES.sub("", t[: s.start()] if s else "")
    head = _YEAR_IN_TITLE.sub("", head)
    return head if head and generic_head(head) else None


def _title_of(s: str) -> tuple[str, str] | None:
    """(title, rest) when the line ``s`` starts with a report title."""
    if _BAD_TITLE_START.match(s) or _field_row_rx().match(s):
        return None
    m = compiled()["title"].match(s)
    if not m:
        return None
    title, rest = m.group("t").strip(), m.group("rest")
    # the shortest ending may be the head of a longer one (…评估指标 | 表)
    endings = tuple(cues()["title_endings"])
    for k in (3, 2, 1):
        if _HAN_ONLY.fullmatch(rest[:k]) and (title + rest[:k]).endswith(endings):
            title, rest = title + rest[:k], rest[k:]
            break
    # the shortest ending is not the title's end when another follows at once
    # (…落实情况 | 的自查报告)
    ext = compiled()["title_more"].match(rest)
    if ext and (not ext.group("rest") or ext.group("rest")[0].isspace() or _BODY_START.match(ext.group("rest"))):
        title, rest = title + ext.group("more"), ext.group("rest")
    if rest and not (rest[0].isspace() or rest[0] in "(（-—_|" or len(s) <= 60 or _BODY_START.match(rest)):
        return None
    if _BAD_TITLE_WORDS.search(title):
        return None
    if not _SUBJECT.search(title) and not _YEAR_IN_TITLE.search(title) and not _title_subject_rx().search(title):
        return None
    return title, rest


@lru_cache(maxsize=1)
def _field_row_rx() -> regex.Pattern:
    """A portal's row of metadata fields, a label and its value without a colon (成文日期 2024-01-16 发布机构
    下各镇 / 组配分类 政府信息公开年报: pool s10 p195, b6 t49): no title, joined to the next line or not."""
    pf = cues()["page_fields"]
    labels = sorted(set(pf["agency"]) | set(pf["date"]) | set(pf["stop"]) | set(pf["number"]), key=lambda w: (-len(w), w))
    # (normalisation may have dropped the space between two Han fields: 组配分类政府信息公开年报)
    return regex.compile(rf"^(?:{alt(regex.escape(w) for w in labels)})")


@lru_cache(maxsize=1)
def _title_subject_rx() -> regex.Pattern:
    return regex.compile(alt(regex.escape(w) for w in cues()["title_subjects"]))


def _tail_title(lines) -> tuple[int, str] | None:
    """A crawled page that prints its title after the content, as its last line or with
    its metadata line under it ("2017年第四季度政府网站自查情况报告" / "发布时间:… 来源:…"):
    (line index, title) when one of the last lines is a title so placed."""
    comp = compiled()["page_field"]
    n = cues()["page_fields"]["tail_lines"]
    tail = range(max(0, len(lines) - n), len(lines))
    titles = [(i, t) for i in tail if (t := _title_of(lines[i][2].strip())) and not t[1].strip()]
    if len(titles) != 1:
        return None  # several titles at the end: a list of links (相关文章), not this page's title
    i, (title, _) = titles[0]
    if i == len(lines) - 1 or any(rx.search(lines[i + 1][2]) for rx in comp.values()):
        return i, title
    return None


def find_title(lines) -> tuple[int, str] | None:
    """(line index, title) of the first heading-like line naming the report, else None.

    A page-field line (标题: …) gives its value; a title broken across two lines
    (…信息公开工作 / 年度报告) is read joined when the second line is short and ends it."""
    field = compiled()["title_field"]
    seen = 0
    prose = False
    body = False   # the body has begun: a sentence and a numbered heading above the line
    head = lines[: cues()["title_lines"]]
    for i, (_, _, line) in enumerate(head):
        # past the first 15 lines only a sheet of short cells (no sentence yet) is read on
        if seen > 3000 or (i >= 15 and prose):
            break
        seen += len(line)
        body = body or (prose and _NUMBERED_HEAD.match(line) is not None)
        prose = prose or "。" in line
        # a document site's file name (…公开工作自总结.docx) is the title without its extension
        s = _FILE_EXT.sub("", strip_boilerplate(line.strip()))
        if fm := field.match(s):
            s = fm.group("v").strip()
        if s in cues()["page_chrome_lines"]:
            continue  # a portal's link (手机版) is no head of a title broken over two lines
        found = _title_of(s)
        if found is None and i + 1 < len(head) and len(s) <= 60 and not _STOP_END.search(s):
            nxt = head[i + 1][2].strip()
            if 2 <= len(nxt) <= 16 and not _BODY_START.match(nxt):
                joined = _title_of(s + nxt)
                # the joined title must end inside the second line; a portal's banner above its
                # column (北京市西城区人民政府 / 政府信息公开年报) above the report's own title is no title
                if joined and len(joined[0]) > len(s) and not joined[1].strip() and not _column_over_title(nxt, head, i + 1):
                    found = joined
        if (found and (_SUBJECT.match(_WS_RUN.sub("", found[0])) or _CRUMB.search(found[0]))
                and _title_parts(found[0]) == (None, None)):
            # a portal's column name (政府信息公开年报: the subject and the kind, nothing before them;
            # or a breadcrumb 首页/政府信息公开/政府信息公开年报) above the report's own title, which
            # names its body or year (葫芦岛高新技术产业开发区2024年政府信息公开工作年度报告): that one
            for k in (1, 2):   # a title on one line first, then one broken over two
                for j in range(i + 1, min(i + 1 + cues()["title_after_column"], len(head))):
                    if (more := _title_below(head, j, k)) and _title_parts(more) != (None, None):
                        return j, more
        if found and body and found[1].strip():
            # inside the body a title stands on a line of its own (附件…考核评分细则 above its table, b9 f01, b8
            # m01); a report's name that a sentence goes on after (每月向公开办报送我局信息公开报表及工作总结、每季度报送…,
            # b25 av09; the shape of 编制公布政府信息公开工作年度报告,是各级行政机关… b9 n44 and 下面是小编为大家整理的…自查报告,
            # 供大家参考 b5 u22, b8 m24, each below or after its own title) is a mention, no title (session 14 Z3)
            found = None
        if found:
            if i > 0 and (lead := _TITLE_HEAD_LINE.match(strip_boilerplate(head[i - 1][2].strip()))):
                # a title broken after its issuer's 关于… (贺州市人民政府办公室关于公布 / 贺州市2009年度…的通知)
                return i, lead.group(0) + found[0]
            return i, found[0]
    return None


def _column_over_title(line: str, head, i: int) -> bool:
    """``line`` (line ``i``) is a portal's column name (the subject and the kind, nothing before them)
    with a title naming its body or year within ``title_after_column`` lines below it."""
    col = _title_of(line)
    if not col or not _SUBJECT.match(_WS_RUN.sub("", col[0])) or _title_parts(col[0]) != (None, None):
        return False
    return any((more := _title_below(head, j, k)) and _title_parts(more) != (None, None)
               for j in range(i + 1, min(i + 1 + cues()["title_after_column"], len(head))) for k in (1, 2))


def _title_below(head, j: int, k: int) -> str | None:
    """The title on line ``j`` (k=1), or broken over lines ``j`` and ``j+1`` (k=2: 北京市西城区人民防空办公室2020 /
    政府信息公开工作年度报告 - the first line no title alone, the second short and ending the title)."""
    first = strip_boilerplate(head[j][2].strip())
    if k == 1:
        return (t := _title_of(first)) and t[0]
    if j + 1 >= len(head) or _title_of(first) or not 2 <= len(nxt := head[j + 1][2].strip()) <= 16:
        return None
    t = _title_of(first + nxt)
    return t[0] if t and len(t[0]) > len(first) and not t[1].strip() else None


_FILE_EXT = regex.compile(r"\.(?:docx?|wps|pdf|txt|xlsx?)$", regex.I)
_CRUMB = regex.compile(r"\p{Han}\s*[/>＞»]\s*\p{Han}")   # a portal's breadcrumb: 首页/政府信息公开/…


# the head of a title broken over two lines: its issuer and 关于 (with the verb of a notice)
_TITLE_HEAD_LINE = regex.compile(rf"^\p{{Han}}{{2,30}}关于(?:{words('title_words', 'notice_title_verbs')})?$")


# ------------------------------------------------------------------------ kind


_SCORE_LINE = regex.compile(rf"\d+(?:\.\d+)?\s*分(?![{words('title_words', 'not_points_after_fen')}])")


def _score_table_first(body: str) -> bool:
    """The body opens with a score table's header (a score column and a criterion
    column) before any report sentence: a score table published on its own."""
    h = cues()["assessment_header"]
    zone = compact(body[: h["header_chars"]])
    score = [zone.find(w) for w in h["score"] if w in zone]
    crit = [zone.find(w) for w in h["criterion"] if w in zone]
    if not score or not crit:
        return False
    before = zone[: min(min(score), min(crit))]
    return not any(cue_rx(p).search(before) for p in h["prose"])


@lru_cache(maxsize=1)
def _flat(text: str) -> str:
    """``compact(text)`` of the document's text, made once for _annual_hallmark and _template."""
    return compact(text)


def _cue_in(text: str, pattern: str) -> bool:
    """``cue_rx(pattern).search(text)`` found something: a cue that is one literal (本年制发件数,
    \\[2021\\]30号) is looked for as a substring; another only where ``text`` holds one literal of
    each set every match of it holds (``regexkit.required``)."""
    try:
        lit, needs = _CUE_NEEDS[pattern]
    except KeyError:
        needs = required(pattern)
        one = needs[0][0] if needs and len(needs) == 1 and len(needs[0]) == 1 else None
        lit = one if one is not None and regex.escape(one, special_only=True) == pattern else None
        _CUE_NEEDS[pattern] = (lit, needs)
    if lit is not None:
        return lit in text
    return (needs is None or may_match(text, needs)) and cue_rx(pattern).search(text) is not None


_CUE_NEEDS: dict = {}


def _annual_hallmark(text: str) -> bool:
    """The statutory annual report's own marks: the statistics period stated in its
    opening, or the national template's statistics tables. They make an annual report
    whatever phrase introduces it (现将…工作情况报告如下)."""
    h = cues()["annual_hallmarks"]
    head = text[: h["head_chars"]]
    if any(_cue_in(head, p) for p in h["opening"]):
        return True
    flat = _flat(text)
    if any(_cue_in(flat, p) for p in h["tables"]):
        return True
    numbered = r"[一二三四五六七八九十]{1,2}[、.．]\s*"
    sections = sum(1 for p in h["sections"] if _cue_in(text, numbered + p))
    if sections >= h["min_sections"]:
        return True
    sub = r"[(（][一二三四五六七八九十]{1,2}[)）]\s*"
    overview = sum(1 for p in h["overview_sections"] if _cue_in(text, sub + p))
    return overview >= h["min_overview_sections"]


@lru_cache(maxsize=64)
def _title_kind(title: str | None) -> str | None:
    # (cached: describe asks it of the same title up to five times)
    if title:
        # a notice's title (…的通知) names what it issues or launches: only the notice
        # cues (``kind_notice_title``) read it; otherwise the text's body decides
        key = "kind_notice_title" if title.endswith("通知") else "kind_title"
        for kind, pats in _kind_title_rx("kind_title_first") + _kind_title_rx(key):
            if any(p.search(title) for p in pats):
                return kind
    return None


@lru_cache(maxsize=4)
def _kind_title_rx(key: str) -> list:
    return [(k, [regex.compile(p) for p in v]) for k, v in cues()[key].items()]


def _structure_kind(text: str) -> str | None:
    """The kind the text's structure shows (``kind_structure``), else None."""
    for kind, cues_ in cues()["kind_structure"].items():
        if all(len(cue_rx(c["pattern"]).findall(text)) >= c["min"] for c in cues_):
            return kind
    return None


def _rectification_table_first(body: str) -> bool:
    """The body opens with a table of problems and their rectification (问题明细 | 整改结果:
    ``kind_rectification_table``): the header cells before any sentence."""
    h = cues()["kind_rectification_table"]
    score = cues()["assessment_header"]["score"]
    zone = body[: h["header_chars"]]
    if not any(w in compact(zone) for w in h["problem"]):
        return False  # (each line's compact form is a part of the zone's: no line holds a problem word)
    for line in zone.split("\n"):
        row = compact(line)
        if "。" in row:
            return False  # a sentence before the header: a report, not a table
        if any(w in row for w in h["problem"]) and any(w in row for w in h["rectification"]):
            # a score table with a rectification column (分值 | 得分 | 扣分原因 | 整改情况) stays one
            return not any(w in row for w in score)
    return False


def _untitled_annual(text: str) -> bool:
    """An annual report copied without its title: a numbered heading naming a part of the
    disclosure work and a clause stating the year's figures (``kind_untitled_annual``)."""
    c = cues()["kind_untitled_annual"]
    if len(cue_rx(c["report_headings"]).findall(text)) >= c["min_report_headings"]:
        return True
    return (any(cue_rx(p).search(text) for p in c["headings"])
            and any(cue_rx(p).search(text) for p in c["figures"]))


def _kind(title: str | None, text: str, lines, body_start: int = 0) -> str:
    k = _kind_read(title, text, lines, body_start)
    if k == "annual_report" and _regulation(text[body_start:]) and (
            not _title_kind(title) or _rule_title(title, text, body_start)):
        return "other"  # a rule text about annual reports (``kind_regulation``)
    return k


def _regulation(body: str) -> bool:
    """The opening is a rule text's articles (two of 第…条) and the text names itself as a rule
    (本制度, 本办法 …): ``kind_regulation`` in patterns/metadata.yaml."""
    c = cues()["kind_regulation"]
    head = body[: c["head_chars"]]
    if len(cue_rx(c["article"]).findall(head)) < 2:
        return False
    # … or opens with its first article and sets out more on lines of their own
    return bool(cue_rx(c["self"]).search(head)) or len(cue_rx(c["line_article"]).findall(head)) >= 2 and bool(
        cue_rx(c["article_start"]).match(head.lstrip()))


def _rule_title(title: str, text: str, end: int) -> bool:
    """The title read (its line ends at ``end``) goes on with a rule's noun (…年度报告 | 制度(试行))."""
    k = text.rfind(title, 0, end)
    return k >= 0 and bool(cue_rx(cues()["kind_regulation"]["title_tail"]).match(text, k + len(title)))


def _kind_read(title: str | None, text: str, lines, body_start: int = 0) -> str:
    comp = compiled()
    # the title's whole line: a guide's title goes on after the kind it teaches (…自查报告 | 怎么写)
    line = text[text.rfind("\n", 0, max(0, body_start - 1)) + 1: body_start] if title else ""
    if any(p.search(line) for _, pats in _kind_title_rx("kind_title_first") for p in pats):
        return "other"
    if k := _title_kind(title):
        return k
    if _rectification_table_first(text[body_start:]):
        return "self_inspection"
    if _score_table_first(text[body_start:]):
        return "assessment_table"
    head = text[:800]
    intro = dict(comp["kind_intro"])
    if any(p.search(head) for p in intro.get("self_inspection", [])):
        return "self_inspection"
    if _annual_hallmark(text):
        return "annual_report"
    if any(p.search(head) for p in intro.get("other", [])):
        return "other"  # a circular on an inspection of many bodies (…抽查…现将有关情况通报如下)
    if any(p.search(head) for p in intro.get("work_summary", [])):
        return "work_summary"
    if k := _structure_kind(text):
        return k
    all_lines = [ln for ln in text.split("\n") if ln.strip(" |")]
    scored = sum(1 for ln in all_lines if _SCORE_LINE.search(ln))
    if scored >= 5 and scored >= 0.15 * len(all_lines):
        return "assessment_table"
    for kind in ("annual_report", "assessment_table"):
        if any(p.search(head) for p in intro.get(kind, [])):
            return kind
    if title and _WS_RUN.sub("", title).endswith(tuple(cues()["notice_title_endings"])):
        # a notice whose title names nothing it issues (关于转载福建省依申请公开政府信息工作办法的
        # 通知): the words of disclosure in its body are its subject, not a report's sections
        return "other"
    sections = cues()["annual_sections"]
    hits = sum(1 for s in sections if s in text)
    if hits >= 2 or (hits >= 1 and "政府信息" in text):
        return "annual_report"
    weak = sum(1 for w in cues().get("annual_weak", []) if w in text)
    if weak >= 2 or any(cue_rx(p).search(text) for p in cues().get("annual_figure", [])):
        return "annual_report"
    if title is None and _untitled_annual(text):
        return "annual_report"
    return "other"


# ---------------------------------------------------------------------- template


def _template(kind: str, text: str, year: int | None) -> str | None:
    if kind != "annual_report":
        return "free"  # SCHEMA: the statistics templates are the annual report's only
    flat = _flat(text)
    t = cues()["template"]

    def has(labels) -> bool:
        return any(_cue_in(flat, p) for p in labels)

    if has(t["free"]):
        return "free"  # a school's report: no government statistics template

    gb21 = has(t["gb2021"]["labels"]) or (
        all(w in flat for w in t["gb2021"]["fee_labels"]) and t["gb2021"]["fee_labels_not"] not in flat
    )
    gb19 = has(t["gb2019"]["labels"])
    if gb21:
        return "gb2021"
    if gb19:
        return "gb2019"
    # a citation names the format letter the text mentions, not always the one it follows:
    # a 2022 report citing the 2019 letter (国办公开办函〔2019〕60号) uses the 2021 format,
    # the only one for reports after 2021; a year before 2021 cannot follow the 2021 letter
    if has(t["gb2021"]["citations"]) and not (year is not None and year <= 2020):
        return "gb2021"
    if has(t["gb2019"]["citations"]) and not (year is not None and year >= t["gb2021"]["only_from"]):
        return "gb2019"
    if has(t["old"]["labels"]) and not (year is not None and year > t["old"]["until"]):
        return "old"
    if year is not None:
        if year <= 2018:
            return "old"
        return "gb2019" if year <= 2020 else "gb2021"
    # no label, citation or year: the sections the template prescribes. The old template's
    # (收费及减免情况) name it; the national one's are shared by gb2019 and gb2021: no value.
    old, new = has(t["old"]["sections"]), has(t["gb2019"]["sections"])
    if old and not new:
        return "old"
    return None


# ---------------------------------------------------------------------- refs/date


def find_references(text: str) -> list[str]:
    """文号 cited in the text (乌政公办字〔2018〕1号), in order, without duplicates.

    What ``_REF_RE.finditer(text)`` gives, without trying its 1–16 Han characters at
    every Han position of the text: a reference is found from its tail (〔2018〕1号,
    ``_REF_TAIL``, rare), and matched at the one start finditer would take — the
    leftmost of the Han run before it, at most 16 characters and not before the
    previous match's end (tests/test_linear_work.py counts the positions tried)."""
    out: list[str] = []
    prev = 0
    for t in _REF_TAIL.finditer(text):
        q = t.start()
        while q > prev and _SPACE.match(text, q - 1):
            q -= 1
        p = q
        while p > prev and q - p < 16 and _HAN.match(text, p - 1):
            p -= 1
        if p == q:
            continue
        m = _REF_RE.match(text, p)
        if m is None:  # (cannot happen: the tail matched after the run)
            continue
        prev = m.end()
        ref = _REF_LEAD.sub("", _WS_RUN.sub("", m.group("ref")))
        # keep the issuer code: the Han run after the last 《》 or 的/和 inside
        ref = _REF_JOINS.split(ref)[-1] if _REF_ISSUER.match(ref) else ref
        if _HAN.match(ref) and ref not in out:
            out.append(ref)
    return out


def _date(lines) -> str | None:
    for _, _, line in reversed(lines):
        if DATE_LINE.match(line):
            d = parse_date(line)
            if d:
                return d
    return None


# ------------------------------------------------------------------------ public


def empty() -> dict:
    """The document fields when nothing could be determined."""
    return {"kind": None, "title": None, "agency": None, "year": None, "date": None,
            "template": None, "references": []}


def describe(doc, seg=None) -> dict:
    text = doc.text
    lines = _lines(doc)
    found = find_title(lines)
    if found and cue_rx(cues()["kind_regulation"]["article_start"]).match(found[1]):
        found = None  # a rule's article (第一条为规范…年度报告…), not a title
    if (found and found[0] > 0 and _title_kind(found[1]) != "assessment_table"
            and _score_table_first(text[: lines[found[0]][0]])):
        found = None  # a row of a score table that opens the text (…年度报告 as a criterion)
    tail_field = None
    if found is None and (found := _tail_title(lines)):
        tail_field = page_field(lines[found[0] + 1][2], "agency") if found[0] + 1 < len(lines) else None
    title = found[1] if found else None
    title_agency, title_year = _title_parts(title) if title else (None, None)
    if found and title_year is None:
        line = lines[found[0]][2]
        k = line.find(title)
        if k >= 0 and (ya := _YEAR_AFTER_TITLE.match(line, k + len(title))):
            title_year = year_of(ya.group("y"))
    if found and title_agency and title_agency.endswith(tuple(cues()["territory_endings"])):
        # a title naming only a place under a cover line naming a body of that place
        title_agency = cover_body(lines, found[0], title_agency) or title_agency
    if title_agency and title and title.endswith("通知") and _title_kind(title) == "annual_report":
        title_agency = published_report_body(title, title_agency)
    prev_agency = None
    if found and title_agency is None:
        title_agency = page_title_agency(lines[found[0]][2], title)
    if found and title_agency is None:
        title_agency = system_body(title, text)
    if found and title_agency is None:
        prev_agency = name_line_before_title(lines, found[0], title)
    body_start = lines[found[0]][1] if found else 0
    kind = _kind(title, text, lines, body_start)
    if kind == "assessment_table" and title_agency and title_year:
        t = _WS_RUN.sub("", title)
        ym = _YEAR_IN_TITLE.search(t)
        if ym and t.find(title_agency) >= ym.end():
            # 2020年泉州市鲤城区…考评标准表: the area the criteria cover, not a body reporting
            title_agency = None
    # a third party's evaluation: the place its title (and the title repeated in the
    # opening) names is the one evaluated, not the author; a body named before 关于 issues
    # the document (宣城市人民政府办公室关于…测评成绩的通报) and stays
    skip = (("title", "titles_in_opening")
            if kind == "other" and _title_kind(title) == "other" and not _issuer_titled(title, title_agency)
            else ())
    sig_agency, sig_date = inline_signature(text)
    date = _date(lines) or sig_date
    # the page's metadata lines the loader kept out of the text (发布时间:… 来源:X)
    # (Simplified, with their spaces: 信息来源:霍邱县公安局 发布时间:… are two fields)
    page = "\n".join(to_simplified(ln) for ln in getattr(doc, "page_lines", ()))
    year = _year(title_year, text, kind, date or page_field(text, "date") or page_field(page, "date"),
                 _quarter(title))
    if year is None:
        number = _number_field(text) or _number_field(page) or (_number_under_title(lines, found[0]) if found else None)
        year = (own_document_year(title, kind, number, date or page_field(text, "date") or page_field(page, "date"))
                or this_year_plan_year(text, kind))
    field_agency = _office_of_body(page_field(text, "agency") or box_agency(doc) or tail_field, text)
    territory = tuple(cues()["territory_endings"])
    page_agency = page_field(page, "agency")
    if title_agency is None and title and (place := _title_place(title)):
        # 海南州2014政府信息公开工作年度报告, 来源: 省政府办公厅: the portal of another level
        # (the province) that posted the 州's report, by its short name: not the body
        field_agency = None if _other_level(field_agency, place) else field_agency
        page_agency = None if _other_level(page_agency, place) else page_agency
    if (kind == "assessment_table" and title_agency and field_agency
            and title_agency.endswith(territory) and not field_agency.endswith(territory)):
        # 涞源县2023年政务公开考核评分细则, 发布机构: 县政府办: the county is the area the criteria
        # cover, the office that published them is the body
        title_agency = None
    if (kind == "assessment_table" and title_agency and title_agency.endswith(territory)
            and (signed := signature_agency(lines) or sig_agency)
            and signed.startswith(title_agency) and not signed.endswith(territory)):
        # 衡阳市政务公开政务服务工作考核办法 under the letter 衡阳市人民政府办公室 signs: the
        # city is the area the criteria cover, the body of that city signing issued them
        title_agency = None
    elif (kind == "assessment_table" and title_agency and title_agency.endswith(territory) and not field_agency
            and not (signature_agency(lines) or sig_agency) and _addressed(lines)):
        # 吉安市政府信息公开工作考核办法 sent to 井冈山管理局,各县(市、区)人民政府… and signed by
        # no one: the city is the area the criteria cover, no body issuing them is named
        # (none rather than the place); a county's own 测评表 sent to no one keeps its county
        title_agency = None
        skip = tuple(skip) + ("title", "titles_in_opening")
    notes: list[str] = []
    if title and title_agency is None and (head := _generic_title_head(title)):
        notes.append(f"a title names no body ({head} is a word for any body or for itself)")
    # (read without a betting brand a hijacked mirror put where the place stood: ``agency_spam_run``)
    agency = find_agency(title_agency, field_agency, prev_agency, cue_rx(cues()["agency_spam_run"]).sub("", text),
                         lines, sig_agency, notes, skip, page_agency=page_agency, kind=kind)
    if agency is None and title and "title" not in skip:
        agency = system_named(title, text)  # a title headed by a system whose body no source names
    if agency is None and notes:
        _warn(doc, "agency_withheld", "no agency: " + "; ".join(dict.fromkeys(notes)))
    for source, other in (("title", title_agency), ("publisher field", field_agency)):
        if agency and other and not _one_body(agency, other):
            # the stronger source is kept (agency_sources); a reviewer sees the other
            _warn(doc, "agency_sources_disagree", f"agency {agency}; the {source} names {other}")
    return {
        "kind": kind,
        "title": _as_written(doc, title),
        "agency": _as_written(doc, agency),
        "year": year,
        "date": date,
        "template": _template(kind, text, year),
        "references": find_references(text),
    }


def _office_of_body(name: str | None, text: str) -> str | None:
    """A publisher field naming a bureau's office (发布机构: 西藏自治区气象局办公室) that posted
    the bureau's page: the bureau, when the text names it (``office_of_body`` in
    patterns/metadata.yaml); a government's office (…人民政府办公室) is a body of its own."""
    c = cues()["office_of_body"]
    if not name:
        return name
    for office in c["offices"]:
        stem = name[: -len(office)]
        if (name.endswith(office) and (body := clean_agency(stem)) == stem
                and stem.endswith(tuple(c["bodies"])) and stem in text):
            return stem
    return name


def _one_body(a: str, b: str) -> bool:
    """Two names of one body: one holds the other (青山乡 / 青山乡人民政府) or abbreviates it
    (裕安区交通局 / 裕安区交通运输局)."""
    a, b = to_simplified(a), to_simplified(b)
    if a in b or b in a or same_body(a, b) or same_body(b, a) or completes(a, b) or completes(b, a):
        return True
    # a town with its county (东至县青山乡) and the town's body (青山乡人民政府)
    return any(x.endswith(core) and core != y for x, y in ((a, b), (b, a))
               if (core := without_town_body(y)) and core.endswith(tuple(cues()["town_endings"])))


def _warn(doc, code: str, message: str) -> None:
    """A warning about the document's metadata, once (describe may run again on a doc)."""
    from .model import Warning_

    if not any(w.code == code and w.message == message for w in doc.warnings):
        doc.warnings.append(Warning_(code, message))


def _as_written(doc, name: str | None) -> str | None:
    """The name in the source's own script (normalisation made it Simplified)."""
    if not name:
        return name
    i = doc.text.find(name)
    if i < 0:
        # a name read from the page's metadata lines (信息来源:…), as the line writes it
        for line in getattr(doc, "page_lines", ()):
            simple = to_simplified(line)
            if len(simple) == len(line) and (k := simple.find(name)) >= 0:
                return line[k: k + len(name)]
        return name
    written = _PINYIN_GLOSS.sub("", as_written(doc, i, i + len(name)) or "")
    # a mirror's pinyin glosses (鎮(zhèn)) are not part of the name
    return written if len(written) == len(SPACES.sub("", name)) else name


_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_PINYIN_GLOSS = regex.compile(rf"\((?=[a-zü]*[{_TONED}])[a-zü{_TONED}]{{1,14}}\)")


__all__ = ["describe", "empty", "parse_date", "find_references", "find_title", "clean_agency", "cues"]
