"""The PDF report: the "talk to your doctor" summary on one or two printed pages.

The report is in the language the person chose, and after the person's pages
comes the same summary in the clinic's language, for the doctor, when the two
differ (`clinic`): so the doctor can read what the person reads.

Set in Atkinson Hyperlegible (Braille Institute, OFL-1.1), a typeface made for
low-vision readers, taken from its Python package so that every character of
the rule file (curly quotes, dashes, accents) prints as written. A language
written in another script is set in a typeface for that script, found by the
script's name (`FACES`; Babel knows each language's script): Simplified Chinese
in Noto Sans SC (OFL-1.1) from the `zhplot` package, which also has the Latin
letters of the English quotes. Such a face may have no bold or italic: its bold
is drawn by outlining the strokes, and it has no italic. A text with characters
of a script written without spaces between words (Chinese, Japanese) wraps by
character, any other by word. No name is ever asked, so none is printed; the
PDF's metadata holds no personal detail.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from importlib.resources import as_file, files
from typing import Any, Literal

from babel.dates import format_date
from fpdf import FPDF
from fpdf.enums import MethodReturnValue, TextMode, WrapMode, XPos, YPos
from fpdf.util import Padding

from osteoscreen.model import Rules, SeedQuote, word
from osteoscreen.problem import Problem
from osteoscreen.result import Result, SourceOut
from osteoscreen.scripts import is_wide, language_name, locale_of, marks_for, script_of
from osteoscreen.summary import headed_items, opening, skipped_lines
from osteoscreen.translation import texts as texts_of

Paper = Literal["a4", "letter"]
FONT = "Atkinson"
INK = (26, 29, 33)
RED = (164, 22, 26)
BLUE = (11, 95, 165)
NOTICE_FILL = (232, 241, 251)
PRIORITY_FILL = (255, 244, 244)
BRIEF_OVER = 22  # more factors than this are listed by title, to stay within two pages


@dataclass(frozen=True)
class Level:
    """How compactly a copy is set: factors by title only, and a scale for the type."""

    brief: bool
    scale: float


# Tried in turn until the summary (before the sources) fits two pages.
LEVELS = (Level(False, 1.0), Level(True, 1.0), Level(True, 0.92), Level(True, 0.85))
SOURCE_LANGUAGE = "en"  # the rule file's own language: its seed quotes are in it


@dataclass(frozen=True)
class Face:
    """A typeface from a Python package: its family name and its file per style."""

    family: str
    package: str
    styles: tuple[tuple[str, str], ...]  # ("" | "B" | "I" | "BI", file in the package)

    def has(self, style: str) -> bool:
        return style in dict(self.styles)

    def file(self, style: str = "") -> str:
        return dict(self.styles)[style]


LATIN = Face(
    FONT,
    "fontpkg_atkinson_hyperlegible",
    (
        ("", "files/AtkinsonHyperlegible-Regular.ttf"),
        ("B", "files/AtkinsonHyperlegible-Bold.ttf"),
        ("I", "files/AtkinsonHyperlegible-Italic.ttf"),
        ("BI", "files/AtkinsonHyperlegible-BoldItalic.ttf"),
    ),
)
# The typeface of each script (ISO 15924 code, as Babel names it). A language
# in a script not listed here cannot be printed: `font_problems` says so.
FACES: dict[str, Face] = {
    "Latn": LATIN,
    "Hans": Face("NotoSansSC", "zhplot", (("", "fonts/NotoSansSC-Regular.ttf"),)),
}


def face_of(code: str) -> Face:
    """The typeface a language's script is printed in (ValueError when there is none)."""
    script = script_of(code)
    if script not in FACES:
        raise ValueError(
            f"no typeface for the {script} script of '{code}': add one to osteoscreen.report.FACES"
        )
    return FACES[script]


@functools.cache
def _coverage(face: Face) -> frozenset[int]:
    from fontTools.ttLib import TTFont  # type: ignore[import-untyped]

    with as_file(files(face.package) / face.file()) as path:
        font = TTFont(str(path), lazy=True)
        covered = frozenset(int(c) for c in font.getBestCmap())
        font.close()
    return covered


