"""Document fields of session 6 (issue 9): a completed name begins with a place or an
organisation, never with the verb before it (转载息烽县统计局网站)."""
from __future__ import annotations

import pytest

from extractor.agency import complete

HEAD = "现将县统计局2020年度政府信息公开工作情况汇报如下。"


@pytest.mark.parametrize("verb", ["转载", "刊登", "浏览", "登录", "点击", "访问", "关注"])
def test_a_verb_before_the_longer_form_is_never_part_of_the_completed_name(verb):
    got = complete("县统计局", f"{HEAD}{verb}息烽县统计局网站信息12条。")
    assert not got.startswith(verb)
    assert got == "息烽县统计局"


@pytest.mark.parametrize("lead", ["自", "从", "来自", "刊用"])
def test_a_run_beginning_with_a_word_no_name_starts_with_completes_nothing(lead):
    # (no lead into a name strips it, and no name begins so: the short name stays as read)
    got = complete("县统计局", f"{HEAD}{lead}息烽县统计局网站转载信息12条。")
    assert got == "县统计局"


def test_places_that_begin_like_such_a_word_are_names():
    assert complete("市统计局", "我局认真贯彻落实《条例》。自贡市统计局高度重视政府信息公开工作。") == "自贡市统计局"
    assert complete("县统计局", "我局认真贯彻落实《条例》。从江县统计局高度重视政府信息公开工作。") == "从江县统计局"
