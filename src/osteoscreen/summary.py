"""The "talk to your doctor" summary: its ordered items, and its plain-text form.

Order: the priority item ("see a doctor soon") first, then the questions to
ask in the rule file's order (each once, whatever number of flags raised it),
then the things to find out.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from osteoscreen.model import Respondent, Rules, word
from osteoscreen.result import (
    FlagResult,
    FollowUp,
    GroupOut,
    Result,
    SummaryItem,
    SummaryTexts,
)
from osteoscreen.scripts import LATIN_MARKS, WIDE_MARKS, is_wide


def build_summary(
    rules: Rules,
    flags: list[FlagResult],
    follow_ups: list[FollowUp],
    who: Respondent,
    own: Mapping[str, list[str] | None] | None = None,
    parts: Mapping[str, Sequence[int]] | None = None,
) -> list[SummaryItem]:
    """The doctor items raised by these flags or by their own condition (`own`: item id
    -> its reasons, or None when the condition does not hold), each with the `parts` of
    its text that hold, then one find-out item per follow-up (once per text: an unknown
    weight and height both ask to be weighed and measured)."""
    raised: dict[str, list[str]] = {}
    for flag in flags:
        for item_id in flag.doctor_items:
            raised.setdefault(item_id, []).append(flag.title)
    for item_id, why in (own or {}).items():
        if why is not None:
            known = raised.setdefault(item_id, [])
            known += [r for r in why if r not in known]
    asked = [d for d in rules.doctor_items if d.id in raised]
    ordered = [d for d in asked if d.priority] + [d for d in asked if not d.priority]
    items = [
        SummaryItem(
            id=d.id,
            kind="priority" if d.priority else "ask",
            text=d.worded(who, (parts or {}).get(d.id, ())),
            note=word(d.note, who) if d.note else None,
            reasons=raised[d.id],
        )
        for d in ordered
    ]
    texts: dict[str, SummaryItem] = {}
    for f in follow_ups:
        if f.text in texts:  # the same find-out text: one item, naming each question
            texts[f.text].reasons.append(f.label)
            continue
        texts[f.text] = SummaryItem(
            id=f"find_out_{f.question}", kind="find_out", text=f.text, reasons=[f.label]
        )
    return items + list(texts.values())


def summary_texts(rules: Rules, who: Respondent) -> SummaryTexts:
    t = rules.texts
    return SummaryTexts(
        title=word(t.summary_title, who),
        intro=word(t.summary_intro, who),
        notice=word(t.notice, who),
        all_clear=word(t.all_clear, who),
        none_matched=word(t.none_matched, who),
        none_matched_with_items=word(t.none_matched_with_items, who),
        incomplete_heading=word(t.incomplete_heading, who),
        because=word(t.because, who),
        priority_heading=word(t.priority_heading, who),
        ask_heading=word(t.ask_heading, who),
        find_out_heading=word(t.find_out_heading, who),
        factors_heading=word(t.factors_heading, who),
    )


def group_outs(rules: Rules, who: Respondent) -> list[GroupOut]:
    return [
        GroupOut(id=g.id, title=word(g.title, who), changeable=g.changeable) for g in rules.groups
    ]


Numbered = list[tuple[int, SummaryItem]]


def headed_items(result: Result) -> list[tuple[str, Numbered]]:
    """The summary items under their headings, numbered 1, 2, 3... across all headings,
    leaving out empty headings."""
    t = result.texts
    numbered = list(enumerate(result.summary, 1))
    sections = [
        (heading, [(n, item) for n, item in numbered if item.kind == kind])
        for heading, kind in (
            (t.priority_heading, "priority"),
            (t.ask_heading, "ask"),
            (t.find_out_heading, "find_out"),
        )
    ]
    return [(heading, items) for heading, items in sections if items]


def opening(result: Result) -> list[str]:
    """The lines before the doctor items: the all-clear, or "none matched the answers
    given" (never a silent all-clear; the skipped questions follow the items)."""
    text = result.opening_text
    return [text, ""] if text else []


def skipped_lines(result: Result) -> list[str]:
    """After the doctor items: the questions skipped or not known (the priority item leads)."""
    if not result.incomplete:
        return []
    heading = result.texts.incomplete_heading
    marks = WIDE_MARKS if is_wide(heading) else LATIN_MARKS
    return [heading + marks.colon + incomplete_list(result), ""]


def incomplete_list(result: Result, *, besides_follow_ups: bool = False) -> str:
    """The questions skipped or not known, e.g. "Falls in the past year (I don't know)".

    `besides_follow_ups` leaves out the ones a "find out" item already names.
    """
    named = {f.question for f in result.follow_ups} if besides_follow_ups else set()
    shown = [m for m in result.incomplete if m.question not in named]
    wide = is_wide("".join(m.label for m in shown))  # Chinese: full-width marks, no spaces
    marks = WIDE_MARKS if wide else LATIN_MARKS
    opening, closing = ("（", "）") if wide else (" (", ")")
    return marks.list.join(
        f"{m.label}{opening}{m.answer}{closing}" if m.answer else m.label for m in shown
    )


def as_text(result: Result) -> str:
    """The summary as a person would read it on paper: numbered items under headings."""
    t = result.texts
    lines = [t.title, "", t.intro, ""]
    lines += opening(result)
    for heading, items in headed_items(result):
        lines.append(heading)
        for number, item in items:
            lines.append(f"{number}. {item.text}")
            if item.note:
                lines.append(f"   {item.note}")
        lines.append("")
    lines += skipped_lines(result)
    if result.flags:
        lines.append(t.factors_heading)
        for group in result.groups:
            for flag in result.flags_in(group.id):
                lines.append(f"- {flag.title} ({group.title})")
        lines.append("")
    lines.append(t.notice)
    return "\n".join(lines) + "\n"