def missing_glyphs(rules: Rules, code: str) -> dict[str, str]:
    """For rules in a language (see `languages.in_language`): each place whose text has
    characters that the language's typeface cannot print (the English quotes
    included), with those characters. Empty when the PDF can print every text."""
    covered = _coverage(face_of(code))
    quotes = [
        (f"flags[{f.id}].sources[{i}].quote", s.quote)
        for f in rules.flags
        for i, s in enumerate(f.sources)
        if isinstance(s, SeedQuote)
    ]
    found: dict[str, str] = {}
    for place, text in [*texts_of(rules), *quotes]:
        lacking = sorted({c for c in text if ord(c) not in covered and not c.isspace()})
        if lacking:
            found[place] = "".join(lacking)
    return found


def font_problems(rules: Rules, code: str) -> list[Problem]:
    """What stops a language's PDF from printing (for `osteoscreen check`, on the rules
    in that language): a script with no typeface, or a text with characters its
    typeface has no glyph for, placed at the text."""
    try:
        face = face_of(code)
        lacking = missing_glyphs(rules, code)
    except ValueError as error:
        return [Problem("", str(error), kind="no typeface")]
    return [
        Problem(
            place,
            f"the PDF's typeface ({face.family}) cannot print {chars!r}",
            kind="no glyph",
        )
        for place, chars in lacking.items()
    ]


class _Report(FPDF):
    """A page with a footer: the tool's one-line disclaimer and the page number.

    The footer's words are those of the copy the page belongs to (the person's,
    then the clinic's), set when that copy starts."""

    footer_text = ""
    page_text = ""
    family = FONT

    def footer(self) -> None:
        self.set_y(-14)
        self.set_font(self.family, size=9)
        self.set_text_color(80, 86, 94)
        page = self.page_text.replace("{page}", str(self.page_no())).replace("{pages}", "{nb}")
        self.cell(0, 5, self.footer_text, new_x=XPos.RIGHT, new_y=YPos.TOP)
        self.set_x(self.l_margin)
        self.cell(0, 5, page, align="R")


def _fonts(pdf: FPDF, faces: list[Face]) -> None:
    """Each copy's face, all its styles. (One face per copy, never fpdf2's fallback
    fonts: with 2.8.9, a line that starts in a fallback font can leave the next
    line with no font at all.)"""
    for face in faces:
        for style, name in face.styles:
            with as_file(files(face.package) / name) as path:
                pdf.add_font(face.family, style, str(path))


# A sentence ends at . ! ? followed by a space (or the end), or at a full-width
# 。！？ (which no space follows).
_SENTENCE = re.compile(r"(.+?(?:[.!?](?=\s|$)|[。！？]))")


def first_sentence(text: str) -> str:
    """The first sentence of an explanation, for a one-line reminder."""
    match = _SENTENCE.match(text)
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


def long_date(on: date, code: str) -> str:
    """A date written out in a language: "21 November 2026", "21 de noviembre de 2026"."""
    if code == SOURCE_LANGUAGE:
        return f"{on.day} {on:%B %Y}"
    return str(format_date(on, "long", locale=locale_of(code)))


@dataclass(frozen=True)
class Copy:
    """The summary in one language: the rules in that language (see
    `languages.in_language`), the result worded with them, and the language's code."""

    rules: Rules
    result: Result
    language: str = SOURCE_LANGUAGE


def pdf_report(
    rules: Rules,
    result: Result,
    *,
    on: date,
    paper: Paper = "a4",
    language: str = SOURCE_LANGUAGE,
    clinic: Copy | None = None,
    clinic_heading: str | None = None,
) -> bytes:
    """The summary as PDF bytes, in `language` (the rules and result must be in it).

    With `clinic` (the same answers worded in the clinic's language) in another
    language, the same summary follows for the doctor, under a heading saying so:
    `clinic_heading` if given, else the clinic rules' `report.clinic_copy_heading`;
    its `{language}` is the person's language, named in the clinic's."""
    person = Copy(rules, result, language)
    copies = [person]
    heading = ""
    if clinic is not None and clinic.language != language:
        copies.append(clinic)
        heading = _clinic_heading(clinic, clinic_heading).replace(
            "{language}", language_name(language, clinic.language)
        )
    # Each copy's summary keeps to two pages: a language whose words run longer
    # is set more compactly, one step at a time, until it fits (`LEVELS`).
    levels = [0] * len(copies)
    while True:
        pdf = _Report(format="A4" if paper == "a4" else "Letter")
        _fonts(pdf, list(dict.fromkeys(face_of(c.language) for c in copies)))
        pdf.set_margins(18, 16, 18)
        pdf.set_auto_page_break(True, margin=20)
        pdf.set_title(result.texts.title)
        pdf.set_creator("osteoscreen")
        pdf.set_lang(language)
        pages = [
            _write(pdf, copy, on, heading=heading if i else "", level=levels[i])
            for i, copy in enumerate(copies)
        ]
        over = [i for i, n in enumerate(pages) if n > 2 and levels[i] < len(LEVELS) - 1]
        if not over:
            return bytes(pdf.output())
        for i in over:
            levels[i] += 1


