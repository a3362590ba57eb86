"""Numbers as written in Chinese policy texts: 7.5, 1万, 一千, 两, 十二, 五百."""

from __future__ import annotations

_DIGITS = {
    "零": 0,
    "〇": 0,
    "○": 0,  # the circle some documents type for 〇
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
CN_NUMERAL_CHARS = "零〇一二两三四五六七八九十百千万"


def digit(ch: str) -> str:
    """一 -> "1", 〇 -> "0": one Chinese digit as an ASCII digit (KeyError for others)."""
    return str(_DIGITS[ch])


def parse_chinese(text: str) -> float:
    """一千 -> 1000, 五百 -> 500, 十二 -> 12, 一万五千 -> 15000, 两 -> 2."""
    if not text or any(ch not in CN_NUMERAL_CHARS for ch in text):
        raise ValueError(f"not a Chinese numeral: {text!r}")
    total = 0
    section = 0
    digit = 0
    for ch in text:
        if ch in _DIGITS:
            digit = _DIGITS[ch]
        elif ch in _SMALL_UNITS:
            section += (digit or 1) * _SMALL_UNITS[ch]
            digit = 0
        else:  # 万
            total += (section + digit or 1) * 10000
            section = digit = 0
    return float(total + section + digit)


def parse_number(text: str) -> float:
    """Arabic (with a decimal point) or Chinese numerals."""
    try:
        return float(text)
    except ValueError:
        return parse_chinese(text)


def tidy(value: float) -> float | int:
    """7.0 -> 7 for output; keeps 0.85 as it is."""
    rounded = round(value, 6)
    return int(rounded) if rounded == int(rounded) else rounded


def denominator_label(number: float) -> str:
    """A rate's base as a unit writes it: 1000 -> 千, 1e4 -> 万, 1e5 -> 10万, 1e6 -> 百万."""
    if number == 1000:
        return "千"
    if number == 10000:
        return "万"
    if number == 1_000_000:
        return "百万"
    if number >= 10000 and number % 10000 == 0:
        return f"{tidy(number / 10000)}万"
    if number == 100:
        return "百"
    return str(tidy(number))


def cn_numeral(number: int) -> str:
    """1 -> 一, 10 -> 十, 12 -> 十二, 21 -> 二十一 (numbers below one hundred)."""
    digits = "一二三四五六七八九"
    tens, units = divmod(number, 10)
    lead = (digits[tens - 1] if tens > 1 else "") + ("十" if tens else "")
    return lead + (digits[units - 1] if units else "")
