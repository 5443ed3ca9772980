"""The rule file's shape: pydantic models for questions, flags, conditions and sources.

These models check each piece on its own (types, id patterns, required
fields). Checks that look across pieces (does this condition name a real
question?) live in :mod:`osteoscreen.crossref`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    PrivateAttr,
    StrictBool,
    StrictInt,
    Tag,
    model_validator,
)

from osteoscreen.scripts import is_wide

Id = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", min_length=1, max_length=60)]
OptionValue = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_]*$", min_length=1, max_length=60)]
Respondent = Literal["self", "caregiver"]
RESPONDENTS: tuple[Respondent, ...] = ("self", "caregiver")


class Strict(BaseModel):
    """Base for every rule-file model: unknown keys are errors, values are frozen."""

    model_config = ConfigDict(extra="forbid", frozen=True)


NonEmpty = Annotated[str, Field(min_length=1)]


class Worded(Strict):
    """A text worded twice: to the person themselves, and to a caregiver."""

    self: NonEmpty = Field(description="Worded to the person answering about themselves.")
    caregiver: NonEmpty = Field(description="Worded to a carer answering for someone else.")


# A wording is either one text that suits both readers (it must not say "you"
# about the person's body) or a table with a `self` and a `caregiver` text.
Wording = NonEmpty | Worded


def word(text: Wording, respondent: Respondent) -> str:
    """The text of a wording for one kind of respondent."""
    if isinstance(text, str):
        return text
    return text.self if respondent == "self" else text.caregiver


# ----------------------------------------------------------------- conditions

Operator = Literal["eq", "ne", "other_than", "in", "includes", "gte", "gt", "lte", "lt", "answered"]
CHOICE_OPERATORS: frozenset[str] = frozenset({"eq", "ne", "other_than", "in", "answered"})
MULTI_OPERATORS: frozenset[str] = frozenset({"includes", "answered"})
NUMBER_OPERATORS: frozenset[str] = frozenset({"eq", "ne", "gte", "gt", "lte", "lt", "answered"})
# Operators that are true on a question with no answer: fine for "asked when",
# never allowed in a flag (a skipped question must never raise a flag).
BLANK_TRUE_OPERATORS: frozenset[str] = frozenset({"other_than"})


class Leaf(Strict):
    """One test on one answer, e.g. `{ question = "age", op = "gte", value = 50 }`.

    - `eq`, `ne`: the answer is (is not) the value.
    - `other_than`: the answer is not the value, or there is no answer (FHIR's
      `!=`); for "asked when" only.
    - `in`: the answer is one of the values (a list).
    - `includes`: a multi-choice answer includes the value.
    - `gte`, `gt`, `lte`, `lt`: a number answer compared with the value.
    - `answered`: the question has any answer (no value).
    An unanswered question makes every leaf false except `ne`, which is also false.
    """

    question: Id
    op: Operator
    value: str | int | list[str] | None = None

    @model_validator(mode="after")
    def _value_fits_operator(self) -> Leaf:
        if self.op == "answered":
            if self.value is not None:
                raise ValueError("operator 'answered' takes no value")
        elif self.op == "in":
            if not isinstance(self.value, list) or not self.value:
                raise ValueError("operator 'in' needs a non-empty list of option values")
        elif self.op in {"gte", "gt", "lte", "lt"}:
            if not isinstance(self.value, int) or isinstance(self.value, bool):
                raise ValueError(f"operator '{self.op}' needs a whole number")
        elif self.op == "includes":
            if not isinstance(self.value, str):
                raise ValueError("operator 'includes' needs one option value")
        elif self.value is None or isinstance(self.value, list):
            raise ValueError(f"operator '{self.op}' needs one value")
        return self


class FlagLeaf(Strict):
    """True when another risk factor applies, e.g. `{ flag = "steroid_use" }`.

    Only a doctor item's `when` may name a flag (flags are decided first).
    """

    flag: Id


class All(Strict):
    """True when every condition in the list is true."""

    all: list[Condition] = Field(min_length=1)


class AnyOf(Strict):
    """True when at least one condition in the list is true."""

    any: list[Condition] = Field(min_length=1)


class Not(Strict):
    """True when the condition is false."""

    not_: Condition = Field(alias="not")
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


def _condition_tag(value: Any) -> str | None:
    if isinstance(value, dict):
        for key, tag in (
            ("all", "all"),
            ("any", "any"),
            ("not", "not"),
            ("question", "leaf"),
            ("flag", "flag"),
        ):
            if key in value:
                return tag
        return None
    if isinstance(value, Leaf):
        return "leaf"
    if isinstance(value, FlagLeaf):
        return "flag"
    if isinstance(value, All):
        return "all"
    if isinstance(value, AnyOf):
        return "any"
    if isinstance(value, Not):
        return "not"
    return None


Condition = Annotated[
    Annotated[Leaf, Tag("leaf")]
    | Annotated[FlagLeaf, Tag("flag")]
    | Annotated[All, Tag("all")]
    | Annotated[AnyOf, Tag("any")]
    | Annotated[Not, Tag("not")],
    Discriminator(
        _condition_tag,
        custom_error_type="condition",
        custom_error_message=(
            "a condition needs 'question' (with 'op'), 'flag', 'all', 'any' or 'not'"
        ),
    ),
]


# -------------------------------------------------------------------- sources


class SeedQuote(Strict):
    """An exact sentence or clause from one of the articles in `seeds/`."""

    kind: Literal["seed"]
    document: Id = Field(description="The id of a [[documents]] entry.")
    quote: NonEmpty = Field(description="Copied exactly; white space and quote marks may differ.")


class GuidelineRef(Strict):
    """A named public guideline, for a factor the seed articles do not cover."""

    kind: Literal["guideline"]
    guideline: Id = Field(description="The id of a [[guidelines]] entry.")
    point: NonEmpty = Field(description="What the guideline says that supports this flag.")


Source = Annotated[SeedQuote | GuidelineRef, Field(discriminator="kind")]


class Document(Strict):
    id: Id
    file: NonEmpty = Field(description="File name inside the seeds folder.")
    title: NonEmpty


class Guideline(Strict):
    id: Id
    title: str = Field(description="The guideline's public name.")
    where: NonEmpty = Field(description="Who publishes it and where to find it.")


# ------------------------------------------------------------------ questions


class Option(Strict):
    value: OptionValue
    label: Wording
    unknown: StrictBool = Field(
        default=False, description="An 'I don't know' answer: it produces a follow-up item."
    )
    exclusive: StrictBool = Field(
        default=False, description="Multi-choice only: cannot be combined with other options."
    )
    withheld: StrictBool = Field(
        default=False,
        description="'Prefer not to say': raises no flag, and the all-clear is not given.",
    )


class Question(Strict):
    id: Id
    section: Id
    kind: Literal["choice", "multi_choice", "integer"]
    label: NonEmpty = Field(description="A short name for summaries, e.g. 'Age'.")
    text: Wording
    why: Wording = Field(description="The 'Why we ask' note.")
    examples: Wording | None = Field(
        default=None,
        description="Examples a person can match, e.g. medicines by generic and brand name.",
    )
    options: list[Option] = Field(default_factory=list)
    min: StrictInt | None = None
    max: StrictInt | None = None
    unit: str | None = None
    measure: Literal["weight", "height"] | None = Field(
        default=None,
        description="A body measure: the app also takes pounds (weight) or feet and inches"
        " (height) and stores kilograms or centimetres.",
    )
    optional: StrictBool = Field(default=False, description="Shown as optional to the person.")
    asked_when: Condition | None = None
    follow_up: Wording | None = Field(
        default=None, description="Shown when the answer is an 'unknown' option."
    )

    @model_validator(mode="after")
    def _kind_fits(self) -> Question:
        if self.kind == "integer":
            if any(not o.unknown for o in self.options):
                raise ValueError("a number question's only options are 'I don't know' ones")
            if self.min is None or self.max is None:
                raise ValueError("a number question needs 'min' and 'max'")
            if self.min > self.max:
                raise ValueError("'min' is greater than 'max'")
        else:
            if len(self.options) < 2:
                raise ValueError("a choice question needs at least two options")
            if self.min is not None or self.max is not None:
                raise ValueError("only a number question has 'min' and 'max'")
            if self.measure is not None:
                raise ValueError("only a number question can be a body measure")
        return self

    def option(self, value: str) -> Option | None:
        return next((o for o in self.options if o.value == value), None)

    @property
    def unknown_values(self) -> frozenset[str]:
        return frozenset(o.value for o in self.options if o.unknown)

    @property
    def withheld_values(self) -> frozenset[str]:
        return frozenset(o.value for o in self.options if o.withheld)


# ---------------------------------------------------------------------- flags


class Group(Strict):
    id: Id
    title: Wording
    changeable: bool = Field(description="Can the person act on factors in this group?")
    note: Wording | None = Field(
        default=None, description="Shown with every flag in this group (e.g. medicine safety)."
    )


class ItemPart(Strict):
    """A sentence added to a doctor item's text when its own condition holds: the reason
    for "see a doctor soon", or wording for one answer (a bone medicine stopped)."""

    when: Condition
    text: Wording


class DoctorItem(Strict):
    id: Id
    text: Wording
    short: Wording = Field(description="A few words, for the compact QR code summary.")
    priority: bool = Field(default=False, description="'See a doctor soon': listed first.")
    note: Wording | None = None
    when: Condition | None = Field(
        default=None,
        description="Raised by these answers or flags too (e.g. a screening guideline),"
        " not only by the flags that name this item.",
    )
    sources: list[GuidelineRef] = Field(
        default_factory=list, description="The guidelines behind `when`."
    )
    parts: list[ItemPart] = Field(
        default_factory=list,
        description="Sentences added after `text`, each when its own condition holds.",
    )

    def worded(self, respondent: Respondent, parts: Sequence[int] = ()) -> str:
        """The item's text for this reader, with the parts (by position) that hold."""
        texts = [word(self.text, respondent)] + [
            word(self.parts[i].text, respondent) for i in parts
        ]
        return ("" if is_wide(texts[0]) else " ").join(texts)  # Chinese: no spaces


