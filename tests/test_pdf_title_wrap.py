"""A title too long for one line wraps in a PDF onto a second, centred line; the PDF
loader joins the two into the one title (the kind/year/agency readers look at it), and
leaves a centred line of body size (a table caption) and a short centred subtitle under a
one-line title apart."""
from __future__ import annotations

from extractor.pipeline import extract, load_and_normalize

BODY = [
    "根据《中华人民共和国政府信息公开条例》和上级部门的要求，现将我局本季度问题整改情况报告如下：",
    "一、高度重视，立即部署整改工作，安排专人认真梳理反馈问题，举一反三进行自查整改，建立台账。",
    "二、逐项整改到位，涉及的七项问题现已全部整改完成，相关信息已在政府网站信息公开专栏发布。",
    "三、建立长效机制，定期开展自查，确保政务公开工作规范有序开展，切实提升政务公开工作质量。",
]
LEFT, WIDTH = 72, 36 * 12  # body lines: 36 characters of 12 pt


def _draw(path, title_lines, title_size=20.0, centred_body=None):
    from pdfdraw import draw_lines, new_canvas

    c = new_canvas(path)
    y = 780
    c.setFont("STSong-Light", title_size)
    for k, t in enumerate(title_lines):
        if k == 0 and len(title_lines) > 1:
            c.drawString(LEFT, y, t)  # the first line fills the measure
        else:
            c.drawCentredString(LEFT + WIDTH / 2, y, t)
        y -= title_size * 1.4
    y = draw_lines(c, [b[:36] for b in BODY] + [b[36:] for b in BODY], x=LEFT, top=y - 10)
    if centred_body:
        c.setFont("STSong-Light", 12)
        c.drawCentredString(LEFT + WIDTH / 2, y, centred_body)
    c.showPage()
    c.save()


def test_wrapped_centred_title_is_one_paragraph(tmp_path):
    line1 = "六安市统计局关于2023年第二季度政务公开测"  # 21 characters of 20 pt: fills 420 of 432 pt
    line2 = "评问题整改情况的报告"
    p = tmp_path / "t.pdf"
    _draw(p, [line1, line2])
    doc = load_and_normalize(p)
    assert doc.blocks[0].text == line1 + line2
    rec = extract(p)
    assert rec["document"]["title"] == line1 + line2
    assert rec["document"]["year"] == 2023


def test_short_title_and_centred_subtitle_stay_apart(tmp_path):
    p = tmp_path / "t.pdf"
    _draw(p, ["白沙镇2023年政务公开工作总结", "（2024年1月5日）"])
    texts = [b.text for b in load_and_normalize(p).blocks]
    assert texts[:2] == ["白沙镇2023年政务公开工作总结", "(2024年1月5日)"]  # normalised brackets


def test_centred_line_of_body_size_is_not_joined(tmp_path):
    p = tmp_path / "t.pdf"
    _draw(p, ["白沙镇2023年政务公开工作总结"], centred_body="附表一")
    texts = [b.text for b in load_and_normalize(p).blocks]
    assert texts[-1] == "附表一"
