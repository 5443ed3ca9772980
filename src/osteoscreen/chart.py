"""The results chart: which group each matching factor belongs to. Never a score.

One row per factor, one column per group, one mark where they meet, coloured
by whether the person can act on it. There is no numeric axis, no count and
no total anywhere in the chart.
"""

from __future__ import annotations

import textwrap
from typing import Any

import altair as alt
import pandas as pd

from osteoscreen.result import Result

LINE = 17  # line height of a tile's name, in pixels

# Four group colours, each at least 4.5:1 against white.
GROUP_COLOURS = ["#5b4b8a", "#a4161a", "#8a5a00", "#0b6e4f"]


def factors_frame(result: Result, changeable: str, fixed: str, width: int = 20) -> pd.DataFrame:
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
                    "lines": "\n".join(textwrap.wrap(flag.title, width)) or flag.title,
                    "group": group.title,
                    "kind": kind,
                    "row": per_kind.setdefault(kind, 0),
                    "line_count": len(textwrap.wrap(flag.title, width)) or 1,
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
                labelPadding=8,
            ),
            **extra,
        )

    def place(**extra: Any) -> alt.Y:
        return alt.Y(
            "row:O", axis=None, scale=alt.Scale(paddingInner=0.12, paddingOuter=0), **extra
        )

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
            height=rows * 72,
            width="container",
            autosize=alt.AutoSizeParams(type="fit-x", contains="padding"),
        )
        .configure_view(strokeWidth=0)
    )
    return chart
