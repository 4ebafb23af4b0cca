"""rules.find_facts: behaviour on built documents and on the real reports (when present)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractor import regexkit, rules, segment
from extractor.model import DocumentBuilder, Source, Table
from extractor.normalize import normalize

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
REAL = SHARED / "corpus" / "real"


def _doc(paragraphs, page=None, table_rows=None):
    b = DocumentBuilder(Source(path="t.txt", format="txt"))
    for p in paragraphs:
        b.add_paragraph(p, page=page)
    if table_rows:
        b.add_table(Table.from_rows(table_rows), page=page)
    return normalize(b.build())


def _facts(paragraphs, **kw):
    doc = _doc(paragraphs, **kw)
    return doc, rules.find_facts(doc, segment.segment(doc))


def test_heading_scopes_a_generic_sentence():
    _, f = _facts(["三、依申请公开情况", "全年共受理申请8件,均已按期答复。"])
    assert rules.simple_values(f) == {"applications.received": 8}
    _, f = _facts(["二、推进行政权力运行信息公开", "全年共受理申请121510件。"])
    assert rules.simple_values(f) == {}


def test_zero_statement_under_heading_gives_both_keys():
    _, f = _facts(["六、信息公开咨询、投诉情况及处理结果。", "2017年,我委未收到关于信息公开的咨询和投诉。"])
    vals = rules.simple_values(f)
    assert vals == {"consultations.total": 0, "complaints.total": 0}
    assert all(isinstance(v, int) for v in vals.values())
    assert all(x.raw and x.unit is None for x in f.facts)


def test_page_and_offsets_follow_the_sentence():
    doc, f = _facts(["前言。", "2014年,我局收到12起政府信息依申请公开,均严格按程序和时限办理。"], page=3)
    [fact] = f.facts
    assert fact.page == 3
    a, b = fact.offset
    assert doc.text[a:b] == fact.evidence and fact.evidence.endswith("依申请公开")
    assert fact.raw == "12起" and fact.unit == "起"


def test_table_blocks_are_skipped_but_prose_after_them_is_read():
    doc, f = _facts(
        ["2017年我局主动公开政府信息数64条。"],
        table_rows=[["主动公开政府信息数", "条", "17"], ["收到申请数", "件", "5"]],
    )
    assert rules.simple_values(f) == {"proactive.total": 64}


def test_cumulative_and_approximate_figures_are_not_values():
    _, f = _facts(
        [
            "截止目前,我委通过门户网站、新闻媒体、报刊杂志等渠道累计主动公开政府信息520条。",
            "2021年公开信息7200余条,主动公开政府信息7200余条。",
        ]
    )
    assert f.facts == []
    assert [w.code for w in f.warnings] == ["approximate"]


def test_rules_load_once_and_are_data():
    a = rules.load_rules()
    assert a is rules.load_rules()
    keys = {r.key for r in a.rules}
    for k in ("proactive.total", "applications.received", "reconsideration.total", "litigation.total",
              "fees.collected", "staff.part_time", "consultations.total", "complaints.total"):
        assert k in keys


def test_a_whole_and_its_breakdown_are_not_a_conflict():
    # the total stated before 其中 goes to .total; the parts (one of them mentions 诉讼请求)
    # go to their own keys, and no "ambiguous" warning is raised
    doc, f = _facts(
        [
            "六、因政府信息公开申请提起行政复议、行政诉讼的情况",
            "2016年,因政府信息公开申请引发行政复议3件,其中维持具体行政行为2件,被依法纠错1件;"
            "引发行政诉讼2件,其中维持具体行政行为或者驳回原告诉讼请求1件,其他情形1件。",
        ]
    )
    assert rules.simple_values(f) == {
        "reconsideration.total": 3, "reconsideration.upheld": 2, "reconsideration.corrected": 1,
        "litigation.total": 2, "litigation.upheld": 1, "litigation.other": 1,
    }
    assert not [w for w in f.warnings if w.code == "ambiguous"]
    for x in f.facts:
        assert doc.text[x.offset[0]:x.offset[1]] == x.evidence


def test_two_readings_without_breakdown_stay_ambiguous():
    _, f = _facts(["全年受理政府信息公开申请12件,另有受理政府信息公开申请15件。"])
    assert "applications.received" not in rules.simple_values(f)
    assert any(w.code == "ambiguous" for w in f.warnings)


def test_respectively_pairs_labels_with_figures_in_order():
    doc, f = _facts(["三、依申请公开情况", "本年度收到的当面申请、网络申请和信函申请分别为3件、5件和1件。"])
    assert rules.simple_values(f) == {
        "applications.received.in_person": 3, "applications.received.online": 5, "applications.received.mail": 1,
    }
    by_key = {x.key: x for x in f.facts}
    online = by_key["applications.received.online"]
    assert online.raw == "5件" and online.evidence.startswith("网络申请") and online.evidence.endswith("5件")
    for x in f.facts:
        assert doc.text[x.offset[0]:x.offset[1]] == x.evidence


def test_respectively_needs_one_figure_per_label():
    _, f = _facts(["三、依申请公开情况", "收到申请、办结申请分别为12件、3件、5件。"])
    assert f.facts == []


def test_label_suffix_shu_is_not_tens_of():
    _, f = _facts(["三、依申请公开情况", "申请答复数十二件。"])
    assert rules.simple_values(f) == {"outcome.total": 12}
    _, f = _facts(["二、主动公开情况", "年内主动公开政府信息数十条。"])
    assert f.facts == [] and any(w.code == "approximate" for w in f.warnings)


# ------------------------------------------------------------------ real corpus

def _real_docs():
    if not REAL.is_dir():
        return []
    out = []
    for g in sorted(REAL.glob("*.gold.json")):
        name = g.name[: -len(".gold.json")]
        p = REAL / f"{name}.txt"
        if not p.is_file():
            p = REAL / f"{name}.html"
        if p.is_file():
            out.append((name, p, g))
    return out


@pytest.fixture(scope="module")
def real_results():
    docs = _real_docs()
    if not docs:
        pytest.skip("../shared/corpus/real is not present")
    from extractor.pipeline import load_and_normalize

    out = []
    for name, p, g in docs:
        try:
            doc = load_and_normalize(p)
        except Exception as e:  # a loader not written yet must not hide rule results
            pytest.skip(f"cannot load {p.name}: {e}")
        f = rules.find_facts(doc, segment.segment(doc))
        out.append((name, doc, f, json.loads(g.read_text(encoding="utf-8"))))
    return out


def test_real_every_fact_has_exact_evidence(real_results):
    n = 0
    for name, doc, f, _ in real_results:
        for fact in f.facts:
            a, b = fact.offset
            assert doc.text[a:b] == fact.evidence, (name, fact)
            assert fact.origin == "text" and fact.raw in fact.evidence or fact.value in (0, 0.0)
            n += 1
    assert n >= 80


def test_real_prose_precision(real_results):
    from extractor.evaluate import same_value

    tp = fp = 0
    wrong = []
    for name, doc, f, gold in real_results:
        gv, opt, ign = gold["values"], gold.get("_optional") or {}, set(gold.get("_ignore") or [])
        for k, v in rules.simple_values(f).items():
            if k.startswith("other.") or k in ign or v == "CONFLICT":
                continue
            if k in gv and same_value(v, gv[k]):
                tp += 1
            elif k in opt and same_value(v, opt[k]):
                continue
            else:
                fp += 1
                wrong.append((name, k, v, gv.get(k)))
    assert tp >= 80
    assert tp / (tp + fp) >= 0.95, wrong


def test_real_seed_report_judgement_calls(real_results):
    seed = {name: f for name, _, f, _ in real_results}.get("s00_wuhai-minwei-2017-seed")
    if seed is None:
        pytest.skip("seed report absent")
    vals = rules.simple_values(seed)
    assert vals["applications.received"] == 0
    assert vals["consultations.total"] == 0 and vals["complaints.total"] == 0
    assert vals["reconsideration.total"] == 0 and vals["litigation.total"] == 0
    assert vals["funding.platform"] == 5000.0
    assert vals["staff.part_time"] == 2
    assert "proactive.total" not in vals  # 截止目前…累计主动公开政府信息520条 is cumulative


def test_real_sub_bodies_and_categories_do_not_leak(real_results):
    by = {name: rules.simple_values(f) for name, _, f, _ in real_results}
    if "p05_pingtan-xian-2013" in by:
        assert by["p05_pingtan-xian-2013"]["proactive.total"] == 1853  # not 1251/602/1713
    if "a11_qingdao-shi-2018" in by:
        assert by["a11_qingdao-shi-2018"] == {"proactive.total": 449248}
    if "p09_pingtan-qu-2014" in by:
        assert "applications.received" not in by["p09_pingtan-qu-2014"]  # 共受理申请121510件 (审批)


# ------------------------------------------------------------------ prefilter and word guard


def _example_texts():
    from extractor.normalize import normalize_text

    texts = [normalize_text(ex["text"])[0] for _, _, ex in rules.load_examples()]
    texts += [
        "全年共收到政府信息公开申请12件,其中当面申请3件、网络申请5件,均已按时办结。",
        "召开新闻发布会4次,其中主要负责同志参加2次,发布政策解读稿件120篇。",
        "本年度未发生政府信息公开行政复议、行政诉讼案件。",
    ]
    return texts


def test_required_literals_of_a_regex():
    need = regexkit.required(r"(?:收到|受理)了?[^,]{0,3}申请(?:共|为)?(?P<q>\ue000+|\ue001+)")
    assert ("申请",) in need and ("受理", "收到") in need and ("\ue000", "\ue001") in need
    # an optional or unknown part requires nothing; case-insensitive regexes get no prefilter
    assert regexkit.required(r"(?:申请)?\d+") is None
    assert regexkit.required(r"(?i)abc") is None
    assert regexkit.required(r"\pL件") is None  # `regex`-only syntax: no prefilter
    # (a braced property class is one character: tests/test_required_properties.py)
    assert regexkit.required(r"\p{Han}+件") == (("件",),)
    # a branch needs one literal of any of its alternatives
    assert regexkit.required(r"(?:举报|投诉)数") == (("举报数", "投诉数"),)


def test_prefilter_never_skips_a_regex_that_matches():
    """Soundness: every regex that finds a match in a sentence is in the prefilter's plan."""
    rs = rules.load_rules()
    for text in _example_texts():
        lazy = rules.mask.LazyMasked(text)
        plan, mq = rs.index.plan(text, lazy)
        planned = {(id(r), id(rx)) for r, pats, zeros in plan for rx in pats + zeros}
        masked = lazy()[0]
        for r in rs.rules:
            for rx in r.patterns:
                if rx.search(masked):
                    assert (id(r), id(rx)) in planned, (r.rule_id, rx.pattern, text)
            for rx in r.zero:
                if rx.search(text):
                    assert (id(r), id(rx)) in planned, (r.rule_id, rx.pattern, text)


