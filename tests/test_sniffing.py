"""Inputs that lie (issue 12, loader part): oversized html nodes, charsets that lie,
file types that lie about their extension, lock/temp files, pages without a report."""
from __future__ import annotations

import base64
import os

from extractor import extract

P1 = "<p>本机关2020年主动公开政府信息120条。</p>"
P2 = "<p>收到政府信息公开申请35件。</p>"


def values(result) -> dict:
    return {f["key"]: f["value"] for f in result["facts"]}


def codes(result) -> list[str]:
    return [w["code"] for w in result["warnings"]]


def test_html_with_12mb_data_uri_image_keeps_text_after_it(tmp_path):
    img = base64.b64encode(os.urandom(9 * 1024 * 1024)).decode()  # 12 MB of base64
    page = (f'<html><head><meta charset="utf-8"></head><body>{P1}'
            f'<img src="data:image/png;base64,{img}">{P2}</body></html>')
    f = tmp_path / "report.html"
    f.write_text(page, encoding="utf-8")
    v = values(extract(f))
    assert v.get("proactive.total") == 120
    assert v.get("applications.received") == 35


def test_html_with_11mb_text_node_keeps_text_after_it(tmp_path):
    page = (f'<html><head><meta charset="utf-8"></head><body>{P1}'
            f'<div style="x">{"A" * 11_000_000}</div>{P2}</body></html>')
    f = tmp_path / "report.html"
    f.write_text(page, encoding="utf-8")
    r = extract(f)
    v = values(r)
    assert v.get("proactive.total") == 120
    assert v.get("applications.received") == 35
    assert "truncated_input" not in codes(r)
