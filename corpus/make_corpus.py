#!/usr/bin/env python3
"""Generate the bundled sample corpus (``corpus/``) and its gold files.

Five synthetic reports of invented bodies (the city 云泽市 does not exist), written the
way real Chinese transparency reports are written:

=====================================  ==============  ========  ==========================
name                                   kind            template  what it exercises
=====================================  ==============  ========  ==========================
a51_yunze-shuiliju-2016                annual_report   old       prose + full 统计表 (附件),
                                                                 one prose/table conflict
a52_yunze-renshe-2019                  annual_report   gb2019    表二 (一)(五)(六)(八)(九),
                                                                 表三, 表四; 表三 also one
                                                                 cell per line (.cells.txt)
a53_yunze-shi-2022                     annual_report   gb2021    表二, 表三 with 其他处理
                                                                 sub-rows, 表四
s51_yunze-zirangui-2019-zicha          self_inspection free      prose + 考核自查评分表
                                                                 (merged categories, one
                                                                 blank score, 总计 row)
s52_baisha-zhen-2020-zongjie           work_summary    free      prose only: zeros, Chinese
                                                                 numerals, 万元
=====================================  ==============  ========  ==========================

Every document is held here as data (paragraphs and tables whose figures come from one
``values`` dict per document), and rendered from that data into every format:

* ``NAME.txt``        UTF-8 text, tables flattened one row per line (``a | b | c |``);
* ``NAME.gbk.txt``    the same text in GB18030 with CRLF line ends;
* ``NAME.html``       a portal-like page (navigation, 索引号 box, 上一篇/下一篇, footer,
                      scripts) around the report; tables with rowspan/colspan;
* ``NAME.docx``       python-docx, real tables with merged cells (``cell.merge``);
* ``NAME.pdf``        reportlab, ruled tables, CJK through the built-in STSong-Light
                      CID font; the long tables cross page breaks;
* extra renderings: ``a52….cells.txt`` (crawled-page style: one line per paragraph and
  per table cell, blank lines between), ``s52….big5.txt`` (Traditional characters, Big5),
  ``s51….utf16.txt`` (UTF-16 LE with BOM).

The gold file ``NAME.gold.json`` is written from the same data, so it is correct by
construction: every rendering of NAME is scored against it.

Usage::

    python corpus/make_corpus.py            # (re)write corpus/ in place
    python corpus/make_corpus.py -o DIR     # write into DIR instead

Output is deterministic: text and gold files are byte-identical on every run; .docx
zip entries carry a fixed timestamp and the PDFs are written in reportlab's invariant
mode (byte-identical for a given reportlab version).

Needs python-docx, and reportlab for the PDFs (``pip install -e .[dev]``), and OpenCC
for the Big5 rendering.
"""
from __future__ import annotations

import argparse
import datetime as _dt
import html as _html
import io
import json
import sys
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

HERE = Path(__file__).resolve().parent

# --------------------------------------------------------------------------- model


@dataclass
class C:
    """A table cell; ``\\n`` in text is a line break inside the cell."""

    text: str
    rs: int = 1
    cs: int = 1


@dataclass
class T:
    """A table: rows of cells (HTML-like: a merged cell appears once, in its first row)."""

    rows: list[list[C]]
    widths: list[float]  # relative column widths (PDF/DOCX)
    font: float = 9.0

    def layout(self) -> tuple[list[list[tuple[int, C]]], int]:
        """Rows of (column, cell) and the column count; checks the grid is rectangular."""
        occupied: dict[tuple[int, int], bool] = {}
        out: list[list[tuple[int, C]]] = []
        n_cols = 0
        for r, row in enumerate(self.rows):
            placed = []
            col = 0
            for cell in row:
                while occupied.get((r, col)):
                    col += 1
                for dr in range(cell.rs):
                    for dc in range(cell.cs):
                        assert not occupied.get((r + dr, col + dc)), (r, col, cell.text)
                        occupied[(r + dr, col + dc)] = True
                placed.append((col, cell))
                col += cell.cs
            out.append(placed)
            n_cols = max(n_cols, col)
        for r in range(len(self.rows)):
            for k in range(n_cols):
                assert occupied.get((r, k)), f"hole at row {r} col {k}: {self.rows[r]}"
        assert len(self.widths) == n_cols, (len(self.widths), n_cols)
        return out, n_cols


@dataclass
class P:
    """A paragraph. kind: title | h1 | body | sign | caption."""

    text: str
    kind: str = "body"


@dataclass
class Doc:
    name: str
    title: str
    blocks: list
    gold: dict
    extra: list[str] = field(default_factory=list)  # cells | big5 | utf16
    html_charset: str = "utf-8"
    published: str = ""  # portal publication date (chrome)
    site: str = "云泽市人民政府门户网站"


def cells(*items) -> list[C]:
    return [x if isinstance(x, C) else C(str(x)) for x in items]


def num(x) -> str:
    return str(x)


def signed(x: int) -> str:
    return f"+{x}" if x > 0 else str(x)


def wan(yuan: float) -> str:
    """Yuan as a 万元 figure, exact (85000.0 -> '8.5')."""
    d = (Decimal(repr(yuan)) / Decimal(10000)).normalize()
    s = format(d, "f")
    return s


# --------------------------------------------------------------------------- constants

KINDS = ("annual_report", "self_inspection", "work_summary", "assessment_table", "other")
TEMPLATES = ("old", "gb2019", "gb2021", "free")

# 表三 value columns
APPLICANT_COLS = ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他")

REFUSE_ROWS = [
    ("1.属于国家秘密", "outcome.refused.state_secret"),
    ("2.其他法律行政法规禁止公开", "outcome.refused.law_forbidden"),
    ("3.危及“三安全一稳定”", "outcome.refused.three_safety"),
    ("4.保护第三方合法权益", "outcome.refused.third_party"),
    ("5.属于三类内部事务信息", "outcome.refused.internal_affairs"),
    ("6.属于四类过程性信息", "outcome.refused.process_info"),
    ("7.属于行政执法案卷", "outcome.refused.enforcement_file"),
    ("8.属于行政查询事项", "outcome.refused.query_matter"),
]
UNABLE_ROWS = [
    ("1.本机关不掌握相关政府信息", "outcome.unable.not_held"),
    ("2.没有现成信息需要另行制作", "outcome.unable.needs_creation"),
    ("3.补正后申请内容仍不明确", "outcome.unable.unclear"),
]
NOT_PROCESSED_ROWS = [
    ("1.信访举报投诉类申请", "outcome.not_processed.petition"),
    ("2.重复申请", "outcome.not_processed.repeat"),
    ("3.要求提供公开出版物", "outcome.not_processed.publication"),
    ("4.无正当理由大量反复申请", "outcome.not_processed.mass_repeat"),
    ("5.要求行政机关确认或重新出具已获取信息", "outcome.not_processed.confirmation"),
]
OTHER_ROWS_2021 = [
    "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    "3.其他",
]
TABLE4_ENDINGS = ("upheld", "corrected", "other", "pending", "total")
TABLE4_PREFIXES = ("reconsideration", "litigation.direct", "litigation.after_reconsideration")


# --------------------------------------------------------------------------- 表三 / 表四


def table3(rows: dict[str, list[int]], template: str, note_in_cell: bool) -> T:
    """Build 表三 from per-row vectors of the six applicant columns (总计 is computed).

    ``rows`` keys: received, carried_over, granted, partial, refused keys, unable keys,
    not_processed keys, other (gb2019) or other1..3 (gb2021), carried_forward.
    """

    def vals(vec: list[int]) -> list[C]:
        assert len(vec) == 6
        return cells(*vec, sum(vec))

    n_outcome = 2 + len(REFUSE_ROWS) + len(UNABLE_ROWS) + len(NOT_PROCESSED_ROWS)
    n_outcome += 1 if template == "gb2019" else 3
    n_outcome += 1  # (七)总计
    note = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）" if note_in_cell else ""
    t_rows: list[list[C]] = [
        [C(note, rs=3, cs=3), C("申请人情况", cs=7)],
        [C("自然人", rs=2), C("法人或其他组织", cs=5), C("总计", rs=2)],
        cells("商业\n企业", "科研\n机构", "社会公益组织", "法律服务机构", "其他"),
        [C("一、本年新收政府信息公开申请数量", cs=3), *vals(rows["received"])],
        [C("二、上年结转政府信息公开申请数量", cs=3), *vals(rows["carried_over"])],
        [C("三、本年度办理结果", rs=n_outcome), C("（一）予以公开", cs=2), *vals(rows["granted"])],
        [C("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", cs=2), *vals(rows["partial"])],
    ]
    for group_label, group in (("（三）不予公开", REFUSE_ROWS), ("（四）无法提供", UNABLE_ROWS),
                               ("（五）不予处理", NOT_PROCESSED_ROWS)):
        for i, (label, key) in enumerate(group):
            head = [C(group_label, rs=len(group))] if i == 0 else []
            t_rows.append([*head, C(label), *vals(rows[key])])
    if template == "gb2019":
        t_rows.append([C("（六）其他处理", cs=2), *vals(rows["other"])])
    else:
        for i, label in enumerate(OTHER_ROWS_2021):
            head = [C("（六）其他处理", rs=3)] if i == 0 else []
            t_rows.append([*head, C(label), *vals(rows[f"other{i + 1}"])])
    outcome_keys = ["granted", "partial"] + [k for _, k in REFUSE_ROWS + UNABLE_ROWS + NOT_PROCESSED_ROWS]
    outcome_keys += ["other"] if template == "gb2019" else ["other1", "other2", "other3"]
    total = [sum(rows[k][j] for k in outcome_keys) for j in range(6)]
    t_rows.append([C("（七）总计", cs=2), *vals(total)])
    t_rows.append([C("四、结转下年度继续办理", cs=3), *vals(rows["carried_forward"])])
    # the template's own rule, per column: 一 + 二 = 三(七) + 四
    for j in range(6):
        assert rows["received"][j] + rows["carried_over"][j] == total[j] + rows["carried_forward"][j], j
    return T(t_rows, widths=[1.6, 1.0, 3.2] + [1.0] * 7, font=8)


