"""CONTRACT STUB (being implemented): quantities in Chinese text.

Public API (keep it):
  parse_number(s: str) -> Decimal | None
      "1,234" "１２" "3.5万" "二〇一七" "一万零四十" "两百" "16.4亿" -> Decimal; None if not a number
  parse_quantity(s: str) -> Quantity | None
      a number plus optional unit: "26.8万条" -> Quantity(Decimal(268000), unit="条", kind="count")
      "0.5万元" -> Quantity(Decimal("5000"), unit="万元", kind="money") (value in 元)
      "约50条"/"50余件"/"近百条" -> Quantity(..., approx="约") ; "10%" -> kind="percent"
  find_quantities(text: str) -> list[QuantityMatch]   (all quantities with spans in text)
  to_value(q: Quantity) -> int | float   (count -> int, money -> float 元)
  NUMBER_PATTERN: str  -- a regex fragment (for the `regex` module) matching one number
      written in Arabic or Chinese numerals, usable inside pattern rules.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass
class Quantity:
    value: Decimal          # counts: the number; money: in 元
    unit: str | None        # unit as written: 条 件 次 篇 个 人 人次 名 期 场 份 元 万元 …, or None
    kind: str               # "count" | "money" | "percent" | "number"
    approx: str | None = None   # the approximation word (余 多 近 约 左右 以上) or None
    raw: str = ""


@dataclass
class QuantityMatch:
    quantity: Quantity
    start: int
    end: int


NUMBER_PATTERN = r"\d+(?:\.\d+)?"


def parse_number(s: str):
    raise NotImplementedError


def parse_quantity(s: str):
    raise NotImplementedError


def find_quantities(text: str) -> list:
    raise NotImplementedError


def to_value(q: Quantity):
    raise NotImplementedError
