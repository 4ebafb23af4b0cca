"""The topic-zero reader's per-sentence gate (issue 11, session 16 S13): a sentence none of
the three forms can read (no none closing its line, no flattened item, no literal of form B's
clause) is passed over before its headings are joined and its section's deny is asked, and the
deny is asked once per chain of headings - counted here, not timed. The readings stay those of
the reader without the gate (the zeros and the denied section below)."""
import dataclasses

from extractor import topic_zeros
from extractor.stages import STAGES, State, run_stages

TEXT = ("某局政府信息公开工作年度报告\n一、总体情况\n本机关认真贯彻落实条例,加强组织领导,完善工作机制。\n"
        "进一步规范公开内容,提高公开质量,推进重点领域信息公开。\n加强平台建设,优化栏目设置。\n"
        "二、依申请公开政府信息情况\n(一)申请情况\n无\n(二)申请处理情况\n本年度未收到政府信息公开申请。\n"
        "三、政府信息公开行政复议、行政诉讼情况\n无\n四、存在的主要问题及改进情况\n"
        "工作人员业务能力有待提高,宣传力度不够。\n下一步将加强培训,提升水平。\n")


class _Counting:
    """A section deny that counts the sections it is asked about."""

    def __init__(self, rx):
        self.rx, self.asked = rx, []

    def search(self, *a, **k):
        self.asked.append(a[0])
        return self.rx.search(*a, **k) if self.rx is not None else None


def _run(tmp_path, monkeypatch, text=TEXT):
    p = tmp_path / "r.txt"
    p.write_text(text, encoding="utf-8")
    s = State(path=str(p))
    run_stages(s, STAGES[:3])
    d = topic_zeros.load()
    deny = _Counting(d.section_deny)
    monkeypatch.setattr(topic_zeros, "load", lambda: dataclasses.replace(d, section_deny=deny))
    facts = topic_zeros.find_facts(s.doc, s.seg, set())
    return s, facts, deny


def test_sentences_no_form_can_read_never_ask_the_section_deny(tmp_path, monkeypatch):
    s, facts, deny = _run(tmp_path, monkeypatch)
    assert {f.key for f in facts} >= {"applications.received"}
    sections = {" / ".join(h.title for h in x.headings) for x in s.seg.sentences if x.headings}
    # every section is asked at most once, and the prose sections (总体情况, 存在的主要问题…:
    # no none, no request clause) are never asked
    assert len(deny.asked) == len(set(deny.asked))
    assert len(deny.asked) < len(sections)
    assert not any("总体情况" in x or "存在的主要问题" in x for x in deny.asked)


PLAN = ("某局政府信息公开工作年度报告\n一、总体情况\n本机关认真贯彻落实条例,加强组织领导。\n"
        "五、下一步工作打算\n(一)依申请公开政府信息情况\n无\n")


def test_a_denied_section_still_gives_no_zero(tmp_path, monkeypatch):
    # the deny's readings are the reader's without the gate: the plan heading's none gives nothing,
    # and it is the deny that keeps it out (the reader without a deny reads it)
    _s, facts, deny = _run(tmp_path, monkeypatch, PLAN)
    assert facts == []
    assert len(deny.asked) == 1 and "下一步工作打算" in deny.asked[0]
    d = topic_zeros.load()
    assert d.section_deny is not None and d.section_deny.search(deny.asked[0])
    monkeypatch.setattr(topic_zeros, "load", lambda: dataclasses.replace(d, section_deny=None))
    assert [f.key for f in topic_zeros.find_facts(_s.doc, _s.seg, set())] == ["applications.received"]
