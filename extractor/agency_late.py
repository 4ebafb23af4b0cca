"""The last sources of the reporting body (``agency_sources`` in patterns/metadata.yaml), read
only when every stronger source of extractor/agency.py gave nothing:

- ``download_site``: the owner of the site the report's electronic version is downloaded from
  (报告的电子版可在遂宁经济技术开发区管委会门户网站…下载) — a body's own site; never a government's
  portal, which hosts its bureaus' and towns' reports (``download_site.not_endings``);
- ``opening_subject``: the subject of a circular's opening sentence (国务院办公厅政府信息与政务公开
  办公室近期组织开展了…抽查…现将有关情况通报如下), for a notice's kinds only;
- ``relayed_report``: a news item relaying a body's report (…讯(记者…)3月26日发布的《国家旅游局2013年
  政府信息公开工作年度报告》显示): the issuer the relayed report's title names.

- ``evaluator_group``: the research group a third party's evaluation (or a news item on it) names as its author,
  declaring its own short form (中国社会科学院法学研究所法治指数创新工程项目组(以下简称“项目组”)对国务院部门…): the group,
  from its institute on.

A longer form that opens a clause (。某某市某某区教育局收到…) reads as a name for ``agency.complete``
(``completion_clause_openers``), whatever verb follows. And one reading of the contact sentence (``contact.inside_unit``): a bureau's inside unit named as
the contact (请与某某区住建局信访办公室联系, 某某市统计局法规科) gives the bureau.

Cue patterns and word lists are data (patterns/metadata.yaml); each name is validated as any
other candidate (``clean_agency``).
"""
from __future__ import annotations

import regex

from .metadata_base import clean_agency, cue_rx, cues


def cue_pattern(key: str) -> regex.Pattern:
    """The compiled pattern of one late-source cue of metadata.yaml (compiled once: the workers'
    warm-up compiles them before they fork)."""
    return cue_rx("(?m)" + cues()[key]["pattern"])


def download_site(text, lines, inline_sig, notes) -> str | None:
    """The one body whose site the text offers the report for download from, else None."""
    c = cues()["download_site"]
    found = []
    for m in cue_pattern("download_site").finditer(text[: c["chars"]]):
        a = clean_agency(m.group("a"))
        if a and not a.endswith(tuple(c["not_endings"])) and a not in found:
            found.append(a)
    return found[0] if len(found) == 1 else None


def opening_subject(text, lines, inline_sig, notes) -> str | None:
    """The subject of the opening sentence of a circular, else None (read for a notice's kinds
    only: ``agency_sources_notice``)."""
    m = cue_pattern("opening_subject").match(text.lstrip())
    return clean_agency(m.group("a")) if m else None


def relayed_report(text, lines, inline_sig, notes) -> str | None:
    """The body whose report a news item relays (``relayed_report``), else None."""
    c = cues()["relayed_report"]
    head = text[: c["chars"]]
    if not regex.search(c["news"], head):
        return None
    m = cue_pattern("relayed_report").search(head)
    return clean_agency(m.group("a")) if m else None


def evaluator_group(text, lines, inline_sig, notes) -> str | None:
    """The one research group that declares its own short form (…调研组(以下简称“调研组”)), from its institute on
    (这是今天 | 中国社会科学院法学研究所法治国情调研组), the institute a name; else None."""
    c = cues()["evaluator_group"]
    found = set()
    for m in cue_pattern("evaluator_group").finditer(text[: c["chars"]]):
        run = m.group("a")
        k = cue_rx(c["institute"]).search(run)
        if k and clean_agency(k.group(0)) == k.group(0):
            found.add(run[k.start():])
    return found.pop() if len(found) == 1 else None


def inside_unit_body(run: str) -> str | None:
    """The bureau whose inside unit a contact run names (某某区住建局 | 信访办公室, 某某市统计局 | 法规科):
    the longest name at its start ending as a bureau does (``contact.inside_unit.bodies``: never a
    government, whose 法制办公室 or 研究室 is a body of its own), the rest a short unit ending in
    ``unit_endings`` that is no body itself (…街道办事处); else None (the other readings decide)."""
    c = cues()["contact"]["inside_unit"]
    for k in range(len(run) - 2, 1, -1):
        rest = run[k:]
        if (len(rest) <= c["max_chars"] and rest.endswith(tuple(c["unit_endings"]))
                and not rest.endswith(tuple(c["not_unit_endings"])) and run[:k].endswith(tuple(c["bodies"]))
                and not any(w in rest for w in c["unit_not_holding"])
                and clean_agency(run[:k]) == run[:k]):
            return run[:k]
    return None


def opens_clause(text: str, start: int, end: int, placeless: bool) -> bool:
    """The longer form of a shortened name at ``start:end`` opens a clause (after 。;,: or a line break:
    the subject of its sentence), so it is a name whatever verb follows - not its people (…局局长带队);
    not for a name naming no place (公安局), which a superior's name may complete (``completion_placeless_not``)."""
    c = cues()["completion_clause"]
    return (not placeless and (start == 0 or text[start - 1] in c["openers"])
            and not text.startswith(tuple(c["not_followed_by"]), end))


__all__ = ["download_site", "evaluator_group", "inside_unit_body", "opening_subject", "opens_clause", "relayed_report"]
