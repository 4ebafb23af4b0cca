"""Topic zeros across the whole text (issue 9, session 8, helper T3; b12 class X3): a run of
numbered heading / 无 lines that the .txt loader reads as a one-cell-per-line table still gives
each topic its 0 when the heading carries its number, and later sections do not switch the
family off; the 2008 outline's joint heading (依)申请公开…和不予公开…的情况 names the
applications topic; the request as a verb after its object (未对…申请公开) with a year and the
whole set of applicants (公民、法人或其他组织) as its subject. The shapes are written anew."""
from extractor import pipeline
from extractor.stages import STAGES, State, run_stages

RUN = ("某局政府信息公开工作年度报告\n三、依申请公开政府信息情况\n(一)申请情况\n无\n(二)申请处理情况\n无\n"
       "(三)、因政府信息公开申请行政复议、提起行政诉讼的情况\n无\n(四)其他情况\n无\n五、存在问题\n"
       "工作人员业务不熟,宣传力度不够。\n六、改进措施\n进一步加强培训。\n")


def _values(tmp_path, text):
    p = tmp_path / "r.txt"
    p.write_text(text, encoding="utf-8")
    return pipeline.extract(str(p))["values"], p


def test_a_run_of_heading_none_pairs_read_as_a_table_gives_its_zeros(tmp_path):
    values, p = _values(tmp_path, RUN)
    # the loader reads the pairs as a table block: the case this test is about
    s = State(path=str(p))
    run_stages(s, STAGES[:2])
    assert any(b.kind == "table" and "申请情况" in s.doc.text[b.start:b.end] for b in s.doc.blocks)
    assert values == {"applications.received": 0, "reconsideration.total": 0, "litigation.total": 0}


def test_unnumbered_label_cells_saying_none_give_no_zero(tmp_path):
    text = ("某局政府信息公开工作年度报告\n项目\n数量\n申请情况\n无\n申请处理情况\n无\n"
            "因政府信息公开申请行政复议、提起行政诉讼的情况\n无\n其他\n无\n")
    values, _ = _values(tmp_path, text)
    assert "applications.received" not in values and "reconsideration.total" not in values


def test_a_figure_in_the_run_wins_over_the_zero(tmp_path):
    text = RUN.replace("(一)申请情况\n无", "(一)申请情况\n全年收到申请3件。")
    values, _ = _values(tmp_path, text)
    assert values.get("applications.received") == 3


def test_the_joint_heading_of_the_2008_outline(tmp_path):
    for heading in ("(二)、申请公开政府信息和不予公开政府信息的情况", "三、依申请公开政府信息和不予公开政府信息的情况",
                    "三、行政机关依申请公开政府信息和不予公开政府信息的情况"):
        values, _ = _values(tmp_path, f"某中学2009年政府信息公开工作年度报告\n{heading}\n无。\n")
        assert values == {"applications.received": 0}, heading
    # the refusals' heading alone is no applications topic
    values, _ = _values(tmp_path, "某中学2009年政府信息公开工作年度报告\n(二)不予公开政府信息的情况\n无。\n")
    assert "applications.received" not in values


def test_the_request_as_a_verb_after_its_object(tmp_path):
    head = "某街道2016年政府信息公开工作年度报告\n二、依申请公开政府信息的情况\n"
    values, _ = _values(tmp_path, head + "2016年公民、法人或其他组织未对本街道的政府信息申请公开。\n")
    assert values == {"applications.received": 0}
    # the fees of applications are no zero of the applications
    values, _ = _values(tmp_path, head + "本街道未对申请公开的信息收取任何费用。\n")
    assert "applications.received" not in values
