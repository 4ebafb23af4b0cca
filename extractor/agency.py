"""The reporting body (``document.agency``): every source that names it (the report's own
announcement, a portal's publisher field, a signature, a contact or compiler sentence, a cover
line, the body as the subject of its year, 我局 with its name elsewhere) and the order they
are believed in; a shortened name (区政府办公室, 宁国市人社局) completed from the document.
The steps that refine a found name (a place to its body, the text's self-reference, its own
name for 我局) are extractor/agency_refine.py's. Split from extractor/metadata.py; cue words
and the abbreviation lexicon live in patterns/metadata.yaml.

Size: one field: its sources and the order they are believed in are read together (a
source's cue is a few lines, the ranking across them is the point of the module).
"""
from __future__ import annotations

from functools import lru_cache

import regex

from .metadata_base import (DATE_LINE, DATE_RE, YEAR, alt, words, before_subject, clean_agency, compact,
                            compiled, cue_rx, cues, generic_head, name_breaks, name_leads, name_or_bracketed, parse_date,
                            without_town_body)
from . import agency_late, agency_open, agency_refine, agency_shape
from .regexkit import may_match, required
from .agency_refine import is_abbreviated, lead_rx, name_in_run, self_named, speaks_as, without_conjunction


# a year blanked in a template copy (20xx年, 201x年)
_BLANK_YEAR = r"(?:(?:19|20)\d[xX×]|(?:19|20)[xX×]{2})"


@lru_cache(maxsize=1)
def _agency_res() -> list[regex.Pattern]:
    suf = compiled()["suffixes"]
    name = rf"(?P<a>\p{{Han}}{{1,40}}?(?:{suf}))"
    subj = words("agency_words", "subjects")
    compile_verbs = words("agency_words", "compile_verbs")
    return [
        # (the short form the text declares may follow the name: …办公室(以下简称区政府办公室)2022年)
        # (or the subject between: 现公开来凤经济开发区信息公开2018年度报告)
        regex.compile(rf"(?:{alt(regex.escape(w) for w in cues()['announce_leads'])}){name}"
                      rf"(?:{cues()['name_declared_short']})?(?:(?:{subj})(?:工作)?)?"
                      rf"\s*{YEAR}\s*年"),
        regex.compile(rf"(?:{words('agency_words', 'form_labels')})(?:\s*[(（]盖章[)）])?\s*[::]\s*{name}(?=\s|$|[,。(])"),
        # the year (or its period) as the opening of a clause whose subject is the body,
        # perhaps after an adverbial (2023年,在区委、区政府的坚强领导下,官洲街道办事处认真…)
        regex.compile(
            rf"(?:{YEAR}年度?|{YEAR}年\s*1\s*月\s*1\s*日(?:起)?(?:至|到|-|—)(?:{YEAR}年)?\s*12\s*月\s*31\s*日(?:止)?"
            rf"|{_BLANK_YEAR}年度?|{words('agency_words', 'year_openers')}"
            # or an adverbial of the instruction followed (按照国务院…有关要求,国家自然科学基金委员会对照…)
            # (a cited notice with its number: 按照《…关于印发…的通知》(右政办发{2020}84号)要求,达尔罕街道…)
            # (or right after the year: 2020年,根据《文山州人民政府办公室关于编制公布…的通知》(〔2021〕—43)要求,砚山县交通运输局
            # 认真… b23 ao27; 2021年,根据政府信息公开相关要求,滨江区… b12 e47; 2018年,根据县政府办政务信息股要求,县教育局 pool p074)
            # (or after a school year, a line's indent or a list's 一是: 2016-2017学年,按照上级各部门…的要求,
            # 上海海事大学充分结合… b8 k25; 一、概述 /   根据《条例》要求,市司法局将… b12 e52, b7 r24, dev w07; 一是按照市委市政府…
            # 部署要求,市外办在… b16 aa14; not after a comma: …重要抓手,按照…决策部署和教育部全面推进… pool s10 p026 would read
            # 和教育部)
            rf"|(?:^|(?<=[。\n]|[^\S\n]|[一二三四五六七八九十]是|学年度?[,]?)|(?<={YEAR}\s*年度?[,]?))(?:{words('agency_words', 'instruction_leads')})[^。;,\n]{{2,90}}?"
            rf"(?:{words('agency_words', 'instruction_ends')})"
            rf")[,]?(?:在[^,。;]{{1,24}}?下[,]?)?{name}"
            # (its second name or the short form it declares may follow: 2019年,市科技局(外国专家局)在…, pool s11 q106, q093)
            rf"(?:{words('agency_words', 'name_alias')})?"
            rf"(?:{alt(regex.escape(w) for w in cues()['zone_committees'])})?"
            # (the topic may follow as the body's own: 2021年,县卫生健康局的政府信息公开工作严格按照… - b4 v15, as b16 ab07's
            # 2022年,城东街道的政务公开工作…; session 11 T2)
            rf"(?:的?(?:{words('agency_words', 'year_subject_topics')})工作)?"
            rf"(?={alt(regex.escape(w) for w in cues()['year_subject_verbs'])})"
        ),
        # a body's own guide or catalogue: 《平阳县公安局信息公开指南》
        # (not 《四川省政府信息公开规定》: a regulation is a superior body's)
        regex.compile(rf"《{name}(?:{subj})(?:{words('agency_words', 'own_documents')})》"),
        # a city-wide report compiled from 青岛市政府各部门…
        regex.compile(rf"(?<=年度|年|以及|及|^|[^\p{{Han}}])(?P<a>(?![年度])\p{{Han}}{{1,12}}?[省市县区旗])"
                      rf"(?:{words('agency_words', 'all_departments')})"),
        # … or from the body's own year (汇总2014年度区统计局的政府信息公开年度报告编制而成)
        regex.compile(rf"(?:{compile_verbs})(?:{YEAR}\s*年度?)?{name}的?(?:{subj})?(?:工作)?年度报告"),
        # the body's own plan for the year, issued by it (印发《大连高新区2024年政务公开工作要点…》);
        # a superior's plan is cited after 按照/根据, or issued inside a notice's title (《…关于印发…》)
        # (its bureau's notice issuing it: 印发了《桂林市行政审批局关于印发桂林市2019年政务公开工作要点的通知》
        # -> 桂林市, the place whose plan it is)
        regex.compile(rf"(?:{words('agency_words', 'plan_verbs')})了?《(?:\p{{Han}}{{2,30}}?关于印发)?{name}{YEAR}\s*年度?"
                      rf"(?:{subj})(?:{words('agency_words', 'plan_titles')})"),
        # … or from the reports of its counties: 综合2017年度丽水市各县(市、区)政府和市级各部门的…报告
        regex.compile(rf"(?:{compile_verbs})(?:{YEAR}\s*年度?)?(?P<a>(?![年度])\p{{Han}}{{1,12}}?[省市州盟])"
                      rf"各(?:{words('agency_words', 'county_parts')})"),
        # … or from the circumstances of the body's own work: 根据2023年眉山市司法局信息公开工作实际编制而成
        regex.compile(rf"(?:{words('agency_words', 'work_reality_leads')})(?:{YEAR}\s*年度?)?{name}"
                      rf"(?:{cues()['agency_words']['work_reality']})"
                      rf"(?:{alt(regex.escape(w) for w in cues()['announce_leads'])})(?!《)"),
    ]


