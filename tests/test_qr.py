"""The kiosk QR code, decoded with a real decoder (zbar)."""

from __future__ import annotations

import io
import os

import pytest
from PIL import Image

from osteoscreen.qr import MAX_VERSION, qr_code, qr_img, qr_png, qr_text
from personas import ALL

try:
    from pyzbar.pyzbar import decode
except ImportError:  # libzbar0 is missing
    if os.environ.get("CI"):
        raise
    pytest.skip(
        "QR decoding needs zbar: apt-get install libzbar0 (.ci/run does this)",
        allow_module_level=True,
    )


def scan(png: bytes) -> str:
    (found,) = decode(Image.open(io.BytesIO(png)))
    return str(found.data.decode("utf-8"))


@pytest.mark.parametrize("persona", list(ALL))
def test_the_code_decodes_to_the_summary_text(rules, run, persona):
    result = run(ALL[persona])
    text = qr_text(rules, result)
    assert scan(qr_png(text)) == text
    assert qr_code(text).version <= MAX_VERSION


@pytest.mark.parametrize("persona", list(ALL))
def test_the_code_lists_every_doctor_item_in_order(rules, run, persona):
    result = run(ALL[persona])
    lines = scan(qr_png(qr_text(rules, result))).splitlines()
    assert lines[0] == result.texts.title
    numbered = [line for line in lines if line[:1].isdigit()]
    assert len(numbered) == len(result.summary)
    assert [int(line.split(".")[0]) for line in numbered] == list(range(1, len(numbered) + 1))


def test_a_long_summary_uses_the_short_form_and_keeps_every_item(rules, run):
    result = run(ALL["everything"])
    text = qr_text(rules, result)
    short = {
        d.id: d.short.caregiver if not isinstance(d.short, str) else d.short
        for d in rules.doctor_items
    }
    for n, item in enumerate(result.summary, 1):
        expected = short[item.id] if item.kind != "find_out" else f"Find out: {item.reasons[0]}"
        assert f"{n}. {expected}" in text
    assert scan(qr_png(text)) == text


def test_a_short_summary_keeps_the_full_wording_and_the_factors(rules, run):
    answers = {**ALL["all_clear"], "age": 70, "fracture_after_minor_fall": "yes"}
    result = run({**answers, "smoking": "current"})
    text = qr_text(rules, result)
    assert f"1. {result.summary[0].text}" in text
    assert "Risk factors: " in text


def test_the_image_is_inline_and_carries_a_text_alternative(rules, run):
    text = qr_text(rules, run(ALL["all_clear"]))
    img = qr_img(text, "A QR code")
    assert img.startswith('<img class="qr" src="data:image/svg+xml')
    assert img.endswith('alt="A QR code">')
