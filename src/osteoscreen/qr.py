"""The kiosk's QR code: the summary as plain text, for the person's own phone.

The code holds the text itself, never a link: scanning it shows the list on
the phone, and nothing is stored on the tablet or the server. To stay easy
for a phone camera to read from a tablet screen, the code is kept to at most
version 25 (117 x 117 modules) with error correction M. When the full text
is too long, a shorter form is used that still lists every doctor item and
every question skipped or not known (at the shortest, the "find out" items
share one line).
"""

from __future__ import annotations

import html
import io

import segno
from segno import consts, encoder

from osteoscreen.model import Rules, word
from osteoscreen.result import Result
from osteoscreen.summary import incomplete_list

MAX_VERSION = 25
ERROR = "m"


def _lines(
    rules: Rules, result: Result, *, short: bool, factors: bool, joined: bool = False
) -> list[str]:
    who = result.respondent
    report = rules.report
    items = {d.id: d for d in rules.doctor_items}
    lines = [result.texts.title]
    if result.all_clear and not short:
        lines.append(result.texts.all_clear)
    elif not result.all_clear and not result.flags and not short:
        lines.append(result.texts.none_matched)
    # The unknown answers are named by their "find out" items below.
    missing = incomplete_list(result, besides_follow_ups=True)
    if missing:
        lines.append(f"{result.texts.incomplete_heading}: {missing}")
    find_out = word(report.qr_find_out_label, who)
    numbered = list(enumerate(result.summary, 1))
    for number, item in numbered:
        if item.kind == "find_out":
            if joined:
                continue
            text = f"{find_out}: {item.reasons[0]}" if short else item.text
        else:
            text = word(items[item.id].short, who) if short else item.text
        lines.append(f"{number}. {text}")
    rest = [(n, i) for n, i in numbered if i.kind == "find_out"]
    if joined and rest:
        span = f"{rest[0][0]}-{rest[-1][0]}" if len(rest) > 1 else str(rest[0][0])
        lines.append(f"{span}. {find_out}: " + "; ".join(i.reasons[0] for _, i in rest))
    if factors and result.flags:
        lines.append(
            f"{word(report.qr_factors_label, who)}: " + "; ".join(f.title for f in result.flags)
        )
    lines.append(word(report.footer, who))
    return lines


def qr_text(rules: Rules, result: Result) -> str:
    """The longest form of the summary text that fits the QR size limit."""
    forms = [
        dict(short=False, factors=True),
        dict(short=True, factors=True),
        dict(short=True, factors=False),
        dict(short=True, factors=False, joined=True),
    ]
    for form in forms:
        text = "\n".join(_lines(rules, result, **form))
        if fits(text):
            return text
    raise ValueError("the summary does not fit a QR code even in its shortest form")


def fits(text: str) -> bool:
    """Does the text fit a code of at most MAX_VERSION? (Sized by segno's own
    encoder, without drawing the code: a thousand times faster.)"""
    try:
        segments = encoder.prepare_data(text, None, "utf-8")  # type: ignore[no-untyped-call]
        version = encoder.find_version(  # type: ignore[no-untyped-call]
            segments, consts.ERROR_LEVEL_M, eci=False, micro=False
        )
    except segno.DataOverflowError:
        return False
    return int(version) <= MAX_VERSION


def qr_code(text: str) -> segno.QRCode:
    return segno.make_qr(text, error=ERROR, boost_error=False, encoding="utf-8")


def qr_img(text: str, label: str) -> str:
    """The code as an `<img>` holding an SVG data URI, with `label` as its text alternative.

    A data URI keeps the page free of any request, and an `<img>` survives the
    HTML sanitiser that strips inline SVG.
    """
    uri = qr_code(text).svg_data_uri(scale=4, border=4)
    return f'<img class="qr" src="{uri}" alt="{html.escape(label, quote=True)}">'


def qr_png(text: str, scale: int = 6) -> bytes:
    buffer = io.BytesIO()
    qr_code(text).save(buffer, kind="png", scale=scale, border=4)
    return buffer.getvalue()
