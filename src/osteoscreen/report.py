"""The PDF report: the "talk to your doctor" summary on one or two printed pages.

Set in Atkinson Hyperlegible (Braille Institute, OFL-1.1), a typeface made for
low-vision readers, taken from its Python package so that every character of
the rule file (curly quotes, dashes, accents) prints as written. No name is
ever asked, so none is printed; the PDF's metadata holds no personal detail.
"""

from __future__ import annotations

import re
from datetime import date
from importlib.resources import as_file, files
from typing import Literal

from fpdf import FPDF
from fpdf.enums import XPos, YPos
from fpdf.util import Padding

from osteoscreen.model import Rules, word
from osteoscreen.result import Result, SourceOut
from osteoscreen.summary import headed_items, opening, skipped_lines

Paper = Literal["a4", "letter"]
FONT = "Atkinson"
INK = (26, 29, 33)
RED = (164, 22, 26)
BLUE = (11, 95, 165)
NOTICE_FILL = (232, 241, 251)
PRIORITY_FILL = (255, 244, 244)
BRIEF_OVER = 22  # more factors than this are listed by title, to stay within two pages


class _Report(FPDF):
    """A page with a footer: the tool's one-line disclaimer and the page number."""

    footer_text = ""
    page_text = ""

    def footer(self) -> None:
        self.set_y(-14)
        self.set_font(FONT, size=9)
        self.set_text_color(80, 86, 94)
        page = self.page_text.replace("{page}", str(self.page_no())).replace("{pages}", "{nb}")
        self.cell(0, 5, self.footer_text, new_x=XPos.RIGHT, new_y=YPos.TOP)
        self.set_x(self.l_margin)
        self.cell(0, 5, page, align="R")


def _fonts(pdf: FPDF) -> None:
    folder = files("fontpkg_atkinson_hyperlegible") / "files"
    for style, name in (("", "Regular"), ("B", "Bold"), ("I", "Italic"), ("BI", "BoldItalic")):
        with as_file(folder / f"AtkinsonHyperlegible-{name}.ttf") as path:
            pdf.add_font(FONT, style, str(path))


def first_sentence(text: str) -> str:
    """The first sentence of an explanation, for a one-line reminder."""
    match = re.match(r"(.+?[.!?])(\s|$)", text)
    return match.group(1) if match else text


def _source_key(source: SourceOut) -> tuple[str, str]:
    return (source.title, source.where or "")


def _source_numbers(result: Result) -> dict[tuple[str, str], int]:
    """Each distinct source document or guideline, numbered in order of first use."""
    numbers: dict[tuple[str, str], int] = {}
    for flag in result.flags:
        for source in flag.sources:
            numbers.setdefault(_source_key(source), len(numbers) + 1)
    return numbers