def _agency_in_titles(head: str, notes: list | None = None) -> str | None:
    """An agency heading a title-like phrase in the opening (a title repeated after junk).
    None when the opening heads titles of several bodies: a compilation's table of
    contents (1.砀山县公安局…总结 4 2.东至县发改委…总结) does not say which one follows."""
    found: list[str] = []
    for m in _title_phrase_rx().finditer(head):
        # on the same line: a name on a line of its own above is read as a heading
        # (``name_line_before_title``), where a list of names is told from it
        # (both searched backwards from the title: a forward search for ``…\Z`` tries
        # every position of the text before it)
        gap = _GAP_END.search(head, 0, m.start()).group(0)
        run = _HAN_RUN_END.search(head, 0, m.start() - len(gap)).group(0)
        before = head[m.start() - len(gap) - len(run) - 1] if m.start() - len(gap) - len(run) > 0 else ""
        if before and before in words("agency_words", "cited_title_opens"):
            continue  # a cited document's title names its issuer, not the reporting body
        cand = _TITLE_WORDS.split(run)[-1]
        # a site's blurb before the title (…给大家整理的街道政务公开自查报告): no name holds 的
        breaks = [b for b in name_breaks() if b in cand]
        cand = cand[max(cand.rfind(b) + len(b) for b in breaks):] if breaks else cand
        cand = _announce_lead_rx().sub("", cand)  # 现向社会公布钟山镇 -> 钟山镇
        cand = _PUBLISH_TAIL.sub("", cand)  # a news item's title: 外交部發佈2011年…年度報告 -> 外交部
        a = clean_agency(cand)
        if a and a not in found:
            found.append(a)
        elif a is None and notes is not None and generic_head(cand):
            notes.append(f"a title names no body ({cand} is a word for any body or for itself)")
    if len(found) > 1 and notes is not None:
        notes.append(f"the opening heads titles of several bodies ({'、'.join(found[:4])})")
    return found[0] if len(found) == 1 else None


_GAP_END = regex.compile(r"(?r)[^\S\n]*\Z")
_HAN_RUN_END = regex.compile(r"(?r)\p{Han}{0,40}\Z")
_TITLE_WORDS = regex.compile(words("agency_words", "title_cut"))
_PUBLISH_TAIL = regex.compile(rf"(?:{words('agency_words', 'title_publish_tail')})$")


@lru_cache(maxsize=1)
def _title_phrase_rx() -> regex.Pattern:
    """A title-like phrase (2019年政府信息公开工作年度报告), built and compiled once."""
    endings = alt(regex.escape(e) for e in cues()["title_endings"])
    return regex.compile(rf"(?:{YEAR}\s*年度?)?(?:{words('agency_words', 'title_phrase_subjects')})\p{{Han}}{{0,8}}?(?:{endings})")


@lru_cache(maxsize=1)
def _announce_lead_rx() -> regex.Pattern:
    return regex.compile(rf"^(?:{alt(regex.escape(w) for w in cues()['announce_leads'])})")


_NAME_DATE_LINE = regex.compile(rf"^\s*(?P<a>\p{{Han}}[\p{{Han}}\s]{{1,40}}?)\s+{DATE_RE.pattern}\s*$")


# a signature's indentation saved through an encoding that lost its spaces (full-width or
# no-break) as question marks: ??????长沙市…办公室 / ??????2023年10月12日
_LOST_INDENT = regex.compile(r"^\s*[?？]{3,}")


def _unindented(line: str) -> str:
    return _LOST_INDENT.sub("", line)


def signature_agency(lines) -> str | None:
    """A line that is just an agency name, followed (within two lines) by a date line;
    or a line holding both ("裕安区交通运输局  2021年1月10日")."""
    for i in range(len(lines) - 1, -1, -1):
        line = _unindented(lines[i][2])
        if not DATE_LINE.match(line):
            nd = _NAME_DATE_LINE.match(line)
            if nd and (a := clean_agency(nd.group("a"))):
                return a
            continue
        for j in (i - 1, i - 2):
            if j < 0:
                break
            cand = _unindented(lines[j][2]).strip()
            if len(regex.sub(r"\s", "", cand)) > 40:
                break
            a = clean_agency(cand)
            if a:
                return a
    return None


def name_line_before_title(lines, at: int, title: str) -> str | None:
    """A line holding only the body's name right above the title (a heading broken in
    two: "盐边县新九镇人民政府" / "关于2021年度…年度报告"); a page that shows its title
    twice (page header, then the document) may put the name above the second one only."""
    want = compact(title)
    for j in range(at, min(len(lines), at + 15)):
        if j > at and compact(lines[j][2]) != want:
            continue
        if j > 0 and (a := clean_agency(lines[j - 1][2])):
            # a name above a name is a list (a portal's navigation, joint issuers): no heading
            if j > 1 and clean_agency(lines[j - 2][2]):
                return None
            return a
    return None


