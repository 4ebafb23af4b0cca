"""Document metadata: kind, title, agency, year covered, signing date, template, references.

``describe(doc, seg) -> dict`` with keys ``kind``, ``title``, ``agency``, ``year``, ``date``,
``template``, ``references`` (SCHEMA.md ``document``). Cue words live in
``patterns/metadata.yaml``; this module holds the logic only.

Precision first: a field with no clear cue is ``None`` rather than a guess.
"""
from __future__ import annotations

from collections import Counter
from functools import lru_cache
from pathlib import Path

import regex
import yaml

from .normalize import as_written, to_simplified
from .resources import patterns_dir

PATTERNS = patterns_dir() / "metadata.yaml"

_CN_D = "零〇○OΟ一二三四五六七八九"
_CN_DIGIT = {"零": 0, "〇": 0, "○": 0, "O": 0, "Ο": 0, "一": 1, "二": 2, "三": 3, "四": 4,
             "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_YEAR = rf"(?:(?:19|20)\d\d|[二一][{_CN_D}]{{3}})"
_MD = r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})"
_DATE_RE = regex.compile(rf"(?P<y>{_YEAR})\s*年\s*(?P<m>{_MD})\s*月\s*(?P<d>{_MD})\s*日")
_DATE_LINE = regex.compile(rf"^\s*(?:日期[::])?\s*{_DATE_RE.pattern}\s*$")
_REF_RE = regex.compile(
    r"(?P<ref>\p{Han}{1,16}\s*[〔\[【(（]\s*(?:19|20)\d\d\s*[〕\]】)）]\s*(?:第\s*)?\d{1,5}\s*号)"
)
_REF_LEAD = regex.compile(r"^(?:根据|按照|依据|依照|印发|转发|落实|执行|贯彻|关于|通过|和|及|与|的|即)+")