class Flag(Strict):
    id: Id
    title: Wording
    group: Id
    when: Condition
    explanation: Wording
    action: Wording = Field(description="What the person can do.")
    doctor_items: list[Id] = Field(
        default_factory=list, description="Ids of [[doctor_items]] this flag always raises."
    )
    show_answers: list[Id] = Field(
        default_factory=list,
        description="More answers shown in the 'because' line when given (e.g. how long).",
    )
    evidence: Literal["established", "emerging"] = Field(
        description="'established': on the major guidelines' lists; 'emerging': observational"
        " studies only."
    )
    evidence_reason: NonEmpty = Field(description="Why this grade, for the clinician reviewing.")
    sources: list[Source]


class Derived(Strict):
    """A value worked out from answers (never asked, never in an answers file).

    `kind = "bmi"`: body mass index from a weight in kg and a height in cm,
    rounded to one decimal. Conditions name it like a question.
    """

    id: Id
    kind: Literal["bmi"]
    label: NonEmpty
    weight: Id = Field(description="The question holding the weight in kg.")
    height: Id = Field(description="The question holding the height in cm.")


class Section(Strict):
    id: Id
    title: Wording
    intro: Wording | None = None


class Texts(Strict):
    """Fixed texts of the results and the summary."""

    summary_title: Wording
    summary_intro: Wording
    notice: Wording = Field(description="The non-diagnostic notice.")
    all_clear: Wording = Field(
        description="No flag, and every question that can raise one has a known answer."
    )
    none_matched: Wording = Field(
        description="No flag, but some questions were skipped or not known (listed after it)."
    )
    none_matched_with_items: Wording = Field(
        description="No flag and nothing skipped, but something to talk about (a bone"
        " medicine, say): the doctor items follow it."
    )
    incomplete_heading: Wording = Field(
        description="Heading of the list of questions skipped or not known."
    )
    evidence_established: Wording
    evidence_emerging: Wording
    because: Wording = Field(description="Lead-in before the answers that raised a flag.")
    priority_heading: Wording
    ask_heading: Wording
    find_out_heading: Wording
    factors_heading: Wording = Field(description="Heading of the list of factors that apply.")


