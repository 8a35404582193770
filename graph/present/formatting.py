"""How one value reads as text: amounts, numbers, years, and text made safe to print.

The one place for value formatting; tables, pages and tooltips use it. Amounts read as
people read them (``4.28 trillion KRW``, ``4조 2,831억 원``) in tables only: JSON and CSV keep
exact integers. Years never get thousands separators. Text from a seed is printed
literally: control characters (terminal escape sequences among them) become visible
escapes such as ``\\x1b``, so no seed can move the cursor, recolour or retitle a terminal.
"""

from __future__ import annotations

import re
from typing import Any

from gkg.model import cell_text

#: Characters that control a terminal rather than print: C0 and C1 controls, DEL, and the
#: bidirectional overrides and isolates that can make text read differently than it is.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}

#: A column of amounts in won: ``amountKrw``, ``totalCostKrw``, ``krw``.
_KRW_COLUMN = re.compile(r"(?:^|[a-z])Krw$|^krw$", re.IGNORECASE)
#: A column of years (``year``, ``startYear``, ``fiscal_year``, ``since``, ``until``).
_YEAR_COLUMN = re.compile(r"year$|^since$|^until$", re.IGNORECASE)

_EN_SCALES = ((10**12, "trillion"), (10**9, "billion"), (10**6, "million"))
_KO_UNITS = ((10**12, "조"), (10**8, "억"), (10**4, "만"))


def safe_text(text: str) -> str:
    """``text`` with every control character written as a visible escape (``\\x1b``)."""
    if not _CONTROL.search(text):
        return text
    return _CONTROL.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    named = _NAMED.get(char)
    if named:
        return named
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def is_amount_column(column: str) -> bool:
    """True for a column of amounts in won, by gkg's naming (the unit ends the name)."""
    return bool(_KRW_COLUMN.search(column))


def is_year_column(column: str) -> bool:
    return bool(_YEAR_COLUMN.search(column))


def krw(value: int | float, lang: str = "en") -> str:
    """An amount in won as people read it: ``4.28 trillion KRW`` or ``4조 2,831억 원``."""
    if lang == "ko":
        return _krw_ko(value)
    sign = "-" if value < 0 else ""
    size = abs(value)
    for scale, word in _EN_SCALES:
        if size >= scale:
            return f"{sign}{_three_digits(size / scale)} {word} KRW"
    return f"{sign}{size:,.0f} KRW" if float(size).is_integer() else f"{sign}{size:,} KRW"


def _three_digits(number: float) -> str:
    """The number itself when four significant digits write it exactly (426.9, 15.3, 120),
    else three, without trailing zeros (4.2831 reads 4.28): a short figure is never rounded."""
    exact = f"{number:.4g}"
    text = exact if float(exact) == round(number, 9) else f"{number:.3g}"
    if "e" in text:  # 1000 and more of the largest scale
        text = f"{number:,.0f}"
    return text


def _krw_ko(value: int | float) -> str:
    sign = "-" if value < 0 else ""
    rest = round(abs(value))
    if rest < 10**4:
        return f"{sign}{rest:,} 원"
    parts: list[str] = []
    for scale, word in _KO_UNITS:
        if rest >= scale and len(parts) < 2:
            count, rest = divmod(rest, scale)
            parts.append(f"{count:,}{word}")
        elif parts:  # two units at most: 4조 2,831억
            break
    return f"{sign}{' '.join(parts)} 원"


def value_text(value: Any, column: str = "", lang: str = "en", escape: bool = True) -> str:
    """One table cell: amounts read as amounts, years plainly, other numbers grouped
    (``15,300,000``), lists joined; control characters escaped (unless ``escape`` is
    false, for a caller that escapes line by line itself)."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if is_amount_column(column):
            return krw(value, lang)
        if is_year_column(column):
            return str(int(value)) if float(value).is_integer() else str(value)
    if isinstance(value, (list, tuple)) and is_amount_column(column):
        return "; ".join(value_text(v, column, lang) for v in value)
    text = cell_text(value, group_digits=True)
    return safe_text(text) if escape else text


def format_value(value: Any, *, key: str = "", lang: str = "en") -> str:
    """One value for pages and the report, written as tables write it (:func:`value_text`);
    not escaped, because pages insert it as text, never as markup."""
    return value_text(value, key, lang, escape=False)


def row_amount_unit(columns: list[str], row: list[Any]) -> str | None:
    """The unit of an indicator row's ``value`` column (``KRW``), if the row names one."""
    if "unit" in columns:
        unit = row[columns.index("unit")]
        return unit if isinstance(unit, str) else None
    return None


def row_texts(
    columns: list[str], row: list[Any], lang: str = "en", escape: bool = True
) -> list[str]:
    """Every cell of one row as table text; a ``value`` in ``KRW`` reads as an amount."""
    unit = row_amount_unit(columns, row)
    texts = []
    for column, value in zip(columns, row):
        if column == "value" and unit == "KRW" and isinstance(value, (int, float)):
            texts.append(krw(value, lang))
        else:
            texts.append(value_text(value, column, lang, escape))
    return texts