def table3_values(rows: dict[str, list[int]], template: str) -> dict:
    """The canonical keys 表三 states (total column; sub-totals the template does not
    print — 不予公开/无法提供/不予处理 totals, 法人或其他组织 — are not values)."""
    v = {
        "applications.received": sum(rows["received"]),
        "applications.received.natural_person": rows["received"][0],
        "applications.carried_over": sum(rows["carried_over"]),
        "outcome.granted": sum(rows["granted"]),
        "outcome.partially_granted": sum(rows["partial"]),
    }
    for _, k in REFUSE_ROWS + UNABLE_ROWS + NOT_PROCESSED_ROWS:
        v[k] = sum(rows[k])
    keys = ["granted", "partial"] + [k for _, k in REFUSE_ROWS + UNABLE_ROWS + NOT_PROCESSED_ROWS]
    if template == "gb2019":
        v["outcome.other"] = sum(rows["other"])
        keys.append("other")
    else:
        keys += ["other1", "other2", "other3"]
    v["outcome.total"] = sum(sum(rows[k]) for k in keys)
    v["applications.carried_forward"] = sum(rows["carried_forward"])
    return v


def table4(v: dict) -> T:
    heads = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")
    rows = [
        [C("行政复议", cs=5), C("行政诉讼", cs=10)],
        [*(C(h, rs=2) for h in heads), C("未经复议直接起诉", cs=5), C("复议后起诉", cs=5)],
        cells(*heads, *heads),
        cells(*(v[f"{p}.{e}"] for p in TABLE4_PREFIXES for e in TABLE4_ENDINGS)),
    ]
    return T(rows, widths=[1.0] * 15, font=8)


def table4_values(rec: tuple, direct: tuple, after: tuple) -> dict:
    v = {}
    for prefix, four in zip(TABLE4_PREFIXES, (rec, direct, after)):
        for e, x in zip(TABLE4_ENDINGS, (*four, sum(four))):
            v[f"{prefix}.{e}"] = x
    return v


def combined_litigation(v: dict) -> dict:
    """Both litigation routes added up (SCHEMA's litigation.* keys)."""
    return {f"litigation.{e}": v[f"litigation.direct.{e}"] + v[f"litigation.after_reconsideration.{e}"]
            for e in TABLE4_ENDINGS}


def gold(kind, year, agency, template, values, notes, optional=None, ignore=None, score_tables=None):
    return {
        "document": {"kind": kind, "year": year, "agency": agency, "template": template},
        "values": values,
        "score_tables": score_tables or [],
        "_optional": optional or {},
        "_ignore": ignore or [],
        "_notes": notes,
    }


# --------------------------------------------------------------------------- a51: old era


