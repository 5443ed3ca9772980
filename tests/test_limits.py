"""Every input is bounded: hostile answers and FHIR files exit 2 with a few short,
printable lines, in bounded time and memory; never exit 3, never a traceback."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from osteoscreen.limits import MAX_LINES, printable
from osteoscreen.loader import bundled_rules

from conftest import in_process as run
from conftest import osteoscreen as cli

RESPONSE = {
    "resourceType": "QuestionnaireResponse",
    "questionnaire": "urn:osteoscreen:questionnaire|" + bundled_rules().meta.version,
    "status": "completed",
}


def nested_groups(levels: int) -> dict[str, Any]:
    item: dict[str, Any] = {"linkId": "age", "answer": [{"valueInteger": 60}]}
    for i in range(levels):
        item = {"linkId": f"g{i}", "item": [item]}
    return {**RESPONSE, "item": [item]}


def test_an_answers_file_over_the_size_limit_is_one_line(tmp_path):
    big = tmp_path / "big.json"
    big.write_text(json.dumps({f"q{i}": "x" * 40 for i in range(30_000)}), encoding="utf-8")
    done = cli("evaluate", str(big))
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        f"{big}: larger than the 1 MB limit; is this the right file?"
    ]


def test_a_device_is_not_read():
    done = cli("evaluate", "/dev/zero")
    assert done.returncode == 2
    assert done.stderr.splitlines() == ["/dev/zero: cannot read the file (not a regular file)"]


@pytest.mark.parametrize(
    ("stdin", "line"),
    [
        ("[" * 5000 + "]" * 5000, "<stdin>: nested more than 64 levels deep"),
        ("[" * 70 + "]" * 70, "<stdin>: nested more than 64 levels deep"),
        (
            '{"age": ' + "9" * 400 + "}",
            "<stdin>: not valid here: a number with 400 digits (at most 15)",
        ),
        ('{"age": 1e400}', "<stdin>: not valid here: the number '1e400' is too large"),
        ('{"age": NaN}', "<stdin>: not valid here: NaN is not a number JSON allows"),
        (
            '{"sex": "female", "sex": "male"}',
            "<stdin>: the same key appears twice in one object: 'sex'",
        ),
        (b'{"sex": "\xff"}', "<stdin>: not UTF-8 text (byte 0xff at position 9)"),
        (json.dumps(nested_groups(160)), "<stdin>: nested more than 64 levels deep"),
    ],
    ids=[
        "deep",
        "65-deep",
        "400-digits",
        "1e400",
        "nan",
        "duplicate-key",
        "not-utf8",
        "groups-160",
    ],
)
def test_malformed_json_exits_2_in_one_line(stdin, line):
    code, out, err = run(stdin)
    assert (code, out) == (2, "")
    assert err.splitlines() == [line]


def test_a_byte_order_mark_is_accepted():
    assert run('\ufeff{"age": 60}')[0] == 0


def test_fhir_groups_nested_too_deep_are_named():
    code, _, err = run(json.dumps(nested_groups(20)))
    assert code == 2
    assert err.splitlines() == ["<stdin>: g9: items nested more than 10 deep"]


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("a\nb", r"'a\nb'"),
        ("\x1b[31mred", r"'\x1b[31mred'"),
        ("abc\u202edef", r"'abc\u202edef'"),
        ("x" * 100, "'" + "x" * 39 + "…'"),
    ],
    ids=["newline", "ansi", "bidi", "long"],
)
def test_echoed_values_are_printable_and_short(value, shown):
    assert printable(value) == shown
    code, _, err = run(json.dumps({"sex": value}))
    assert code == 2
    (line,) = err.splitlines()
    assert line.startswith(f"<stdin>: sex: {shown} is not an option")
    assert line.isprintable()


def test_unknown_keys_are_escaped_too():
    code, _, err = run(json.dumps({"a\nfake: line\u202e": 1}))
    assert code == 2
    assert err.splitlines() == [r"<stdin>: 'a\nfake: line\u202e': no such question"]


def test_many_problems_of_one_kind_are_capped_with_and_n_more():
    code, _, err = run(json.dumps({f"q{i}": 1 for i in range(1000)}))
    assert code == 2
    assert err.splitlines() == [
        "<stdin>: q0: no such question",
        "<stdin>: q1: no such question",
        "<stdin>: q2: no such question",
        "<stdin>: and 997 more like this: no such question",
    ]


def test_many_bad_choice_values_are_capped_too():
    answers = {"sex": "x", "smoking": "y", "alcohol": "z", "activity": "w", "menopause": "v"}
    code, _, err = run(json.dumps(answers))
    assert code == 2
    lines = err.splitlines()
    assert len(lines) == 4
    assert lines[-1] == "<stdin>: and 2 more like this: not an option"


# ------------------------------------------------------------------ the fuzz test

JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(10**20), 10**20)
    | st.floats(allow_nan=False)
    | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=20,
)
KEYS = st.sampled_from(["age", "sex", "smoking", "anemia_type", "respondent", "menopause", "x"])
ANSWERS = st.dictionaries(KEYS | st.text(max_size=8), JSON, max_size=8)
FHIR_VALUE = st.fixed_dictionaries(
    {},
    optional={
        "valueInteger": JSON,
        "valueString": JSON,
        "valueCoding": st.fixed_dictionaries(
            {}, optional={"system": JSON | st.just("urn:osteoscreen:option:sex"), "code": JSON}
        ),
        "valueBoolean": JSON,
        "item": JSON,
    },
)
FHIR_ITEM = st.recursive(
    st.fixed_dictionaries(
        {"linkId": KEYS | JSON}, optional={"answer": st.lists(FHIR_VALUE, max_size=3)}
    ),
    lambda inner: st.fixed_dictionaries(
        {"linkId": KEYS}, optional={"item": st.lists(inner, max_size=3)}
    ),
    max_leaves=8,
)
RESPONSES = st.fixed_dictionaries(
    {"resourceType": st.just("QuestionnaireResponse")},
    optional={
        "status": st.sampled_from(["completed", "x"]) | JSON,
        "questionnaire": st.just(RESPONSE["questionnaire"]) | JSON,
        "item": st.lists(FHIR_ITEM, max_size=4) | JSON,
    },
)
BUNDLES = st.fixed_dictionaries(
    {"resourceType": st.just("Bundle")},
    optional={
        "type": st.sampled_from(["collection", "batch"]) | JSON,
        "entry": st.lists(st.fixed_dictionaries({"resource": RESPONSES | JSON}), max_size=3),
    },
)
FUZZ = settings(max_examples=40, deadline=2000, suppress_health_check=[HealthCheck.too_slow])


def assert_calm(code: int, out: str, err: str) -> None:
    assert code in {0, 2}, err
    assert "Traceback" not in err
    assert "internal error" not in err
    lines = err.splitlines()
    assert len(lines) <= MAX_LINES + 4
    assert all(line.isprintable() and len(line) < 400 for line in lines)
    assert (out == "") == (code == 2)


@FUZZ
@given(ANSWERS | JSON)
def test_fuzzed_answers_files_exit_0_or_2_calmly(data):
    assert_calm(*run(json.dumps(data)))


@FUZZ
@given(RESPONSES | BUNDLES)
def test_fuzzed_fhir_responses_exit_0_or_2_calmly(data):
    assert_calm(*run(json.dumps(data)))


@FUZZ
@given(st.binary(max_size=60) | st.text(max_size=60))
def test_fuzzed_bytes_exit_0_or_2_calmly(data):
    assert_calm(*run(data))