_COVER_SPLIT = regex.compile(r"[•·・●、\s]+")


def cover_body(lines, at: int, place: str) -> str | None:
    """A body of ``place`` named on a cover line above the title at line ``at``, a line of
    names only (北京市统计局•国家统计局北京调查总队 over 北京市政府信息公开工作年度报告):
    the body whose report a title naming only its place is. The place's own government
    (北京市人民政府) names no other body: None."""
    own = tuple(place + b for b in cues()["town_bodies"])
    for j in range(max(0, at - cues()["cover_lines"]), at):
        parts = [p for p in _COVER_SPLIT.split(lines[j][2].strip()) if p]
        names = [clean_agency(p) for p in parts]
        if not parts or not all(names):
            continue
        if names[0].startswith(place) and names[0] != place and not names[0].startswith(own):
            return names[0]
    return None


@lru_cache(maxsize=1)
def _system_title_rx() -> regex.Pattern:
    return regex.compile(rf"^(?:{YEAR}\s*年度?)?(?P<s>\p{{Han}}{{2,30}}?)(?:{words('title_words', 'system_heads')})"
                         rf"(?:{YEAR}\s*年度?)?(?:{words('title_words', 'subjects')})")


def _system_stem(title: str):
    """(the title without spaces, its match, the stem before the system head) when a title is headed by a
    system whose field follows a place (大同市气象部门…: 大同市气象); else None — for ``system_body`` and
    ``system_named``."""
    t = regex.sub(r"\s+", "", title)
    m = _system_title_rx().match(t)
    if not m:
        return None
    stem = m.group("s")
    places = tuple(cues()["territory_endings"])
    if stem.endswith(places) or not any(stem.find(p) > 0 for p in places):
        return None
    return t, m, stem


def system_body(title: str, text: str) -> str | None:
    """The body of a title headed by its system (大同市气象部门2023年政府信息公开工作年度报告,
    ``title_words.system_heads``): the one name the text writes as the system's place and field and
    a body's head (大同市气象局), when the field follows a place; else None (``system_named`` reads the
    system itself when no source names a body)."""
    found_stem = _system_stem(title)
    if found_stem is None:
        return None
    stem = found_stem[2]
    heads = tuple(cues()["title_words"]["system_heads"])
    found = {a for k in regex.finditer(rf"{regex.escape(stem)}(?=(?P<r>\p{{Han}}{{1,8}}))", text)
             if not k.group("r").startswith(heads) and (a := _shortest_name_at(stem + k.group("r"), len(stem)))}
    return found.pop() if len(found) == 1 else None


def system_named(title: str, text: str) -> str | None:
    """The system a title is headed by (湖北省咸宁市气象部门2022年…年度报告: ``title_words.system_heads``), read
    when no source names a body (the text writes no 咸宁市气象局, b22 am01): the system as the text writes it,
    its shortest form from a place on that the text writes on its own (2022年,咸宁市气象部门认真贯彻… ->
    咸宁市气象部门); None when the title has no such head or its field follows no place."""
    found_stem = _system_stem(title)
    if found_stem is None:
        return None
    t, m, stem = found_stem
    places = tuple(cues()["territory_endings"])
    whole = stem + next(h for h in cues()["title_words"]["system_heads"] if t.startswith(h, m.end("s")))
    # each cut after a place ending that leaves a place before the field (湖北省 | 咸宁市气象), the shortest first
    cuts = [k for k in range(len(stem) - 1, 0, -1)
            if stem[k - 1] in places and any(ch in places for ch in stem[k + 1:])]
    return next((whole[k:] for k in cuts if text.count(whole[k:]) > text.count(whole)), whole)


def _shortest_name_at(run: str, least: int) -> str | None:
    """The shortest name that starts ``run`` and is longer than ``least`` characters (大同市气象局政府 -> 大同市气象局)."""
    for k in range(least + 1, len(run) + 1):
        if clean_agency(run[:k]) == run[:k]:
            return run[:k]
    return None


def page_title_agency(line: str, title: str) -> str | None:
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


@lru_cache(maxsize=8)
def _page_field_needs(field: str):
    """What every match of the field's pattern holds: one of its labels (both of its branches
    name one; ``required`` of the whole pattern gives nothing: it reads ``[:`` as a POSIX class)."""
    return required(alt(cues()["page_fields"][field]))


def page_field(text: str, field: str) -> str | None:
    """The value of a portal page field (发布机构: …, 发布时间: …) in the head of the text:
    an agency name that validates, or a date as YYYY-MM-DD."""
    rx = compiled()["page_field"][field]
    head = text[: cues()["page_fields"]["head_chars"]]
    if not may_match(head, _page_field_needs(field)):
        return None  # (no label of the field: the pattern, led by a lookbehind, tried every position)
    for m in rx.finditer(head):
        v = m.group("v").strip()
        if field in ("agency", "submitter"):
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
    words = set(pf["stop"]) | set(pf["agency"]) | set(pf["date"]) | set(pf["title"]) | set(pf["submitter"])
    return regex.compile(rf"(?:{alt(regex.escape(w) for w in sorted(words))})\s*[:：]?")


def box_agency(doc) -> str | None:
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
        if not any(c.text.strip().rstrip(":：").strip() in labels for c in b.table.cells):
            continue  # (no cell is a label: the grid is not built)
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
    tail = alt(regex.escape(w) for w in cues()["signature_tail"])
    return regex.compile(
        rf"(?:^|[。!?;\s])(?P<a>\p{{Han}}{{2,40}})\s+{DATE_RE.pattern}\s*(?:(?:{tail})\s*)*$")


