"""The outlet grammar of proactive disclosure (patterns/facts/proactive.yaml, session 7, issue 9):
"N items were published through outlet X" read as slots — FRAME (通过/在/依托/利用/以, or the outlet as
the subject) + OUTLET (+ an aside) + VERB + OBJECT? + FIGURE, the outlet carried into the next clause
when only a verb and a figure or an issue count stand between — and the guards that keep a figure of
another scope out. Whole documents go through the real pipeline, so the document-level parts (the
website-only fallback, the headings, reconciliation) are exercised too. The wordings are those of
b10/b11 and of reports in no batch, with other bodies, years and figures."""
from __future__ import annotations

import pytest
import yaml

from extractor import pipeline
from extractor.resources import patterns_dir

TITLE = "某某局2023年政府信息公开工作年度报告"


def _values(*paragraphs: str, head: str = "一、主动公开政府信息情况", title: str = TITLE) -> tuple[dict, dict]:
    """The proactive values of a report of these paragraphs, and the whole record (every
    value's evidence checked against the text)."""
    body = "\n".join([title, head, *paragraphs]) + "\n"
    rec = pipeline.extract(body.encode("utf-8"), name="r.txt", with_text=True)
    for f in rec["facts"]:  # every value keeps its evidence
        a, b = f["offset"]
        assert rec["text"][a:b] == f["evidence"]
    return {k: v for k, v in rec["values"].items() if k.startswith("proactive.")}, rec


def _rule(rec: dict, key: str) -> str:
    return next(f["rule"] for f in rec["facts"] if f["key"] == key)


def test_the_slots_are_data():
    macros = yaml.safe_load((patterns_dir() / "facts" / "proactive.yaml").read_text(encoding="utf-8"))["macros"]
    for slot in ("WEBSITE", "WEBNOUN", "WEBNAME", "OASIDE", "OVERB", "OOBJ", "OOBJLIST", "OFIG", "OBETWEEN", "WXNOUN"):
        assert slot in macros, slot


@pytest.mark.parametrize("sentence,site", [
    # a site by its own name, with a bracket gloss
    ("2023年,市林业局在江城林业网(江城市林业局政府网)发布各类政务信息4127条。", 4127),
    # a channel of the city portal with its address aside
    ("2023年,通过部门频道(http://www.example.gov.cn/bmpd/sj/)主动公开政府信息861条。", 861),
    # 门户网 without 站, the object named 公示公开内容
    ("2023年在区政府门户网发布公示公开内容45条,及时回应群众关切。", 45),
    # a 、-list of what was published, commas inside, closed by 等…信息
    ("2023年,通过区政府网站主动公开政府文件,常务会议、财政预决算、建议提案办理等信息2210条。", 2210),
    # … closed by 等领域信息, the site as the main channel
    ("2023年我县以政府网站为主渠道主动公开各类规划、重大项目、财政预决算、社会救助等领域信息共935条。", 935),
    # a quoted portal in the clause before the figure
    ("围绕中心工作,通过“中国·江城”门户网站,全年发布各类政务信息15620条。", 15620),
])
def test_the_site_and_the_total_by_policy_a(sentence, site):
    got, rec = _values(sentence)
    assert got["proactive.via.website"] == site
    # the one figure of the part, stated for the body's own site: also the total (policy A)
    assert got.get("proactive.total") == site
    assert _rule(rec, "proactive.via.website") == "proactive.via.website#outlet"


def test_a_column_of_the_portal_is_the_total_not_the_sites_figure():
    got, _ = _values("2023年,区民政局在区政府网站政府信息公开专栏累计主动公开各类信息64条,其中工作动态类40条,通知公告类24条。")
    assert got == {"proactive.total": 64}


@pytest.mark.parametrize("sentence,count", [
    ("运营“江城市场监管”微信公众号,推送88期,发布信息402条。", 402),
    ("此外,还通过江城发布微信公众号,发布信息615条。", 615),
    ("在新媒体微信公众号“幸福江城”上,更新120次,共计公开233条。", 233),
    ("同时,“活力江城”微信公众号保持常态化运营,全年发布信息318篇。", 318),
])
def test_the_account_carried_into_the_next_clause(sentence, count):
    got, rec = _values("2023年,我局主动公开政府信息900条。", sentence)
    assert got["proactive.via.wechat"] == count
    assert got["proactive.total"] == 900


def test_the_clause_between_must_hold_only_a_verb_and_a_figure():
    got, _ = _values("运营“江城发布”微信公众号,关注人数达2万人,发布信息402条。")
    assert "proactive.via.wechat" not in got


def test_a_video_channel_is_not_the_wechat_account():
    got, _ = _values("“江城人社”微信公众号发布推文512篇;“江城人社”微信视频号发布视频96条;“江城人社”抖音发布视频96条。")
    assert got.get("proactive.via.wechat") == 512