def doc_a51() -> Doc:
    agency = "云泽市水利局"
    v: dict = {
        "proactive.total": 1268,  # table; the prose says 1286 (deliberate conflict)
        "proactive.normative_docs": 6,
        "proactive.normative_docs_issued": 8,
        "proactive.via.gazette": 12,
        "proactive.via.website": 1175,
        "proactive.via.weibo": 236,
        "proactive.via.wechat": 198,
        "proactive.via.other": 64,
        "response.hot_topics": 9,
        "response.press_conferences": 4,
        "response.press_conferences_by_head": 2,
        "response.online_interviews": 3,
        "response.online_interviews_by_head": 1,
        "response.interpretations": 17,
        "response.weibo_wechat": 21,
        "response.other": 5,
        "applications.received": 41,
        "applications.received.in_person": 9,
        "applications.received.fax": 2,
        "applications.received.online": 23,
        "applications.received.mail": 7,
        "applications.completed": 41,
        "applications.completed.on_time": 39,
        "applications.completed.extended": 2,
        "outcome.total": 41,
        "outcome.already_public": 6,
        "outcome.granted": 18,
        "outcome.partially_granted": 4,
        "outcome.refused": 5,
        "outcome.refused.state_secret": 1,
        "outcome.refused.commercial_secret": 1,
        "outcome.refused.personal_privacy": 1,
        "outcome.refused.three_safety": 1,
        "outcome.refused.not_government_info": 1,
        "outcome.refused.other_law": 0,
        "outcome.not_this_agency": 2,
        "outcome.not_exist": 3,
        "outcome.correction_requested": 1,
        "outcome.redirected": 2,
        "reconsideration.total": 3,
        "reconsideration.upheld": 2,
        "reconsideration.corrected": 1,
        "reconsideration.other": 0,
        "litigation.total": 2,
        "litigation.upheld": 1,
        "litigation.corrected": 0,
        "litigation.other": 1,
        "complaints.total": 1,
        "fees.collected": 1200.0,
        "org.dedicated_units": 1,
        "org.reading_points": 3,
        "staff.total": 7,
        "staff.full_time": 2,
        "staff.part_time": 5,
        "funding.special": 85000.0,
        "meetings.count": 3,
        "training.sessions": 2,
        "training.participants": 86,
        "service_hall.physical": True,
        "service_hall.e_supervision": False,
        "service_hall.online_service": True,
        # prose only
        "consultations.total": 412,
        "funding.platform": 120000.0,
    }
    prose_proactive_total = 1286
    # internal consistency of the figures
    assert v["applications.received"] == sum(v[f"applications.received.{c}"] for c in ("in_person", "fax", "online", "mail"))
    assert v["applications.completed"] == v["applications.completed.on_time"] + v["applications.completed.extended"]
    assert v["outcome.refused"] == sum(v[k] for k in v if k.startswith("outcome.refused."))
    assert v["outcome.total"] == sum(v[f"outcome.{k}"] for k in (
        "already_public", "granted", "partially_granted", "refused", "not_this_agency", "not_exist",
        "correction_requested", "redirected"))
    for p in ("reconsideration", "litigation"):
        assert v[f"{p}.total"] == v[f"{p}.upheld"] + v[f"{p}.corrected"] + v[f"{p}.other"]
    assert v["staff.total"] == v["staff.full_time"] + v["staff.part_time"]

    yn = {True: "是", False: "否"}
    s = lambda k: num(v[k])  # noqa: E731
    # 统计表: (label, unit, value text)
    stat = [
        ("一、主动公开情况", "—", ""),
        ("（一）主动公开政府信息数（不同渠道和方式公开相同信息计1条）", "条", s("proactive.total")),
        ("其中：主动公开规范性文件数", "条", s("proactive.normative_docs")),
        ("制发规范性文件总数", "件", s("proactive.normative_docs_issued")),
        ("（二）通过不同渠道和方式公开政府信息的情况", "—", ""),
        ("1.政府公报公开政府信息数", "条", s("proactive.via.gazette")),
        ("2.政府网站公开政府信息数", "条", s("proactive.via.website")),
        ("3.政务微博公开政府信息数", "条", s("proactive.via.weibo")),
        ("4.政务微信公开政府信息数", "条", s("proactive.via.wechat")),
        ("5.其他方式公开政府信息数", "条", s("proactive.via.other")),
        ("二、回应解读情况", "—", ""),
        ("（一）回应公众关注热点或重大舆情数（不同方式回应同一热点或舆情计1次）", "次", s("response.hot_topics")),
        ("（二）通过不同渠道和方式回应解读的情况", "—", ""),
        ("1.参加或举办新闻发布会总次数", "次", s("response.press_conferences")),
        ("其中：主要负责同志参加新闻发布会次数", "次", s("response.press_conferences_by_head")),
        ("2.政府网站在线访谈次数", "次", s("response.online_interviews")),
        ("其中：主要负责同志参加政府网站在线访谈次数", "次", s("response.online_interviews_by_head")),
        ("3.政策解读稿件发布数", "篇", s("response.interpretations")),
        ("4.微博微信回应事件数", "次", s("response.weibo_wechat")),
        ("5.其他方式回应事件数", "次", s("response.other")),
        ("三、依申请公开情况", "—", ""),
        ("（一）收到申请数", "件", s("applications.received")),
        ("1.当面申请数", "件", s("applications.received.in_person")),
        ("2.传真申请数", "件", s("applications.received.fax")),
        ("3.网络申请数", "件", s("applications.received.online")),
        ("4.信函申请数", "件", s("applications.received.mail")),
        ("（二）申请办结数", "件", s("applications.completed")),
        ("1.按时办结数", "件", s("applications.completed.on_time")),
        ("2.延期办结数", "件", s("applications.completed.extended")),
        ("（三）申请答复数", "件", s("outcome.total")),
        ("1.属于已主动公开范围数", "件", s("outcome.already_public")),
        ("2.同意公开答复数", "件", s("outcome.granted")),
        ("3.同意部分公开答复数", "件", s("outcome.partially_granted")),
        ("4.不同意公开答复数", "件", s("outcome.refused")),
        ("其中：涉及国家秘密", "件", s("outcome.refused.state_secret")),
        ("涉及商业秘密", "件", s("outcome.refused.commercial_secret")),
        ("涉及个人隐私", "件", s("outcome.refused.personal_privacy")),
        ("危及国家安全、公共安全、经济安全和社会稳定", "件", s("outcome.refused.three_safety")),
        ("不是《条例》所指政府信息", "件", s("outcome.refused.not_government_info")),
        ("法律法规规定的其他情形", "件", s("outcome.refused.other_law")),
        ("5.不属于本行政机关公开数", "件", s("outcome.not_this_agency")),
        ("6.申请信息不存在数", "件", s("outcome.not_exist")),
        ("7.告知作出更改补充数", "件", s("outcome.correction_requested")),
        ("8.告知通过其他途径办理数", "件", s("outcome.redirected")),
        ("四、行政复议数量", "件", s("reconsideration.total")),
        ("（一）维持具体行政行为数", "件", s("reconsideration.upheld")),
        ("（二）被依法纠错数", "件", s("reconsideration.corrected")),
        ("（三）其他情形数", "件", s("reconsideration.other")),
        ("五、行政诉讼数量", "件", s("litigation.total")),
        ("（一）维持具体行政行为或者驳回原告诉讼请求数", "件", s("litigation.upheld")),
        ("（二）被依法纠错数", "件", s("litigation.corrected")),
        ("（三）其他情形数", "件", s("litigation.other")),
        ("六、举报投诉数量", "件", s("complaints.total")),
        ("七、依申请公开信息收取的费用", "万元", wan(v["fees.collected"])),
        ("八、机构建设和保障经费情况", "—", ""),
        ("（一）政府信息公开工作专门机构数", "个", s("org.dedicated_units")),
        ("（二）设置政府信息公开查阅点数", "个", s("org.reading_points")),
        ("（三）从事政府信息公开工作人员数", "人", s("staff.total")),
        ("1.专职人员数（不包括政府公报及政府网站工作人员数）", "人", s("staff.full_time")),
        ("2.兼职人员数", "人", s("staff.part_time")),
        ("（四）政府信息公开专项经费（不包括用于政府公报编辑管理及政府网站建设维护等方面的经费）", "万元",
         wan(v["funding.special"])),
        ("九、政府信息公开会议和培训情况", "—", ""),
        ("（一）召开政府信息公开工作会议或专题会议数", "次", s("meetings.count")),
        ("（二）举办各类培训班数", "次", s("training.sessions")),
        ("（三）接受培训人员数", "人次", s("training.participants")),
        ("十、部门设立实体、网上办事大厅情况", "—", ""),
        ("（一）是否设立实体办事大厅", "是/否", yn[v["service_hall.physical"]]),
        ("（二）实体办事大厅办理事项内容（可附页说明）", "—", "水利工程建设项目审批、取水许可、河道采砂许可"),
        ("（三）是否与电子监察系统联网", "是/否", yn[v["service_hall.e_supervision"]]),
        ("（四）部门网站是否具备网上办事功能", "是/否", yn[v["service_hall.online_service"]]),
    ]
    # section rows (一、… 十、) span the whole width, as in the Word form
    stat_table = T([cells("统计指标", "单位", "统计数")]
                   + [[C(r[0], cs=3)] if r[1] == "—" and not r[2] else cells(*r) for r in stat],
                   widths=[6.0, 1.0, 1.6], font=9)

    blocks = [
        P("云泽市水利局2016年政府信息公开工作年度报告", "title"),
        P("本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《云泽市人民政府办公室关于做好2016年度政府信息公开工作年度报告编制发布工作的通知》要求，由云泽市水利局编制。全文包括概述，主动公开政府信息情况，回应解读情况，依申请公开政府信息情况，政府信息公开的收费及减免情况，因政府信息公开申请提起行政复议、行政诉讼的情况，存在的主要问题及改进措施。本报告中所列数据的统计期限自2016年1月1日起至2016年12月31日止。本报告的电子版可在云泽市水利局门户网站（www.yzsl.gov.cn）下载。如对本报告有任何疑问，请与云泽市水利局办公室联系（地址：云泽市滨江东路118号，邮编：415000，电话：0736-7226315）。"),
        P("一、概述", "h1"),
        P("2016年，我局认真贯彻落实《条例》和省、市关于政府信息公开工作的部署要求，坚持“公开为原则，不公开为例外”，以水利工程建设、防汛抗旱、水资源管理等群众关注的事项为重点，不断拓展公开内容、完善公开机制，政府信息公开工作有序推进。"),
        P(f"（一）健全组织机构。调整充实了以局长为组长、分管副局长为副组长、各科室负责人为成员的政府信息公开工作领导小组，领导小组办公室设在局办公室，配备专职工作人员{s('staff.full_time')}名、兼职工作人员{s('staff.part_time')}名，全局从事政府信息公开工作的人员共{s('staff.total')}名。"),
        P(f"（二）完善工作制度。修订了《云泽市水利局政府信息公开保密审查制度》《云泽市水利局依申请公开工作规程》等制度，全年召开政府信息公开工作专题会议{s('meetings.count')}次，举办政府信息公开业务培训班{s('training.sessions')}期，培训干部职工{s('training.participants')}人次。"),
        P(f"（三）加强经费保障。全年安排政府信息公开专项经费{wan(v['funding.special'])}万元，另投入门户网站改版和日常维护经费{wan(v['funding.platform'])}万元。"),
        P("二、主动公开政府信息情况", "h1"),
        P(f"（一）公开数量。2016年，我局共主动公开政府信息{prose_proactive_total}条，其中主动公开规范性文件{s('proactive.normative_docs')}条；全年制发规范性文件{s('proactive.normative_docs_issued')}件。"),
        P(f"（二）公开渠道。通过《云泽市人民政府公报》公开政府信息{s('proactive.via.gazette')}条，通过局门户网站公开{s('proactive.via.website')}条，通过政务微博公开{s('proactive.via.weibo')}条，通过政务微信公开{s('proactive.via.wechat')}条，通过新闻媒体、政务公开栏等其他方式公开{s('proactive.via.other')}条。"),
        P("（三）公开内容。重点公开了机构职能、政策法规、规划计划、水利工程建设项目招投标、防汛抗旱、河道采砂许可、水资源费征收标准等信息，并及时向市档案馆、市图书馆报送主动公开的政府信息。"),
        P("三、回应解读情况", "h1"),
        P(f"全年共回应公众关注热点或重大舆情{s('response.hot_topics')}次。参加或举办新闻发布会{s('response.press_conferences')}次，其中主要负责同志参加{s('response.press_conferences_by_head')}次；开展政府网站在线访谈{s('response.online_interviews')}次，其中主要负责同志参加{s('response.online_interviews_by_head')}次；发布政策解读稿件{s('response.interpretations')}篇；通过微博微信回应事件{s('response.weibo_wechat')}次，通过其他方式回应事件{s('response.other')}次。"),
        P("四、依申请公开政府信息情况", "h1"),
        P(f"（一）申请情况。2016年，我局共受理政府信息公开申请{s('applications.received')}件，其中当面申请{s('applications.received.in_person')}件，传真申请{s('applications.received.fax')}件，网络申请{s('applications.received.online')}件，信函申请{s('applications.received.mail')}件。"),
        P(f"（二）办理情况。全年办结申请{s('applications.completed')}件，其中按时办结{s('applications.completed.on_time')}件，延期办结{s('applications.completed.extended')}件。在已答复的{s('outcome.total')}件申请中，属于已主动公开范围的{s('outcome.already_public')}件，同意公开的{s('outcome.granted')}件，同意部分公开的{s('outcome.partially_granted')}件，不同意公开的{s('outcome.refused')}件，不属于本行政机关公开的{s('outcome.not_this_agency')}件，申请信息不存在的{s('outcome.not_exist')}件，告知作出更改补充的{s('outcome.correction_requested')}件，告知通过其他途径办理的{s('outcome.redirected')}件。"),
        P(f"（三）咨询和投诉情况。全年通过热线电话、现场接待等方式接受政府信息公开咨询{s('consultations.total')}人次；收到涉及政府信息公开的举报投诉{s('complaints.total')}件，已按规定办结。"),
        P("五、政府信息公开的收费及减免情况", "h1"),
        P(f"2016年，我局依申请提供政府信息，共收取检索、复制、邮寄等费用{int(v['fees.collected'])}元，无减免收费情况。"),
        P("六、因政府信息公开申请提起行政复议、行政诉讼的情况", "h1"),
        P(f"2016年，因政府信息公开申请引发行政复议{s('reconsideration.total')}件，其中维持具体行政行为{s('reconsideration.upheld')}件，被依法纠错{s('reconsideration.corrected')}件；引发行政诉讼{s('litigation.total')}件，其中维持具体行政行为或者驳回原告诉讼请求{s('litigation.upheld')}件，其他情形{s('litigation.other')}件。"),
        P("七、存在的主要问题及改进措施", "h1"),
        P("我局政府信息公开工作虽然取得了一定成效，但也存在一些不足：一是公开内容的深度和广度有待进一步拓展，部分业务信息更新不够及时；二是政策解读的形式较为单一，图表图解、音视频解读偏少；三是基层水利站所公开工作力量相对薄弱。"),
        P("下一步，我局将重点做好以下工作：一是围绕河长制、水利工程建设、水资源管理等重点领域深化信息公开；二是丰富政策解读形式，提高解读质量；三是加强业务培训和督促检查，推动政府信息公开工作规范化、常态化。"),
        P("附件：云泽市水利局2016年政府信息公开情况统计表"),
        P("云泽市水利局", "sign"),
        P("2017年3月20日", "sign"),
        P("附件", "h1"),
        P("云泽市水利局2016年政府信息公开情况统计表", "caption"),
        P("填报单位（盖章）：云泽市水利局"),
        stat_table,
    ]
    notes = [
        "Synthetic document generated by corpus/make_corpus.py (invented body).",
        "Template old: the 附件 政府信息公开情况统计表 (统计指标 | 单位 | 统计数) of the 2008-2018 era; year 2016 (signed 2017年3月20日).",
        f"proactive.total: DELIBERATE CONFLICT. Prose '2016年，我局共主动公开政府信息{prose_proactive_total}条' vs 统计表 (一)主动公开政府信息数 {v['proactive.total']} 条. Per SCHEMA values take the table's figure {v['proactive.total']}; an extractor should list both in conflicts.",
        "Every other prose figure agrees with the 统计表. Channel counts (gazette/website/weibo/wechat/other) add up to more than proactive.total: the table counts the same item once per channel (不同渠道和方式公开相同信息计1条 applies to the total only).",
        "fees.collected: prose 1200元 and table 0.12 万元 -> 1200.0. funding.special: prose 8.5万元 and table 8.5 万元 -> 85000.0.",
        "funding.platform 120000.0 from prose only ('另投入门户网站改版和日常维护经费12万元'); the table's 专项经费 row explicitly excludes website costs.",
        "consultations.total 412 from prose only ('接受政府信息公开咨询412人次'); the old 统计表 has no consultation row.",
        "Zeros printed in the table: outcome.refused.other_law 0, reconsideration.other 0, litigation.corrected 0 (stated, so values).",
        "service_hall.*: 是/否 cells -> true/false. Row (二) 实体办事大厅办理事项内容 holds text, no key.",
        "No key (not values): address 滨江东路118号, 邮编 415000, phone 0736-7226315, website address.",
    ]
    notes.append("JUDGEMENT: prose '全年制发规范性文件8件' is the 统计表's 制发规范性文件总数 (proactive.normative_docs_issued 8); read as 规范性文件 本年制发 it is normative.issued 8 -> _optional.")
    g = gold("annual_report", 2016, agency, "old", v, notes,
             optional={"normative.issued": v["proactive.normative_docs_issued"]})
    return Doc("a51_yunze-shuiliju-2016", blocks[0].text, blocks, g, extra=[], html_charset="gbk",
               published="2017-03-20")