def _plain(cands):
    return [(c.rule.rule_id, c.value, c.unit, c.raw, c.a, c.b, c.approx) for c in cands]


def test_prefilter_gives_the_same_candidates_as_running_every_rule():
    rs = rules.load_rules()
    for text in _example_texts():
        for section in ("", "依申请公开情况"):
            fast = list(rules.match.sentence_candidates(rs.rules, text, section, None, rs.index))
            slow = list(rules.match.sentence_candidates(rs.rules, text, section, None, None))
            assert _plain(fast) == _plain(slow), text


def test_word_guard_drops_a_figure_inside_a_word(monkeypatch):
    text = ["三、依申请公开情况", "全年受理申请一件件按时答复。"]
    assert rules.simple_values(_facts(text)[1]) == {}
    monkeypatch.setattr(rules.guard, "WORD_GUARD", False)
    assert rules.simple_values(_facts(text)[1]) == {"applications.received": 1}


def test_word_guard_drops_a_zero_phrase_ending_inside_a_word(monkeypatch):
    text = ["三、依申请公开情况", "本年度未受理申请人的复议。"]
    assert rules.simple_values(_facts(text)[1]) == {}
    monkeypatch.setattr(rules.guard, "WORD_GUARD", False)
    assert rules.simple_values(_facts(text)[1]) == {"applications.received": 0}