def inline_signature(text: str) -> tuple[str | None, str | None]:
    """(agency, date) of a signature flattened onto the end of the last line
    ("… 平潭县卫生局 2014年1月15日 附件下载")."""
    m = _inline_signature_re().search(text.rstrip()[-200:])
    if not m:
        return None, None
    a = clean_agency(m.group("a"))
    return (a, parse_date(m.group(0))) if a else (None, None)


@lru_cache(maxsize=1)
def _contact_rx() -> regex.Pattern:
    return _contact_rxs()[0]


@lru_cache(maxsize=1)
def _contact_rxs() -> tuple:
    """(the contact pattern, the same without its last branch - the body opening the clause
    whose verb compiles the report -, that branch's gate). The last branch has no literal
    to start from (a lazy name of 2-40 characters at every run of Han characters, then the
    verbs): where its gate finds none of the literals every match of it holds, it cannot
    match anywhere and the pattern without it finds the same matches (issue 11)."""
    c = cues()["contact"]
    # a name may hold a bracket: its second name or its province (中国(福建)自由贸易试验区福州片区
    # 管理委员会(福州保税港区管理委员会)政府信息公开办公室)
    han = r"(?:\p{Han}|[(（]\p{Han}{2,16}[)）])"
    # the short form the text declares for the compiler may follow its name (由上海市黄浦区人民政府(以下简称
    # 区政府)编制, 由南宁经济技术开发区管理委员会(以下简称经开区管委会)编制: pool s10 p221, p090, b8 k35)
    declared = cues()["name_declared_short"].replace("(?P<short>", "(?:")
    named = (
        # (a second compiler after 、 may follow: 由上海市松江区国家税务局、上海市地方税务局松江区分局编制 - the first)
        rf"(?:{alt(regex.escape(w) for w in c['leads'])})[::]?\s*(?P<a>{han}{{2,40}}?)(?:{declared})?(?:{c['joint']})?"
        # (由岳阳县民政局根据《…条例》规定编制: the instruction between name and verb)
        rf"(?:{c['lead_between']})"
        rf"(?:{alt(regex.escape(w) for w in c['verbs'])})"
        rf"|(?:{alt(regex.escape(w) for w in c['leads_before_name'])})[::]?\s*(?P<a>{han}{{2,40}})(?!\p{{Han}}|[(（]\p{{Han}}{{2,16}}[)）])")
    # the body opening the clause whose verb compiles the report (杭锦后旗教育局编制了本报告)
    verbs, obj = alt(regex.escape(w) for w in c["compiler_verbs"]), c["compiler_object"]
    compiler = (rf"(?<![\p{{Han}}\d])(?P<a>\p{{Han}}{{2,40}}?(?:[(（]\p{{Han}}{{2,16}}[)）])?)(?:{c['compiler_between']})?"
                rf"(?:{verbs}|{obj})")
    # its gate: a literal of the verbs' first required set, or one of each of the object's
    # sets (None: a part whose literals are unknown, the branch always tried)
    rv, ro = required(f"(?:{verbs})"), required(obj)
    gate = (rv[0], ro) if rv and ro else None
    return regex.compile(f"{named}|{compiler}"), regex.compile(named), gate


def _compiler_possible(head: str, gate) -> bool:
    """Whether the compiler branch of the contact pattern can match in ``head`` (see
    :func:`_contact_rxs`): True when its literals are unknown."""
    if gate is None:
        return True
    verb_lits, obj_sets = gate
    if any(w in head for w in verb_lits):
        return True
    return all(any(w in head for w in lits) for lits in obj_sets)


# a body's second name in brackets right after its ending (委员会, 局, 政府 …), not a place's (中国(福建))
_ALIAS = regex.compile(rf"(?<=[{words('agency_words', 'alias_after')}])[(（](?P<b>\p{{Han}}{{2,16}})[)）]")


def _body_of_office(run: str) -> str | None:
    """The body whose office ``run`` names: the longest name at its start followed by an
    office word (两城镇人民政府 | 党政办公室), else the whole run when it is a name."""
    c = cues()["contact"]
    offices, office_ends, bodies = tuple(c["offices"]), tuple(c["office_endings"]), tuple(c["office_endings_not"])
    if a := agency_shape.second_named(run):
        return a  # a body with its second name (…司法局(区行政复议局)): never an office inside a body
    # a body's second name in brackets after it (…管理委员会(福州保税港区管理委员会)) is no part of it
    run = _ALIAS.sub(lambda m: "" if clean_agency(m.group("b")) else m.group(0), run)
    for k in range(len(run) - 1, 1, -1):
        if (run[k:].startswith(offices) and (not run[:k].endswith(office_ends) or run[:k].endswith(bodies))
                and (a := name_or_bracketed(run[:k]))):
            return a
    if (a := name_or_bracketed(run)) is None:
        # 衢州市衢江区湖南镇政府 (its 综合督考办公室 read as lead_between): the place
        for short in c["government_short"]:
            place = run[: -len(short)]
            if run.endswith(short) and place.endswith(tuple(cues()["agency_place_suffixes"])):
                return clean_agency(place)
    return a


