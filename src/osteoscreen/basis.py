"""The clinical basis: the rule file as one Markdown document a clinician can sign off.

`osteoscreen basis` prints it; `docs/clinical-basis.md` is its committed copy
(a test fails when the copy is stale). Everything here comes from the rules:
each risk factor with its trigger, evidence grade and sources, then each
"talk to your doctor" item with what raises it.
"""

from __future__ import annotations

from osteoscreen.catalog import describe, raised_by
from osteoscreen.engine import can_raise
from osteoscreen.model import DoctorItem, GuidelineRef, Rules, SeedQuote, Wording, word


def _top(text: str) -> str:
    return text[1:-1] if text.startswith("(") and text.endswith(")") else text


def _both(text: Wording) -> str:
    """A wording as the person reads it (the self wording; the carer's is parallel)."""
    return word(text, "self")


def _source(rules: Rules, source: SeedQuote | GuidelineRef) -> str:
    if isinstance(source, SeedQuote):
        doc = next(d for d in rules.documents if d.id == source.document)
        return f'Seed article *{doc.title}*: "{source.quote}"'
    guide = next(g for g in rules.guidelines if g.id == source.guideline)
    return f"**{guide.title}**: {source.point}"


def _raisers(rules: Rules, item: DoctorItem) -> list[str]:
    lines = [f"the factor `{f.id}`" for f in rules.flags if item.id in f.doctor_items]
    if item.when is not None:
        lines.append(f"its own condition: {_top(describe(item.when))}")
    return lines


def basis_markdown(rules: Rules) -> str:
    """The whole document, ending in a newline."""
    out = [
        f"# Clinical basis: {rules.meta.title}, rules version {rules.meta.version}",
        "",
        "Generated from `rules/osteoporosis.toml` by `osteoscreen basis`; do not edit by hand.",
        "It lists every risk factor the questionnaire can show, what raises it, how strong",
        'its evidence is and where it comes from, then every item of the "talk to your',
        'doctor" summary and what raises it. The tool never gives a score, a percentage or',
        "a risk level.",
        "",
        "## When the all-clear is given",
        "",
        "Only when no factor applies, no summary item is raised, and every question",
        "asked that can raise a factor has a known answer (not skipped, not",
        '"I don\'t know", not "Prefer not to say"). Otherwise the person reads that none',
        "of the factors matched the answers given, with the questions skipped or not known.",
        "These questions can raise a factor: "
        + ", ".join(f"`{q.id}`" for q in rules.questions_in_order() if q.id in can_raise(rules))
        + ".",
        "",
        "## Risk factors",
        "",
    ]
    for group in rules.groups:
        flags = [f for f in rules.flags if f.group == group.id]
        if not flags:
            continue
        out += [f"### {_both(group.title)}", ""]
        if group.note:
            out += [f"Shown with every factor here: *{_both(group.note)}*", ""]
        for f in flags:
            grade = "Established" if f.evidence == "established" else "Emerging"
            out += [
                f"#### {_both(f.title)} (`{f.id}`)",
                "",
                f"- **Raised when:** {_top(describe(f.when))}",
                f"- **Evidence:** {grade}. {f.evidence_reason}",
                f"- **Explanation:** {_both(f.explanation)}",
                f"- **What can help:** {_both(f.action)}",
                "- **Summary items:** "
                + (", ".join(f"`{i}`" for i in raised_by(rules, f.id)) or "none"),
                "- **Sources:**",
                *[f"  - {_source(rules, s)}" for s in f.sources],
                "",
            ]
    out += ['## "Talk to your doctor" items', ""]
    for item in rules.doctor_items:
        kind = " (priority: listed first)" if item.priority else ""
        out += [
            f"### `{item.id}`{kind}",
            "",
            f"- **Text:** {_both(item.text)}",
        ]
        if item.note:
            out.append(f"- **Note:** {_both(item.note)}")
        out.append("- **Raised by:** " + ("; ".join(_raisers(rules, item)) or "nothing"))
        if item.sources:
            out += ["- **Sources:**", *[f"  - {_source(rules, s)}" for s in item.sources]]
        out.append("")
    out += ["## Things to find out", ""]
    out += [
        f'- `{q.id}` ("I don\'t know"): {_both(q.follow_up)}'
        for q in rules.questions_in_order()
        if q.follow_up is not None
    ]
    return "\n".join(out).rstrip() + "\n"