def test_the_sites_part_of_a_channel_breakdown_may_be_a_category():
    got, _ = _values("2023年度共计公开各类信息320条,其中政府网站发布工作动态58条,微信公众号发布信息262条。")
    assert got == {"proactive.total": 320, "proactive.via.website": 58, "proactive.via.wechat": 262}
    # … but not when every item is a category of the one site
    got, _ = _values("2023年度共计公开各类信息320条,其中政府网站发布工作动态58条,通知公告262条。")
    assert "proactive.via.website" not in got


def test_offline_outlets_beside_the_website():
    got, _ = _values("通过区政务公开网站公开信息120条,通过传统媒体、信息公开栏等平台公开信息640条。")
    assert got["proactive.via.website"] == 120 and got["proactive.via.other"] == 640
    got, _ = _values("政府网站公开信息75条,占比30%;政务新媒体公开信息95条,占比38%;"
                     "通过报刊、电视、政务服务场所等传统公开载体公开信息80条,占比32%。")
    assert got["proactive.via.other"] == 80
    # without a website figure in the paragraph the offline outlets are not read as a channel
    got, _ = _values("通过传统媒体、信息公开栏等平台公开信息640条。")
    assert "proactive.via.other" not in got


def test_a_figure_under_an_outlets_own_heading_is_not_a_rival_total():
    got, _ = _values(
        "我街道2023年主动公开政府信息共412条。在主动公开的信息中,通过政府在线网站公开信息230条,占总体比例的56%;"
        "通过其他方式公开信息182条,占总体比例的44%。",
        "(一)江城政府在线街道办事处主页。",
        "下设工作动态、通知公告等栏目,公开街道各类信息,2023年共主动公开政府信息230条,其中工作动态类信息80条。")
    assert got["proactive.total"] == 412
    assert got["proactive.via.website"] == 230


@pytest.mark.parametrize("sentence", [
    "2023年,在政府信息公开平台上公开重点工作、发展规划、疫情防控等信息312条。",   # a platform alone is no site
    "2023年,我局在政务服务网公开办事指南信息120条。",                                # a service site
    "2023年,在人民网发布稿件20篇。",                                                  # a news site's articles
    "通过政府网站、微信公众号等渠道,全年发布信息1200条。",                            # all outlets together
    "2023年第二季度,县政府门户网站共发布各类信息1386条。",                            # a quarter's items
])
def test_look_alikes_give_no_website_figure(sentence):
    got, _ = _values(sentence)
    assert "proactive.via.website" not in got


def test_an_answer_already_public_is_no_site_figure():
    got, _ = _values("全年办理政府信息公开申请7件,其中予以公开2件,已通过网站对外公开1件。", head="二、依申请公开情况")
    assert "proactive.via.website" not in got and "proactive.total" not in got


def test_the_fallback_stays_silent_when_another_channel_counts():
    got, _ = _values("2023年,通过区政府网站向社会公开就业、教育、医疗、养老等政府信息3120条。",
                     "运营“江城发布”微信公众号,推送88期,发布信息402条。")
    assert got == {"proactive.via.website": 3120, "proactive.via.wechat": 402}


def test_a_portal_subject_carries_across_a_semicolon():
    got, rec = _values("2023年,县政府门户网站公开以县政府名义印发文件21件;主动公开各类信息8640条,总访问量560万次。")
    assert got["proactive.via.website"] == 8640
    assert _rule(rec, "proactive.via.website") == "proactive.via.website#outlet-after-semicolon"
    # … but not when the clause before has another subject
    got, _ = _values("2023年,县政府办公室印发文件21件;主动公开各类信息8640条。")
    assert "proactive.via.website" not in got and got["proactive.total"] == 8640


@pytest.mark.parametrize("title,since,want", [
    ("某局2014年政府信息公开工作年度报告", "2014", 215),   # the report's own year: that year's items
    ("某局2014年政府信息公开工作年度报告", "2008", None),  # since an earlier year: a stock
    ("某局2016年政府信息公开工作年度报告", "2014", None),  # another report's year
])
def test_items_since_the_reports_own_year_are_that_years(title, since, want):
    body = "\n".join([title, "一、主动公开政府信息情况",
                      f"按照《条例》要求,截至{title[2:6]}年12月31日,累计主动公开{since}年以来的政府信息215条。"]) + "\n"
    rec = pipeline.extract(body.encode("utf-8"), name="r.txt")
    assert rec["values"].get("proactive.total") == want


def test_items_since_the_first_day_of_the_reports_year_are_that_years():
    # (a report of a body in no batch: 对2023年1月1日以来的政府信息进行了梳理和编目,2023年新增主动公开政府信息130条)
    body = "\n".join(["江城镇2023年政府信息公开工作年度报告", "一、主动公开政府信息情况",
                      "本镇对2023年1月1日以来的政府信息进行了梳理和编目,2023年新增主动公开政府信息87条。"]) + "\n"
    assert pipeline.extract(body.encode("utf-8"), name="r.txt")["values"].get("proactive.total") == 87
    # since the first day of an earlier year: several years' stock
    body = body.replace("对2023年1月1日以来", "对2020年1月1日以来").replace("2023年新增", "累计")
    assert pipeline.extract(body.encode("utf-8"), name="r.txt")["values"].get("proactive.total") is None