# --------------------------------------------------------------------------- a52: gb2019


def doc_a52() -> Doc:
    agency = "云泽市人力资源和社会保障局"
    # 表三 vectors: 自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他
    r = {
        "received": [41, 9, 1, 2, 4, 1],
        "carried_over": [2, 1, 0, 0, 0, 0],
        "granted": [14, 4, 0, 1, 1, 1],
        "partial": [4, 1, 0, 0, 1, 0],
        "outcome.refused.state_secret": [1, 0, 0, 0, 0, 0],
        "outcome.refused.law_forbidden": [0, 1, 0, 0, 0, 0],
        "outcome.refused.three_safety": [1, 0, 0, 0, 0, 0],
        "outcome.refused.third_party": [1, 1, 0, 0, 0, 0],
        "outcome.refused.internal_affairs": [1, 0, 0, 0, 0, 0],
        "outcome.refused.process_info": [1, 0, 1, 0, 0, 0],
        "outcome.refused.enforcement_file": [0, 0, 0, 0, 1, 0],
        "outcome.refused.query_matter": [1, 0, 0, 0, 0, 0],
        "outcome.unable.not_held": [6, 1, 0, 0, 1, 0],
        "outcome.unable.needs_creation": [2, 0, 0, 0, 0, 0],
        "outcome.unable.unclear": [1, 0, 0, 0, 0, 0],
        "outcome.not_processed.petition": [2, 0, 0, 0, 0, 0],
        "outcome.not_processed.repeat": [1, 0, 0, 0, 0, 0],
        "outcome.not_processed.publication": [0, 0, 0, 1, 0, 0],
        "outcome.not_processed.mass_repeat": [1, 0, 0, 0, 0, 0],
        "outcome.not_processed.confirmation": [1, 0, 0, 0, 0, 0],
        "other": [2, 1, 0, 0, 0, 0],
        "carried_forward": [3, 1, 0, 0, 0, 0],
    }
    t3 = table3(r, "gb2019", note_in_cell=True)
    v: dict = {
        "proactive.total": 2345,
        "proactive.via.website": 2108,
        "proactive.via.wechat": 612,
        "proactive.via.weibo": 437,
        "response.interpretations": 46,
        "response.press_conferences": 6,
        "training.sessions": 4,
        "training.participants": 220,
        # 表二
        "rules.issued": 2, "rules.published": 1, "rules.public_total": 9,
        "normative.issued": 8, "normative.published": 7, "normative.public_total": 63,
        "proactive.normative_docs": 7,
        "licensing.items_prev": 23, "licensing.items_change": -2, "licensing.decisions": 1562,
        "other_services.items_prev": 41, "other_services.items_change": 3, "other_services.decisions": 8734,
        "penalty.items_prev": 47, "penalty.items_change": 5, "penalty.decisions": 86,
        "coercion.items_prev": 6, "coercion.items_change": -1, "coercion.decisions": 4,
        "fees.items_prev": 5, "fees.items_change": -1,
        "procurement.items": 12, "procurement.amount": 3865200.0,
    }
    v.update(table3_values(r, "gb2019"))
    v["applications.received.legal_person"] = sum(r["received"][1:])  # stated in prose
    v.update(table4_values((2, 1, 1, 1), (1, 1, 0, 1), (1, 0, 1, 0)))
    v["litigation.total"] = combined_litigation(v)["litigation.total"]  # stated in prose
    v["fees.collected"] = 0.0
    s = lambda k: num(v[k])  # noqa: E731

    t2 = T([
        [C("第二十条第（一）项", cs=4)],
        cells("信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"),
        cells("规章", s("rules.issued"), s("rules.published"), s("rules.public_total")),
        cells("规范性文件", s("normative.issued"), s("normative.published"), s("normative.public_total")),
        [C("第二十条第（五）项", cs=4)],
        cells("信息内容", "上一年项目数量", "本年增/减", "处理决定数量"),
        cells("行政许可", s("licensing.items_prev"), s("licensing.items_change"), s("licensing.decisions")),
        cells("其他对外管理服务事项", s("other_services.items_prev"), signed(v["other_services.items_change"]),
              s("other_services.decisions")),
        [C("第二十条第（六）项", cs=4)],
        cells("信息内容", "上一年项目数量", "本年增/减", "处理决定数量"),
        cells("行政处罚", s("penalty.items_prev"), s("penalty.items_change"), s("penalty.decisions")),
        cells("行政强制", s("coercion.items_prev"), s("coercion.items_change"), s("coercion.decisions")),
        [C("第二十条第（八）项", cs=4)],
        [C("信息内容"), C("上一年项目数量"), C("本年增/减", cs=2)],
        [C("行政事业性收费"), C(s("fees.items_prev")), C(s("fees.items_change"), cs=2)],
        [C("第二十条第（九）项", cs=4)],
        [C("信息内容"), C("采购项目数量"), C("采购总金额（单位：万元）", cs=2)],
        [C("政府集中采购"), C(s("procurement.items")), C(wan(v["procurement.amount"]), cs=2)],
    ], widths=[2.6, 1.6, 1.6, 1.6], font=9)

    blocks = [
        P("云泽市人力资源和社会保障局2019年政府信息公开工作年度报告", "title"),
        P("本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《国务院办公厅政府信息与政务公开办公室关于政府信息公开工作年度报告有关事项的通知》（国办公开办函〔2019〕60号）要求编制。全文包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项。本报告所列数据的统计期限自2019年1月1日起至2019年12月31日止。"),
        P("一、总体情况", "h1"),
        P("2019年，我局以新修订的《条例》施行为契机，围绕就业创业、社会保障、人才人事、劳动关系等重点工作，全面推进决策、执行、管理、服务、结果公开，政府信息公开工作取得新进展。"),
        P(f"（一）主动公开。全年主动公开政府信息{s('proactive.total')}条，其中通过局门户网站公开{s('proactive.via.website')}条，通过“云泽人社”政务微信公开{s('proactive.via.wechat')}条，通过政务微博公开{s('proactive.via.weibo')}条。围绕社保待遇调整、稳岗返还、职业技能提升行动等政策发布政策解读稿件{s('response.interpretations')}篇，参加或举办新闻发布会{s('response.press_conferences')}次。"),
        P(f"（二）依申请公开。全年新收政府信息公开申请{s('applications.received')}件，其中自然人申请{s('applications.received.natural_person')}件，法人或其他组织申请{s('applications.received.legal_person')}件；上年结转{s('applications.carried_over')}件。已答复{s('outcome.total')}件，结转下年度继续办理{s('applications.carried_forward')}件。因政府信息公开被申请行政复议{s('reconsideration.total')}件，被提起行政诉讼{s('litigation.total')}件，具体情况见本报告第三、四部分。"),
        P("（三）政府信息管理。严格落实信息发布保密审查制度，对现行规范性文件进行全面清理，及时在门户网站“政府信息公开”专栏更新规范性文件目录并标注有效性。"),
        P("（四）平台建设。完成门户网站集约化迁移，优化“政策文件”“政策解读”“重点领域信息公开”等栏目，实现政务微信与门户网站信息同步发布。"),
        P(f"（五）监督保障。将政府信息公开工作纳入科室年度绩效考核，全年组织政务公开专题培训{s('training.sessions')}次，培训干部{s('training.participants')}人次。"),
        P("二、主动公开政府信息情况", "h1"),
        t2,
        P("三、收到和处理政府信息公开申请情况", "h1"),
        t3,
        P("四、政府信息公开行政复议、行政诉讼情况", "h1"),
        table4(v),
        P("五、存在的主要问题及改进情况", "h1"),
        P("2019年，我局政府信息公开工作虽然取得了一定成效，但仍存在一些不足：一是政策解读形式比较单一，图解、音视频解读偏少；二是县市区人社部门公开工作不够均衡。2020年，我局将进一步丰富解读形式，加强对县市区人社部门的业务指导，推动政府信息公开工作提质增效。"),
        P("六、其他需要报告的事项", "h1"),
        P("2019年，我局未收取政府信息公开信息处理费。"),
        P("云泽市人力资源和社会保障局", "sign"),
        P("2020年1月17日", "sign"),
    ]
    lit = combined_litigation(v)
    notes = [
        "Synthetic document generated by corpus/make_corpus.py (invented body).",
        "Template gb2019 (国办公开办函〔2019〕60号): 表二 with 本年新制作数量/本年新公开数量/对外公开总数量, 上一年项目数量/本年增/减/处理决定数量, (八) 上一年项目数量/本年增/减, (九) 采购项目数量/采购总金额.",
        "表二 mapping: 本年新制作数量 -> *.issued, 本年新公开数量 -> *.published (规范性文件 also proactive.normative_docs), 对外公开总数量 -> *.public_total; 本年增/减 signed ('+3' -> 3, '-2' -> -2).",
        "procurement.amount: header 采购总金额（单位：万元）, cell 386.52 -> 3865200.0 元.",
        "表三: the 总计 column gives the values; sub-totals the template does not print (不予公开/无法提供/不予处理 totals) are not values; applications.received.natural_person from 本年新收 自然人. Every row's 总计 = sum of its six cells and per column 一+二 = 三(七)+四.",
        "applications.received.legal_person 17 from prose ('法人或其他组织申请17件'; the table has no 法人或其他组织 subtotal column, 9+1+2+4+1 = 17).",
        "outcome.total 57: 表三 (七)总计 and prose '已答复57件' agree.",
        "表四: 15 numbers -> reconsideration.*, litigation.direct.*, litigation.after_reconsideration.*. litigation.total 5 is stated in prose ('被提起行政诉讼5件' = 3 direct + 2 after reconsideration); the other combined litigation.* figures are not stated and sit in _optional (sums of both routes).",
        "fees.collected 0.0 from '2019年，我局未收取政府信息公开信息处理费。'",
        "The .cells.txt rendering writes every paragraph and every table cell on its own line with blank lines between (crawled-page style, like real a22); '商业企业' and '科研机构' come split over two lines as in crawled pages.",
    ]
    optional = {k: lit[k] for k in ("litigation.upheld", "litigation.corrected", "litigation.other", "litigation.pending")}
    g = gold("annual_report", 2019, agency, "gb2019", v, notes, optional=optional)
    return Doc("a52_yunze-renshe-2019", blocks[0].text, blocks, g, extra=["cells"], html_charset="utf-8",
               published="2020-01-17")


