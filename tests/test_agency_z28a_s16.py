"""Session 16 Z28-A: a shortened name whose stem the lexicon lacks is completed to the one longer form the
text writes as a name holding its characters in order (``completion_gap`` in patterns/metadata.yaml) - real
reports end to end: each fails without the rule; names naming their place keep the form read (their golds do)."""
import json
from pathlib import Path

import pytest

from extractor.pipeline import extract

REAL = Path(__file__).parent / "real"

COMPLETED = [
    "b28/ba28_shanxi-waishiban-2021",               # 省外事办 -> 山西省人民政府外事办公室
    "b28/bb12_qidong-nongyeziyuankaifaju-2009-zongjie",  # 农发局 -> 启东市农业资源开发局
    "b28/bb14_tonghua-jingjijishuhezuoju-2009",     # 市经合局 -> 通化市经济技术合作局
    "b19/ag24_chongqing-yuzhong-jingxinwei-2023",   # 区经济信息委 -> 重庆市渝中区经济和信息化委员会
    "b23/ao20_yuxi-jiangchuan-zhujianju-2024",      # 区住房城乡建设局 -> 玉溪市江川区住房和城乡建设局
    "b14/o36_quanzhou-licheng-zhengfubangongshi-2021",  # 区府办 -> 鲤城区人民政府办公室
]
KEPT = [
    "b25/au03_weifang-anqiu-jishengju-2",   # 安丘市计生局 (the text: 安丘市人口和计划生育局)
    "b23/ap22_wenzhou-lucheng-kejiju-20",   # 鹿城区科技局 (the text: 鹿城区科学技术局)
]


def _one(stem: str) -> Path:
    found = sorted(p for p in REAL.glob(stem + "*.txt") if p.name.count(".") == 1)
    assert len(found) == 1, stem
    return found[0]


@pytest.mark.parametrize("stem", COMPLETED + KEPT)
def test_agency_as_the_gold_has_it(stem):
    txt = _one(stem)
    gold = json.loads(txt.with_name(txt.name[:-4] + ".gold.json").read_text(encoding="utf-8"))["document"]["agency"]
    assert extract(str(txt))["document"]["agency"] == gold
