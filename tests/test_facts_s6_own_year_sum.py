"""累计 whose own clause names the document's year (「…累计主动公开2009年度政府信息28条」 in a 2009
report, b8 k22) is that year's sum, not a running total; 累计 after 截至…年底 without it, or with
another year, stays several years' (the golds of 截至2011年底,我局主动公开政府信息累计299条 and
截至2020年12月31日,我局累计主动公开政府信息13866条 leave the figure out). The own year is the
title's (normalize.own_year), so these are whole documents, not one-sentence pattern examples."""
from extractor.normalize import normalize_text, year_view
from extractor.pipeline import extract


def _report(year: int, body: str) -> bytes:
    return (f"崇武镇{year}年政府信息公开年度报告\n"
            "一、主动公开政府信息情况\n" + body + "\n").encode("utf-8")


_K22 = "截至2009 年底,我镇人民政府累计主动公开2009年度政府信息28条,全文电子化率达100%。"


def test_the_view_reads_the_sum_of_the_own_year_only():
    text = normalize_text(_K22)[0]
    view = year_view(text, 2009)
    assert len(view) == len(text) and "累计" not in view
    assert year_view(text, 2010) == text        # another year's 年度: still 累计


def test_cumulative_of_the_own_year_is_that_years_total():
    rec = extract(_report(2009, _K22), name="r.txt", with_text=True)
    assert rec["values"].get("proactive.total") == 28
    fact = next(f for f in rec["facts"] if f["key"] == "proactive.total")
    a, b = fact["offset"]
    assert rec["text"][a:b] == fact["evidence"]
    assert "累计" in rec["text"]          # the text is as extracted; only matching saw the year


def test_cumulative_of_another_year_or_of_no_year_stays_out():
    # the report is about 2010: 2009年度 summed up to the end of 2009 is not its figure
    rec = extract(_report(2010, _K22), name="r.txt")
    assert "proactive.total" not in rec["values"]
    for body in ("截至2011年底,我局主动公开政府信息累计299条。",
                 "截至2020年12月31日,我局累计主动公开政府信息13866条。",
                 "截至2011年底,累计主动公开政府信息299条,其中2011年度新增12条。"):
        year = 2011 if "2011" in body else 2020
        rec = extract(_report(year, body), name="r.txt")
        assert "proactive.total" not in rec["values"], body