# --------------------------------------------------------------------------- a53: gb2021


def doc_a53() -> Doc:
    agency = "云泽市人民政府"
    r = {
        "received": [98, 17, 2, 3, 5, 1],
        "carried_over": [4, 2, 0, 0, 0, 0],
        "granted": [38, 9, 1, 1, 2, 1],
        "partial": [8, 2, 0, 0, 1, 0],
        "outcome.refused.state_secret": [1, 0, 0, 0, 0, 0],
        "outcome.refused.law_forbidden": [1, 1, 0, 0, 0, 0],
        "outcome.refused.three_safety": [1, 0, 0, 0, 0, 0],
        "outcome.refused.third_party": [2, 1, 0, 0, 0, 0],
        "outcome.refused.internal_affairs": [2, 0, 0, 0, 0, 0],
        "outcome.refused.process_info": [3, 0, 1, 0, 0, 0],
        "outcome.refused.enforcement_file": [1, 0, 0, 0, 1, 0],
        "outcome.refused.query_matter": [3, 0, 0, 0, 0, 0],
        "outcome.unable.not_held": [17, 3, 0, 1, 0, 0],
        "outcome.unable.needs_creation": [4, 1, 0, 0, 0, 0],
        "outcome.unable.unclear": [3, 0, 0, 0, 0, 0],
        "outcome.not_processed.petition": [4, 0, 0, 0, 0, 0],
        "outcome.not_processed.repeat": [2, 1, 0, 0, 0, 0],
        "outcome.not_processed.publication": [0, 0, 0, 1, 0, 0],
        "outcome.not_processed.mass_repeat": [1, 0, 0, 0, 0, 0],
        "outcome.not_processed.confirmation": [2, 0, 0, 0, 0, 0],
        "other1": [2, 0, 0, 0, 0, 0],
        "other2": [1, 0, 0, 0, 0, 0],
        "other3": [1, 0, 0, 0, 0, 0],
        "carried_forward": [5, 1, 0, 0, 1, 0],
    }
    t3 = table3(r, "gb2021", note_in_cell=False)
    v: dict = {
        "proactive.total": 8762,
        "proactive.via.website": 6541,
        "response.hot_topics": 54,
        "response.press_conferences": 12,
        "response.press_conferences_by_head": 5,
        "training.sessions": 3,
        "training.participants": 460,
        "rules.issued": 3, "rules.abolished": 1, "rules.in_force": 27,
        "normative.issued": 14, "normative.abolished": 6, "normative.in_force": 158,
        "licensing.decisions": 45873,
        "penalty.decisions": 3126,
        "coercion.decisions": 218,
        "fees.admin_amount": 23456700.0,
    }
    v.update(table3_values(r, "gb2021"))
    v["applications.completed"] = v["outcome.total"]  # prose '办结125件'
    v.update(table4_values((3, 2, 1, 1), (2, 1, 1, 0), (1, 1, 0, 1)))
    v["fees.collected"] = 800.0
    s = lambda k: num(v[k])  # noqa: E731

    t2 = T([
        [C("第二十条第（一）项", cs=4)],
        cells("信息内容", "本年制发件数", "本年废止件数", "现行有效件数"),
        cells("规章", s("rules.issued"), s("rules.abolished"), s("rules.in_force")),
        cells("行政规范性文件", s("normative.issued"), s("normative.abolished"), s("normative.in_force")),
        [C("第二十条第（五）项", cs=4)],
        [C("信息内容"), C("本年处理决定数量", cs=3)],
        [C("行政许可"), C(s("licensing.decisions"), cs=3)],
        [C("第二十条第（六）项", cs=4)],
        [C("信息内容"), C("本年处理决定数量", cs=3)],
        [C("行政处罚"), C(s("penalty.decisions"), cs=3)],
        [C("行政强制"), C(s("coercion.decisions"), cs=3)],
        [C("第二十条第（八）项", cs=4)],
        [C("信息内容"), C("本年收费金额（单位：万元）", cs=3)],
        [C("行政事业性收费"), C(wan(v["fees.admin_amount"]), cs=3)],
    ], widths=[2.6, 1.6, 1.6, 1.6], font=9)

    blocks = [
        P("云泽市人民政府2022年政府信息公开工作年度报告", "title"),
        P("本报告依据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2021〕30号）要求，由云泽市人民政府办公室汇总编制。本报告所列数据的统计期限自2022年1月1日起至2022年12月31日止。如对本报告有疑问，请与云泽市人民政府办公室政务公开科联系（电话：0736-7701234）。"),
        P("一、总体情况", "h1"),
        P("2022年，云泽市人民政府坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻落实《条例》，围绕稳经济、促发展、惠民生等中心工作，持续深化政务公开，以公开促落实、强监管、优服务。"),
        P(f"（一）主动公开。全年主动公开政府信息{s('proactive.total')}条，其中通过市政府门户网站发布{s('proactive.via.website')}条。全年制发规章{s('rules.issued')}件、行政规范性文件{s('normative.issued')}件，均在市政府门户网站“规章库”“规范性文件库”集中公开。围绕群众关切回应公众关注热点{s('response.hot_topics')}次，举办新闻发布会{s('response.press_conferences')}场，其中主要负责同志参加{s('response.press_conferences_by_head')}场。"),
        P(f"（二）依申请公开。全年新收政府信息公开申请{s('applications.received')}件，上年结转{s('applications.carried_over')}件，办结{s('applications.completed')}件，结转下年度继续办理{s('applications.carried_forward')}件。因政府信息公开引起行政复议{s('reconsideration.total')}件。"),
        P("（三）政府信息管理。严格执行公开前保密审查，动态调整主动公开基本目录，对现行有效的规章和行政规范性文件实行统一编号、统一发布、动态更新。"),
        P("（四）平台建设。优化市政府门户网站政府信息公开专栏，推进政务新媒体规范运行，对长期不更新的账号予以整改或关停。"),
        P(f"（五）监督保障。将政务公开纳入全市绩效考核，组织全市政务公开业务培训{s('training.sessions')}场，培训{s('training.participants')}人次。"),
        P("二、主动公开政府信息情况", "h1"),
        t2,
        P("三、收到和处理政府信息公开申请情况", "h1"),
        P("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"),
        t3,
        P("四、政府信息公开行政复议、行政诉讼情况", "h1"),
        table4(v),
        P("五、存在的主要问题及改进情况", "h1"),
        P("一是政策解读的针对性有待增强，部分解读材料与政策文件同步发布不够及时；二是基层政务公开标准化规范化水平仍需提高。下一步，我市将加强解读回应，推动基层政务公开标准目录动态更新，不断提升政务公开质效。"),
        P("六、其他需要报告的事项", "h1"),
        P(f"本年度依据《政府信息公开信息处理费管理办法》共收取信息处理费{int(v['fees.collected'])}元。本年度无其他需要报告的事项。"),
        P("云泽市人民政府办公室", "sign"),
        P("2023年1月31日", "sign"),
    ]
    lit = combined_litigation(v)
    notes = [
        "Synthetic document generated by corpus/make_corpus.py (invented body).",
        "Template gb2021 (国办公开办函〔2021〕30号): 表二 with 本年制发件数/本年废止件数/现行有效件数, 本年处理决定数量, 本年收费金额（单位：万元）.",
        "Agency: the report is that of 云泽市人民政府 (title), compiled and signed by its 办公室.",
        "fees.admin_amount: 2345.67 万元 -> 23456700.0 元.",
        "rules.issued 3 and normative.issued 14 are stated both in prose and in 表二 (agree).",
        "表三: the 勾稽关系 note is a paragraph above the table (its top-left header cell is empty). (六)其他处理 has three sub-rows (no keys) and no total row, so outcome.other is not a value; 不予公开/无法提供/不予处理 have no total rows either. outcome.total 125 = (七)总计.",
        "applications.completed 125 from prose '办结125件' (= (七)总计).",
        "表四: 15 numbers -> reconsideration.*, litigation.direct.*, litigation.after_reconsideration.*; reconsideration.total 7 also in prose. No combined litigation figure is stated: the litigation.* sums of both routes are in _optional.",
        "fees.collected 800.0 from '共收取信息处理费800元'. Phone 0736-7701234 has no key.",
    ]
    notes.append("JUDGEMENT: '全年制发…行政规范性文件14件' / 表二 本年制发件数 14 could also be read as the old-era 制发规范性文件总数 -> proactive.normative_docs_issued 14 in _optional.")
    optional = dict(lit)
    optional["proactive.normative_docs_issued"] = v["normative.issued"]
    g = gold("annual_report", 2022, agency, "gb2021", v, notes, optional=optional)
    return Doc("a53_yunze-shi-2022", blocks[0].text, blocks, g, extra=[], html_charset="utf-8",
               published="2023-01-31")


