"""The results chart: which group each matching factor belongs to. Never a score.

One row per factor, one column per group, one mark where they meet, coloured
by whether the person can act on it. There is no numeric axis, no count and
no total anywhere in the chart.
"""

from __future__ import annotations

import json
import math
import textwrap
import unicodedata
from typing import Any

import altair as alt
import pandas as pd

from osteoscreen.result import Result

LINE = 17  # line height of a tile's name, in pixels
ROW = 72  # height of a row of tiles (tile and gap), in pixels, for up to three lines
GAP = 0.12  # the share of a row between two tiles
WIDTH = 20  # the longest line of a tile's name, in columns (a Chinese character takes two)
HEAD = 20  # the longest line of a column's name, in columns
HEAD_LINE = 18  # its line height, in pixels

# Where a line of Chinese breaks best: after a comma or stop, before an opening
# bracket or before "or"/"and", at a space; inside a phrase, between characters,
# never before a closing mark.
_AFTER = set("，、；：。！？")
_BEFORE = set("（「『【《") | set("或和与及")
_CLOSING = set("，。、；：？！）」』】》%,.;:?!)")


def columns(text: str) -> int:
    """How wide a text is on screen: a wide (CJK) character takes two columns."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _phrases(text: str) -> list[str]:
    """A text cut where a line breaks best (see `_AFTER` and `_BEFORE`); spaces kept."""
    phrases = [""]
    for ch in text:
        if ch in _BEFORE and phrases[-1].strip():
            phrases.append("")
        phrases[-1] += ch
        if ch in _AFTER or ch.isspace():
            phrases.append("")
    return [p for p in phrases if p.strip()]


def _split(phrase: str, width: int) -> list[str]:
    """A phrase longer than a line, in lines of about as many characters each, broken
    between characters (a closing mark stays with the character before it)."""
    count = math.ceil(columns(phrase) / width)
    while True:
        size = math.ceil(len(phrase) / count)
        lines, line = [], ""
        for ch in phrase:
            if len(line) >= size and ch not in _CLOSING:
                lines.append(line)
                line = ""
            line += ch
        lines.append(line)
        if all(columns(x) <= width for x in lines) or size <= 1:
            return lines
        count += 1


def wrap(text: str, width: int = WIDTH) -> list[str]:
    """A tile's name on lines of at most `width` columns. Latin text breaks at spaces (as
    textwrap does); Chinese (whose characters are twice as wide) where a phrase ends
    when it can, else between characters."""
    if columns(text) == len(text):
        return textwrap.wrap(text, width)
    lines: list[str] = []
    for phrase in _phrases(text):
        joined = (lines[-1] + phrase) if lines else phrase
        if lines and columns(joined.rstrip()) <= width:
            lines[-1] = joined
        elif columns(phrase.rstrip()) <= width:
            lines.append(phrase)
        else:
            lines += _split(phrase.rstrip(), width)
    return [line.strip() for line in lines if line.strip()]


def row_height(line_count: int) -> int:
    """A row high enough for its tallest tile's name (the rows of a chart are all equal)."""
    return max(ROW, math.ceil((line_count * LINE + 10) / (1 - GAP)))


# Four group colours, each at least 4.5:1 against white.
GROUP_COLOURS = ["#5b4b8a", "#a4161a", "#8a5a00", "#0b6e4f"]


def factors_frame(result: Result, changeable: str, fixed: str, width: int = WIDTH) -> pd.DataFrame:
    """One row per matching factor: its column (kind), its row in that column, its
    title wrapped onto short lines, and its group."""
    rows = []
    per_kind: dict[str, int] = {}
    for group in result.groups:
        kind = changeable if group.changeable else fixed
        for flag in result.flags_in(group.id):
            rows.append(
                {
                    "factor": flag.title,
                    "lines": "\n".join(wrap(flag.title, width)) or flag.title,
                    "group": group.title,
                    "kind": kind,
                    "row": per_kind.setdefault(kind, 0),
                    "line_count": len(wrap(flag.title, width)) or 1,
                }
            )
            per_kind[kind] += 1
    return pd.DataFrame(rows, columns=["factor", "lines", "group", "kind", "row", "line_count"])


