"""The PDF report, read back with a real PDF parser."""

from __future__ import annotations

import io
import json
import re
from datetime import date

import pytest
from pypdf import PdfReader

from osteoscreen.report import pdf_report
from personas import ALL

from conftest import osteoscreen

DAY = date(2026, 11, 21)


FOOTER = re.compile(
    r"\s*osteoscreen: an educational questionnaire, not a diagnosis\. Page \d+ of \d+$"
)


def read(pdf: bytes) -> tuple[PdfReader, list[str]]:
    """The reader, and each page's text with white space folded and the footer taken off."""
    reader = PdfReader(io.BytesIO(pdf))
    return reader, [FOOTER.sub("", " ".join(p.extract_text().split())) for p in reader.pages]


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("persona", list(ALL))
def test_the_report_holds_the_summary_in_order_and_the_notice(rules, run, persona):
    result = run(ALL[persona])
    reader, pages = read(pdf_report(rules, result, on=DAY))
    text = " ".join(pages)
    assert text.startswith(result.texts.title)
    assert "Date: 21 November 2026" in text
    assert flat(result.texts.notice) in text
    positions = [text.index(flat(f"{n}. {i.text}")) for n, i in enumerate(result.summary, 1)]
    assert positions == sorted(positions)
    for flag in result.flags:
        assert flag.title in text
    assert reader.metadata.creator == "osteoscreen"
    if result.all_clear:
        assert flat(result.texts.all_clear) in text


@pytest.mark.parametrize("persona", list(ALL))
def test_the_report_fits_two_pages_before_the_quote_appendix(rules, run, persona):
    result = run(ALL[persona])
    for paper in ("a4", "letter"):
        _, pages = read(pdf_report(rules, result, on=DAY, paper=paper))
        body = [p for p in pages if "Appendix" not in p]
        appendix_at = next((i for i, p in enumerate(pages) if "Appendix" in p), len(pages))
        assert appendix_at <= 2, (persona, paper, len(pages))
        assert len(body) >= 1
        assert (
            f"Page 1 of {len(pages)}"
            in reader_pages_raw(pdf_report(rules, result, on=DAY, paper=paper))[0]
        )


def test_the_priority_item_comes_first_after_its_heading(rules, run):
    result = run(ALL["ms_on_steroids"])
    _, pages = read(pdf_report(rules, result, on=DAY))
    assert "See a doctor soon 1. See a doctor soon. Do not wait" in pages[0]


def test_who_answered_is_stated_and_no_name_is_printed(rules, run):
    _, self_pages = read(pdf_report(rules, run(ALL["ms_on_steroids"]), on=DAY))
    _, carer_pages = read(pdf_report(rules, run(ALL["caregiver_anemia"]), on=DAY))
    assert "Answered by: the person themselves" in self_pages[0]
    assert "Answered by: a carer, for the person they care for" in carer_pages[0]
    assert carer_pages[0].startswith("Talk to their doctor")


def test_typographic_quotes_and_the_medicine_safety_note_print(rules, run):
    result = run(ALL["everything"])
    _, pages = read(pdf_report(rules, result, on=DAY))
    text = " ".join(pages)
    assert "“It’s also important to see a doctor" in text
    assert "Do not stop or change any of their medicines without talking to their doctor." in text


def test_letter_and_a4_paper_sizes(rules, run):
    result = run(ALL["all_clear"])
    a4 = read(pdf_report(rules, result, on=DAY, paper="a4"))[0].pages[0].mediabox
    letter = read(pdf_report(rules, result, on=DAY, paper="letter"))[0].pages[0].mediabox
    assert (round(float(a4.width)), round(float(a4.height))) == (595, 842)
    assert (round(float(letter.width)), round(float(letter.height))) == (612, 792)


def test_the_report_command_writes_a_pdf(tmp_path):
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps(ALL["ms_on_steroids"]), encoding="utf-8")
    out = tmp_path / "summary.pdf"
    done = osteoscreen(
        "report", str(answers), "-o", str(out), "--date", "2026-11-21", "--paper", "letter"
    )
    assert done.returncode == 0, done.stderr
    assert "Date: 21 November 2026" in read(out.read_bytes())[1][0]


def test_the_report_command_rejects_bad_answers_and_writes_nothing(tmp_path):
    out = tmp_path / "summary.pdf"
    done = osteoscreen("report", "-", "-o", str(out), stdin='{"age": 7}')
    assert done.returncode == 2
    assert done.stderr.strip() == "<stdin>: age: 7 is outside the range 18-120"
    assert done.stdout == ""
    assert not out.exists()


def reader_pages_raw(pdf: bytes) -> list[str]:
    """Each page's text as extracted, footer included."""
    return [" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf)).pages]
