"""Pinyin glosses without tone marks that mirror sites insert after Han characters.

Mirror sites copy a report and gloss characters with their reading in brackets:
``依申(qǐng)請公開`` (tone marks: ``linebreaks.GLOSS_SOURCE``, deleted by ``normalize``),
``依(yi)申(shen)請`` (no tone) or ``申請(qing3)`` (a tone digit). A bracketed word of
lower-case letters after a Han character is a gloss only when it is a reading of that
character: pypinyin's readings (every heteronym; Style.NORMAL without tone, Style.TONE3
with the tone digit), so ``文(wen)`` goes and ``附件(pdf)``, ``规定(a)``, ``方案(an)`` stay.
pypinyin is imported only for a text holding such a bracket (rare: loading its dictionary
takes a few tenths of a second).

``gloss_spans(text)`` gives the (start, end) spans to delete; ``normalize`` deletes them
with its other deletions, so the offset map still points into the original text.
"""
from __future__ import annotations

from functools import lru_cache

import regex

from .linebreaks import _TONED

# a bracketed lower-case word after a Han character: a syllable (ü also written v), an
# optional tone digit; tone-marked glosses are linebreaks.GLOSS_SOURCE's
# (a mirror may gloss a character twice: 公(gong)(gong)開 - the glosses before are skipped)
_CANDIDATE = regex.compile(rf"(?<=(\p{{Han}})(?:\([a-zü{_TONED}]{{1,6}}[1-5]?\))*)\(([a-zü]{{1,6}}[1-5]?)\)")


@lru_cache(maxsize=4096)
def _readings(han: str) -> frozenset:
    from pypinyin import Style, pinyin   # (lazily: only texts with a candidate pay for it)

    out = set()
    for style in (Style.NORMAL, Style.TONE3):
        for group in pinyin(han, style=style, heteronym=True, errors="ignore"):
            out.update(r.replace("v", "ü") for r in group)
    return frozenset(out)


def gloss_spans(text: str) -> list[tuple[int, int]]:
    """Spans of the toneless / tone-digit pinyin glosses of ``text`` (brackets included)."""
    if "(" not in text:
        return []
    out = []
    for m in _CANDIDATE.finditer(text):
        word = m.group(2).replace("v", "ü")
        if word in _readings(m.group(1)):
            out.append(m.span())
    return out


__all__ = ["gloss_spans"]