def factors_chart(result: Result, changeable: str, fixed: str, description: str) -> alt.LayerChart:
    """Each factor as a tile with its name, in the column "can't change" or "can change".

    Two columns keep it readable on a phone; the tile colour names the group.
    There is no numeric axis: the chart shows kinds of factor, never an amount.
    """
    frame = factors_frame(result, changeable, fixed)
    present = set(frame["group"])
    colours = dict(zip((g.title for g in result.groups), GROUP_COLOURS, strict=False))
    groups = [g for g in colours if g in present]
    rows = max(int(frame["row"].max()) + 1 if len(frame) else 1, 1)
    tallest = int(frame["line_count"].max()) if len(frame) else 1

    # A long column name goes on more lines, whole, not cut short: every name gets as
    # many lines (blank ones first), and the labels move up by the extra lines.
    heads = {name: wrap(name, HEAD) or [name] for name in (fixed, changeable)}
    most = max(len(lines) for lines in heads.values())
    labels: dict[str, Any] = {"labelLimit": 400}
    if most > 1:
        expr = "datum.label"
        for name, lines in heads.items():
            lines = [""] * (most - len(lines)) + lines
            expr = f"datum.label === {json.dumps(name)} ? {json.dumps(lines)} : ({expr})"
        labels |= {"labelExpr": expr, "labelLineHeight": HEAD_LINE}
        labels["labelPadding"] = 8 + (most - 1) * HEAD_LINE

    def column(**extra: Any) -> alt.X:
        return alt.X(
            "kind:N",
            scale=alt.Scale(domain=[fixed, changeable], paddingInner=0.06, paddingOuter=0),
            title=None,
            axis=alt.Axis(
                orient="top",
                labelAngle=0,
                labelAlign="center",
                labelFontSize=15,
                labelFontWeight="bold",
                labelColor="#1a1d21",
                ticks=False,
                domain=False,
                **({"labelPadding": 8} | labels),
            ),
            **extra,
        )

    def place(**extra: Any) -> alt.Y:
        return alt.Y("row:O", axis=None, scale=alt.Scale(paddingInner=GAP, paddingOuter=0), **extra)

    base = alt.Chart(frame)
    tiles = base.mark_rect(cornerRadius=8).encode(
        x=column(),
        y=place(),
        color=alt.Color(
            "group:N",
            scale=alt.Scale(domain=groups, range=[colours[g] for g in groups]),
            legend=alt.Legend(
                title=None,
                orient="bottom",
                direction="vertical",
                labelFontSize=14,
                labelColor="#1a1d21",
                labelLimit=300,
                symbolSize=200,
            ),
        ),
        tooltip=[alt.Tooltip("factor:N", title=" "), alt.Tooltip("group:N", title=" ")],
    )
    # One text layer per line count, each lifted so that its block of lines is centred.
    names = [
        base.transform_filter(alt.datum.line_count == count)
        .mark_text(
            color="white",
            fontSize=14,
            lineHeight=LINE,
            fontWeight="bold",
            lineBreak="\n",
            dy=-(count - 1) * LINE / 2,
        )
        .encode(
            x=column(bandPosition=0.5),
            y=place(bandPosition=0.5),
            text="lines:N",
        )
        for count in sorted(set(frame["line_count"])) or [1]
    ]
    chart: alt.LayerChart = (
        alt.layer(tiles, *names)
        .properties(
            description=description,
            height=rows * row_height(tallest),
            width="container",
            autosize=alt.AutoSizeParams(type="fit-x", contains="padding"),
        )
        .configure_view(strokeWidth=0)
    )
    return chart
