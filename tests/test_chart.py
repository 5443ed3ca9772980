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
