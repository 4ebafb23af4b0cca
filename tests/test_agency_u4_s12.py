"""Session 12, task U4: document.agency left None (or read as a verb phrase) where the text names the body.

- ``name_verbs`` takes 成立: 成立局政务公开领导小组 is the bureau's own group (成立 | 局), no body named 成立局
  (b4 v20 read 成立局; the phrase also in b18 ad30 (成立司法局…), b10 c08, dev g09, pool s10 p109);
- ``agency_refine.self_named``: a text that speaks as 我局/我厅 and names its body only by its level's short
  form, the one name of that ending in the whole text and read as a name there (完善了区人社局政府信息公开工作
  制度 b12 e31; 2014年,省人社厅通过网站… pool s10 p054): that form. Not a bare level (市局的正确领导下: the
  superior), not a place a template blanked (xx县民族局, b9 n42), not two short names (a superior's beside it).
"""
from __future__ import annotations

from pathlib import Path

import pytest

from extractor.agency import find_agency
from extractor.agency_refine import name_in_run, self_named

REAL = Path(__file__).parent / "real"
POOL = Path(__file__).parent / "pool"


def _lines(text):
    return [(0, i, ln) for i, ln in enumerate(text.split("\n"))]


@pytest.mark.parametrize("run,want", [
    ("成立局", None),
    ("成立司法局", "司法局"),   # the verb leads into a name; the name itself stays
    ("成立扎赉特旗司法局", "扎赉特旗司法局"),
    ("负责人为成员的两城镇", "两城镇"),
])
def test_cheng_li_leads_into_a_name_and_is_none(run, want):
    assert name_in_run(run) == want


def test_cheng_li_ju_is_no_body():
    text = ("一、概述\n2019年,我局共收到14件依申请公开。\n为规范政务信息公开,成立局政务公开领导小组,由分管局长任组长。"
            "我局全年主动公开信息52条。")
    assert find_agency(None, None, None, text, _lines(text)) is None


@pytest.mark.parametrize("text,want", [
    # the level's short form, the one name of its ending, read as a name (b12 e31, pool s10 p054)
    ("结合人社工作实际,我局组织编制了2018年度报告。完善了区人社局政府信息公开工作制度。2018年度,我局通过网站公开信息。",
     "区人社局"),
    ("现将我厅2014年政府信息公开工作情况报告如下:2014年,省人社厅通过网站、报纸公开信息。我厅认真落实条例。", "省人社厅"),
    # a bare level (the superior): none
    ("2018年我局电子政务建设工作在县委、县政府、市局的正确领导下,紧紧围绕工作。我局公开信息20条。", None),
    # a place a template blanked: none
    ("按照县委、县政府的统一部署,xx县民族局把政府信息公开工作作为重点。我局公开信息20条。我局认真落实。", None),
    # a superior's short name beside it: two names, none
    ("我局在市人社局的指导下,完善了区人社局政府信息公开工作制度。我局通过网站公开信息。", None),
    # the text does not speak as 我局 mostly (我市 as often): none
    ("我局完善了区人社局政府信息公开工作制度。", None),
])
def test_a_body_named_only_by_its_short_form(text, want):
    assert self_named(text) == want


@pytest.mark.skipif(not (REAL / "b20").exists(), reason="real batches not present")
@pytest.mark.parametrize("path,want", [
    ("real/b12/e31_", "区人社局"),
    ("pool/s10/p054", "省人社厅"),
    ("real/b4/v20_", None),   # was 成立局
    ("real/b9/n42_", None),   # xx县民族局: blanked
    ("real/b12/f32_", None),  # 市局: the superior
])
def test_real_reports(path, want):
    from extractor.metadata import describe
    from extractor.pipeline import load_and_normalize
    from extractor.segment import segment

    folder, stem = path.rsplit("/", 1)
    base = Path(__file__).parent / folder
    f = next(p for p in base.glob(stem + "*.txt") if not p.name.endswith((".gold.json", ".meta.json")))
    d = load_and_normalize(f)
    assert describe(d, segment(d))["agency"] == want


@pytest.mark.parametrize("name,want", [
    # a betting site's name ending in its site word 网址 where the place stood (b7 r31, b12 e34): the body after it
    ("365体育平台网址人民政府合作交流办公室", "人民政府合作交流办公室"),
    ("体育备用网址自然资源和规划局", "自然资源和规划局"),
    # nothing after it but endings, or 官网 (not a spam prefix: b4 v35, b16 ab39): as before, no name
    ("网址政府办公室", None),
    ("官网办公室", None),
    ("新葡京博彩官网区人民政府北京街道办事处", None),
])
def test_a_site_name_ending_in_wang_zhi_is_no_part_of_the_name(name, want):
    from extractor.metadata_base import clean_agency
    assert clean_agency(name) == want