def contact_agency(text: str, notes: list | None = None) -> str | None:
    """The body named as the report's compiler or contact (see ``contact`` in the
    patterns); None when the sentences name different bodies."""
    if not (found := _contact_names(text)):
        return None
    # a short form the text declares for a name (…管理委员会(以下简称经开区管委会)) is that name
    found = list(dict.fromkeys(_declared_full(f, text) or f for f in found))
    # 南平市人民政府 (its 信息公开领导小组办公室 compiles) and 南平市 (南平市政府信息公开…办公室 as the
    # contact): the place's government
    found.sort(key=len)
    if (len(found) == 2 and found[0].endswith(tuple(cues()["territory_endings"]))
            and found[1] == found[0] + "人民政府"):
        return found[1]
    # 两城镇人民政府 and 两城镇人民政府办公室 are one body; the shorter is its name
    if all(f.startswith(found[0]) for f in found):
        return found[0]
    # 南宁市良庆区 (the compiler) and 良庆区 (the contact): one place with and without its city;
    # the shorter (as ``complete`` keeps 金山区卫生局 for 上海市金山区卫生局)
    if all(f.endswith(found[0]) for f in found) and found[0].endswith(tuple(cues()["agency_place_suffixes"])):
        return found[0]
    # 由怀柔区发展和改革委员会编制 … 请联系区发改委信息中心: one body, by its full name and by
    # a short form of it (``completes``): the full name
    full = [f for f in found if not any(completes(f, o) for o in found)]
    if len(full) == 1 and all(f == full[0] or completes(f, full[0]) for f in found):
        return full[0]
    # 由海南州人民政府办公室…编制 … 请与海南州政府法制办公室联系: a place's government and
    # offices of that government (named 海南州政府…): the government; the offices may be named by the
    # government's level, alone or after its place (由山西省人民政府办公厅编制 … 请与省政府办公厅信息办公室联系,
    # pool s10 p142; 由伊宁县人民政府办公室编制 … 请联系:伊宁县县人民政府电子政务办公室, p296, the place's
    # 县县人民政府 as 大田县县人民政府门户网站 b19 af19, 渠县县政府门户网 b7 q05, 桐梓县县人民政府办公室 dev w11 write it)
    for gov in (f for f in found if f.endswith("人民政府")):
        place = gov[:-4]
        forms = tuple(p + g for p in {place, place[-1:], place + place[-1:]} for g in ("人民政府", "政府"))
        if all(f == gov or f.startswith(forms) for f in found):
            return gov
    if notes is not None:
        notes.append(f"the contact sentences name different bodies ({'、'.join(found[:4])})")
    return None


def complete(name: str | None, text: str) -> str | None:
    """A shortened name completed from the document: the full name the text declares for
    it (清远市清新区人民政府办公室(以下简称区政府办公室)), else its one longer form the
    text writes as a name (``name_abbreviations`` in patterns/metadata.yaml: 县审计局 ->
    桃江县审计局, 宁国市人社局 -> 宁国市人力资源和社会保障局, 公安局 -> 靖宇县公安局)."""
    if not name:
        return name
    if declared := _declared_full(name, text):
        return declared
    forms = _long_forms(name)
    if forms is None:
        return name
    placeless = not any(p in name for p in cues()["name_place_endings"])
    found = _forms_found(name, text, *forms, placeless)
    if not found and (gapped := _gapped_forms(name)) is not None:
        # no form spelled word for word: one the short name's characters clip, in order (``completion_gap``)
        found = _forms_found(name, text, *gapped, placeless)
    # 金山区卫生局 and 上海市金山区卫生局: one body, with and without its city: the shorter
    short = min(found, key=len, default=None)
    if short and all(f.endswith(short) for f in found):
        return short
    return name


def _forms_found(name: str, text: str, body: regex.Pattern, whole: regex.Pattern, placeless: bool) -> set[str]:
    """The longer forms of ``name`` (``body`` found, ``whole`` the name it completes to) the text writes as a name."""
    follow = _completion_follow_rx()
    breaks, leads = name_breaks(), name_leads()
    # a name naming no place (公安局) may be completed to a superior's name: not from a
    # superior's document or lead (根据白山市公安局关于…, 在白山市公安局的统一领导下)
    superior = _superior_rx() if placeless else None
    found = set()
    for m in body.finditer(text):
        # the Han run before the form, from its start (a name never crosses a non-Han
        # character), without the words that lead into a name
        tail = _HAN_TAIL24.search(text, max(0, m.start() - 24), m.start()).group(0)
        k = m.start() - len(tail)
        if k > 0 and _HAN.match(text, k - 1):
            continue  # a run longer than a name's lead
        tail = tail[max((tail.rfind(b) + len(b) for b in breaks if b in tail), default=0):]
        # a page's field label is never part of the name (内容概述 市卫生局… / 来源 安康市卫生局)
        tail = tail[max((m.end() for m in _field_stop_rx().finditer(tail)), default=0):]
        after_lead = tail[max((tail.rfind(w) + len(w) for w in leads if w in tail), default=0):]
        for lead in (lead_rx().sub("", tail), tail, after_lead):
            a = without_conjunction(clean_agency(lead + m.group(0)))
            if a and not _begins_as_name(a):
                continue  # 转载息烽县统计局: a verb before the place, never a name's start
            if a and a != name and whole.fullmatch(a) and not is_abbreviated(a):
                start = m.end() - len(a)
                if superior and (superior["after"].match(text, m.end())
                                 or superior["before"].search(text, max(0, start - 4), start)):
                    break
                if follow.match(text, m.end()) or agency_late.opens_clause(text, start, m.end(), placeless):
                    found.add(a)
                break
    return found


def _begins_as_name(name: str) -> bool:
    """A completed name begins with its place or its organisation, never with a word that
    leads into a name in a sentence (``name_lead``, ``name_verbs``) or one that only stands
    before another's name or site (``completion_not_start``: 转载息烽县统计局网站 completes
    县统计局 to 息烽县统计局, never to 转载息烽县统计局)."""
    words = _not_start_words()
    return not (name.startswith(words) and not name.startswith(tuple(cues()["agency_start_exceptions"])))


@lru_cache(maxsize=1)
def _not_start_words() -> tuple[str, ...]:
    c = cues()
    return tuple(name_leads()) + tuple(c["agency_bad_start"]) + tuple(c["completion_not_start"])


_HAN = regex.compile(r"\p{Han}")
# \Z, not $: a tail never reaches across the line break right before the form ($ matches before it)
_HAN_TAIL24 = regex.compile(r"\p{Han}{0,24}\Z")


def _declared_full(name: str, text: str) -> str | None:
    """The full name the text declares ``name`` the short form of:
    清远市清新区人民政府办公室(以下简称区政府办公室) -> 清远市清新区人民政府办公室."""
    if name not in text:
        return None
    for m in _declared_rx().finditer(text):
        if m.group("short") != name:
            continue
        run = _HAN_RUN_END.search(text, max(0, m.start() - 40), m.start()).group(0)
        if (full := name_in_run(run)) and full != name:
            return full
    return None


