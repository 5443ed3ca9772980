"""The downloads on the summary screen: a real PDF and a valid FHIR file."""

from __future__ import annotations

import io
import json
import time

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


# ------------------------------------------------------ nothing outlives the visit


def fetch(url: str) -> tuple[int, dict[str, str]]:
    """GET a URL as a fresh client (no cookies, no session): its status and headers."""
    import urllib.error
    import urllib.request

    try:
        with urllib.request.urlopen(url, timeout=10) as r:
            return r.status, {k.lower(): v for k, v in r.headers.items()}
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}


def made_files(app) -> list[str]:
    """Press both download buttons; the URLs the files were served at."""
    urls = []
    for label in (RULES.ui.download_pdf, RULES.ui.download_fhir):
        with app.page.expect_download() as info:
            app.page.get_by_role("button", name=word(label, "self"), exact=True).click()
        urls.append(info.value.url)
    return urls


def to_downloads(app) -> None:
    walk(app, {"age": 58, "sex": "female", "smoking": "current"})
    to_summary(app)


def test_a_download_is_never_cached(self_server, new_app):
    app = new_app(self_server, PHONE)
    to_downloads(app)
    for url in made_files(app):
        status, headers = fetch(url)
        assert status == 200
        assert headers["cache-control"] == "no-store"


def test_start_over_deletes_the_files_made_for_the_visit(self_server, new_app):
    app = new_app(self_server, PHONE)
    to_downloads(app)
    urls = made_files(app)
    assert [fetch(u)[0] for u in urls] == [200, 200]
    app.click(word(RULES.ui.start_over, "self"))
    assert [fetch(u)[0] for u in urls] == [404, 404]


def test_closing_the_tab_deletes_the_files_made_for_the_visit(self_server, new_app):
    app = new_app(self_server, PHONE)
    to_downloads(app)
    urls = made_files(app)
    app.page.context.close()  # the person walks away: the session ends with the tab
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and [fetch(u)[0] for u in urls] != [404, 404]:
        time.sleep(0.25)
    assert [fetch(u)[0] for u in urls] == [404, 404]
