"""Session 10, T1: 截至目前 followed by the document's own year is that year's figure, not a stock
(_common.yaml own_year; b15 b86); with another year, or alone, it stays a stock."""
from extractor.pipeline import extract


def _report(year: int, body: str) -> bytes:
    return (f"永嘉县北城街道办事处{year}年政府信息公开工作年度报告\n"
            "一、主动公开政府信息情况\n" + body + "\n").encode("utf-8")


_NOW_YEAR = "截至目前,2014年度主动公开政府信息共计393条,全文电子化达率100%。"


def test_up_to_now_then_the_own_year_is_that_years_total():
    rec = extract(_report(2014, _NOW_YEAR), name="r.txt", with_text=True)
    assert rec["values"].get("proactive.total") == 393
    fact = next(f for f in rec["facts"] if f["key"] == "proactive.total")
    a, b = fact["offset"]
    assert rec["text"][a:b] == fact["evidence"]
    assert "截至目前" in rec["text"]      # only the readers' view changed


def test_up_to_now_with_another_year_or_alone_stays_a_stock():
    assert "proactive.total" not in extract(_report(2015, _NOW_YEAR), name="r.txt")["values"]
    alone = "截至目前,主动公开政府信息共计393条。"
    assert "proactive.total" not in extract(_report(2014, alone), name="r.txt")["values"]
    dated = "截至目前,2014年12月主动公开政府信息共计393条。"
    assert "proactive.total" not in extract(_report(2014, dated), name="r.txt")["values"]
