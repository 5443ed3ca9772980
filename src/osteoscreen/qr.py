"""The kiosk's QR code: the summary as plain text, for the person's own phone.

The code holds the text itself, never a link: scanning it shows the list on
the phone, and nothing is stored on the tablet or the server. To stay easy
for a phone camera to read from a tablet screen, the code is kept to at most
version 25 (117 x 117 modules) with error correction M. When the full text
is too long, a shorter form is used that still lists every doctor item and
every question skipped or not known (at the shortest, the "find out" items
share one line).

The text is in the language of the rules and result it is given (see
`languages.in_language`): the same lines, with that language's punctuation
between them (full-width in Chinese). It is UTF-8 in byte mode, marked as
such (ECI 26): without the mark a reader guesses the encoding, and zbar read
Spanish "médico" as "m矇dico". A Chinese character takes three bytes of the
code's 996 and a Spanish accent two: every size here is measured in real
bytes, and `qr_problems` (run by `osteoscreen check` on the rules in every
bundled language) proves that the last form fits whatever the answers.
"""

from __future__ import annotations

import functools
import html
import io

import segno
from segno import consts, encoder

from osteoscreen.model import RESPONDENTS, Respondent, Rules, word
from osteoscreen.problem import Problem
from osteoscreen.result import Missing, Result, SummaryItem
from osteoscreen.scripts import marks_for
from osteoscreen.summary import incomplete_list

MAX_VERSION = 25
ERROR = "m"


Named = tuple[int, int]  # how many skipped questions, and how many "find out" labels, to name


def _more(rules: Rules, who: Respondent, count: int) -> str:
    """What stands for the names left out of a list: `report.qr_more`, "and 3 more"."""
    return word(rules.report.qr_more, who).replace("{count}", str(count))


def _named(rules: Rules, result: Result, names: list[str], keep: int | None) -> str:
    marks = marks_for(result.texts.title)
    if keep is None or keep >= len(names):
        return marks.list.join(names)
    return marks.list.join([*names[:keep], _more(rules, result.respondent, len(names) - keep)])


def _lines(
    rules: Rules,
    result: Result,
    *,
    short: bool,
    factors: bool,
    joined: bool = False,
    named: Named | None = None,
) -> list[str]:
    who = result.respondent
    report = rules.report
    items = {d.id: d for d in rules.doctor_items}
    marks = marks_for(result.texts.title)
    lines = [result.texts.title]
    if result.opening_text and not short:
        lines.append(result.opening_text)
    # The unknown answers are named by their "find out" items below.
    skipped = _skipped(result)
    if skipped:
        missing = _named(rules, result, skipped, named and named[0])
        lines.append(f"{result.texts.incomplete_heading}{marks.colon}{missing}")
    find_out = word(report.qr_find_out_label, who)
    numbered = list(enumerate(result.summary, 1))
    for number, item in numbered:
        if item.kind == "find_out":
            if joined:
                continue
            text = f"{find_out}{marks.colon}{item.reasons[0]}" if short else item.text
        elif short:  # a short text carries its safety note's point itself
            text = word(items[item.id].short, who)
        else:
            text = f"{item.text} {item.note}" if item.note else item.text
        lines.append(f"{number}. {text}")
    rest = [(n, i) for n, i in numbered if i.kind == "find_out"]
    if joined and rest:
        span = f"{rest[0][0]}-{rest[-1][0]}" if len(rest) > 1 else str(rest[0][0])
        reasons = _named(rules, result, [i.reasons[0] for _, i in rest], named and named[1])
        lines.append(f"{span}. {find_out}{marks.colon}{reasons}")
    if factors and result.flags:
        titles = marks.list.join(f.title for f in result.flags)
        lines.append(f"{word(report.qr_factors_label, who)}{marks.colon}{titles}")
    lines.append(word(report.footer, who))
    return lines


def _skipped(result: Result) -> list[str]:
    """The questions skipped or not known that no "find out" item names, one by one."""
    return [
        incomplete_list(result.model_copy(update={"incomplete": [m]}), besides_follow_ups=True)
        for m in result.incomplete
        if m.question not in {f.question for f in result.follow_ups}
    ]