@lru_cache(maxsize=1)
def cues() -> dict:
    with open(PATTERNS, encoding="utf-8") as f:
        return yaml.load(f, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def _alt(words) -> str:
    return "|".join(sorted((w for w in words), key=len, reverse=True))


@lru_cache(maxsize=1)
def _compiled() -> dict:
    c = cues()
    suffixes = _alt(regex.escape(s) for s in c["agency_suffixes"])
    out = {
        "title": regex.compile(
            rf"^(?P<t>[^。;!?《》<>:,]{{2,80}}?(?:{_alt(regex.escape(e) for e in c['title_endings'])}))"
            r"(?P<rest>.*)$"
        ),
        "title_more": regex.compile(
            rf"^(?P<more>的?\p{{Han}}{{0,6}}?(?:{_alt(regex.escape(e) for e in c['title_endings'])}))(?P<rest>.*)$"),
        "kind_title": [(k, [regex.compile(p) for p in v]) for k, v in c["kind_title"].items()],
        "kind_intro": [(k, [regex.compile(p) for p in v]) for k, v in c["kind_intro"].items()],
        "agency_name": regex.compile(rf"^\p{{Han}}{{1,40}}?(?:{suffixes})$"),
        "suffixes": suffixes,
        "agency_bad_end": regex.compile(
            rf"[{''.join(c['agency_bad_before_suffix'])}](?:{suffixes})$"),
    }
    pf = c["page_fields"]
    # "名称: 【工作总结】2025年…总结" -> the value without its bracketed tag
    out["title_field"] = regex.compile(
        rf"^(?:{_alt(pf['title'])})\s*[:：]\s*(?:\|\s*)?(?:【[^】]{{1,8}}】)?(?P<v>.+)$")
    out["page_field"] = {
        f: regex.compile(rf"(?<!\p{{Han}})(?:{_alt(pf[f])})\s*[:：]\s*(?:\|\s*)?(?P<v>[^\n|]*)")
        for f in ("agency", "date")
    }
    return out


# ------------------------------------------------------------------------- helpers


def _cn_int(s: str) -> int | None:
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


def _year_of(s: str) -> int | None:
    y = _cn_int(s)
    if y is not None and 1990 <= y <= 2100:
        return y
    return None


def parse_date(s: str) -> str | None:
    """'2018年1月11日' / '二〇一八年一月十一日' -> '2018-01-11' (None if not a valid date)."""
    m = _DATE_RE.search(s)
    if not m:
        return None
    y, mo, d = _year_of(m.group("y")), _cn_int(m.group("m")), _cn_int(m.group("d"))
    if y is None or mo is None or d is None or not (1 <= mo <= 12 and 1 <= d <= 31):
        return None
    return f"{y:04d}-{mo:02d}-{d:02d}"


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


_SPACES = regex.compile(r"[\s\u3000]+")
_ITEM_NUMBER = regex.compile(r"^(?:\d+[、.]|[(（]?[一二三四五六七八九十]+[)）、])")
_TRAILING_WORD = regex.compile(r"(?:关于|的)$")


@lru_cache(maxsize=8192)
def clean_agency(name: str | None) -> str | None:
    """Validate an agency name candidate: a Han name ending with an agency suffix.
    (Cached: the readers try the same candidates many times over a text.)"""
    if not name:
        return None
    c = cues()
    name = _SPACES.sub("", name)
    name = _ITEM_NUMBER.sub("", name)
    if name.startswith(tuple(c["agency_bad_start"])):
        return None
    name = _TRAILING_WORD.sub("", name)
    if not (2 <= len(name) <= 40):
        return None
    if any(b in name for b in c["agency_bad"]) or name in c.get("agency_generic", []):
        return None
    if "我" in name:
        return None
    comp = _compiled()
    if not comp["agency_name"].match(name) or comp["agency_bad_end"].search(name):
        return None
    return name


# ----------------------------------------------------------------------- title


_SUBJECT = regex.compile(r"(?:政府信息公开|政务公开|信息公开|政务信息|政府信息)")
_YEAR_IN_TITLE = regex.compile(rf"(?P<y>{_YEAR})\s*年度?")
# (a section heading "(二)2016年政务公开工作部署和落实情况" is no title either)
_BAD_TITLE_START = regex.compile(
    r"^(?:根据|按照|依据|现将|本报告|为|经|对照|关于印发|[(（][一二三四五六七八九十]{1,3}[)）]|[一二三四五六七八九十]{1,3}、)")
# compilation pages ("…参考总结范文7篇") are not the report's own title
_BAD_TITLE_WORDS = regex.compile(r"范文|参考|\d+篇|[三四五六七八九十]篇|大全|下载|模板|精选")
# where the body starts right after a title whose line break was lost
_BODY_START = regex.compile(
    r"^\s*(?:本报告|本年度报告|根据|按照|依据|依照|为了?|现将|今年|近年来|一年来|(?:19|20)\d\d年|"
    r"[一二三四五六七八九十]、|\(一\)|我(?:局|委|办|区|县|市|镇|乡|厅|部|单位))"
)


# an item or page number before a title, and a document site's page marker glued to it
# ("1、1党江镇2018年…" -> "党江镇2018年…"; never a year: "2018年…" stays)
_TITLE_LEAD = regex.compile(r"^(?:\d+[、.．]|[(（][一二三四五六七八九十]+[)）])+(?:\d{1,3}(?![\d年月日号]))?")


def _title_parts(title: str) -> tuple[str | None, int | None]:
    """(agency, year) named by a title line."""
    t = regex.sub(r"\s+", "", title)
    t = _TITLE_LEAD.sub("", t)
    year = None
    agency = None
    m = _YEAR_IN_TITLE.search(t)
    k = t.find("关于")
    if k > 0 and (m is None or k < m.start()) and (issuer := clean_agency(t[:k])):
        # "霍邱县公安局关于…": the body writing the title comes before 关于
        return issuer, (_year_of(m.group("y")) if m else None)
    if m:
        year = _year_of(m.group("y"))
        before = t[: m.start()]
        after = t[m.end():]
        agency = clean_agency(regex.sub(r"^关于|关于$", "", before)) if before else None
        if agency is None and before and (s := _SUBJECT.search(before)) and s.start() > 0:
            # 城关镇政府信息公开工作2019年度报告: the name runs into the subject before the year
            agency = _before_subject(regex.sub(r"^关于", "", before[: s.start()]))
        if agency is None and not before:
            s = _SUBJECT.search(after)
            if s and s.start() > 0:
                agency = _before_subject(after[: s.start()])
    else:
        s = _SUBJECT.search(t)
        if s and s.start() > 0:
            agency = _before_subject(regex.sub(r"关于$", "", t[: s.start()]))
    return agency, year


def _before_subject(run: str) -> str | None:
    """The agency in the run before 政府信息公开: the name may run into the subject and
    share its 政府 (…镇人民政府信息公开 -> …镇人民政府)."""
    if run.endswith("人民"):
        return clean_agency(run + "政府")
    return clean_agency(run)


def _title_of(s: str) -> tuple[str, str] | None:
    """(title, rest) when the line ``s`` starts with a report title."""
    if _BAD_TITLE_START.match(s):
        return None
    m = _compiled()["title"].match(s)
    if not m:
        return None
    title, rest = m.group("t").strip(), m.group("rest")
    # the shortest ending may be the head of a longer one (…评估指标 | 表)
    endings = tuple(cues()["title_endings"])
    for k in (3, 2, 1):
        if regex.fullmatch(r"\p{Han}+", rest[:k]) and (title + rest[:k]).endswith(endings):
            title, rest = title + rest[:k], rest[k:]
            break
    # the shortest ending is not the title's end when another follows at once
    # (…落实情况 | 的自查报告)
    ext = _compiled()["title_more"].match(rest)
    if ext and (not ext.group("rest") or ext.group("rest")[0].isspace() or _BODY_START.match(ext.group("rest"))):
        title, rest = title + ext.group("more"), ext.group("rest")
    if rest and not (rest[0].isspace() or rest[0] in "(（-—_|" or len(s) <= 60 or _BODY_START.match(rest)):
        return None
    if _BAD_TITLE_WORDS.search(title):
        return None
    if not _SUBJECT.search(title) and not _YEAR_IN_TITLE.search(title):
        return None
    return title, rest


def find_title(lines) -> tuple[int, str] | None:
    """(line index, title) of the first heading-like line naming the report, else None.

    A page-field line (标题: …) gives its value; a title broken across two lines
    (…信息公开工作 / 年度报告) is read joined when the second line is short and ends it."""
    field = _compiled()["title_field"]
    seen = 0
    prose = False
    head = lines[: cues()["title_lines"]]
    for i, (_, _, line) in enumerate(head):
        # past the first 15 lines only a sheet of short cells (no sentence yet) is read on
        if seen > 3000 or (i >= 15 and prose):
            break
        seen += len(line)
        prose = prose or "。" in line
        s = line.strip()
        if fm := field.match(s):
            s = fm.group("v").strip()
        found = _title_of(s)
        if found is None and i + 1 < len(head) and len(s) <= 60 and not regex.search(r"[。;:!?]$", s):
            nxt = head[i + 1][2].strip()
            if 2 <= len(nxt) <= 16 and not _BODY_START.match(nxt):
                joined = _title_of(s + nxt)
                # the joined title must end inside the second line
                if joined and len(joined[0]) > len(s) and not joined[1].strip():
                    found = joined
        if found:
            return i, found[0]
    return None


# ------------------------------------------------------------------------ kind


_SCORE_LINE = regex.compile(r"\d+(?:\.\d+)?\s*分(?![之析布别类开配数钟])")


def _score_table_first(body: str) -> bool:
    """The body opens with a score table's header (a score column and a criterion
    column) before any report sentence: a score table published on its own."""
    h = cues()["assessment_header"]
    zone = _compact(body[: h["header_chars"]])
    score = [zone.find(w) for w in h["score"] if w in zone]
    crit = [zone.find(w) for w in h["criterion"] if w in zone]
    if not score or not crit:
        return False
    before = zone[: min(min(score), min(crit))]
    return not any(_cue_rx(p).search(before) for p in h["prose"])


def _annual_hallmark(text: str) -> bool:
    """The statutory annual report's own marks: the statistics period stated in its
    opening, or the national template's statistics tables. They make an annual report
    whatever phrase introduces it (现将…工作情况报告如下)."""
    h = cues()["annual_hallmarks"]
    head = text[: h["head_chars"]]
    if any(_cue_rx(p).search(head) for p in h["opening"]):
        return True
    compact = _compact(text)
    if any(_cue_rx(p).search(compact) for p in h["tables"]):
        return True
    numbered = r"[一二三四五六七八九十]{1,2}[、.．]\s*"
    sections = sum(1 for p in h["sections"] if _cue_rx(numbered + p).search(text))
    return sections >= h["min_sections"]


def _title_kind(title: str | None) -> str | None:
    if title:
        for kind, pats in _compiled()["kind_title"]:
            if any(p.search(title) for p in pats):
                return kind
    return None


def _kind(title: str | None, text: str, lines, body_start: int = 0) -> str:
    comp = _compiled()
    if k := _title_kind(title):
        return k
    if _score_table_first(text[body_start:]):
        return "assessment_table"
    head = text[:800]
    intro = dict(comp["kind_intro"])
    if any(p.search(head) for p in intro.get("self_inspection", [])):
        return "self_inspection"
    if _annual_hallmark(text):
        return "annual_report"
    if any(p.search(head) for p in intro.get("work_summary", [])):
        return "work_summary"
    all_lines = [ln for ln in text.split("\n") if ln.strip(" |")]
    scored = sum(1 for ln in all_lines if _SCORE_LINE.search(ln))
    if scored >= 5 and scored >= 0.15 * len(all_lines):
        return "assessment_table"
    for kind in ("annual_report", "assessment_table"):
        if any(p.search(head) for p in intro.get(kind, [])):
            return kind
    sections = cues()["annual_sections"]
    hits = sum(1 for s in sections if s in text)
    if hits >= 2 or (hits >= 1 and "政府信息" in text):
        return "annual_report"
    weak = sum(1 for w in cues().get("annual_weak", []) if w in text)
    if weak >= 2 or any(regex.search(p, text) for p in cues().get("annual_figure", [])):
        return "annual_report"
    return "other"


# ------------------------------------------------------------------------ agency



@lru_cache(maxsize=1)
def _agency_res() -> list[regex.Pattern]:
    suf = _compiled()["suffixes"]
    name = rf"(?P<a>\p{{Han}}{{1,40}}?(?:{suf}))"
    return [
        regex.compile(rf"(?:现将|现公布|现公开|特向社会公布|现予公布|现予以公布){name}\s*{_YEAR}\s*年"),
        regex.compile(rf"填报单位(?:\s*[(（]盖章[)）])?\s*[::]\s*{name}(?=\s|$|[,。(])"),
        # the year (or its period) as the opening of a clause whose subject is the body,
        # perhaps after an adverbial (2023年,在区委、区政府的坚强领导下,官洲街道办事处认真…)
        regex.compile(
            rf"(?:{_YEAR}年度?|{_YEAR}年\s*1\s*月\s*1\s*日(?:起)?(?:至|到|-|—)(?:{_YEAR}年)?\s*12\s*月\s*31\s*日(?:止)?"
            rf"|今年以来|今年|一年来|近年来|过去的一年里?)[,]?(?:在[^,。;]{{1,24}}?下[,]?)?{name}"
            rf"(?:{_alt(regex.escape(w) for w in cues()['zone_committees'])})?"
            rf"(?={_alt(regex.escape(w) for w in cues()['year_subject_verbs'])})"
        ),
        # a body's own guide or catalogue: 《平阳县公安局信息公开指南》
        # (not 《四川省政府信息公开规定》: a regulation is a superior body's)
        regex.compile(rf"《{name}(?:政府信息公开|信息公开|政务公开)(?:指南|目录)》"),
        # a city-wide report compiled from 青岛市政府各部门…
        regex.compile(rf"(?<=年度|年|以及|及|^|[^\p{{Han}}])(?P<a>(?![年度])\p{{Han}}{{1,12}}?[省市县区旗])(?:人民)?政府各部门"),
    ]


def _agency_in_titles(head: str, notes: list | None = None) -> str | None:
    """An agency heading a title-like phrase in the opening (a title repeated after junk).
    None when the opening heads titles of several bodies: a compilation's table of
    contents (1.砀山县公安局…总结 4 2.东至县发改委…总结) does not say which one follows."""
    endings = _alt(regex.escape(e) for e in cues()["title_endings"])
    rx = regex.compile(rf"(?:{_YEAR}\s*年度?)?(?:政府信息公开|政务公开|信息公开|政务)\p{{Han}}{{0,8}}?(?:{endings})")
    found: list[str] = []
    for m in rx.finditer(head):
        # on the same line: a name on a line of its own above is read as a heading
        # (``_name_line_before_title``), where a list of names is told from it
        gap = regex.search(r"[^\S\n]*\Z", head[: m.start()]).group(0)
        run = regex.search(r"\p{Han}{0,40}\Z", head[: m.start() - len(gap)]).group(0)
        before = head[m.start() - len(gap) - len(run) - 1] if m.start() - len(gap) - len(run) > 0 else ""
        if before == "《":
            continue  # a cited document's title names its issuer, not the reporting body
        cand = regex.split(r"报告|总结|范文|通知|公告|篇", run)[-1]
        a = clean_agency(_announce_lead_rx().sub("", cand))  # 现向社会公布钟山镇 -> 钟山镇
        if a and a not in found:
            found.append(a)
    if len(found) > 1 and notes is not None:
        notes.append(f"the opening heads titles of several bodies ({'、'.join(found[:4])})")
    return found[0] if len(found) == 1 else None


@lru_cache(maxsize=1)
def _announce_lead_rx() -> regex.Pattern:
    return regex.compile(rf"^(?:{_alt(regex.escape(w) for w in cues()['announce_leads'])})")


_NAME_DATE_LINE = regex.compile(rf"^\s*(?P<a>\p{{Han}}[\p{{Han}}\s]{{1,40}}?)\s+{_DATE_RE.pattern}\s*$")


def _signature_agency(lines) -> str | None:
    """A line that is just an agency name, followed (within two lines) by a date line;
    or a line holding both ("裕安区交通运输局  2021年1月10日")."""
    for i in range(len(lines) - 1, -1, -1):
        if not _DATE_LINE.match(lines[i][2]):
            nd = _NAME_DATE_LINE.match(lines[i][2])
            if nd and (a := clean_agency(nd.group("a"))):
                return a
            continue
        for j in (i - 1, i - 2):
            if j < 0:
                break
            cand = lines[j][2].strip()
            if len(regex.sub(r"\s", "", cand)) > 40:
                break
            a = clean_agency(cand)
            if a:
                return a
    return None


def _name_line_before_title(lines, at: int, title: str) -> str | None:
    """A line holding only the body's name right above the title (a heading broken in
    two: "盐边县新九镇人民政府" / "关于2021年度…年度报告"); a page that shows its title
    twice (page header, then the document) may put the name above the second one only."""
    want = _compact(title)
    for j in range(at, min(len(lines), at + 15)):
        if j > at and _compact(lines[j][2]) != want:
            continue
        if j > 0 and (a := clean_agency(lines[j - 1][2])):
            # a name above a name is a list (a portal's navigation, joint issuers): no heading
            if j > 1 and clean_agency(lines[j - 2][2]):
                return None
            return a
    return None


def _page_title_agency(line: str, title: str) -> str | None:
    """A crawled page title '2010年度政府信息公开年度报告_乐山市法制办_政务公开': the
    agency is one of the parts after the report title, joined by _ | - —."""
    k = line.find(title)
    if k < 0:
        return None
    rest = line[k + len(title):]
    if not regex.match(r"\s*[_|｜\-—]", rest):
        return None
    for part in regex.split(r"\s*[_|｜\-—]+\s*", rest)[1:4]:
        a = clean_agency(part)
        if a:
            return a
    return None


def _page_field(text: str, field: str) -> str | None:
    """The value of a portal page field (发布机构: …, 发布时间: …) in the head of the text:
    an agency name that validates, or a date as YYYY-MM-DD."""
    rx = _compiled()["page_field"][field]
    for m in rx.finditer(text[: cues()["page_fields"]["head_chars"]]):
        v = m.group("v").strip()
        if field == "agency":
            # normalisation drops the spaces between Han fields: 某某县教育局发布日期:…
            v = _field_stop_rx().split(v, maxsplit=1)[0]
            tok = regex.match(r"[^\s|]+", v)
            if tok and (a := clean_agency(tok.group(0))):
                return a
        else:
            d = regex.match(r"((?:19|20)\d\d)\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})", v)
            if d and 1 <= int(d.group(2)) <= 12 and 1 <= int(d.group(3)) <= 31:
                return f"{int(d.group(1)):04d}-{int(d.group(2)):02d}-{int(d.group(3)):02d}"
    return None


@lru_cache(maxsize=1)
def _field_stop_rx() -> regex.Pattern:
    pf = cues()["page_fields"]
    words = set(pf["stop"]) | set(pf["agency"]) | set(pf["date"]) | set(pf["title"])
    return regex.compile(rf"(?:{_alt(regex.escape(w) for w in words)})\s*[:：]?")


def _box_agency(doc) -> str | None:
    """The publisher in a portal's metadata box read as a table: the cell beside a
    发布机构 label, or the cell under it when the labels make a header row
    (索引号 | 公开方式 | 发布机构 / … | 主动公开 | 凉州区张义镇人民政府)."""
    pf = cues()["page_fields"]
    labels = set(pf["agency"])
    for b in doc.blocks:
        if b.start >= pf["head_chars"]:
            break
        if b.kind != "table" or b.table is None:
            continue
        grid = b.table.grid()
        for r, row in enumerate(grid):
            for c, cell in enumerate(row):
                if cell is None or cell.text.strip().rstrip(":：").strip() not in labels:
                    continue
                nxt = row[c + 1] if c + 1 < len(row) else None
                below = grid[r + 1][c] if r + 1 < len(grid) and c < len(grid[r + 1]) else None
                for cand in (nxt, below):
                    if cand is not None and cand is not cell and (a := clean_agency(cand.text)):
                        return a
    return None


@lru_cache(maxsize=1)
def _inline_signature_re() -> regex.Pattern:
    tail = _alt(regex.escape(w) for w in cues()["signature_tail"])
    return regex.compile(
        rf"(?:^|[。!?;\s])(?P<a>\p{{Han}}{{2,40}})\s+{_DATE_RE.pattern}\s*(?:(?:{tail})\s*)*$")


def _inline_signature(text: str) -> tuple[str | None, str | None]:
    """(agency, date) of a signature flattened onto the end of the last line
    ("… 平潭县卫生局 2014年1月15日 附件下载")."""
    m = _inline_signature_re().search(text.rstrip()[-200:])
    if not m:
        return None, None
    a = clean_agency(m.group("a"))
    return (a, parse_date(m.group(0))) if a else (None, None)


@lru_cache(maxsize=1)
def _contact_rx() -> regex.Pattern:
    c = cues()["contact"]
    return regex.compile(
        rf"(?:{_alt(regex.escape(w) for w in c['leads'])})[::]?\s*(?P<a>\p{{Han}}{{2,40}}?)"
        rf"(?:{_alt(regex.escape(w) for w in c['verbs'])})"
        rf"|(?:{_alt(regex.escape(w) for w in c['leads_before_name'])})[::]?\s*(?P<a>\p{{Han}}{{2,40}})(?!\p{{Han}})")


def _body_of_office(run: str) -> str | None:
    """The body whose office ``run`` names: the longest name at its start followed by an
    office word (两城镇人民政府 | 党政办公室), else the whole run when it is a name."""
    c = cues()["contact"]
    offices, office_ends = tuple(c["offices"]), tuple(c["office_endings"])
    for k in range(len(run) - 1, 1, -1):
        if (run[k:].startswith(offices) and not run[:k].endswith(office_ends)
                and (a := clean_agency(run[:k]))):
            return a
    return clean_agency(run)


def _contact_agency(text: str, notes: list | None = None) -> str | None:
    """The body named as the report's compiler or contact (see ``contact`` in the
    patterns); None when the sentences name different bodies."""
    found = []
    for m in _contact_rx().finditer(text[: cues()["contact"]["chars"]]):
        if (a := _body_of_office(m.group("a"))) and a not in found:
            found.append(a)
    if not found:
        return None
    # 两城镇人民政府 and 两城镇人民政府办公室 are one body; the shorter is its name
    found.sort(key=len)
    if all(f.startswith(found[0]) for f in found):
        return found[0]
    if notes is not None:
        notes.append(f"the contact sentences name different bodies ({'、'.join(found[:4])})")
    return None


@lru_cache(maxsize=1)
def _self_ref_res() -> tuple[regex.Pattern, dict[str, regex.Pattern]]:
    c = cues()
    refs = c["self_reference"]
    lead = _alt(regex.escape(w) for w in c["name_lead"])
    ref_rx = regex.compile(rf"我(?P<s>{_alt(regex.escape(k) for k in refs)})")
    stop = _alt(regex.escape(w) for w in c["name_not_followed_by"])
    names = {
        k: regex.compile(
            rf"(?:(?<!\p{{Han}})|(?<=(?:{lead})))(?P<a>\p{{Han}}{{1,24}}?(?:{_alt(regex.escape(e) for e in ends)}))"
            rf"(?!{stop})")
        for k, ends in refs.items()
    }
    return ref_rx, names


@lru_cache(maxsize=1)
def _follow_rx() -> regex.Pattern:
    return regex.compile(rf"(?:{_alt(regex.escape(w) for w in cues()['name_follow'])}|[,。;:!?)\s]|$)")


@lru_cache(maxsize=1)
def _context_deny_rx() -> regex.Pattern:
    """Matches at the end of the text before a name that is a place or a contact entry."""
    c = cues()
    words = _alt(regex.escape(w) for w in c["name_context_deny"])
    return regex.compile(rf"(?:{words})[^\p{{Han}}]{{0,2}}$|" + "|".join(c["name_context_deny_patterns"]))


@lru_cache(maxsize=1)
def _lead_rx() -> regex.Pattern:
    return regex.compile(rf"^(?:{_alt(regex.escape(w) for w in cues()['name_lead'])})+")


def _name_in_run(run: str) -> str | None:
    """A name found at the start of a Han run, without the words that lead into it
    (请联系桃江县审计局 -> 桃江县审计局)."""
    breaks = cues()["name_breaks"]
    cut = max((run.rfind(b) + len(b) for b in breaks if b in run), default=0)
    run = run[cut:]
    return clean_agency(_lead_rx().sub("", run)) or clean_agency(run)


_HAN_RUN = regex.compile(r"\p{Han}+")


_HAN_TAIL = regex.compile(r"\p{Han}{0,32}$")


def _han_runs_with(text: str, words) -> list[tuple[int, int]]:
    """Spans of Han text around each of ``words`` in ``text``: up to 32 Han characters
    before it (a name with the words leading into it is shorter) to the end of its run.
    A name never crosses a non-Han character, so only these need reading."""
    out = set()
    for w in words:
        i = text.find(w)
        while i >= 0:
            start = i - len(_HAN_TAIL.search(text, max(0, i - 32), i).group(0))
            end = _HAN_RUN.match(text, i).end()
            out.add((start, end))
            i = text.find(w, end)
    # overlapping spans (a run holding several endings) are read once, as one span
    merged: list[tuple[int, int]] = []
    for a, b in sorted(out):
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return merged


def _is_abbreviated(name: str) -> bool:
    return name[0] in cues()["abbreviated_start"]


def _same_body(short: str, long: str) -> bool:
    """``short`` abbreviates ``long``: 县审计局 / 桃江县审计局 (the place dropped) or
    裕安区交通局 / 裕安区交通运输局 (same head and ending, characters in order)."""
    if short == long or len(short) >= len(long):
        return False
    if long.endswith(short):
        return _is_abbreviated(short)
    # one short run of words dropped inside the name (运输), never a place (市龙山…区)
    for k in range(2, len(short)):
        if long.startswith(short[:k]) and long.endswith(short[k:]):
            gap = long[k:len(long) - (len(short) - k)]
            if gap and len(gap) <= 3 and not any(ch in cues()["abbreviated_start"] for ch in gap):
                return True
    return False


def _self_named(text: str) -> str | None:
    """The body's own name where the text calls it 我局/我委/我乡…: the names in the text
    with that ending, abbreviations joined to their full name; one body only (or one
    named at least twice as often as any other), else None."""
    ref_rx, names = _self_ref_res()
    refs = Counter(m.group("s") for m in ref_rx.finditer(text))
    if not refs:
        return None
    ref, _ = refs.most_common(1)[0]
    follow = _follow_rx()
    counts: Counter = Counter()
    strong: set[str] = set()
    deny = _context_deny_rx()
    ends = cues()["self_reference"][ref]
    for start, end in _han_runs_with(text, ends):
        for m in names[ref].finditer(text, start, end):
            if deny.search(text, max(0, m.start() - 16), m.start()):
                continue  # (地址:大理市龙山行政办公区州统计局) is a place
            a = _name_in_run(m.group("a"))
            if a:
                counts[a] += 1
                if follow.match(text, m.end()):
                    strong.add(a)
    # a full name read as a name vouches for its abbreviations and spellings (裕安区交通局),
    # an abbreviation (区办公室) for no longer name
    full_strong = [o for o in strong if not _is_abbreviated(o)]
    read = Counter({n: k for n, k in counts.items()
                    if n in strong or any(_same_body(n, o) or _same_body(o, n) for o in full_strong)})
    if not read and ref in cues()["self_reference_weak"] and refs[ref] >= cues()["self_reference_weak_min"]:
        # a town that says 我镇 again and again and names one town only, in passing
        # (开辟的漕河镇微信公众号): a town's text names no other town as its own
        read = counts
    counts = read
    if not counts:
        return None
    full = [n for n in counts if not _is_abbreviated(n)]
    groups: dict[str, int] = {}
    for n in full:
        if any(_same_body(n, o) for o in full):
            continue  # an abbreviation of a longer name in the text
        groups[n] = sum(k for o, k in counts.items() if o == n or _same_body(o, n))
    if not groups:
        return None
    ranked = sorted(groups.items(), key=lambda kv: -kv[1])
    if len(ranked) == 1 or ranked[0][1] >= max(2, 2 * ranked[1][1]):
        return ranked[0][0]
    return None


def _complete(name: str | None, text: str) -> str | None:
    """An abbreviated name (县审计局) completed from the document when its full name
    (桃江县审计局) appears there, read as a name (see ``name_follow``), and only one
    such name does."""
    if not name or not _is_abbreviated(name):
        return name
    found = set()
    follow = _follow_rx()
    for m in regex.finditer(rf"(?<!\p{{Han}})(?P<a>\p{{Han}}{{1,24}}?){regex.escape(name)}", text):
        a = _name_in_run(m.group("a") + name)
        if a and a.endswith(name) and not _is_abbreviated(a) and follow.match(text, m.end()):
            found.add(a)
    if len(found) == 1:
        return found.pop()
    return name


def _agency(title_agency, field_agency, prev_line_agency, text, lines, inline_sig=None,
            notes: list | None = None) -> str | None:
    """The reporting body, or None; ``notes`` collects why a name read was withheld."""
    notes = [] if notes is None else notes
    a = _agency_found(title_agency, field_agency, prev_line_agency, text, lines, inline_sig, notes)
    if a and a.endswith(tuple(cues()["territory_endings"])):
        # a place, not a body ("关于宁陵县2016年…自查情况的报告" signed by 宁陵县交通运输局)
        own = _self_named(text)
        if own and own.startswith(a) and own != a:
            a = own
    if a and a != title_agency and (ref := _dominant_self_ref(text)):
        ends = tuple(cues()["self_reference_bodies"][ref])
        if not to_simplified(a).endswith(ends):
            # a town's report (我镇 …) signed or headed by a bureau: a sidebar's or a
            # list's name, not the body that speaks
            notes.append(f"{a} does not fit the text's own 我{ref}")
            return None
    return _complete(a, text)


def _dominant_self_ref(text: str) -> str | None:
    """The text's own self-reference (局 for 我局 …) when it is used at least twice and at
    least twice as often as any other, else None."""
    ref_rx, _ = _self_ref_res()
    refs = Counter(m.group("s") for m in ref_rx.finditer(text)).most_common(2)
    if not refs or refs[0][1] < 2 or (len(refs) > 1 and refs[1][1] * 2 > refs[0][1]):
        return None
    return refs[0][0]


def _agency_found(title_agency, field_agency, prev_line_agency, text, lines, inline_sig, notes) -> str | None:
    if title_agency:
        return title_agency
    res = _agency_res()
    # the report naming its own body ("现公布泰州市人民政府2017年…年度报告") beats the
    # portal's publisher field (发布机构: 市政府办), which may be the office that posted it
    m = res[0].search(text[:1500])
    if m and (a := clean_agency(m.group("a"))):
        return a
    m = _announce_year_first().search(text[:1500])
    if m and (a := _before_subject(m.group("a"))):
        return a
    if field_agency:
        return field_agency
    if prev_line_agency:
        return prev_line_agency
    sig = _signature_agency(lines) or inline_sig
    if sig:
        return sig
    a = _agency_in_titles(text[:600], notes)
    if a:
        return a
    contact = _contact_agency(text, notes)
    named = _complete(_sentence_agency(text), text)
    if named and _is_abbreviated(named) and f"我{named[0]}" in text:
        # 市政府新闻办 read in a text that speaks as 我市: a unit of the city whose report
        # it is, not the body reporting (and its full name is nowhere): no agency
        notes.append(f"{named} is named in a text that speaks as 我{named[0]}: a unit, not the body reporting")
        named = None
    if contact:
        # the body named in the text by a longer name of the same body is more precise
        # (我办 + 钦州市人民政府办公室 when the contact is its 文电科): the office itself
        # reports, not the government whose office answers
        return named if named and named != contact and named.startswith(contact) else contact
    return named or _heading_name(lines, notes)


def _heading_name(lines, notes: list | None = None) -> str | None:
    """A line holding only a body's name among the first lines of the text: the heading
    of a sheet or letter (涡阳县水利局 above its score sheet). Several such lines are a
    portal's banner or navigation, not a heading: None."""
    found = []
    for _, _, line in lines[: cues()["heading_name_lines"]]:
        if (a := clean_agency(line)) and a not in found:
            found.append(a)
    if len(found) > 1 and notes is not None:
        notes.append(f"the first lines name several bodies ({'、'.join(found)})")
    return found[0] if len(found) == 1 else None


def _sentence_agency(text: str) -> str | None:
    """The body as a sentence names it: subject of the year's work, its own guide, a
    city's departments, or 我局 with its name elsewhere."""
    res = _agency_res()
    for rx in res[1:]:
        for m in rx.finditer(text[:3000] if rx is not res[1] else text):
            a = clean_agency(m.group("a"))
            if a:
                return a
    for m in _body_year_figure_rx().finditer(text[:3000]):
        if a := _name_in_run(m.group("a")):
            return a
    return _self_named(text)


@lru_cache(maxsize=1)
def _body_year_figure_rx() -> regex.Pattern:
    """The body, its year (blanked 201x in a template copy) and the year's figure:
    "县招投标局201x年全年主动公开政府信息302条" (the run before the name is cut by
    ``name_breaks``: 一、主动公开政府信息情况县招投标局 -> 县招投标局)."""
    c = cues()["body_year_figure"]
    return regex.compile(
        rf"(?<!\p{{Han}})(?P<a>\p{{Han}}{{2,40}}?(?:{_compiled()['suffixes']}))"
        rf"(?:{_YEAR}|(?:19|20)\d[xX×]|(?:19|20)[xX×]{{2}})\s*年度?"
        rf"(?:{_alt(regex.escape(w) for w in c['verbs'])})")


@lru_cache(maxsize=1)
def _announce_year_first() -> regex.Pattern:
    """现公布2012年凤安镇政府信息公开工作年度报告: the name between the year and the subject."""
    return regex.compile(
        rf"(?:现将|现公布|现公开|特向社会公布|现予公布|现予以公布){_YEAR}\s*年度?"
        r"(?P<a>\p{Han}{1,40}?)(?=政府信息公开|政务公开|信息公开)")


# -------------------------------------------------------------------------- year

_PERIOD = regex.compile(
    rf"统计(?:期限|时间|区间|周期|时限|范围)[^。\n]{{0,12}}?(?P<y1>{_YEAR})年\s*1\s*月\s*1\s*日(?:起)?\s*(?:至|到|-|—|~)+\s*"
    rf"(?:(?P<y2>{_YEAR})年)?\s*12\s*月\s*31\s*日"
)
_INTRO_YEAR = [
    regex.compile(rf"(?:现将|现公布|现公开|特向社会公布)\p{{Han}}{{0,30}}?(?P<y>{_YEAR})年度?"),
    regex.compile(
        rf"(?P<y>{_YEAR})年度?(?:我\p{{Han}})?(?:政府信息公开|政务公开|信息公开)(?:工作)?"
        r"(?:年度报告|工作年度报告|情况|工作|自查|报告|总结)"
    ),
]
# a clause opening with the year: "2013年,…" / "2020年度我街办未接到…" (the body as subject)
@lru_cache(maxsize=1)
def _sent_year_rx() -> regex.Pattern:
    """A clause opening with the year: "2013年,…" / "2020年度我街办未接到…" / "2019年度街道受理…"
    (the body, or the generic word a text uses for itself, as subject)."""
    subjects = _alt(regex.escape(w) for w in cues()["year_clause_subjects"])
    return regex.compile(
        rf"(?:^|[。\n:])\s*(?:截至|截止)?(?P<y>(?:19|20)\d\d)\s*年(?:度|底)?\s*"
        rf"(?:[,]|(?=我(?!们将)|本(?:单位|机关|局|委|办)|(?:{subjects})(?!将|计划|要)))")


# a clause opening with the year's last day: "截止2023年12月31日我局通过官方网站发布…"
_YEAR_END = regex.compile(
    rf"(?:^|[。\n:;,])\s*(?:截至|截止)(?:到)?\s*(?P<y>(?:19|20)\d\d)\s*年\s*(?:12\s*月\s*31\s*日|底|末)")


@lru_cache(maxsize=1)
def _plan_rx() -> regex.Pattern:
    return regex.compile(rf"[^。;\n]{{0,12}}?(?:{_alt(regex.escape(w) for w in cues()['year_plan_words'])})")


def _quarter(title: str | None) -> int | None:
    m = regex.search(cues()["quarter"], title or "")
    return _cn_int(m.group("q")) if m else None


def _year(title_year, text, kind, date, quarter=None) -> int | None:
    if title_year:
        return title_year
    if quarter and date:
        # a quarter's report is signed in or after its quarter; the 4th quarter's in
        # the first months of the next year
        y, mo = int(date[:4]), int(date[5:7])
        if quarter == 4 and mo <= 3:
            return y - 1
        if mo > 3 * (quarter - 1):
            return y
    m = _PERIOD.search(text)
    if m:
        # 自2013年1月1日起至12月31日止: the end's year left out is the start's
        y = _year_of(m.group("y2") or m.group("y1"))
        if y:
            return y
    head = text[:1500]
    plan = _plan_rx()
    for rx in _INTRO_YEAR:
        for m in rx.finditer(head):
            # "为此,2015年政府信息公开工作我们将…": next year's plan, not the year covered
            if plan.match(head, m.end()):
                continue
            if y := _year_of(m.group("y")):
                return y
            break
    counts = Counter(_year_of(m.group("y")) for rx in (_sent_year_rx(), _YEAR_END) for m in rx.finditer(text))
    counts.pop(None, None)
    if counts:
        return counts.most_common(1)[0][0]
    if date and not quarter and kind in ("annual_report", "self_inspection", "work_summary"):
        y, mo = int(date[:4]), int(date[5:7])
        if mo <= 3:
            return y - 1
    return None


# ---------------------------------------------------------------------- template


@lru_cache(maxsize=128)
def _cue_rx(pattern: str) -> regex.Pattern:
    """A cue pattern compiled once (looking it up in regex's own cache on every search
    cost a third of the search)."""
    return regex.compile(pattern)


# str.split() also cuts at \x1c-\x1f, which regex's \s does not match
_NOT_REGEX_SPACE = ("\x1c", "\x1d", "\x1e", "\x1f")


def _compact(text: str) -> str:
    """``text`` without whitespace and bars (``regex.sub(r"[\\s|｜]+", "", text)``, three
    times faster through str.split when the text holds none of the characters the two
    disagree on)."""
    if any(c in text for c in _NOT_REGEX_SPACE):
        return regex.sub(r"[\s|｜]+", "", text)
    return "".join(text.split()).replace("|", "").replace("｜", "")


def _template(kind: str, text: str, year: int | None) -> str | None:
    if kind != "annual_report":
        return "free"  # SCHEMA: the statistics templates are the annual report's only
    compact = _compact(text)
    t = cues()["template"]

    def has(labels) -> bool:
        return any(_cue_rx(p).search(compact) for p in labels)

    gb21 = has(["本年制发件数", "本年废止件数", "现行有效件数"]) or (
        "本年处理决定数量" in compact and "本年收费金额" in compact and "上一年项目数量" not in compact
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
    if has(t["old"]["labels"]):
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
    """文号 cited in the text (乌政公办字〔2018〕1号), in order, without duplicates."""
    out: list[str] = []
    for m in _REF_RE.finditer(text):
        ref = _REF_LEAD.sub("", regex.sub(r"\s+", "", m.group("ref")))
        # keep the issuer code: the Han run after the last 《》 or 的/和 inside
        ref = regex.split(r"[的和与及]", ref)[-1] if regex.match(r"^\p{Han}+[〔\[【(（]", ref) else ref
        if len(regex.match(r"^\p{Han}*", ref).group(0)) >= 1 and ref not in out:
            out.append(ref)
    return out


def _date(lines) -> str | None:
    for _, _, line in reversed(lines):
        if _DATE_LINE.match(line):
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
    if (found and found[0] > 0 and _title_kind(found[1]) != "assessment_table"
            and _score_table_first(text[: lines[found[0]][0]])):
        found = None  # a row of a score table that opens the text (…年度报告 as a criterion)
    title = found[1] if found else None
    title_agency, title_year = _title_parts(title) if title else (None, None)
    prev_agency = None
    if found and title_agency is None:
        title_agency = _page_title_agency(lines[found[0]][2], title)
    if found and title_agency is None:
        prev_agency = _name_line_before_title(lines, found[0], title)
    body_start = lines[found[0]][1] if found else 0
    kind = _kind(title, text, lines, body_start)
    if kind == "assessment_table" and title_agency and title_year:
        t = regex.sub(r"\s+", "", title)
        ym = _YEAR_IN_TITLE.search(t)
        if ym and t.find(title_agency) >= ym.end():
            # 2020年泉州市鲤城区…考评标准表: the area the criteria cover, not a body reporting
            title_agency = None
    sig_agency, sig_date = _inline_signature(text)
    date = _date(lines) or sig_date
    year = _year(title_year, text, kind, date or _page_field(text, "date"), _quarter(title))
    field_agency = _page_field(text, "agency") or _box_agency(doc)
    notes: list[str] = []
    agency = _agency(title_agency, field_agency, prev_agency, text, lines, sig_agency, notes)
    if agency is None and notes:
        _warn(doc, "agency_withheld", "no agency: " + "; ".join(notes))
    return {
        "kind": kind,
        "title": _as_written(doc, title),
        "agency": _as_written(doc, agency),
        "year": year,
        "date": date,
        "template": _template(kind, text, year),
        "references": find_references(text),
    }


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
        return name
    written = _PINYIN_GLOSS.sub("", as_written(doc, i, i + len(name)) or "")
    # a mirror's pinyin glosses (鎮(zhèn)) are not part of the name
    return written if len(written) == len(_SPACES.sub("", name)) else name


_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_PINYIN_GLOSS = regex.compile(rf"\((?=[a-zü]*[{_TONED}])[a-zü{_TONED}]{{1,14}}\)")


__all__ = ["describe", "empty", "parse_date", "find_references", "find_title", "clean_agency", "cues"]