# --------------------------------------------------------------------------- s51: self-inspection


SCORE_SPEC = [
    # (category, category max, [(sub-item, [(criterion, max, score or None), ...]), ...])
    ("组织领导", 15, [
        ("领导重视", [("主要负责同志每年至少听取1次政务公开工作汇报，研究部署政务公开工作。", 5, 5)]),
        ("机构人员", [("明确政务公开工作分管领导和工作机构，配备专（兼）职工作人员。", 5, 5)]),
        ("考核培训", [("将政务公开纳入绩效考核，组织开展政务公开业务培训。", 5, 4)]),
    ]),
    ("主动公开", 35, [
        ("基础信息公开", [("机构职能、领导信息、内设机构等基础信息公开准确、更新及时。", 6, 6)]),
        ("重点领域公开", [
            ("国土空间规划编制、审批、修改信息按要求公开。", 6, 5),
            ("土地征收、矿业权出让等信息依法及时公开。", 4, 4),
        ]),
        ("规范性文件公开", [("规范性文件印发后20个工作日内公开，并标注有效性。", 5, 5)]),
        ("财政预决算公开", [("部门预决算和“三公”经费按规定时限公开。", 4, 4)]),
        ("年度报告", [("按时编制并公开政府信息公开工作年度报告。", 5, 5)]),
        ("公开指南和目录", [("及时更新政府信息公开指南和政府信息公开目录。", 5, 4)]),
    ]),
    ("依申请公开", 20, [
        ("受理答复", [("规范受理、按时答复政府信息公开申请，答复文书格式规范。", 10, 10)]),
        ("复议诉讼", [("未因政府信息公开发生行政复议被纠错或行政诉讼败诉。", 10, 10)]),
    ]),
    ("解读回应", 15, [
        ("政策解读", [("重要政策文件与解读材料同步起草、同步审签、同步发布。", 8, 6)]),
        ("舆情回应", [("及时回应社会关切和政务舆情，回应内容准确。", 7, None)]),
    ]),
    ("平台建设", 15, [
        ("门户网站", [("网站信息更新及时，无错链断链，栏目设置规范。", 8, 7)]),
        ("政务新媒体", [("政务微博、微信等新媒体规范运行，互动回应及时。", 7, 6)]),
    ]),
]


def fold_width(s: str) -> str:
    """Full-width ASCII -> half-width (as the extractor's normaliser does)."""
    return "".join(chr(ord(c) - 0xFEE0) if 0xFF01 <= ord(c) <= 0xFF5E and c != "｜" else c for c in s)


def score_table() -> tuple[T, dict]:
    rows: list[list[C]] = [cells("考核项目", "考核内容", "评分标准", "分值", "自评得分")]
    items = []
    for cat, cat_max, subs in SCORE_SPEC:
        n_cat = sum(len(crits) for _, crits in subs)
        assert cat_max == sum(m for _, crits in subs for _, m, _ in crits), cat
        first_cat = True
        for sub, crits in subs:
            first_sub = True
            for crit, mx, sc in crits:
                row: list[C] = []
                if first_cat:
                    row.append(C(f"{cat}（{cat_max}分）", rs=n_cat))
                if first_sub:
                    row.append(C(sub, rs=len(crits)))
                row += [C(crit), C(num(mx)), C("" if sc is None else num(sc))]
                rows.append(row)
                items.append({"path": [cat, sub], "criterion": fold_width(crit), "max": mx, "score": sc})
                first_cat = first_sub = False
    total_max = sum(i["max"] for i in items)
    total_score = sum(i["score"] for i in items if i["score"] is not None)
    rows.append([C("总计", cs=3), C(num(total_max)), C(num(total_score))])
    gold_table = {"items": items,
                  "total": {"max": total_max, "score": total_score, "stated_max": total_max,
                            "stated_score": total_score}}
    return T(rows, widths=[1.5, 1.6, 4.6, 0.8, 1.0], font=9), gold_table


def doc_s51() -> Doc:
    agency = "云泽市自然资源和规划局"
    v: dict = {
        "staff.full_time": 1,
        "staff.part_time": 6,
        "meetings.count": 2,
        "training.sessions": 1,
        "training.participants": 60,
        "proactive.total": 652,
        "proactive.via.website": 598,
        "proactive.via.wechat": 143,
        "applications.received": 23,
        "outcome.granted": 15,
        "outcome.partially_granted": 3,
        "outcome.refused": 1,
        "outcome.unable.not_held": 4,
        "reconsideration.total": 0,
        "litigation.total": 0,
        "org.reading_points": 2,
        "funding.special": 30000.0,
    }
    assert v["applications.received"] == sum(v[k] for k in (
        "outcome.granted", "outcome.partially_granted", "outcome.refused", "outcome.unable.not_held"))
    s = lambda k: num(v[k])  # noqa: E731
    st, gold_table = score_table()
    blocks = [
        P("云泽市自然资源和规划局2019年度政务公开工作自查报告", "title"),
        P("市政务公开工作领导小组办公室：", "body"),
        P("根据《云泽市政务公开工作领导小组办公室关于开展2019年度政务公开工作考核的通知》（云政公办〔2019〕12号）要求，我局对照考核评分细则，认真开展了政务公开工作自查，现将有关情况报告如下："),
        P("一、组织领导情况", "h1"),
        P(f"局党组高度重视政务公开工作，成立了以局长为组长的政务公开工作领导小组，领导小组办公室设在局办公室，配备专职工作人员{s('staff.full_time')}名、兼职工作人员{s('staff.part_time')}名。全年召开政务公开工作专题会议{s('meetings.count')}次，举办政务公开业务培训班{s('training.sessions')}期，参训干部{s('training.participants')}人次。"),
        P("二、主动公开情况", "h1"),
        P(f"全年共主动公开政府信息{s('proactive.total')}条，其中通过局门户网站公开{s('proactive.via.website')}条，通过政务微信公开{s('proactive.via.wechat')}条。重点公开了国土空间规划、土地征收、矿业权出让、不动产登记办事指南等信息，规范性文件均在印发后及时公开。"),
        P("三、依申请公开情况", "h1"),
        P(f"全年受理政府信息公开申请{s('applications.received')}件，其中予以公开{s('outcome.granted')}件，部分公开{s('outcome.partially_granted')}件，不予公开{s('outcome.refused')}件，本机关不掌握相关政府信息{s('outcome.unable.not_held')}件。全年未发生因政府信息公开引起的行政复议和行政诉讼。"),
        P("四、平台建设和保障情况", "h1"),
        P(f"在局机关一楼办事大厅和不动产登记中心设立政府信息公开查阅点{s('org.reading_points')}个，全年安排政务公开专项经费{wan(v['funding.special'])}万元。"),
        P("五、存在的问题和下一步打算", "h1"),
        P("一是政策解读形式不够丰富；二是对政务舆情的回应还不够及时。下一步，我局将加强政策解读和舆情回应，进一步提升政务公开工作水平。"),
        P("六、自评情况", "h1"),
        P(f"对照考核评分细则，我局自评得分{gold_table['total']['stated_score']}分，具体见附件。"),
        P("附件：云泽市自然资源和规划局2019年度政务公开工作考核自查评分表"),
        P("云泽市自然资源和规划局", "sign"),
        P("2020年1月10日", "sign"),
        P("附件", "h1"),
        P("云泽市自然资源和规划局2019年度政务公开工作考核自查评分表", "caption"),
        st,
    ]
    notes = [
        "Synthetic document generated by corpus/make_corpus.py (invented body). Year 2019 (signed 2020年1月10日).",
        "staff.total is not stated (only 专职1名, 兼职6名): not a value.",
        "proactive.via.website 598 and proactive.via.wechat 143 are channel counts under the total 652 ('其中通过局门户网站公开…').",
        "outcome.unable.not_held 4 from '本机关不掌握相关政府信息4件' (gb2019-era wording); outcome.refused 1 from '不予公开1件'.",
        "reconsideration.total 0 and litigation.total 0 from '全年未发生因政府信息公开引起的行政复议和行政诉讼'.",
        "funding.special: 3万元 -> 30000.0.",
        "Score table (附件): categories in vertically merged cells with '(N分)' annotations (path without them); 重点领域公开 spans two criteria. 舆情回应 (7分) self-score blank -> score null. total.max 100 and total.score 86 computed; the 总计 row states 100 and 86 (stated_max, stated_score). '自评得分86分' in prose is the table total, not a value.",
        "Document number 云政公办〔2019〕12号 has no key.",
    ]
    g = gold("self_inspection", 2019, agency, "free", v, notes, score_tables=[gold_table])
    return Doc("s51_yunze-zirangui-2019-zicha", blocks[0].text, blocks, g, extra=["utf16"],
               html_charset="gbk", published="2020-01-10")