def completes(short: str, long: str) -> bool:
    """``long`` is a longer form of the shortened name ``short`` (县人社局 / 桃源县人力资源和社会保障局)."""
    forms = _long_forms(short)
    return forms is not None and long != short and bool(forms[1].fullmatch(long))


@lru_cache(maxsize=1)
def _superior_rx() -> dict[str, regex.Pattern]:
    c = cues()["completion_placeless_not"]
    return {"before": regex.compile(rf"(?:{alt(regex.escape(w) for w in c['before'])})$"),
            "after": regex.compile(rf"(?:{alt(regex.escape(w) for w in c['after'])})")}


@lru_cache(maxsize=1)
def _completion_follow_rx() -> regex.Pattern:
    """What follows a longer form read as a name: ``name_follow``, or a contact verb
    (由宁国市人力资源和社会保障局编制, 请与…办公室联系)."""
    words = list(cues()["name_follow"]) + list(cues()["contact"]["verbs"])
    # … or a year heading a title it issued (《陕西省知识产权局2022年政府信息公开工作年度报告》)
    return regex.compile(rf"(?:{alt(regex.escape(w) for w in words)}|[,。;:!?()\s]|$|(?:19|20)\d\d\s*年)")


@lru_cache(maxsize=1)
def _declared_rx() -> regex.Pattern:
    return regex.compile(cues()["name_declared_short"])


@lru_cache(maxsize=4096)
def _long_forms(name: str) -> tuple[regex.Pattern, regex.Pattern] | None:
    """(the longer forms of ``name`` as a pattern, the same with the place a completed
    name may have before it), or None when ``name`` is no shortened name: it starts with
    a place ending (市公安局), names no place (公安局) or holds a short word (人社)."""
    c = cues()
    short = c["name_abbreviations"]
    spelled = {**c["name_short_forms"]["words"], **short}
    endings = c["name_short_forms"]["endings"]
    places = c["name_place_endings"]
    abbreviated = is_abbreviated(name)
    placeless = not any(p in name for p in places)
    if not (abbreviated or placeless or any(w in name for w in short)):
        return None
    keys = sorted(spelled, key=len, reverse=True)
    parts, i = [], 0
    while i < len(name):
        w = next((k for k in keys if name.startswith(k, i)), None)
        if w is not None:
            parts.append("(?:" + alt(regex.escape(x) for x in [w, *spelled[w]]) + ")")
            i += len(w)
        elif i == len(name) - 1 and name[i] in endings:
            parts.append("(?:" + alt(regex.escape(x) for x in [name[i], *endings[name[i]]]) + ")")
            i += 1
        else:
            parts.append(regex.escape(name[i]))
            i += 1
    body = "".join(parts)
    if abbreviated:
        whole = rf"\p{{Han}}+{body}"
    elif placeless:
        whole = rf"\p{{Han}}*(?:{alt(regex.escape(p) for p in places)}){body}"
    else:
        whole = body
    return regex.compile(body), regex.compile(whole)


@lru_cache(maxsize=4096)
def _gapped_forms(name: str) -> tuple[regex.Pattern, regex.Pattern] | None:
    """(the longer forms of ``name`` whose characters it clips, in order, with its head spelled out, as a pattern;
    the same with the place a completed name may have before it), or None for a name that names its place
    (安丘市计生局 is kept as read): 省外事办 / 山西省人民政府外事办公室, 市经合局 / 通化市经济技术合作局,
    农发局 / 启东市农业资源开发局. A gap holds a few Han characters, never a place's ending nor a word that
    joins two names (``completion_gap``: 省工商局 is not 省所有的设区市工商局)."""
    c = cues()
    places = c["name_place_endings"]
    abbreviated = is_abbreviated(name)
    placeless = not any(p in name for p in places)
    if len(name) < 3 or not (abbreviated or placeless):
        return None
    g = c["completion_gap"]
    gap = rf"(?:(?!{alt(regex.escape(w) for w in g['not'])})\p{{Han}}){{0,{int(g['max'])}}}?"
    endings = c["name_short_forms"]["endings"]
    head = name[-1]
    heads = sorted([head, *endings.get(head, [])], key=len, reverse=True)
    body = gap.join(regex.escape(ch) for ch in name[:-1]) + gap + "(?:" + alt(regex.escape(h) for h in heads) + ")"
    if abbreviated:
        whole = rf"\p{{Han}}+{body}"
    else:
        whole = rf"\p{{Han}}*(?:{alt(regex.escape(p) for p in places)}){body}"
    return regex.compile(body), regex.compile(whole)


def find_agency(title_agency, field_agency, prev_line_agency, text, lines, inline_sig=None,
            notes: list | None = None, skip: tuple = (), page_agency=None, kind: str | None = None) -> str | None:
    """The reporting body, or None; ``notes`` collects why a name read was withheld;
    ``skip``: sources (``agency_sources``) not to read; ``page_agency``: the publisher the
    page's metadata lines name (``Document.page_lines``); ``kind``: the document's kind (a
    notice's signature is believed before the page's field: ``agency_sources_notice``)."""
    notes = [] if notes is None else notes
    a, source = _agency_found(title_agency, field_agency, prev_line_agency, text, lines, inline_sig, notes, skip,
                              page_agency, kind)
    a = agency_refine.refined(a, source, title_agency, text, notes)
    if a and source in cues()["town_field_sources"]:
        a = _town_body_as_written(a, text)
    a = complete(a, text)
    # a place read bare whose own signature, publisher field, submitter, compiler sentence, contact line or
    # announcement writes its body (中岗镇 of the title, 由中岗镇人民政府编制): that body (``issuer_written``)
    a = agency_refine.issuer_written(a, text, lambda: (signature_agency(lines) or inline_sig, field_agency, page_agency,
                                                       page_field(text, "submitter")), source,
                                       lambda: _announcement(text, lines, inline_sig, []))
    # … and a town read through its superior's government that the text names by itself (``superior_dropped``)
    a = agency_refine.superior_dropped(a, text)
    # … and a city's or county's body read with its province (四川省巴中市气象局): without it (``province_dropped``)
    a = agency_refine.province_dropped(a)
    # a shortened name the text leaves short (卫计局 of a mirror's title that lost its place) and the portal's
    # publisher field naming its longer form (发布单位:县卫生和计划生育局, b20 ai22; 农业农村局 / 南通市通州区
    # 农业农村局, b14 o73): that form
    for other in (field_agency, page_agency):
        if a and other and completes(a, other):
            return other
    return a


