"""The results screen and the "talk to your doctor" summary. They draw the engine's Result."""

from __future__ import annotations

import html
import json
import logging
from datetime import UTC, date, datetime

import streamlit as st

from osteoscreen.engine import evaluate
from osteoscreen.fhir import response_bundle
from osteoscreen.languages import SOURCE, Language
from osteoscreen.model import Rules
from osteoscreen.model import word as model_word
from osteoscreen.qr import qr_img, qr_text
from osteoscreen.report import Copy, pdf_report
from osteoscreen.result import FlagResult, Result
from osteoscreen.summary import headed_items
from osteoscreen.ui import cache, downloads, state
from osteoscreen.ui.text import md_text, word

log = logging.getLogger("osteoscreen")
Clinic = tuple[Rules, str]  # the rules in the clinic's language, and its code


def render_results(rules: Rules, result: Result, lang: Language) -> None:
    who = result.respondent
    ui = rules.ui
    st.title(word(ui.results_title, who), anchor=False)
    st.write(word(ui.results_intro, who) if result.flags else "")
    _opening(result)
    if result.flags:
        st.header(word(ui.chart_title, who), anchor=False)
        chart = cache.chart_spec(
            result,
            language=lang.code,
            changeable=word(ui.chart_changeable, who),
            fixed=word(ui.chart_fixed, who),
            description=word(ui.chart_description, who),
        )
        st.vega_lite_chart(chart, width="stretch")
        for group in result.groups:
            flags = result.flags_in(group.id)
            if flags:
                st.header(md_text(group.title), anchor=False)
                for flag in flags:
                    _flag(rules, result, flag, lang)

    if result.follow_ups:
        st.header(md_text(result.texts.find_out_heading), anchor=False)
        st.markdown("\n".join(f"- {md_text(f.text)}" for f in result.follow_ups))
    st.info(md_text(result.texts.notice))

    with st.container(key="nav", horizontal=True):
        st.button(
            word(ui.back, who),
            key="nav_back",
            on_click=state.go,
            args=("questions", len(rules.sections) - 1),
        )
        st.button(
            word(ui.to_summary, who),
            key="nav_next",
            type="primary",
            on_click=state.go,
            args=("summary",),
        )


def _opening(result: Result, *, listed: bool = True) -> None:
    """The all-clear only when every question that can raise a factor is known; otherwise
    "none matched the answers given" and (`listed`) the questions skipped or not known."""
    text = result.opening_text
    if result.all_clear and text:
        st.success(md_text(text))
        return
    if text:
        st.warning(md_text(text))
    if listed:
        _incomplete(result)


def _incomplete(result: Result) -> None:
    texts = result.texts
    if result.incomplete:
        with st.container(key="incomplete"):
            st.header(md_text(texts.incomplete_heading), anchor=False)
            st.markdown("\n".join(f"- {_line(m.label, m.answer)}" for m in result.incomplete))


def _line(label: str, answer: str | None) -> str:
    return md_text(f"{label} ({answer})" if answer else label)


def _flag(rules: Rules, result: Result, flag: FlagResult, lang: Language) -> None:
    who = result.respondent
    ui = rules.ui
    with st.container(border=True, key=f"flag_{flag.id}"):
        st.subheader(md_text(flag.title), anchor=False)
        st.markdown(md_text(flag.explanation))
        st.markdown(f"**{word(ui.action_label, who)}:** {md_text(flag.action)}")
        if flag.note:
            st.warning(md_text(flag.note))
        because = md_text("; ".join(f"{b.label}: {b.answer}" for b in flag.because))
        st.caption(f"{md_text(result.texts.because)}: {because}")
        st.caption(f"**{word(ui.evidence_label, who)}** {md_text(flag.evidence_text)}")
        with st.expander(f"{word(ui.sources_label, who)} ({len(flag.sources)})"):
            for i, source in enumerate(flag.sources):
                if source.kind == "seed":
                    # The article's own English words (and title), marked `lang="en"` on
                    # a translated screen, which says beside it that they are in English.
                    with st.container(key=f"quote_{flag.id}_{i}"):
                        st.markdown(
                            f"> {_quote(source.quote or '')}\n\n— *{md_text(source.title)}*"
                        )
                    if lang.code != SOURCE:
                        st.caption(word(ui.quote_in_english, who))
                else:
                    guideline = word(ui.guideline_label, who)
                    st.markdown(
                        f"**{guideline}: {md_text(source.title)}**. {md_text(source.point or '')}"
                        f"\n\n*{md_text(source.where or '')}*"
                    )


