"""The results chart: factors by group, changeable or not, and never a number."""

from __future__ import annotations

import json

from osteoscreen.chart import factors_chart, factors_frame

from contract import PERSONAS


def test_each_matching_factor_is_one_tile_in_its_column(run):
    result = run(PERSONAS["caregiver_anemia"])
    frame = factors_frame(result, changeable="Can change", fixed="Can't change")
    assert sorted(frame["factor"]) == sorted(f.title for f in result.flags)
    kinds = dict(zip(frame["factor"], frame["kind"], strict=True))
    assert kinds["Smoking"] == "Can change"
    assert kinds["Anemia"] == "Can't change"


def test_the_chart_has_no_numeric_axis_count_or_total(run):
    result = run(PERSONAS["ms_on_steroids"])
    spec = factors_chart(result, "Can change", "Can't change", "desc").to_dict()
    text = json.dumps(spec)
    assert '"quantitative"' not in text
    assert '"aggregate"' not in text
    assert '"count"' not in text
    assert spec["description"] == "desc"


def test_long_factor_names_wrap_onto_short_lines(run):
    result = run({"inflammatory_conditions": ["rheumatoid_arthritis"]})
    frame = factors_frame(result, "Can change", "Can't change")
    lines = frame.loc[0, "lines"].split("\n")
    assert len(lines) > 1
    assert all(len(line) <= 20 for line in lines)


def test_chinese_factor_names_wrap_by_their_width_and_where_a_phrase_ends():
    from osteoscreen.chart import columns, wrap

    # Each Chinese character takes two columns: 15 of them do not fit a line of 20.
    assert wrap("家里人曾有骨质疏松症或髋部骨折") == ["家里人曾有骨质疏松症", "或髋部骨折"]
    assert wrap("类固醇（激素）药物，例如泼尼松") == ["类固醇（激素）药物，", "例如泼尼松"]
    for text in ("其他可能影响骨头的药物", "甲" * 45, "每天喝3杯或更多含酒精的饮料"):
        lines = wrap(text)
        assert "".join(lines) == text
        assert all(columns(line) <= 20 for line in lines)
        assert not any(line.startswith(("，", "）", "、")) for line in lines)
    # Latin text wraps as before.
    assert wrap("Hormone-blocking cancer treatment") == ["Hormone-blocking", "cancer treatment"]


def test_a_row_is_tall_enough_for_its_longest_name():
    from osteoscreen.chart import GAP, LINE, ROW, row_height

    assert row_height(1) == row_height(3) == ROW  # English names: rows as before
    for lines in (4, 5, 6):
        assert row_height(lines) * (1 - GAP) >= lines * LINE


def test_a_long_column_name_goes_on_more_lines_whole(run):
    result = run(PERSONAS["ms_on_steroids"])
    long = "No se puede cambiar nada de esto"
    axis = factors_chart(result, "Se puede", long, "d").to_dict()["layer"][0]["encoding"]["x"]
    assert axis["axis"]["labelLimit"] >= 400  # never cut short with "..."
    assert json.dumps(["No se puede cambiar", "nada de esto"]) in axis["axis"]["labelExpr"]
    assert json.dumps(["", "Se puede"]) in axis["axis"]["labelExpr"]
    short = factors_chart(result, "Can change", "Can't change", "d").to_dict()
    assert "labelExpr" not in short["layer"][0]["encoding"]["x"]["axis"]