# --------------------------------------------------------------------------- s52: work summary


def doc_s52() -> Doc:
    agency = "白沙镇人民政府"
    v: dict = {
        "staff.part_time": 3,
        "meetings.count": 4,
        "proactive.total": 326,
        "applications.received": 12,
        "complaints.total": 0,
        "reconsideration.total": 0,
        "litigation.total": 0,
        "fees.collected": 0.0,
        "org.reading_points": 1,
        "funding.special": 26000.0,
        "funding.platform": 15000.0,
        "training.sessions": 2,
        "training.participants": 110,
    }
    blocks = [
        P("白沙镇2020年政务公开工作总结", "title"),
        P("2020年，白沙镇在区委、区政府的正确领导下，认真贯彻落实《中华人民共和国政府信息公开条例》和区政务公开工作要点，坚持以公开为常态、不公开为例外，扎实推进政务公开各项工作。现将全年工作总结如下："),
        P("一、主要工作开展情况", "h1"),
        P("（一）加强组织领导。成立了由镇长任组长的政务公开工作领导小组，党政办负责日常工作，配备兼职信息公开工作人员三名。全年召开政务公开专题会议四次，研究部署重点工作。"),
        P("（二）做好主动公开。依托区政府门户网站白沙镇专栏和镇村政务公开栏，全年主动公开政府信息三百二十六条，重点公开了财政预决算、惠农补贴发放、低保五保、危房改造、征地补偿等群众关心的信息。"),
        P("（三）规范依申请公开。全年共受理政府信息公开申请十二件，均在法定期限内予以答复。全年未收到涉及政务公开的举报投诉，未发生因政府信息公开引起的行政复议和行政诉讼。办理依申请公开未收取任何费用。"),
        P("（四）强化便民服务。在镇便民服务中心设置政府信息公开查阅点一个，接待群众现场咨询二百余人次。"),
        P("（五）落实经费保障。全年投入政务公开专项经费２.６万元，另投入一万五千元用于政务公开栏更新和网站专栏维护。"),
        P("（六）开展业务培训。举办政务公开业务培训两期，培训镇村干部一百一十人次。"),
        P("二、存在的问题", "h1"),
        P("一是部分村级政务公开栏更新不够及时；二是政策解读的形式比较单一；三是工作人员业务能力有待提高。"),
        P("三、2021年工作打算", "h1"),
        P("一是进一步规范镇村两级政务公开栏管理，做到及时更新；二是加强政策解读，用群众听得懂的语言解读惠民政策；三是加强业务培训，提高工作人员业务水平。"),
        P("云泽市青石区白沙镇人民政府", "sign"),
        P("2020年12月28日", "sign"),
    ]
    notes = [
        "Synthetic document generated by corpus/make_corpus.py (invented body). Work summary, prose only; year 2020.",
        "Agency: title says 白沙镇, signature 云泽市青石区白沙镇人民政府; gold 白沙镇人民政府 (either contains or is contained).",
        "Chinese numerals: 三名 -> staff.part_time 3; 四次 -> meetings.count 4; 三百二十六条 -> proactive.total 326; 十二件 -> applications.received 12; 一个 -> org.reading_points 1; 两期 -> training.sessions 2; 一百一十人次 -> training.participants 110.",
        "Money: '２.６万元' (full-width digits) -> funding.special 26000.0; '一万五千元用于政务公开栏更新和网站专栏维护' -> funding.platform 15000.0.",
        "Zero statements: '未收到涉及政务公开的举报投诉' -> complaints.total 0; '未发生因政府信息公开引起的行政复议和行政诉讼' -> reconsideration.total 0 and litigation.total 0; '未收取任何费用' -> fees.collected 0.0.",
        "'均在法定期限内予以答复' gives no count: applications.completed(.on_time) not values.",
        "'接待群众现场咨询二百余人次' is approximate (余): consultations.total is not a value.",
        "The .big5.txt rendering is the same text converted to Traditional characters (OpenCC s2t) and encoded in Big5; converted back (t2s) it equals the Simplified text.",
    ]
    g = gold("work_summary", 2020, agency, "free", v, notes)
    return Doc("s52_baisha-zhen-2020-zongjie", blocks[0].text, blocks, g, extra=["big5"],
               html_charset="gbk", published="2021-01-05", site="云泽市青石区人民政府门户网站")


DOCS = (doc_a51, doc_a52, doc_a53, doc_s51, doc_s52)

# --------------------------------------------------------------------------- renderers: text


def text_lines(doc: Doc, style: str = "pipe") -> list[str]:
    """Lines of the text rendering. style 'pipe': a table row per line, cells joined by
    ' | ' with a trailing ' |' (merged cells written once, in their first row);
    style 'cells': one line per cell (line breaks inside cells split too)."""
    lines: list[str] = []
    for b in doc.blocks:
        if isinstance(b, P):
            lines.append(b.text)
            continue
        layout, _ = b.layout()
        for row in layout:
            if style == "pipe":
                lines.append(" | ".join(c.text.replace("\n", "") for _, c in row) + " |")
            else:
                for _, c in row:
                    lines.extend(c.text.split("\n"))
    return lines


def render_txt(doc: Doc) -> str:
    return "\n".join(text_lines(doc)) + "\n"


def render_cells_txt(doc: Doc) -> str:
    # crawled-page style (like real a22): a blank line after every line
    return "\n\n".join(line for line in text_lines(doc, "cells")) + "\n"


def to_big5(text: str) -> bytes:
    import opencc

    trad = opencc.OpenCC("s2tw").convert(text)
    back = opencc.OpenCC("t2s").convert(trad)
    if back != text:
        bad = [(a, b) for a, b in zip(text, back) if a != b]
        raise SystemExit(f"Big5 rendering does not round-trip: {bad[:10]}")
    return trad.replace("\n", "\r\n").encode("big5")


# --------------------------------------------------------------------------- renderers: html


def _esc(s: str) -> str:
    return _html.escape(s, quote=False).replace("\n", "<br/>")


def render_html(doc: Doc) -> bytes:
    cs = doc.html_charset
    agency = doc.gold["document"]["agency"]
    body: list[str] = []
    for b in doc.blocks:
        if isinstance(b, P):
            if b.kind == "title":
                body.append(f'<p align="center" style="text-align:center"><strong><span style="font-size:22px;font-family:方正小标宋简体">{_esc(b.text)}</span></strong></p>')
            elif b.kind == "h1":
                body.append(f'<p style="text-indent:2em"><strong><span style="font-family:黑体">{_esc(b.text)}</span></strong></p>')
            elif b.kind == "sign":
                body.append(f'<p align="right" style="text-align:right"><span style="font-family:仿宋_GB2312">{_esc(b.text)}</span></p>')
            elif b.kind == "caption":
                body.append(f'<p align="center" style="text-align:center"><strong>{_esc(b.text)}</strong></p>')
            else:
                body.append(f'<p style="text-indent:2em;line-height:28px"><span style="font-family:仿宋_GB2312;font-size:16px">{_esc(b.text)}</span></p>')
            continue
        layout, _ = b.layout()
        out = ['<table border="1" cellspacing="0" cellpadding="0" width="100%" style="border-collapse:collapse">', "<tbody>"]
        for row in layout:
            tds = []
            for _, c in row:
                attrs = ""
                if c.rs > 1:
                    attrs += f' rowspan="{c.rs}"'
                if c.cs > 1:
                    attrs += f' colspan="{c.cs}"'
                tds.append(f'<td{attrs} valign="center"><p align="center">{_esc(c.text)}</p></td>')
            out.append("<tr>" + "".join(tds) + "</tr>")
        out += ["</tbody>", "</table>"]
        body.append("\n".join(out))
    index_no = "11430900MB" + doc.name[1:3] + "6Y/" + doc.published[:4] + "-000" + doc.name[1:3]
    page = f"""<!DOCTYPE html>
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset={cs}">
<meta name="SiteName" content="{doc.site}">
<meta name="ColumnName" content="政府信息公开">
<meta name="ArticleTitle" content="{_esc(doc.title)}">
<meta name="PubDate" content="{doc.published} 09:30">
<title>{_esc(doc.title)}_政府信息公开_{doc.site}</title>
<link rel="stylesheet" type="text/css" href="/images/common.css">
<script type="text/javascript" src="/js/jquery.min.js"></script>
<script type="text/javascript">var _hmt = _hmt || []; (function() {{ var hm = document.createElement("script"); hm.src = "https://hm.example.cn/hm.js?3f9c"; }})();</script>
<style type="text/css">.nav li {{ float:left; }} .footer {{ color:#666; }}</style>
</head>
<body>
<div class="topbar"><span>欢迎访问{doc.site}！</span><a href="/wza/">无障碍浏览</a> <a href="/zzms/">长者模式</a> <a href="/user/login">登录</a></div>
<div class="header"><img src="/images/logo.png" alt="{doc.site}"></div>
<div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/zwfw/">政务服务</a></li><li><a href="/hdjl/">互动交流</a></li><li><a href="/zjyz/">走进云泽</a></li></ul></div>
<div class="location">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/zwgk/xxgknb/">政府信息公开年报</a></div>
<div class="xxgk_meta">
<table class="meta-table" width="100%">
<tr><td>索 引 号：</td><td>{index_no}</td><td>发布机构：</td><td>{agency}</td></tr>
<tr><td>主题分类：</td><td>政务公开</td><td>发布日期：</td><td>{doc.published}</td></tr>
<tr><td>名　　称：</td><td colspan="3">{_esc(doc.title)}</td></tr>
</table>
</div>
<div class="article">
<h1 class="article-title">{_esc(doc.title)}</h1>
<div class="article-info">发布时间：{doc.published} 来源：{agency} 浏览次数：<span id="hits"></span> 字体：[<a href="javascript:doZoom(18)">大</a> <a href="javascript:doZoom(16)">中</a> <a href="javascript:doZoom(14)">小</a>]</div>
<div class="TRS_Editor" id="zoom">
{chr(10).join(body)}
</div>
<div class="article-tools"><a href="javascript:window.print()">【打印本页】</a> <a href="javascript:window.close()">【关闭窗口】</a></div>
<div class="prevnext">
<p>上一篇：<a href="../202001/t20200103_101.html">关于公布市级政务服务事项目录的通知</a></p>
<p>下一篇：<a href="../202002/t20200214_102.html">关于做好政务公开工作要点落实的通知</a></p>
</div>
</div>
<div class="footer">
<p><a href="/gywm/">关于我们</a> | <a href="/wzdt/">网站地图</a> | <a href="/lxwm/">联系我们</a></p>
<p>主办单位：云泽市人民政府办公室　承办单位：云泽市大数据中心</p>
<p>网站标识码：4309000001　湘ICP备05001234号　湘公网安备43090202000123号</p>
</div>
<script type="text/javascript">$(function(){{ $("#hits").load("/counter?id=1"); }});</script>
</body>
</html>
"""
    return page.encode("gbk" if cs == "gbk" else "utf-8")