def test_word_guard_keeps_domain_terms_and_units_glued_to_the_next_word():
    # 举报|投诉 is one domain term (举报投诉): the zero phrase ending at 举报 still counts
    _, f = _facts(["2020年未收到涉及政务公开的举报投诉。"])
    assert rules.simple_values(f) == {"complaints.total": 0}
    # 两起因…: jieba cuts 两|起因, the figure 两起 is not inside one word
    _, f = _facts(["全年收到两起因政府信息公开申请提起的行政复议。"])
    assert rules.simple_values(f) == {"reconsideration.total": 2}


def test_arabic_figures_need_no_segmentation(monkeypatch):
    from extractor import segment as seg_mod

    def boom(*a, **k):
        raise AssertionError("segmented a sentence whose figures are Arabic")

    monkeypatch.setattr(seg_mod, "words", boom)
    monkeypatch.setattr(seg_mod.Segmentation, "words", boom)
    _, f = _facts(["全年共收到政府信息公开申请12件,其中当面申请3件、网络申请5件。"])
    assert rules.simple_values(f) == {"applications.received": 12, "applications.received.in_person": 3,
                                      "applications.received.online": 5}


# ------------------------------------------------------------------ context_scope: paragraph

_LEAD = "2009年,我局把政府信息公开工作列入重要议事日程,成立了工作领导小组。"
_STAFF = "局办公室配备专职工作人员1名、兼职工作人员2名,负责信息的收集和发布。"


