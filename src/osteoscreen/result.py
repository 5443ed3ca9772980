"""What an evaluation produces: plain data, already worded for its reader.

Everything here is ready to show: the UI, the command line and the exports
render these objects and decide nothing themselves.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

from osteoscreen.model import Respondent


class Out(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Because(Out):
    """One answer that raised a flag: 'Age: 67'."""

    question: str
    label: str
    answer: str


class SourceOut(Out):
    """A source, resolved to what a reader sees."""

    kind: Literal["seed", "guideline"]
    title: str
    quote: str | None = None
    document: str | None = None
    file: str | None = None
    where: str | None = None
    point: str | None = None


class FlagResult(Out):
    id: str
    title: str
    group: str
    group_title: str
    changeable: bool
    explanation: str
    action: str
    note: str | None = None
    because: list[Because]
    sources: list[SourceOut]
    doctor_items: list[str]
    evidence: Literal["established", "emerging"]
    evidence_text: str


class FollowUp(Out):
    """An 'I don't know' answer that could hide a flag: something to find out."""

    question: str
    label: str
    answer: str
    text: str


class Missing(Out):
    """A question that could raise a flag but has no known answer: skipped, unknown or
    withheld. While any is left, the all-clear is never given."""

    question: str
    label: str
    answer: str | None = None


class SummaryItem(Out):
    """One line of the 'talk to your doctor' summary."""

    id: str
    kind: Literal["priority", "ask", "find_out"]
    text: str
    note: str | None = None
    reasons: list[str]


class GroupOut(Out):
    id: str
    title: str
    changeable: bool


class SummaryTexts(Out):
    title: str
    intro: str
    notice: str
    all_clear: str
    none_matched: str
    none_matched_with_items: str
    incomplete_heading: str
    because: str
    priority_heading: str
    ask_heading: str
    find_out_heading: str
    factors_heading: str


class Result(Out):
    """The outcome for one set of answers. No score, total or level: by design."""

    respondent: Respondent
    flags: list[FlagResult]
    follow_ups: list[FollowUp]
    summary: list[SummaryItem]
    all_clear: bool
    incomplete: list[Missing]
    unanswered: list[str]
    groups: list[GroupOut]
    texts: SummaryTexts

    def flags_in(self, group: str) -> list[FlagResult]:
        return [f for f in self.flags if f.group == group]

    def items(self, kind: str) -> list[SummaryItem]:
        return [i for i in self.summary if i.kind == kind]

    @property
    def opening_text(self) -> str | None:
        """What the results and summary say first when no factor applies: the all-clear
        (everything known, nothing to talk about), "none matched, but some questions were
        skipped or not known" (only when some were), or "none matched, but there is
        something to talk about" (a bone medicine, say). None when a factor applies."""
        if self.all_clear:
            return self.texts.all_clear
        if self.flags:
            return None
        if self.incomplete:
            return self.texts.none_matched
        return self.texts.none_matched_with_items

    @property
    def incomplete_ids(self) -> list[str]:
        return [m.question for m in self.incomplete]