def _town_body_as_written(a: str, text: str) -> str:
    """A town the portal's publisher field names (发布机构: 昌宁县田园镇, 凉州区张义镇人民政府) as the
    text's own sentence writes its body (2025年,田园镇人民政府认真贯彻…): that body (``town_field_sources``);
    ``a`` otherwise."""
    core = without_town_body(a)
    if not core.endswith(tuple(cues()["town_endings"])):
        return a
    named = _sentence_agency(text)
    if not named or named == a or (town := without_town_body(named)) == named:
        return a  # no sentence names the town's body
    return named if core.endswith(town) and len(town) >= 2 else a


def _agency_found(title_agency, field_agency, prev_line_agency, text, lines, inline_sig, notes,
                  skip: tuple = (), page_agency=None,
                  kind: str | None = None) -> tuple[str, str] | tuple[None, None]:
    """(the first name the sources in ``agency_sources`` (patterns/metadata.yaml, strongest
    first; ``agency_sources_notice`` for a notice's kinds) give, the source that gave it), or
    (None, None)."""
    given = {"title": title_agency, "page_field": field_agency, "name_above_title": prev_line_agency,
             "page_lines": page_agency}
    notice = cues()["agency_sources_notice"]
    for source in (notice["order"] if kind in notice["kinds"] else cues()["agency_sources"]):
        if source in skip:
            continue
        if source in given:
            a = given[source]
        else:
            a = _SOURCES[source](text, lines, inline_sig, notes)
        if a:
            return a, source
    return None, None


def _announcement(text, lines, inline_sig, notes) -> str | None:
    """The report naming its own body ("现公布泰州市人民政府2017年…年度报告"): it beats the
    portal's publisher field (发布机构: 市政府办), which may be the office that posted it."""
    head = text[:1500]
    # both patterns start with an announcing word (现公布, 现将…): a head without one is
    # not searched (a search tried the name and the suffixes after every position); a bare
    # 发布 leads only into book marks (``announce_title_leads``: that pattern is the gate)
    if not any(w in head for w in cues()["announce_leads"]) and not _announced_title_rx().search(head):
        return None
    m = _agency_res()[0].search(head) or _announced_title_rx().search(head)
    if m and (a := clean_agency(m.group("a"))):
        return a
    m = _announce_year_first().search(head)
    if m and (a := before_subject(m.group("a"))):
        return a
    return None


def _signature(text, lines, inline_sig, notes) -> str | None:
    return signature_agency(lines) or inline_sig


def _titles_in_opening(text, lines, inline_sig, notes) -> str | None:
    return _agency_in_titles(text[:600], notes)


def _contact_names(text: str) -> list[str]:
    # (a new list each call: contact_agency sorts it; the scan is made once a text, issue 11:
    # contact_agency and _contact_and_sentence both asked for it)
    return list(_contact_scan(text[: cues()["contact"]["chars"]]))


@lru_cache(maxsize=8)
def _contact_scan(head: str) -> tuple[str, ...]:
    found = []
    full, named, gate = _contact_rxs()
    for m in (full if _compiler_possible(head, gate) else named).finditer(head):
        if m.group("b") and not _body_of_office(m.group("b")):
            continue  # 由某某县人民政府、各乡镇编制: the second compiler is no body, the clause is not read
        if (a := agency_late.inside_unit_body(m.group("a")) or _body_of_office(m.group("a"))) and a not in found:
            found.append(a)
    return tuple(found)


def _contact_and_sentence(text, lines, inline_sig, notes) -> str | None:
    """The body named as the report's contact or compiler, or as a sentence names it."""
    contact = contact_agency(text, notes)
    named = complete(_sentence_agency(text), text)
    if named and is_abbreviated(named) and _speaks_as_place(named[0], text) and not speaks_as(named, text):
        # 市政府新闻办 read in a text that speaks as 我市: a unit of the city whose report
        # it is, not the body reporting (and its full name is nowhere): no agency
        notes.append(f"{named} is named in a text that speaks as 我{named[0]}: a unit, not the body reporting")
        named = None
    if contact is None and (one := agency_shape.one_body_form(_contact_names(text), text)):
        # one body by its forms (周家桥街道 / 上海市长宁区周家桥街道办事处, 长宁公安分局 / 上海市公安局长宁分局):
        # as a sentence writes it when that is the same name with or without its place (潭柘寺镇), else the full form
        contact = named if named and agency_shape.written_alike(named, one) else one
    if contact:
        # the body named in the text by a longer name of the same body is more precise
        # (我办 + 钦州市人民政府办公室 when the contact is its 文电科): the office itself
        # reports, not the government whose office answers
        return named if named and named != contact and named.startswith(contact) else contact
    return named


def _speaks_as_place(level: str, text: str) -> bool:
    """The text speaks as its place (我市 for level 市): it says so ``place_self_min`` times, or as often as it
    speaks as a body (我局, 我单位 …: ``own_place.not_self``) when it does; a 我市 said once in passing in a
    bureau's report (beside 我局 and 我单位, or beside no self-reference at all) is no place's voice."""
    times = text.count(f"我{level}")
    if times >= cues()["place_self_min"]:
        return True
    as_body = len(cue_rx(cues()["agency_open"]["own_place"]["not_self"]).findall(text))
    return 0 < as_body <= times


def _heading(text, lines, inline_sig, notes) -> str | None:
    return _heading_name(lines, notes)


