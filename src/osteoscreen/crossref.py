"""The cross-reference pass: checks that look across a whole rule set.

Every problem is collected before anything fails, and each names its place by
ids (`flags[steroid_use].when.all[0].question`), never by list position where
an id exists.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path

from osteoscreen.limits import MAX_SEED_BYTES, LimitError, printable, read_confined
from osteoscreen.model import (
    BLANK_TRUE_OPERATORS,
    CHOICE_OPERATORS,
    MULTI_OPERATORS,
    NUMBER_OPERATORS,
    All,
    AnyOf,
    Condition,
    FlagLeaf,
    GuidelineRef,
    Leaf,
    Not,
    Question,
    Rules,
    SeedQuote,
)
from osteoscreen.problem import Problem, display_name
from osteoscreen.quote import contains, shorten

_OPERATORS_FOR_KIND = {
    "choice": CHOICE_OPERATORS,
    "multi_choice": MULTI_OPERATORS,
    "integer": NUMBER_OPERATORS,
}
_KIND_NAME = {"choice": "choice", "multi_choice": "multi-choice", "integer": "number"}


def leaves(condition: Condition, place: str) -> Iterator[tuple[Leaf, str]]:
    """Every question leaf of a condition with its place, e.g. `when.all[0]`."""
    for leaf, at in all_leaves(condition, place):
        if isinstance(leaf, Leaf):
            yield leaf, at


def all_leaves(condition: Condition, place: str) -> Iterator[tuple[Leaf | FlagLeaf, str]]:
    """Every leaf (question or flag) of a condition with its place."""
    if isinstance(condition, Leaf | FlagLeaf):
        yield condition, place
    elif isinstance(condition, All):
        for i, child in enumerate(condition.all):
            yield from all_leaves(child, f"{place}.all[{i}]")
    elif isinstance(condition, AnyOf):
        for i, child in enumerate(condition.any):
            yield from all_leaves(child, f"{place}.any[{i}]")
    elif isinstance(condition, Not):
        yield from all_leaves(condition.not_, f"{place}.not")


def check(rules: Rules, seeds_dir: Path) -> list[Problem]:
    """Every cross-reference problem in the rule set (empty when it is sound)."""
    problems: list[Problem] = []
    problems += _duplicates(rules)
    problems += _references(rules)
    problems += _conditions(rules)
    problems += _questions(rules)
    problems += _sources(rules, seeds_dir)
    return problems


def _duplicates(rules: Rules) -> Iterator[Problem]:
    tables: Sequence[tuple[str, str, Sequence[str]]] = (
        ("sections", "section", [s.id for s in rules.sections]),
        ("groups", "group", [g.id for g in rules.groups]),
        ("documents", "document", [d.id for d in rules.documents]),
        ("guidelines", "guideline", [g.id for g in rules.guidelines]),
        ("doctor_items", "doctor item", [d.id for d in rules.doctor_items]),
        ("questions", "question", [q.id for q in rules.questions]),
        ("flags", "flag", [f.id for f in rules.flags]),
    )
    for table, noun, ids in tables:
        for dup, count in Counter(ids).items():
            if count > 1:
                yield Problem(f"{table}[{dup}]", f"duplicate {noun} id '{dup}' ({count} times)")
    for q in rules.questions:
        for dup, count in Counter(o.value for o in q.options).items():
            if count > 1:
                yield Problem(f"questions[{q.id}].options[{dup}]", f"duplicate option '{dup}'")


def _references(rules: Rules) -> Iterator[Problem]:
    sections = {s.id for s in rules.sections}
    groups = {g.id for g in rules.groups}
    items = {d.id for d in rules.doctor_items}
    guidelines = {g.id for g in rules.guidelines}
    for q in rules.questions:
        if q.section not in sections:
            yield Problem(f"questions[{q.id}].section", f"no section '{q.section}'")
    for f in rules.flags:
        if f.group not in groups:
            yield Problem(f"flags[{f.id}].group", f"no group '{f.group}'")
        for item in f.doctor_items:
            if item not in items:
                yield Problem(f"flags[{f.id}].doctor_items", f"no doctor item '{item}'")
        for qid in f.show_answers:
            if not rules.has_question(qid):
                yield Problem(f"flags[{f.id}].show_answers", f"no question '{qid}'")
    for d in rules.doctor_items:
        for i, src in enumerate(d.sources):
            if src.guideline not in guidelines:
                yield Problem(
                    f"doctor_items[{d.id}].sources[{i}].guideline",
                    f"no guideline '{src.guideline}'",
                )
    for v in rules.derived:
        if rules.has_question(v.id):
            yield Problem(f"derived[{v.id}].id", f"'{v.id}' is also a question id")
        for role in ("weight", "height"):
            qid = getattr(v, role)
            if not rules.has_question(qid) or rules.question(qid).kind != "integer":
                yield Problem(f"derived[{v.id}].{role}", f"no number question '{qid}'")


def _conditions(rules: Rules) -> Iterator[Problem]:
    first: dict[str, int] = {}
    for pos, q in enumerate(rules.questions_in_order()):
        first.setdefault(q.id, pos)
    for pos, q in enumerate(rules.questions_in_order()):
        if q.asked_when is None:
            continue
        place = f"questions[{q.id}].asked_when"
        for any_leaf, at in all_leaves(q.asked_when, place):
            if isinstance(any_leaf, FlagLeaf):
                yield Problem(f"{at}.flag", "only a doctor item's condition can name a flag")
                continue
            leaf = any_leaf
            yield from _leaf(rules, leaf, at)
            if leaf.question == q.id and first[q.id] == pos:
                yield Problem(f"{at}.question", f"'{q.id}' cannot depend on itself")
            elif first.get(leaf.question, -1) > pos:
                yield Problem(
                    f"{at}.question",
                    f"'{q.id}' depends on '{leaf.question}', which is asked after it",
                )
    flags = {f.id for f in rules.flags}
    for f in rules.flags:
        for any_leaf, at in all_leaves(f.when, f"flags[{f.id}].when"):
            if isinstance(any_leaf, FlagLeaf):
                yield Problem(f"{at}.flag", "only a doctor item's condition can name a flag")
                continue
            yield from _leaf(rules, any_leaf, at)
            if any_leaf.op in BLANK_TRUE_OPERATORS:
                yield Problem(
                    f"{at}.op",
                    f"operator '{any_leaf.op}' is true when a question is skipped;"
                    " a skipped question must never raise a flag",
                )
    for d in rules.doctor_items:
        own = [] if d.when is None else [(d.when, f"doctor_items[{d.id}].when")]
        own += [(p.when, f"doctor_items[{d.id}].parts[{i}].when") for i, p in enumerate(d.parts)]
        for condition, place in own:
            for any_leaf, at in all_leaves(condition, place):
                if isinstance(any_leaf, FlagLeaf):
                    if any_leaf.flag not in flags:
                        yield Problem(f"{at}.flag", f"no flag '{any_leaf.flag}'")
                    continue
                yield from _leaf(rules, any_leaf, at)


def _leaf(rules: Rules, leaf: Leaf, at: str) -> Iterator[Problem]:
    derived = rules.derived_value(leaf.question)
    if derived is not None:
        if leaf.op not in NUMBER_OPERATORS or not isinstance(leaf.value, int | None):
            yield Problem(f"{at}.op", f"'{derived.id}' is a derived number")
        return
    if not rules.has_question(leaf.question):
        yield Problem(f"{at}.question", f"no question '{leaf.question}'")
        return
    q = rules.question(leaf.question)
    if leaf.op not in _OPERATORS_FOR_KIND[q.kind]:
        yield Problem(
            f"{at}.op",
            f"operator '{leaf.op}' does not fit {_KIND_NAME[q.kind]} question '{q.id}'",
        )
        return
    values = leaf.value if isinstance(leaf.value, list) else [leaf.value]
    for value in values:
        if value is None:
            continue
        if q.kind == "integer" and not (isinstance(value, str) and q.option(value)):
            if not isinstance(value, int):
                yield Problem(
                    f"{at}.value", f"{printable(value)} is not a number; '{q.id}' is a number"
                )
            elif q.min is not None and q.max is not None and not q.min <= value <= q.max:
                yield Problem(
                    f"{at}.value",
                    f"{printable(value)} is outside the range of '{q.id}' ({q.min}-{q.max})",
                )
        elif not isinstance(value, str) or q.option(value) is None:
            yield Problem(f"{at}.value", f"{printable(value)} is not an option of '{q.id}'")


def _questions(rules: Rules) -> Iterator[Problem]:
    can_raise = flag_questions(rules)
    for q in rules.questions:
        place = f"questions[{q.id}]"
        yield from _range(q, place)
        for o in q.options:
            if o.exclusive and q.kind != "multi_choice":
                yield Problem(
                    f"{place}.options[{o.value}].exclusive",
                    "only a multi-choice option can be exclusive",
                )
        if q.follow_up is not None and not q.unknown_values:
            yield Problem(f"{place}.follow_up", "a follow-up needs an option marked unknown")
        if q.unknown_values and q.follow_up is None and q.id in can_raise:
            yield Problem(
                f"{place}.follow_up",
                "an 'unknown' answer here can hide a flag, so it needs a follow-up text",
            )


# A number question's range, so that the app's picker (ranges of ten) can render it.
NUMBER_LOW, NUMBER_HIGH, NUMBER_SPAN = 0, 1000, 300


def _range(q: Question, place: str) -> Iterator[Problem]:
    if q.min is None or q.max is None:
        return
    bad = [(key, n) for key, n in (("min", q.min), ("max", q.max)) if not 0 <= n <= NUMBER_HIGH]
    for key, n in bad:
        yield Problem(
            f"{place}.{key}",
            f"{n} is outside {NUMBER_LOW}-{NUMBER_HIGH}, the numbers a question may use",
        )
    if not bad and q.max - q.min > NUMBER_SPAN:
        yield Problem(
            place,
            f"the range {q.min}-{q.max} is too wide; at most {NUMBER_SPAN} between 'min' and 'max'",
        )


def _feeders(rules: Rules, start: set[str] | None = None) -> set[str]:
    """Questions that a flag (or the `start` questions) depend on through the 'asked when'
    of another question."""
    asked_when = {q.id: q.asked_when for q in rules.questions}
    found: set[str] = set()
    todo = [leaf.question for f in rules.flags for leaf, _ in leaves(f.when, "")]
    if start is not None:
        todo = sorted(start)
    while todo:
        qid = todo.pop()
        condition = asked_when.get(qid)
        if condition is None:
            continue
        for leaf, _ in leaves(condition, ""):
            if leaf.question not in found:
                found.add(leaf.question)
                todo.append(leaf.question)
    return found


def _sources(rules: Rules, seeds_dir: Path) -> Iterator[Problem]:
    texts: dict[str, str | None] = {}
    for d in rules.documents:
        texts[d.id] = None
        try:
            texts[d.id] = read_confined(seeds_dir, d.file, MAX_SEED_BYTES)
        except LimitError as error:
            at = f"documents[{d.id}].file"
            if error.message.endswith("(FileNotFoundError)"):
                yield Problem(at, f"no seed file '{d.file}' in {display_name(seeds_dir)}")
            elif "seeds folder" in error.message:
                yield Problem(at, error.message)
            else:
                yield Problem(at, f"seed {printable(d.file)} is {_lead_in(error.message)}")
    guidelines = {g.id for g in rules.guidelines}
    for g in rules.guidelines:
        if not g.title.strip():
            yield Problem(f"guidelines[{g.id}].title", "a guideline needs a title")
    for f in rules.flags:
        if not f.sources:
            yield Problem(f"flags[{f.id}].sources", "no source; cite a seed quote or a guideline")
        for i, source in enumerate(f.sources):
            at = f"flags[{f.id}].sources[{i}]"
            if isinstance(source, GuidelineRef):
                if source.guideline not in guidelines:
                    yield Problem(f"{at}.guideline", f"no guideline '{source.guideline}'")
            elif isinstance(source, SeedQuote):
                if source.document not in texts:
                    yield Problem(f"{at}.document", f"no document '{source.document}'")
                    continue
                text = texts[source.document]
                if text is not None and not contains(text, source.quote):
                    file = next(d.file for d in rules.documents if d.id == source.document)
                    yield Problem(
                        f"{at}.quote", f"not found in seed '{file}': \"{shorten(source.quote)}\""
                    )


def _lead_in(message: str) -> str:
    """A limit message after 'seed X is': 'not UTF-8 text', 'larger than ...'."""
    if message.startswith(("not ", "larger ")):
        return message
    return f"unreadable: {message}"


def item_questions(rules: Rules) -> set[str]:
    """Questions whose answers can raise a doctor item or one of its parts by the item's
    own condition (a bone medicine, sudden back pain), directly or through a follow-up."""
    conditions = [d.when for d in rules.doctor_items if d.when is not None]
    conditions += [p.when for d in rules.doctor_items for p in d.parts]
    direct = {leaf.question for c in conditions for leaf, _ in leaves(c, "")}
    return direct | _feeders(rules, direct)


def flag_questions(rules: Rules) -> set[str]:
    """Questions whose answers can raise a flag, directly or through a follow-up."""
    direct = {leaf.question for f in rules.flags for leaf, _ in leaves(f.when, "")}
    return direct | _feeders(rules)