def _clinic_heading(clinic: Copy, given: str | None) -> str:
    if given is not None:
        return given
    return word(clinic.rules.report.clinic_copy_heading, clinic.result.respondent)


# Chinese line breaking (the simple rules of GB/T 15834 and W3C clreq): no line
# starts with closing punctuation, none ends with opening punctuation.
NO_LINE_START = frozenset("，。、；：？！）》」』”’…—·%")
NO_LINE_END = frozenset("（《「『“‘")


def _line_breaks(text: str, lines: Callable[[str], list[str]]) -> str:
    """Wide text with its line breaks made explicit, a character carried over to the
    next line wherever a line would start with closing (or end with opening)
    punctuation. `lines` gives the lines fpdf2 would break a text into."""
    for _ in range(8):  # a carried character may push its new line over: break again
        broken = list(lines(text))
        fixed = False
        for i in range(1, len(broken)):
            before, here = broken[i - 1], broken[i]
            carry = 1 if here[:1] in NO_LINE_START or before[-1:] in NO_LINE_END else 0
            if carry and len(before) > 2:
                broken[i - 1], broken[i] = before[:-carry], before[-carry:] + here
                fixed = True
        text = "\n".join(broken)
        if not fixed:
            break
    return text


def _write(pdf: _Report, copy: Copy, on: date, *, heading: str = "", level: int = 0) -> int:
    """One copy of the summary, from a new page: the person's, or the clinic's under
    its `heading`, set as compactly as `LEVELS[level]` says. Returns how many pages
    its summary took, before the sources and the appendix."""
    rules, result, code = copy.rules, copy.result, copy.language
    who = result.respondent
    texts = result.texts
    report = rules.report
    face = face_of(code)
    family = face.family
    marks = marks_for(texts.title)
    # A face without bold and italic (Noto Sans SC here) cannot take markdown: its
    # bold texts are printed on their own, outlined.
    rich = face.has("B") and face.has("I")
    zoom = LEVELS[level].scale
    pdf.add_page()
    start = pdf.page_no()
    pdf.family = family
    pdf.footer_text = word(report.footer, who)
    pdf.page_text = word(report.page_label, who)
    width = pdf.epw

    def font(style: str, size: float) -> None:
        pdf.set_font(family, style if face.has(style) else "", size * zoom)

    def cell(
        text: str,
        height: float,
        *,
        markdown: bool = False,
        fill: bool = False,
        border: Literal[0, 1] | str = 0,
        padding: int | Padding = 0,
    ) -> None:
        wide = is_wide(text)

        def lines(text: str, dry_run: bool = True) -> Any:
            return pdf.multi_cell(
                width,
                height * zoom,
                text,
                align="L",
                wrapmode=WrapMode.CHAR if wide else WrapMode.WORD,
                markdown=markdown and rich,
                fill=fill,
                border=border,
                padding=padding,
                new_x=XPos.LMARGIN,
                new_y=YPos.NEXT,
                dry_run=dry_run,
                output=MethodReturnValue.LINES,
            )

        if wide and not (markdown and rich):
            text = _line_breaks(text, lines)
        lines(text, dry_run=False)

    def bold(
        text: str, size: float, height: float, colour: tuple[int, int, int] = INK, **more: Any
    ) -> None:
        font("B", size)
        pdf.set_text_color(*colour)
        if not face.has("B"):
            pdf.set_draw_color(*colour)
            pdf.set_line_width(size * zoom / 60)
            pdf.text_mode = TextMode.FILL_STROKE
        cell(text, height, **more)
        pdf.text_mode = TextMode.FILL
        pdf.set_text_color(*INK)

    def para(text: str, size: float = 12.5, style: str = "", gap: float = 1.5) -> None:
        font(style, size)
        cell(text, size * 0.5)
        pdf.ln(gap)

    def headline(text: str, colour: tuple[int, int, int] = INK) -> None:
        if pdf.will_page_break(28):  # keep a heading with the lines that follow it
            pdf.add_page()
        pdf.ln(2)
        bold(text, 15.5, 15.5 * 0.5, colour)
        pdf.ln(1)

    pdf.set_text_color(*INK)
    if heading:
        bold(heading, 13, 6.5, BLUE)
        pdf.ln(3)
    bold(texts.title, 22, 11)
    pdf.ln(1)
    answered = word(
        report.answered_by_caregiver if who == "caregiver" else report.answered_by_self, who
    )
    para(
        f"{word(report.date_label, who)}{marks.colon}{long_date(on, code)}     "
        f"{word(report.answered_by_label, who)}{marks.colon}{answered}",
        size=11,
        gap=2,
    )
    para(texts.intro, gap=2)
    pdf.set_fill_color(*NOTICE_FILL)
    font("", 11.5)
    cell(texts.notice, 5.6, fill=True, padding=3)
    pdf.ln(2)
    for line in opening(result):
        if line:
            para(line)

    for title, items in headed_items(result):
        priority = items[0][1].kind == "priority"
        headline(title, RED if priority else INK)
        for number, item in items:
            text = f"{number}. {item.text}"
            box: dict[str, Any] = {"fill": priority, "border": "L" if priority else 0}
            if priority:
                pdf.set_fill_color(*PRIORITY_FILL)
                pdf.set_draw_color(*RED)
                pdf.set_line_width(0.2)
            font("", 12.5)
            if item.note and rich:
                text += f"\n**{item.note}**"
            elif item.note:  # the note (a safety sentence) in bold, on its own
                cell(text, 6.2, padding=Padding(top=1.5, right=3, bottom=0, left=3), **box)
                text = item.note
                pdf.set_draw_color(*RED)
                bold(text, 12.5, 6.2, padding=Padding(top=0, right=3, bottom=1.5, left=3), **box)
                pdf.ln(1)
                continue
            cell(
                text,
                6.2,
                markdown=True,
                padding=Padding(top=1.5, right=3, bottom=1.5, left=3),
                **box,
            )
            pdf.ln(1)
    for line in skipped_lines(result):
        if line:
            para(line, size=11.5)

    if not result.flags:
        return pdf.page_no() - start + 1
    numbers = _source_numbers(result)
    headline(texts.factors_heading)
    # Most factors are established: one line says so, and only an emerging
    # factor carries its words, to keep the summary within two pages.
    para(word(report.evidence_note, who), size=10.5, gap=1)
    # With very many factors, titles only: the screen has every explanation.
    brief = LEVELS[level].brief or len(result.flags) > BRIEF_OVER
    for group in result.groups:
        flags = result.flags_in(group.id)
        if not flags:
            continue
        bold(group.title, 11.5, 6, BLUE)
        lines = []
        for flag in flags:
            refs = ", ".join(
                str(n) for n in sorted({numbers[_source_key(s)] for s in flag.sources})
            )
            title = f"**{flag.title}**" if rich else flag.title
            evidence = f"__{flag.evidence_text}__" if rich else flag.evidence_text
            lines.append(
                title
                + ("" if brief else f"{marks.stop}{first_sentence(flag.explanation)}")
                + (f" {evidence}" if flag.evidence == "emerging" else "")
                + f" [{refs}]"
            )
        # Brief: one paragraph per group, the factors separated by semicolons.
        for line in [marks.list.join(lines)] if brief else lines:
            font("", 11)
            cell(line, 5.3, markdown=True)
            pdf.ln(0.3)
        pdf.ln(1)

    pages = pdf.page_no() - start + 1
    # The source list stays with the summary when it fits; otherwise it opens
    # the appendix, so the person's own pages never run past two.
    moved = pdf.will_page_break(24 + 10 * len(numbers))
    if moved:
        pdf.add_page()
    headline(word(report.sources_heading, who))
    para(word(report.sources_intro, who), size=10, gap=1)
    for key, n in numbers.items():
        title, where = key
        para(f"{n}. {title}" + (f" ({where})" if where else ""), size=10, gap=0.3)

    if not moved:
        pdf.add_page()
    headline(word(report.appendix_heading, who))
    # In a translation, each seed quote says that it is in English, as on the screen.
    in_english = word(rules.ui.quote_in_english, who) if code != SOURCE_LANGUAGE else ""
    for flag in result.flags:
        bold(flag.title, 10, 5)
        for source in flag.sources:
            n = numbers[_source_key(source)]
            if source.kind == "seed":
                para(f"[{n}] “{source.quote}”", size=9.5, gap=0.3)
                if in_english:
                    para(in_english, size=9, style="I", gap=0.3)
            else:
                para(f"[{n}] {source.point or ''}", size=9.5, gap=0.3)
        pdf.ln(1)
    return pages