class UiTexts(Strict):
    """Everything else the app shows: welcome, buttons, headings and notes."""

    welcome_intro: Wording
    welcome_not: Wording = Field(description="What this is not: not a diagnosis.")
    welcome_time: Wording
    privacy: Wording = Field(description="Privacy in one plain sentence.")
    who_question: Wording
    who_self: Wording
    who_caregiver: Wording
    caregiver_tip: Wording
    start: Wording
    step_label: Wording = Field(
        description="Use {step} and {steps}, e.g. 'Step {step} of {steps}'."
    )
    why_label: Wording
    optional_label: Wording
    choose_all_label: Wording
    age_range_label: Wording
    age_exact_label: Wording
    unknown_number: Wording = Field(description="The 'I don't know' box of a number question.")
    unit_label: Wording
    unit_kg: Wording
    unit_lb: Wording
    unit_cm: Wording
    unit_ft_in: Wording
    weight_label: Wording
    height_cm_label: Wording
    feet_label: Wording
    inches_label: Wording
    evidence_label: Wording
    examples_label: Wording
    back: Wording
    next: Wording
    see_results: Wording
    skipped_note: Wording
    results_title: Wording
    results_intro: Wording
    chart_title: Wording
    chart_description: Wording
    chart_changeable: Wording
    chart_fixed: Wording
    action_label: Wording
    sources_label: Wording
    guideline_label: Wording
    to_summary: Wording
    back_to_results: Wording
    print_tip: Wording
    start_over: Wording
    finish: Wording
    finished: Wording
    idle_warning: Wording
    still_here: Wording
    staff_link: Wording
    about_title: Wording
    about_intro: Wording
    about_questions: Wording
    about_flags: Wording
    back_to_start: Wording
    download_pdf: Wording
    download_fhir: Wording
    download_help: Wording
    qr_heading: Wording
    qr_help: Wording
    qr_label: Wording = Field(description="Text alternative of the QR code image.")
    language_label: Wording = Field(description="Names the row of language buttons.")
    quote_in_english: Wording = Field(
        description="Beside a source quote on a translated screen: the quote is in English."
    )