def pdf_report(rules: Rules, result: Result, *, on: date, paper: Paper = "a4") -> bytes:
    """The summary as PDF bytes."""
    who = result.respondent
    texts = result.texts
    report = rules.report
    pdf = _Report(format="A4" if paper == "a4" else "Letter")
    pdf.footer_text = word(report.footer, who)
    pdf.page_text = word(report.page_label, who)
    _fonts(pdf)
    pdf.set_margins(18, 16, 18)
    pdf.set_auto_page_break(True, margin=20)
    pdf.set_title(texts.title)
    pdf.set_creator("osteoscreen")
    pdf.set_lang("en")
    pdf.add_page()
    width = pdf.epw

    def para(text: str, size: float = 12.5, style: str = "", gap: float = 1.5) -> None:
        pdf.set_font(FONT, style, size)
        pdf.multi_cell(width, size * 0.5, text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(gap)

    def heading(text: str, colour: tuple[int, int, int] = INK) -> None:
        if pdf.will_page_break(28):  # keep a heading with the lines that follow it
            pdf.add_page()
        pdf.ln(2)
        pdf.set_text_color(*colour)
        para(text, size=15.5, style="B", gap=1)
        pdf.set_text_color(*INK)

    pdf.set_text_color(*INK)
    para(texts.title, size=22, style="B", gap=1)
    answered = word(
        report.answered_by_caregiver if who == "caregiver" else report.answered_by_self, who
    )
    para(
        f"{word(report.date_label, who)}: {on.day} {on:%B %Y}     "
        f"{word(report.answered_by_label, who)}: {answered}",
        size=11,
        gap=2,
    )
    para(texts.intro, gap=2)
    pdf.set_fill_color(*NOTICE_FILL)
    pdf.set_font(FONT, "", 11.5)
    pdf.multi_cell(
        width,
        5.6,
        texts.notice,
        fill=True,
        padding=3,
        align="L",
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )
    pdf.ln(2)
    for line in opening(result):
        if line:
            para(line)

    for title, items in headed_items(result):
        priority = items[0][1].kind == "priority"
        heading(title, RED if priority else INK)
        for number, item in items:
            text = f"{number}. {item.text}" + (f"\n**{item.note}**" if item.note else "")
            pdf.set_font(FONT, "", 12.5)
            if priority:
                pdf.set_fill_color(*PRIORITY_FILL)
                pdf.set_draw_color(*RED)
            pdf.multi_cell(
                width,
                6.2,
                text,
                markdown=True,
                fill=priority,
                align="L",
                border="L" if priority else 0,
                padding=Padding(top=1.5, right=3, bottom=1.5, left=3),
                new_x=XPos.LMARGIN,
                new_y=YPos.NEXT,
            )
            pdf.ln(1)
    for line in skipped_lines(result):
        if line:
            para(line, size=11.5)

    if result.flags:
        numbers = _source_numbers(result)
        heading(texts.factors_heading)
        # Most factors are established: one line says so, and only an emerging
        # factor carries its words, to keep the summary within two pages.
        para(word(report.evidence_note, who), size=10.5, gap=1)
        # With very many factors, titles only: the screen has every explanation.
        brief = len(result.flags) > BRIEF_OVER
        for group in result.groups:
            flags = result.flags_in(group.id)
            if not flags:
                continue
            pdf.set_font(FONT, "B", 11.5)
            pdf.set_text_color(*BLUE)
            pdf.multi_cell(width, 6, group.title, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            pdf.set_text_color(*INK)
            lines = []
            for flag in flags:
                refs = ", ".join(
                    str(n) for n in sorted({numbers[_source_key(s)] for s in flag.sources})
                )
                lines.append(
                    f"**{flag.title}**"
                    + ("" if brief else f". {first_sentence(flag.explanation)}")
                    + (f" __{flag.evidence_text}__" if flag.evidence == "emerging" else "")
                    + f" [{refs}]"
                )
            # Brief: one paragraph per group, the factors separated by semicolons.
            for line in ["; ".join(lines)] if brief else lines:
                pdf.set_font(FONT, "", 11)
                pdf.multi_cell(
                    width,
                    5.3,
                    line,
                    markdown=True,
                    align="L",
                    new_x=XPos.LMARGIN,
                    new_y=YPos.NEXT,
                )
                pdf.ln(0.3)
            pdf.ln(1)

        # The source list stays with the summary when it fits; otherwise it opens
        # the appendix, so the person's own pages never run past two.
        moved = pdf.will_page_break(24 + 10 * len(numbers))
        if moved:
            pdf.add_page()
        heading(word(report.sources_heading, who))
        para(word(report.sources_intro, who), size=10, gap=1)
        for key, n in numbers.items():
            title, where = key
            para(f"{n}. {title}" + (f" ({where})" if where else ""), size=10, gap=0.3)

        if not moved:
            pdf.add_page()
        heading(word(report.appendix_heading, who))
        for flag in result.flags:
            pdf.set_font(FONT, "B", 10)
            pdf.multi_cell(width, 5, flag.title, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            for source in flag.sources:
                n = numbers[_source_key(source)]
                words = f"“{source.quote}”" if source.kind == "seed" else source.point or ""
                para(f"[{n}] {words}", size=9.5, gap=0.3)
            pdf.ln(1)
    return bytes(pdf.output())
