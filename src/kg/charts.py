"""Charts for notebooks and reports: Chinese labels that render, English beside them.

matplotlib's default fonts have no Chinese glyphs (they draw empty boxes); this module picks an
installed CJK font (Debian: ``apt-get install fonts-noto-cjk``) and draws the comparison of one
indicator across cities.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kg.errors import KgError

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.axes import Axes

_PREFERRED = (
    "Noto Sans CJK SC",
    "Noto Sans CJK JP",
    "Source Han Sans SC",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "SimHei",
    "Microsoft YaHei",
)


class FontError(KgError):
    """No font with Chinese glyphs is installed."""

    code = "no_cjk_font"


def use_cjk_font() -> str:
    """Make matplotlib draw Chinese with an installed CJK font; returns the font's name."""
    import matplotlib as mpl
    from matplotlib import font_manager

    installed = {f.name for f in font_manager.fontManager.ttflist}
    name = next((n for n in _PREFERRED if n in installed), None)
    if name is None:
        name = next((n for n in sorted(installed) if "CJK" in n), None)
    if name is None:
        raise FontError(
            "No font with Chinese glyphs is installed; chart labels would render as boxes.",
            fix="install one, e.g. `apt-get install fonts-noto-cjk`, then restart the kernel",
        )
    mpl.rcParams["font.family"] = "sans-serif"
    mpl.rcParams["font.sans-serif"] = [name, *mpl.rcParams["font.sans-serif"]]
    mpl.rcParams["axes.unicode_minus"] = False
    return name


def bilingual(zh: str | None, en: str | None) -> str:
    return "\n".join(x for x in (zh, en) if x)


def indicator_bars(frame: pd.DataFrame, *, ax: Axes, title: str | None = None) -> Axes:
    """One bar per city and target of a `compare` frame, ranges drawn as their span."""
    rows: list[dict[str, Any]] = frame.to_dict("records")
    labels = [bilingual(r.get("city_zh"), r.get("city_en")) for r in rows]
    low = [float(r.get("comparable_value") or r["value"]) for r in rows]
    high = [float(r.get("comparable_value_max") or 0) for r in rows]
    ax.bar(labels, low, color="#4C72B0")
    for i, (lo, hi) in enumerate(zip(low, high, strict=True)):
        if hi > lo:
            ax.bar(
                labels[i], hi - lo, bottom=lo, color="#A1C4E8", label="range" if i == 0 else None
            )
        ax.annotate(
            f"{lo:g}" + (f"—{hi:g}" if hi > lo else ""),
            (i, max(lo, hi)),
            ha="center",
            va="bottom",
            fontsize=8,
        )
    unit = rows[0].get("comparable_unit") or rows[0].get("unit") if rows else ""
    ax.set_ylabel(unit or "")
    if title:
        ax.set_title(title, fontsize=9)
    return ax