def _heading_name(lines, notes: list | None = None) -> str | None:
    """A line holding only a body's name among the first lines of the text: the heading
    of a sheet or letter (涡阳县水利局 above its score sheet). Several such lines are a
    portal's banner or navigation, not a heading: None."""
    found = []
    head = lines[: cues()["heading_name_lines"]]
    for i, (_, _, line) in enumerate(head):
        if i + 1 < len(lines) and _portal_today_rx().match(lines[i + 1][2]):
            continue  # a portal's banner over its "today" line (天津市河北区人民政府 / 2019年12月3日星期二)
        if (a := name_or_bracketed(line.strip())) and a not in found:
            found.append(a)
    if len(found) > 1 and notes is not None:
        notes.append(f"the first lines name several bodies ({'、'.join(found)})")
    return found[0] if len(found) == 1 else None


@lru_cache(maxsize=1)
def _portal_today_rx() -> regex.Pattern:
    return regex.compile(cues()["portal_today"])


def _sentence_agency(text: str) -> str | None:
    """The body as a sentence names it: subject of the year's work, its own guide, a
    city's departments, or 我局 with its name elsewhere."""
    res = _agency_res()
    for rx in res[1:]:
        for m in rx.finditer(text[:3000] if rx is not res[1] else text):
            a = clean_agency(m.group("a"))
            if a:
                return a
    head = text[:3000]
    rx, tail = _body_year_figure_rx()
    if tail.search(head):  # (every match ends with a match of its tail: rare, where the whole is costly)
        for m in rx.finditer(head):
            if a := name_in_run(m.group("a")):
                return a
    return self_named(text) or application_subject(text)


@lru_cache(maxsize=1)
def _application_subject_rx() -> tuple[regex.Pattern, regex.Pattern]:
    c = cues()["application_subject"]
    tail = (rf"(?:{alt(regex.escape(w) for w in c['verbs'])})了?的?"
            rf"(?:{alt(regex.escape(w) for w in c['nouns'])})")
    return regex.compile(
        rf"(?:^|(?<=[。\n;,]))(?:{YEAR}\s*年度?[,]?)?(?P<a>\p{{Han}}{{2,30}}?(?:{compiled()['suffixes']}))"
        rf"(?:{alt(regex.escape(w) for w in c['adverbs'])})?{tail}"), regex.compile(tail)


def application_subject(text: str) -> str | None:
    """The one body named as the subject of the applications it received or handled
    (省政府办公厅受理政府信息公开申请287件: ``application_subject``), else None."""
    rx, tail = _application_subject_rx()
    if not tail.search(text):  # (every match ends with a match of its tail: the whole tries each clause's start)
        return None
    found = {a for m in rx.finditer(text) if (a := clean_agency(m.group("a")))}
    return found.pop() if len(found) == 1 else None


@lru_cache(maxsize=1)
def _body_year_figure_rx() -> tuple[regex.Pattern, regex.Pattern]:
    """The body, its year (blanked 201x in a template copy) and the year's figure:
    "县招投标局201x年全年主动公开政府信息302条" (the run before the name is cut by
    ``name_breaks``: 一、主动公开政府信息情况县招投标局 -> 县招投标局)."""
    c = cues()["body_year_figure"]
    tail = (rf"(?:{YEAR}|(?:19|20)\d[xX×]|(?:19|20)[xX×]{{2}})\s*年度?"
            rf"(?:{alt(regex.escape(w) for w in c['verbs'])})")
    return regex.compile(rf"(?<!\p{{Han}})(?P<a>\p{{Han}}{{2,40}}?(?:{compiled()['suffixes']})){tail}"), regex.compile(tail)


@lru_cache(maxsize=1)
def _announced_title_rx() -> regex.Pattern:
    """The report's own title in book marks after the announcing word (现发布《银川市兴庆区人民政府
    2023年政府信息公开工作年度报告》, 编制《临夏市人民政府2023年…年度报告》); not a plan it compiled
    (编制了《太平畈乡2013年政府信息公开工作计划…》)."""
    name = rf"(?P<a>\p{{Han}}{{1,40}}?(?:{compiled()['suffixes']}))"
    leads = "|".join([alt(regex.escape(w) for w in cues()['announce_leads'])] + cues()["announce_title_leads"])
    return regex.compile(rf"(?:{leads})《{name}{YEAR}\s*年度?"
                         rf"[^》]{{0,30}}?(?:{words('agency_words', 'own_report_endings')})》")


@lru_cache(maxsize=1)
def _announce_year_first() -> regex.Pattern:
    """现公布2012年凤安镇政府信息公开工作年度报告, 特编制2023年度和静县…办公室信息公开年度报告:
    the name between the year and the subject (after any of ``announce_leads``)."""
    leads = alt(regex.escape(w) for w in sorted(set(cues()["announce_leads"])))
    return regex.compile(
        rf"(?:{leads}){YEAR}\s*年度?"
        rf"(?P<a>\p{{Han}}{{1,40}}?)(?={words('agency_words', 'subjects')})")


# the agency sources by the names patterns/metadata.yaml ``agency_sources`` orders them in
# (title, page_field, name_above_title and page_lines are read by describe and passed in)
_SOURCES = {
    "announcement": _announcement,
    "signature": _signature,
    "titles_in_opening": _titles_in_opening,
    "contact_and_sentence": _contact_and_sentence,
    "heading": _heading,
    "download_site": agency_late.download_site,
    "evaluator_group": agency_late.evaluator_group,
    "relayed_report": agency_late.relayed_report,
    "opening_subject": agency_late.opening_subject,
    "own_rules": agency_open.own_rules,
    "opening_issuer": agency_open.opening_issuer,
    "opening_name": agency_open.opening_name,
    "portal_owner": agency_open.portal_owner,
    "opening_clause": agency_open.opening_clause,
    "opening_place": agency_open.opening_place,
    "own_place": agency_open.own_place,
    "own_outlet": agency_open.own_outlet,
}
