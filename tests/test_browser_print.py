"""Printing the summary: Chromium's PDF (print media) has the doctor items, no navigation."""

from __future__ import annotations

import io
import unicodedata

import pytest
from pypdf import PdfReader

from osteoscreen.answers import parse_answers
from osteoscreen.engine import evaluate
from osteoscreen.loader import bundled_rules
from osteoscreen.model import word

from browser import TABLET, to_summary, walk
from contract import PERSONAS

pytestmark = pytest.mark.browser
RULES = bundled_rules()
UI = RULES.ui


def test_the_printed_summary_holds_the_doctor_items_and_none_of_the_navigation(
    self_server, new_app
):
    answers = {k: v for k, v in PERSONAS["ms_on_steroids"].items() if k != "respondent"}
    app = new_app(self_server, TABLET)
    walk(app, answers)
    to_summary(app)
    app.page.emulate_media(media="print")
    pdf = app.page.pdf(format="A4", print_background=True)
    pages = PdfReader(io.BytesIO(pdf)).pages
    # NFKC folds the ligatures Chromium prints ("aﬀect") back into letters.
    text = unicodedata.normalize(
        "NFKC", " ".join(" ".join(p.extract_text().split()) for p in pages)
    )

    expected = evaluate(RULES, parse_answers(RULES, answers))
    for item in expected.summary:
        assert " ".join(item.text.split()) in text
    assert " ".join(expected.texts.notice.split()) in text
    hidden = (UI.start_over, UI.back_to_results, UI.download_pdf, UI.download_fhir, UI.print_tip)
    for navigation in hidden:
        assert word(navigation, "self") not in text