def test_paragraph_scope_takes_the_topic_from_the_paragraph_lead():
    _, f = _facts([_LEAD + _STAFF])
    assert rules.simple_values(f) == {"staff.full_time": 1, "staff.part_time": 2}
    assert all(x.rule.startswith(("staff.full_time#", "staff.part_time#")) for x in f.facts)


def test_paragraph_scope_stops_at_the_paragraph_and_the_sentence():
    # the topic in the paragraph before, or only after the figure: nothing
    _, f = _facts([_LEAD, _STAFF])
    assert rules.simple_values(f) == {}
    _, f = _facts([_STAFF + "同时负责政府信息公开工作。"])
    assert rules.simple_values(f) == {}
    # sub-units' staff in a paragraph about 信息公开 stay refused (subject_deny)
    _, f = _facts(["全县政府信息公开工作由县政府办公室牵头。各乡镇配备兼职人员1名,县直各部门配备兼职人员1名。"])
    assert rules.simple_values(f) == {}


def test_paragraph_scope_in_a_report_loaded_as_one_line_starts_at_the_last_heading():
    # the whole report in one block: a heading inside it starts a new paragraph
    one_line = "年度报告。我局政府信息公开工作由办公室负责。二、机构建设 局办公室配备专职人员1名。"
    _, f = _facts([one_line])
    assert rules.simple_values(f) == {}
    _, f = _facts([one_line.replace("二、机构建设 ", "")])
    assert rules.simple_values(f) == {"staff.full_time": 1}
    _, f = _facts(["年度报告。局长任组长。二、政务公开机构建设 局办公室配备专职人员1名。"])
    assert rules.simple_values(f) == {"staff.full_time": 1}


def test_paragraph_scope_results_do_not_leak_through_the_candidate_cache():
    rs = rules.load_rules(None)
    rs.candidates.clear()
    _, with_lead = _facts([_LEAD + _STAFF])
    _, without = _facts(["局办公室承担文秘和档案工作。" + _STAFF])  # same sentence, cached candidates
    _, with_again = _facts([_LEAD + _STAFF])
    assert rules.simple_values(with_lead) == rules.simple_values(with_again) == {"staff.full_time": 1,
                                                                                  "staff.part_time": 2}
    assert rules.simple_values(without) == {}
    # without deferral (callers that know no paragraph) the rule gives nothing here
    plain = list(rules.match.sentence_candidates(rs.rules, _STAFF, "", None, rs.index))
    assert not [c for c in plain if c.rule.key.startswith("staff.")]
    deferred = list(rules.match.sentence_candidates(rs.rules, _STAFF, "", None, rs.index, defer_paragraph=True))
    assert {c.rule.key for c in deferred} >= {"staff.full_time", "staff.part_time"}


def test_unknown_context_scope_is_rejected(tmp_path):
    (tmp_path / "bad.yaml").write_text(
        "rules:\n  - {key: staff.total, id: x, context: ['信息公开'], context_scope: document,"
        " patterns: ['人员<Q>']}\n", encoding="utf-8")
    with pytest.raises(rules.PatternError):
        rules.load_rules(str(tmp_path))


# ------------------------------------------------------------------ common section_deny (plans)

