"""The downloads on the summary screen: a real PDF and a valid FHIR file."""

from __future__ import annotations

import io
import json

import pytest
from fhir.resources.R4B.bundle import Bundle
from pypdf import PdfReader

from osteoscreen.answers import parse_answers
from osteoscreen.engine import evaluate
from osteoscreen.fhir import answers_from_fhir
from osteoscreen.loader import bundled_rules
from osteoscreen.model import word

from browser import PHONE, to_summary, walk
from contract import PERSONAS

pytestmark = pytest.mark.browser
RULES = bundled_rules()


def download(app, label: str) -> bytes:
    with app.page.expect_download() as info:
        app.page.get_by_role("button", name=label, exact=True).click()
    path = info.value.path()
    return path.read_bytes()


def test_the_summary_downloads_a_pdf_and_a_fhir_file_for_the_same_answers(self_server, new_app):
    answers = {k: v for k, v in PERSONAS["caregiver_anemia"].items() if k != "respondent"}
    app = new_app(self_server, PHONE)
    walk(app, answers, who="caregiver")
    to_summary(app, "caregiver")
    expected = evaluate(RULES, parse_answers(RULES, {**answers, "respondent": "caregiver"}))

    pdf = download(app, word(RULES.ui.download_pdf, "caregiver"))
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf)).pages)
    assert text.startswith("Talk to their doctor")
    for item in expected.summary:
        assert " ".join(item.text.split()) in text

    bundle = json.loads(download(app, word(RULES.ui.download_fhir, "caregiver")))
    Bundle.model_validate(bundle)
    back = parse_answers(RULES, answers_from_fhir(RULES, bundle))
    assert evaluate(RULES, back) == expected
    assert app.own_origin_only() == []
