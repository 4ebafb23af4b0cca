"""Session 15 C2: two readings of one key, the second a PART of the first - the whole stated, then
in the same paragraph its two parts by body or channel, one count each, adding up to it (b13 j25:
2011年新增主动公开政府信息53019条 … 自治区直属机关…16848条。各行署、拉萨市人民政府…36171条; b21 al15:
全县累计公开政府信息21597条。合江县人民政府网…7055条…,县政府部门和镇(街道)共公开…14542条). The part is
no statement of the whole: the whole is the value, the disagreement stays in ``conflicts``. Nothing
is picked by place or size: parts that do not add up, or a sibling in another paragraph, leave the
conflict as it was. The reports are written anew."""
import pytest

from extractor import pipeline, reconcile
from extractor.model import Fact, Findings

HEAD = "某县人民政府2022年政府信息公开工作年度报告\n一、总体情况\n(一)主动公开情况\n"


def _run(tmp_path, body):
    p = tmp_path / "r.txt"
    p.write_text(HEAD + body + "\n", encoding="utf-8")
    return pipeline.extract(str(p))


@pytest.mark.parametrize("body,whole", [
    ("2022年,全县累计公开政府信息5000条。县人民政府网公开政府信息1800条,县政府部门和镇(街道)共公开各类政府信息3200条。",
     5000),
    ("2011年新增主动公开政府信息6000条,全文电子化率为64.1%。自治区直属机关主动公开政府信息2500条。"
     "各行署、拉萨市人民政府主动公开政府信息3500条。", 6000),
])
def test_a_part_the_text_adds_up_to_the_whole_gives_way(tmp_path, body, whole):
    out = _run(tmp_path, body)
    assert out["values"]["proactive.total"] == whole
    assert [c["key"] for c in out["conflicts"]] == ["proactive.total"]   # (kept: neither is lost)
    assert not any(w["code"] == "conflict" for w in out["warnings"])
    fact = next(f for f in out["facts"] if f["key"] == "proactive.total" and f["value"] == whole)
    assert str(whole) in fact["evidence"]


@pytest.mark.parametrize("body", [
    # the figures do not add up: two readings, no value
    "2022年,全县累计公开政府信息5000条。县人民政府网公开政府信息1800条,县政府部门和镇(街道)共公开各类政府信息3100条。",
    # the sibling in another paragraph
    "2022年,全县累计公开政府信息5000条。县人民政府网公开政府信息1800条。\n县政府部门和镇(街道)共公开各类政府信息3200条。",
    # the parts far from the whole (more than _PARTS_MAX_GAP characters on): not the construction seen
    "2022年,全县累计公开政府信息5000条。" + "我县持续深化政务公开标准化规范化建设,完善信息发布审核机制。" * 8
    + "县人民政府网公开政府信息1800条,县政府部门和镇(街道)共公开各类政府信息3200条。",
    # the parts before the whole: not the construction seen (the whole first, then its parts)
    "县人民政府网公开政府信息1800条,县政府部门和镇(街道)共公开各类政府信息3200条。2022年,全县累计公开政府信息5000条。",
])
def test_otherwise_the_conflict_stays(tmp_path, body):
    out = _run(tmp_path, body)
    assert "proactive.total" not in out["values"]
    assert any(w["code"] == "conflict" for w in out["warnings"])


def _fact(value, a, b, unit="条"):
    return Fact(key="proactive.total", value=value, unit=unit, raw=f"{value}{unit}", origin="text", page=None,
                offset=(a, b), evidence="x", rule="t")


class _Doc:
    def __init__(self, text):
        self.text = text


def test_parts_need_the_same_measure_word_and_an_exact_sum():
    text = "全年主动公开信息90条。网站公开信息50篇,其他渠道公开信息40条。"
    w = _fact(90, 2, 11)
    v = _fact(40, text.index("其他"), text.index("40条") + 3)
    # 50篇 is no count of 条: no part
    assert reconcile._parts_of_a_whole(_Doc(text), [w, v], [90, 40]) == set()
    text2 = text.replace("50篇", "50条")
    assert reconcile._parts_of_a_whole(_Doc(text2), [w, v], [90, 40]) == {40}
    text3 = text.replace("50篇", "约50条")   # an approximate figure adds nothing up
    assert reconcile._parts_of_a_whole(_Doc(text3), [w, v], [90, 40]) == set()


def test_no_document_text_or_a_dump_of_figures_changes_nothing():
    facts = [_fact(i, 10 * i, 10 * i + 4) for i in range(1, 7)]
    assert reconcile._parts_of_a_whole(None, facts, list(range(1, 7))) == set()
    out = reconcile.reconcile(_Doc("x" * 100), None, Findings(facts=facts), Findings())
    assert "proactive.total" not in out["values"]
