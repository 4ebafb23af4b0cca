"""CONTRACT STUB (being implemented): sentences, tokens and the section tree.

Public API (keep it):
  segment(doc: Document) -> Segmentation
  Segmentation.sentences: list[Sentence] in document order (covering every paragraph;
      table blocks are NOT split into sentences: Sentence.in_table=True, one per table row)
  Segmentation.headings: list[Heading] in document order
  Segmentation.tokens(sentence) -> list[Token] (jieba/spaCy words with exact offsets)
  Segmentation.sentence_at(offset) -> Sentence | None
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Heading:
    level: int          # 1 = 一、 / 第一部分, 2 = (一), 3 = 1. / 1、, 4 = (1)
    number: str         # the numbering as written, e.g. "五、", "(一)", "1."
    title: str          # heading text without numbering, e.g. "依申请公开信息的开展情况"
    start: int          # span of the whole heading line/sentence in doc.text
    end: int


@dataclass
class Sentence:
    start: int
    end: int            # doc.text[start:end] == text (stripped of the terminator? no: includes it)
    text: str
    headings: list[Heading] = field(default_factory=list)   # outermost first
    page: int | None = None
    in_table: bool = False
    block_index: int = -1


@dataclass
class Token:
    text: str
    start: int
    end: int


@dataclass
class Segmentation:
    sentences: list[Sentence] = field(default_factory=list)
    headings: list[Heading] = field(default_factory=list)

    def tokens(self, sentence: Sentence) -> list[Token]:
        return []

    def sentence_at(self, offset: int) -> Sentence | None:
        for s in self.sentences:
            if s.start <= offset < s.end:
                return s
        return None


def segment(doc) -> Segmentation:
    return Segmentation()