def qr_text(rules: Rules, result: Result) -> str:
    """The longest form of the summary text that fits the QR size limit.

    The last form names as many of the skipped questions and the things to
    find out as fit, and says how many more there are ("+3"): every doctor
    item is always there, and every question that was skipped or is not known
    is at least counted. Raises ValueError only for rules that fail
    `qr_problems` (the doctor items alone do not fit)."""
    forms = [(False, True, False), (True, True, False), (True, False, False), (True, False, True)]
    for short, factors, joined in forms:
        text = "\n".join(_lines(rules, result, short=short, factors=factors, joined=joined))
        if fits(text):
            return text
    # Leave out names, one at a time from the longer list, until it fits.
    skipped = _skipped(result)
    finds = [i.reasons[0] for i in result.summary if i.kind == "find_out"]
    keep = [len(skipped), len(finds)]
    while keep != [0, 0]:
        sizes = [len("".join(skipped[: keep[0]]).encode()), len("".join(finds[: keep[1]]).encode())]
        side = 0 if sizes[0] >= sizes[1] and keep[0] else 1
        if not keep[side]:
            side = 1 - side
        keep[side] -= 1
        text = "\n".join(
            _lines(rules, result, short=True, factors=False, joined=True, named=(keep[0], keep[1]))
        )
        if fits(text):
            return text
    raise ValueError("the summary does not fit a QR code even in its shortest form")


def floor_text(rules: Rules, who: Respondent) -> str:
    """The shortest form of the longest summary there can be: every doctor item,
    every question with a "find out" item not known and every question that can
    raise a factor skipped (more than can be at once), in the last form (counted,
    not named). Any answers'
    last form is no longer than this, so when this fits, `qr_text` never fails."""
    from osteoscreen.engine import can_raise, evaluate  # the engine builds on nothing here

    template = evaluate(rules, {"respondent": who})
    follow = [q for q in rules.questions_in_order() if q.follow_up is not None]
    items = [
        SummaryItem(id=d.id, kind="priority" if d.priority else "ask", text="", reasons=[])
        for d in rules.doctor_items
    ]
    items += [
        SummaryItem(id=f"find_out_{q.id}", kind="find_out", text="", reasons=[q.label])
        for q in follow
    ]
    # At most every question that can raise a factor is skipped: counted, not named.
    skipped = [
        Missing(question=q.id, label=q.label)
        for q in rules.questions_in_order()
        if q.id in can_raise(rules)
    ]
    worst = template.model_copy(
        update={"summary": items, "incomplete": skipped, "follow_ups": [], "all_clear": False}
    )
    return "\n".join(_lines(rules, worst, short=True, factors=False, joined=True, named=(0, 0)))


def qr_problems(rules: Rules) -> list[Problem]:
    """The QR code's promise, for `osteoscreen check` (run it on the rules in each
    language): whatever the answers, the summary fits, with every doctor item."""
    problems = []
    for who in RESPONDENTS:
        size = len(floor_text(rules, who).encode())
        if size > capacity():
            problems.append(
                Problem(
                    "doctor_items",
                    f"with every doctor item, the QR code's shortest text ({who} wording) takes"
                    f" {size} bytes, more than the {capacity()} it holds; shorten the 'short'"
                    " texts",
                    kind="qr",
                )
            )
    return problems


@functools.cache
def capacity() -> int:
    """How many bytes of UTF-8 text the code holds (version MAX_VERSION, level ERROR)."""
    low, high = 1, 4000
    while low < high:
        middle = (low + high + 1) // 2
        low, high = (middle, high) if fits("x" * middle) else (low, middle - 1)
    return low


def fits(text: str) -> bool:
    """Does the text fit a code of at most MAX_VERSION? (Sized by segno's own
    encoder, without drawing the code: a thousand times faster.)"""
    try:
        segments = encoder.prepare_data(text, None, "utf-8")  # type: ignore[no-untyped-call]
        version = encoder.find_version(  # type: ignore[no-untyped-call]
            segments, consts.ERROR_LEVEL_M, eci=True, micro=False
        )
    except segno.DataOverflowError:
        return False
    return int(version) <= MAX_VERSION


def qr_code(text: str) -> segno.QRCode:
    return segno.make_qr(text, error=ERROR, boost_error=False, encoding="utf-8", eci=True)


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