def test_figures_under_a_plan_heading_are_not_this_years():
    body = "全年召开政务公开工作会议4次,举办政务公开培训班2期,主动公开政府信息500条。"
    for heading in ("三、2021年工作打算", "五、存在的问题和下一步工作计划", "四、下步工作安排",
                    "六、主要问题和改进措施", "三、二〇二〇年工作思路"):
        _, f = _facts([heading, body])
        assert rules.simple_values(f) == {}, heading
    for heading in ("五、存在的主要问题及改进情况", "二、制定年度工作计划", "一、2021年工作完成情况"):
        _, f = _facts([heading, body])
        assert rules.simple_values(f) == {"meetings.count": 4, "training.sessions": 2,
                                          "proactive.total": 500}, heading


def test_a_later_heading_ends_the_plan_section():
    _, f = _facts(["三、下一步工作打算", "全年召开政务公开工作会议4次。", "四、其他需要报告的事项",
                   "全年召开政务公开工作会议3次。"])
    assert rules.simple_values(f) == {"meetings.count": 3}


def test_a_rule_may_opt_out_of_the_common_section_deny(tmp_path):
    (tmp_path / "_common.yaml").write_text("section_deny: ['工作打算']\n", encoding="utf-8")
    (tmp_path / "m.yaml").write_text(
        "rules:\n"
        "  - {key: meetings.count, id: a, patterns: ['会议<Q>']}\n"
        "  - {key: training.sessions, id: b, patterns: ['培训班<Q>'], use_common_section_deny: false}\n",
        encoding="utf-8")
    doc = _doc(["三、下一步工作打算", "召开会议4次,举办培训班2期。"])
    f = rules.find_facts(doc, segment.segment(doc), directory=str(tmp_path))
    assert rules.simple_values(f) == {"training.sessions": 2}


# ------------------------------------------------------------------ gaps, exclusions in place

def test_a_gap_steps_over_a_bracketed_aside_but_not_an_open_one(tmp_path):
    (tmp_path / "m.yaml").write_text(
        "rules:\n  - {key: response.press_conferences, id: a, units: [场], patterns: ['发布会<g:2><Q>']}\n",
        encoding="utf-8")

    def vals(text):
        doc = _doc([text])
        return rules.simple_values(rules.find_facts(doc, segment.segment(doc), directory=str(tmp_path)))

    assert vals("召开新闻发布会(媒体通气会)8场。") == {"response.press_conferences": 8}
    # the aside may hold a figure of its own: it is never the one the label names
    assert vals("召开新闻发布会(含线上2场)8场。") == {"response.press_conferences": 8}
    # an unclosed bracket, an aside longer than a gap allows, or a clause break: nothing
    assert vals("召开新闻发布会(含线上2场8场。") == {}
    assert vals("召开新闻发布会(由区委宣传部和区政府办公室联合组织召开的)8场。") == {}
    assert vals("召开新闻发布会(媒体,通气会)8场。") == {}


def test_exclusion_lookbehinds_read_the_text_before_the_clause(tmp_path):
    # the common exclusion 累计 lets a clause that opens with its one year through; that
    # year may stand before the clause the exclusions are searched in
    common = (Path(rules.PATTERNS_DIR) / "_common.yaml").read_text(encoding="utf-8")
    (tmp_path / "_common.yaml").write_text(common, encoding="utf-8")
    (tmp_path / "p.yaml").write_text(
        "rules:\n  - {key: proactive.via.website, id: a, units: [条], patterns: ['网站公开信息<Q>']}\n",
        encoding="utf-8")

    def vals(text):
        doc = _doc([text])
        return rules.simple_values(rules.find_facts(doc, segment.segment(doc), directory=str(tmp_path)))

    assert vals("2020年,全镇累计主动公开信息114条,其中通过网站公开信息72条。") == {"proactive.via.website": 72}
    for text in ("截至2020年底,全镇累计主动公开信息114条,其中通过网站公开信息72条。",
                 "2008年至2020年,全镇累计主动公开信息114条,其中通过网站公开信息72条。",
                 "全镇累计主动公开信息114条,其中通过网站公开信息72条。"):
        assert vals(text) == {}, text