def _quote(text: str) -> str:
    """A quote shown as text, never as markup (quotes hold brackets and stars)."""
    return html.escape(text).replace("[", "\\[").replace("*", "\\*")


def _downloads(rules: Rules, result: Result, lang: Language, clinic: Clinic) -> None:
    """The PDF and the FHIR file, each made in memory only when its button is pressed,
    in the visit's language; the PDF then gives the same summary in the clinic's
    language for the doctor (when that is another one)."""
    who = result.respondent
    answers = dict(state.answers())
    clinic_rules, clinic_code = clinic

    def pdf_file() -> bytes:
        copy = Copy(clinic_rules, evaluate(clinic_rules, answers), clinic_code)
        return pdf_report(rules, result, on=date.today(), language=lang.code, clinic=copy)

    def fhir_file() -> str:
        authored = datetime.now(UTC).astimezone()
        bundle = response_bundle(rules, answers, authored=authored, language=lang.code)
        return json.dumps(bundle, indent=2, ensure_ascii=False)

    # Not printed: buttons and notes about files belong on the screen only.
    with st.container(key="noprint"):
        st.caption(word(rules.ui.print_tip, who))
        with st.container(key="downloads", horizontal=True):
            downloads.button(
                word(rules.ui.download_pdf, who),
                data=pdf_file,
                file_name="bone-health-summary.pdf",
                mime="application/pdf",
                key="download_pdf",
                type="primary",
            )
            downloads.button(
                word(rules.ui.download_fhir, who),
                data=fhir_file,
                file_name="bone-health-summary.fhir.json",
                mime="application/fhir+json",
                key="download_fhir",
            )
        st.caption(word(rules.ui.download_help, who))


def _qr(rules: Rules, result: Result) -> None:
    """The summary as a QR code of plain text, for the person's own phone."""
    who = result.respondent
    try:
        text = qr_text(rules, result)
    except ValueError as error:  # too long even in its shortest form: the list stays on screen
        log.error("QR code error: %s", error.__class__.__name__)
        return
    st.header(word(rules.ui.qr_heading, who), anchor=False)
    st.write(word(rules.ui.qr_help, who))
    st.html(qr_img(text, model_word(rules.ui.qr_label, who)))


def render_summary(
    rules: Rules, result: Result, lang: Language, *, kiosk: bool, clinic: Clinic
) -> None:
    """The "talk to your doctor" summary; `clinic` is the rules in the clinic's language
    and its code, for the doctor's copy in the PDF."""
    who = result.respondent
    ui = rules.ui
    texts = result.texts
    st.title(md_text(texts.title), anchor=False)
    st.markdown(md_text(texts.intro))
    _opening(result, listed=False)  # the priority item leads; the skipped list follows

    for heading, items in headed_items(result):
        st.header(md_text(heading), anchor=False)
        lines = []
        for number, item in items:
            lines.append(f"{number}. {md_text(item.text)}")
            if item.note:
                lines.append(f"   **{md_text(item.note)}**")
        body = "\n".join(lines)
        if items[0][1].kind == "priority":
            st.markdown(f"<div class='priority'>\n\n{body}\n\n</div>", unsafe_allow_html=True)
        else:
            st.markdown(body)

    _incomplete(result)
    if result.flags:
        st.header(md_text(texts.factors_heading), anchor=False)
        st.markdown(
            "\n".join(f"- {md_text(f.title)} ({md_text(f.group_title)})" for f in result.flags)
        )
    st.info(md_text(texts.notice))
    if kiosk:
        _qr(rules, result)
    else:
        _downloads(rules, result, lang, clinic)

    with st.container(key="nav", horizontal=True):
        st.button(
            word(ui.back_to_results, who), key="nav_back", on_click=state.go, args=("results",)
        )
        if kiosk:
            st.button(
                word(ui.finish, who),
                key="finish",
                type="primary",
                on_click=state.wipe,
                args=(word(ui.finished, who),),
            )