# --------------------------------------------------------------------------- renderers: docx

FIXED_TIME = _dt.datetime(2024, 1, 1, 0, 0, 0)


def _set_cjk_font(run_or_style, name: str = "宋体") -> None:
    from docx.oxml.ns import qn

    el = run_or_style.element
    rpr = el.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(rfonts)
    rfonts.set(qn("w:eastAsia"), name)


def render_docx(doc: Doc) -> bytes:
    import docx
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    d = docx.Document()
    normal = d.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(12)
    _set_cjk_font(normal, "仿宋_GB2312")
    sec = d.sections[0]
    sec.page_width, sec.page_height = Cm(21.0), Cm(29.7)
    sec.left_margin = sec.right_margin = Cm(2.6)
    # a footer with a page field's placeholder text: loaders must ignore footers
    sec.footer.paragraphs[0].text = "— 云泽市 —"
    usable = sec.page_width - sec.left_margin - sec.right_margin
    for b in doc.blocks:
        if isinstance(b, P):
            p = d.add_paragraph()
            run = p.add_run(b.text)
            if b.kind == "title":
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
                run.bold = True
                run.font.size = Pt(18)
                _set_cjk_font(run, "方正小标宋简体")
            elif b.kind == "h1":
                p.paragraph_format.first_line_indent = Pt(24)
                run.bold = True
                _set_cjk_font(run, "黑体")
            elif b.kind == "sign":
                p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            elif b.kind == "caption":
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
                run.bold = True
            else:
                p.paragraph_format.first_line_indent = Pt(24)
            continue
        layout, n_cols = b.layout()
        table = d.add_table(rows=len(layout), cols=n_cols)
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        total_w = sum(b.widths)
        for k, w in enumerate(b.widths):
            width = int(usable * w / total_w)
            for row in table.rows:
                row.cells[k].width = width
        for r, row in enumerate(layout):
            for col, c in row:
                cell = table.cell(r, col)
                if c.rs > 1 or c.cs > 1:
                    cell = cell.merge(table.cell(r + c.rs - 1, col + c.cs - 1))
                para = cell.paragraphs[0]
                para.alignment = WD_ALIGN_PARAGRAPH.CENTER if len(c.text) < 12 else WD_ALIGN_PARAGRAPH.LEFT
                parts = c.text.split("\n")
                for i, part in enumerate(parts):
                    run = para.add_run(part)
                    run.font.size = Pt(b.font + 1)
                    if i < len(parts) - 1:
                        run.add_break()
    cp = d.core_properties
    cp.author = "云泽市"
    cp.last_modified_by = "云泽市"
    cp.title = doc.title
    cp.created = FIXED_TIME
    cp.modified = FIXED_TIME
    cp.last_printed = FIXED_TIME
    cp.revision = 1
    buf = io.BytesIO()
    d.save(buf)
    return _pin_zip(buf.getvalue())


def _pin_zip(data: bytes) -> bytes:
    """Rewrite a zip with fixed entry timestamps (deterministic bytes)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            zi = zipfile.ZipInfo(info.filename, date_time=(2024, 1, 1, 0, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            dst.writestr(zi, src.read(info.filename))
    return out.getvalue()


# --------------------------------------------------------------------------- renderers: pdf


def render_pdf(doc: Doc) -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    font = "STSong-Light"
    if font not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(font))
    base = dict(fontName=font, wordWrap="CJK")
    st = {
        "title": ParagraphStyle("title", fontSize=16, leading=24, alignment=TA_CENTER, spaceAfter=8, **base),
        "h1": ParagraphStyle("h1", fontSize=11, leading=18, firstLineIndent=22, spaceBefore=4, **base),
        "body": ParagraphStyle("body", fontSize=11, leading=18, firstLineIndent=22, **base),
        "sign": ParagraphStyle("sign", fontSize=11, leading=18, alignment=TA_RIGHT, **base),
        "caption": ParagraphStyle("caption", fontSize=12, leading=18, alignment=TA_CENTER, spaceBefore=4, spaceAfter=4, **base),
    }

    def esc(s: str) -> str:
        return _html.escape(s, quote=False).replace("\n", "<br/>")

    margin = 20 * mm
    usable = A4[0] - 2 * margin
    story = []
    for b in doc.blocks:
        if isinstance(b, P):
            story.append(Paragraph(esc(b.text), st[b.kind]))
            continue
        layout, n_cols = b.layout()
        cst = ParagraphStyle("cell", fontSize=b.font, leading=b.font + 3, alignment=TA_LEFT, **base)
        cst_c = ParagraphStyle("cellc", fontSize=b.font, leading=b.font + 3, alignment=TA_CENTER, **base)
        data = [["" for _ in range(n_cols)] for _ in layout]
        commands = [
            ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), 2),
            ("RIGHTPADDING", (0, 0), (-1, -1), 2),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ]
        for r, row in enumerate(layout):
            for col, c in row:
                data[r][col] = Paragraph(esc(c.text), cst if len(c.text) > 12 else cst_c)
                if c.rs > 1 or c.cs > 1:
                    commands.append(("SPAN", (col, r), (col + c.cs - 1, r + c.rs - 1)))
        total_w = sum(b.widths)
        t = Table(data, colWidths=[usable * w / total_w for w in b.widths], splitByRow=1)
        t.setStyle(TableStyle(commands))
        story.append(Spacer(1, 4))
        story.append(t)
        story.append(Spacer(1, 6))

    def page_number(canvas, _doc):
        canvas.saveState()
        canvas.setFont(font, 9)
        canvas.drawCentredString(A4[0] / 2, 10 * mm, f"- {canvas.getPageNumber()} -")
        canvas.restoreState()

    buf = io.BytesIO()
    pdf = SimpleDocTemplate(buf, pagesize=A4, leftMargin=margin, rightMargin=margin, topMargin=margin,
                            bottomMargin=margin, title=doc.title, author="云泽市", creator="corpus/make_corpus.py",
                            producer="ReportLab", subject="", invariant=1)
    pdf.build(story, onFirstPage=page_number, onLaterPages=page_number)
    return buf.getvalue()


# --------------------------------------------------------------------------- driver


def gold_json(doc: Doc) -> str:
    return json.dumps(doc.gold, ensure_ascii=False, indent=1) + "\n"


def render_all(doc: Doc, binaries: bool = True) -> dict[str, bytes]:
    """File name -> bytes for every rendering of ``doc`` (and its gold)."""
    txt = render_txt(doc)
    files = {
        f"{doc.name}.gold.json": gold_json(doc).encode("utf-8"),
        f"{doc.name}.txt": txt.encode("utf-8"),
        f"{doc.name}.gbk.txt": txt.replace("\n", "\r\n").encode("gb18030"),
        f"{doc.name}.html": render_html(doc),
    }
    if "cells" in doc.extra:
        files[f"{doc.name}.cells.txt"] = render_cells_txt(doc).encode("utf-8")
    if "big5" in doc.extra:
        files[f"{doc.name}.big5.txt"] = to_big5(txt)
    if "utf16" in doc.extra:
        files[f"{doc.name}.utf16.txt"] = b"\xff\xfe" + txt.replace("\n", "\r\n").encode("utf-16-le")
    if binaries:
        files[f"{doc.name}.docx"] = render_docx(doc)
        files[f"{doc.name}.pdf"] = render_pdf(doc)
    return files


def build_docs() -> list[Doc]:
    docs = [f() for f in DOCS]
    for d in docs:
        check_gold(d)
    return docs


def check_gold(doc: Doc) -> None:
    """Cheap self-checks: every gold figure is written somewhere in the text."""
    text = render_txt(doc)
    for k, val in doc.gold["values"].items():
        if isinstance(val, bool):
            assert ("是" if val else "否") in text, (doc.name, k)
        elif isinstance(val, int) and val > 12 and doc.gold["document"]["kind"] != "work_summary":
            # (small numbers, and the work summary's figures, may be written in words)
            assert str(val) in text, (doc.name, k, val)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-o", "--out", default=str(HERE), help="output folder (default: corpus/)")
    ap.add_argument("--no-binaries", action="store_true", help="skip .docx and .pdf")
    args = ap.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    n = 0
    for doc in build_docs():
        for name, data in render_all(doc, binaries=not args.no_binaries).items():
            (out / name).write_bytes(data)
            n += 1
    print(f"wrote {n} files to {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