def test_a_pattern_that_reads_the_among_names_the_whole(tmp_path):
    (tmp_path / "p.yaml").write_text(
        "rules:\n"
        "  - {key: proactive.total, id: a, units: [条], patterns: ['主动公开的<Q>信息中']}\n"
        "  - {key: proactive.via.website, id: b, units: [条], patterns: ['网站公开的<Q>']}\n",
        encoding="utf-8")

    def vals(text):
        doc = _doc([text])
        return rules.simple_values(rules.find_facts(doc, segment.segment(doc), directory=str(tmp_path)))

    assert vals("主动公开的162条信息中,公示公告类97条。") == {"proactive.total": 162}
    # a pattern that stops at the figure still leaves a whole a breakdown follows alone
    assert vals("网站公开的162条信息中,公示公告类97条。") == {}
    # a share after the figure is a part, whatever the pattern read
    assert vals("主动公开的162条,占38%。") == {}


def test_published_items_under_a_heading_of_another_topic_are_not_the_total():
    body = "2017年,共公开发布信息82条。"
    _, f = _facts(["二、主动公开政府信息情况", "(四)开展政策解读工作情况", body])
    assert rules.simple_values(f) == {}
    _, f = _facts(["二、主动公开政府信息情况", "(一)主动公开政府信息的数量", body])
    assert rules.simple_values(f) == {"proactive.total": 82}


def test_a_label_inside_an_aside_of_parts_labels_nothing_after_it(tmp_path):
    (tmp_path / "a.yaml").write_text(
        "rules:\n  - {key: applications.received.online, id: a, units: [件], patterns: ['网上申请<g:2><Q>']}\n"
        "  - {key: proactive.via.wechat, id: b, units: [条], patterns: ['微信公众号<G:6>发布信息<Q>']}\n",
        encoding="utf-8")

    def vals(text):
        doc = _doc([text])
        return rules.simple_values(rules.find_facts(doc, segment.segment(doc), directory=str(tmp_path)))

    assert vals("全年共受理申请(含网上申请)12件。") == {}
    assert vals("全年共受理申请(其中网上申请5件)12件。") == {"applications.received.online": 5}
    assert vals("网上申请12件。") == {"applications.received.online": 12}
    # an aside that names the subject is no part: its label reads the figure after it
    assert vals("政务新媒体(政务微信公众号)发布信息396条。") == {"proactive.via.wechat": 396}


def test_a_fallback_rule_stands_only_alone(tmp_path):
    # a fallback rule (website figure -> total) gives its key only when no other rule of the
    # document reads that key, no other key of its group but the one it stands on is read,
    # no figure of the group was left out (approximate), and no fallback_deny phrase is in
    # the document
    (tmp_path / "m.yaml").write_text(
        "rules:\n"
        "  - {key: proactive.via.website, id: w, units: [条], patterns: ['网站公开<g:2><Q>']}\n"
        "  - {key: proactive.via.wechat, id: c, units: [条], patterns: ['微信公开<g:2><Q>']}\n"
        "  - {key: proactive.total, id: t, units: [条], patterns: ['共公开<g:2><Q>']}\n"
        "  - {key: proactive.total, id: f, units: [条], fallback: proactive.via.website,\n"
        "     fallback_deny: ['报纸<g:4>\\d'], patterns: ['网站公开<g:2><Q>']}\n",
        encoding="utf-8")

    def facts(*paras):
        doc = _doc(list(paras))
        return rules.find_facts(doc, segment.segment(doc), directory=str(tmp_path))

    f = facts("网站公开50条。")
    assert rules.simple_values(f) == {"proactive.via.website": 50, "proactive.total": 50}
    assert {x.rule for x in f.facts} == {"proactive.via.website#w", "proactive.total#f"}
    # another rule reads the total: it alone gives it
    assert rules.simple_values(facts("网站公开50条。", "全年共公开80条。")) == {
        "proactive.via.website": 50, "proactive.total": 80}
    # another channel read, or left out as approximate: the website is one part
    assert "proactive.total" not in rules.simple_values(facts("网站公开50条。", "微信公开20条。"))
    assert "proactive.total" not in rules.simple_values(facts("网站公开50条。", "微信公开约20条。"))
    # another channel counted in words no rule reads (fallback_deny)
    assert "proactive.total" not in rules.simple_values(facts("网站公开50条。", "报纸刊登3篇。"))
    # two different website figures: no total
    assert "proactive.total" not in rules.simple_values(facts("网站公开50条。", "网站公开60条。"))