class StaffTexts(Strict):
    """The staff page's tables: column names, and the words of conditions written out."""

    languages_heading: Wording
    language: Wording
    translated: Wording
    stale: Wording
    missing: Wording
    reviewed_by: Wording
    reviewed_on: Wording
    not_reviewed: Wording
    source_language: Wording
    refused: Wording = Field(
        default="refused by the checks (shown in English)",
        description="Column of the texts of a translation that failed `osteoscreen check`.",
    )
    id: Wording
    step: Wording
    question: Wording
    answers: Wording
    asked_when: Wording
    always: Wording
    why: Wording
    factor: Wording
    group: Wording
    applies_when: Wording
    evidence: Wording
    doctor_items: Wording
    sources: Wording
    whole_number: Wording
    op_is: Wording
    op_is_not: Wording
    op_other_than: Wording
    op_one_of: Wording
    op_includes: Wording
    op_answered: Wording
    op_and: Wording
    op_or: Wording
    op_not: Wording
    factor_applies: Wording = Field(description="After a factor's id: 'factor X applies'.")
    own_condition: Wording = Field(description="A doctor item raised by its own condition.")


class ReportTexts(Strict):
    """Texts of the PDF report and the QR code summary."""

    date_label: Wording
    answered_by_label: Wording
    answered_by_self: Wording
    answered_by_caregiver: Wording
    sources_heading: Wording
    sources_intro: Wording
    appendix_heading: Wording
    page_label: Wording = Field(description="With {page} and {pages}: 'Page {page} of {pages}'.")
    footer: Wording
    qr_factors_label: Wording
    qr_find_out_label: Wording
    evidence_note: Wording = Field(
        description="Above the factors in the PDF: doctors widely agree unless it says otherwise."
    )
    self_reported: Wording = Field(
        description="Note on a weight, height or BMI sent to a clinic: given by the person."
    )
    clinic_copy_heading: Wording = Field(
        description="Above the copy for the doctor in the clinic's language; {language} is"
        " the person's language, named in the clinic's."
    )
    qr_more: Wording = Field(
        description="When the QR code cannot name every skipped question: 'and {count} more'."
    )


class Meta(Strict):
    title: NonEmpty
    # The version goes into the FHIR canonical (`url|version`) and file names: letters,
    # digits, dots, hyphens and plus signs only (semantic versioning's characters).
    version: str = Field(pattern=r"^[0-9A-Za-z][0-9A-Za-z.+-]{0,39}$")
    seeds: str = Field(default="../seeds", description="Seed folder, relative to this file.")
    public_ids: str | None = Field(
        default=None,
        description="The list of public ids (relative to this file) that must never disappear.",
    )


class Rules(Strict):
    """A whole rule set, as read from one TOML file."""

    meta: Meta
    texts: Texts
    ui: UiTexts
    report: ReportTexts
    staff: StaffTexts
    sections: list[Section] = Field(min_length=1)
    groups: list[Group] = Field(min_length=1)
    documents: list[Document] = Field(default_factory=list)
    guidelines: list[Guideline] = Field(default_factory=list)
    doctor_items: list[DoctorItem] = Field(min_length=1)
    questions: list[Question] = Field(min_length=1)
    derived: list[Derived] = Field(default_factory=list)
    flags: list[Flag] = Field(min_length=1)

    _by_id: dict[str, Question] = PrivateAttr(default_factory=dict)
    # Facts derived from the (frozen) rules once, for the engine: see `memo`.
    _memo: dict[str, Any] = PrivateAttr(default_factory=dict)

    def model_post_init(self, context: Any, /) -> None:
        by_id: dict[str, Question] = {}
        for q in self.questions:
            by_id.setdefault(q.id, q)  # a duplicate id is reported; look-ups use the first
        self._by_id = by_id

    def question(self, qid: str) -> Question:
        """The question with this id (KeyError when there is none)."""
        return self._by_id[qid]

    def has_question(self, qid: str) -> bool:
        return qid in self._by_id

    def derived_value(self, vid: str) -> Derived | None:
        return next((d for d in self.derived if d.id == vid), None)

    def memo(self, name: str, make: Callable[[], Any]) -> Any:
        """A fact about these rules, made once (the rules never change once loaded)."""
        if name not in self._memo:
            self._memo[name] = make()
        return self._memo[name]

    def questions_in_order(self) -> list[Question]:
        """Questions in asking order: by section, then by their place in the file."""
        rank = {s.id: i for i, s in enumerate(self.sections)}
        return sorted(self.questions, key=lambda q: rank.get(q.section, len(rank)))


for _model in (All, AnyOf, Not, Question, Flag, DoctorItem):
    _model.model_rebuild()
