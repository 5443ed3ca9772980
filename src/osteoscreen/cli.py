"""The command line: `osteoscreen check`, `evaluate`, `report`, `fhir`, `i18n` and `schema`.

Exit codes: 0 success; 1 a rule file is broken; 2 the answers (or the command
line) are wrong. Problems go to standard error, one per line, naming the file
and the place; results go to standard output. Never a traceback. Every input
is bounded (size, nesting, numbers; see :mod:`osteoscreen.limits`) and at most
a few lines are shown per kind of problem.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, TextIO

from osteoscreen import publicids
from osteoscreen.answers import Value, parse_answers
from osteoscreen.basis import basis_markdown
from osteoscreen.crossref import leaves
from osteoscreen.engine import evaluate
from osteoscreen.fhir import answers_from_fhir, is_fhir, questionnaire, response_bundle
from osteoscreen.language_check import check_all, extract, status_lines
from osteoscreen.languages import Language, LanguageError, bundled, in_language
from osteoscreen.limits import (
    MAX_ANSWERS_BYTES,
    LimitError,
    capped,
    loads_json,
    printable,
    read_bytes,
    read_stream,
    utf8,
)
from osteoscreen.loader import default_rules_path, load_rules, rule_files
from osteoscreen.model import GuidelineRef, Rules
from osteoscreen.problem import AnswersError, RulesError, display_name
from osteoscreen.report import Copy, pdf_report
from osteoscreen.schema import schema_text
from osteoscreen.summary import as_text

EXIT_OK, EXIT_RULES, EXIT_INPUT = 0, 1, 2


class InputError(Exception):
    """Bad input from the person at the command line; `lines` are shown as they are."""

    def __init__(self, lines: Sequence[str]) -> None:
        super().__init__("\n".join(lines))
        self.lines = list(lines)


def read_json(source: str, stdin: TextIO) -> tuple[str, Any]:
    """Read a JSON file (or `-` for standard input) within the limits of
    :mod:`osteoscreen.limits`; InputError names the file in one line."""
    name = "<stdin>" if source == "-" else source
    try:
        if source == "-":
            data = read_stream(stdin, MAX_ANSWERS_BYTES)
        else:
            data = read_bytes(Path(source), MAX_ANSWERS_BYTES)
        return name, loads_json(utf8(data))
    except LimitError as error:
        raise InputError([f"{name}: {error.message}"]) from None


def read_answers(rules: Rules, source: str, stdin: TextIO) -> dict[str, Value]:
    """Read and validate an answers file (plain answers, or a FHIR QuestionnaireResponse
    or a Bundle holding one); every problem names its question."""
    name, data = read_json(source, stdin)
    try:
        return parse_answers(rules, answers_from_fhir(rules, data) if is_fhir(data) else data)
    except AnswersError as error:
        raise InputError(capped(error.problems, name)) from None


def _write_json(out: TextIO, data: object) -> None:
    out.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def _check(args: argparse.Namespace, out: TextIO) -> int:
    paths = rule_files(args.rules or [default_rules_path()])
    if not paths:
        raise InputError(["osteoscreen check: no rule files (*.toml) found"])
    problems: list[str] = []
    checked: list[Rules] = []
    languages: set[str] = set()
    for path in paths:
        try:
            rules = load_rules(path)
        except RulesError as error:
            problems += error.lines
            continue
        checked.append(rules)
        problems += check_all(rules, path)
        languages |= {p.stem for p in path.parent.glob("translations/*.po")}
    if problems:
        raise RulesError(problems)
    questions = sum(len(r.questions) for r in checked)
    flags = sum(len(r.flags) for r in checked)
    sources = sum(len(f.sources) for r in checked for f in r.flags)
    quotes = sources - sum(
        isinstance(s, GuidelineRef) for r in checked for f in r.flags for s in f.sources
    )
    conditions = sum(len(list(leaves(f.when, ""))) for r in checked for f in r.flags)
    names = ", ".join(display_name(p) for p in paths)
    counts = ", ".join(
        _count(n, noun)
        for n, noun in (
            (questions, "question"),
            (flags, "flag"),
            (conditions, "condition"),
            (sources, "source"),
        )
    )
    spoken = f"; translations: {', '.join(sorted(languages))}" if languages else ""
    out.write(f"{names}: OK: {counts} ({_count(quotes, 'seed quote')} found){spoken}\n")
    return EXIT_OK


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def language_of(args: argparse.Namespace, rules: Rules) -> Language:
    """The language named by `--lang` (English by default), or InputError naming the choices."""
    path = args.rules or default_rules_path()
    try:
        offered = bundled(rules, path)
    except LanguageError as error:
        raise RulesError(error.problems) from None
    code = getattr(args, "lang", None) or "en"
    if code not in offered:
        choices = ", ".join(offered)
        raise InputError([f"--lang: {printable(code, 20)} is not one of the languages: {choices}"])
    return offered[code]


def _in_language(args: argparse.Namespace) -> tuple[Rules, Rules]:
    """The rules, and the same rules in the language asked for."""
    rules = load_rules(args.rules)
    return rules, in_language(rules, language_of(args, rules))


def _offered(args: argparse.Namespace, rules: Rules) -> dict[str, Language]:
    try:
        return bundled(rules, args.rules or default_rules_path())
    except LanguageError as error:
        raise RulesError(error.problems) from None


def _evaluate(args: argparse.Namespace, out: TextIO) -> int:
    rules, worded = _in_language(args)
    answers = read_answers(rules, args.answers, sys.stdin)
    result = evaluate(worded, answers)
    if args.format == "text":
        out.write(as_text(result))
    else:
        _write_json(out, result.model_dump(mode="json"))
    return EXIT_OK


def _report(args: argparse.Namespace, out: TextIO) -> int:
    rules, worded = _in_language(args)
    answers = read_answers(rules, args.answers, sys.stdin)
    offered = _offered(args, rules)
    if args.clinic_lang not in offered:
        choices = ", ".join(offered)
        shown = printable(args.clinic_lang, 20)
        raise InputError([f"--clinic-lang: {shown} is not one of the languages: {choices}"])
    clinic_rules = in_language(rules, offered[args.clinic_lang])
    clinic = Copy(clinic_rules, evaluate(clinic_rules, answers), args.clinic_lang)
    pdf = pdf_report(
        worded,
        evaluate(worded, answers),
        on=args.date,
        paper=args.paper,
        language=args.lang,
        clinic=clinic,
    )
    try:
        args.output.write_bytes(pdf)
    except OSError as error:
        raise InputError(
            [f"{args.output}: cannot write the file ({error.__class__.__name__})"]
        ) from None
    out.write(f"{args.output}: {len(pdf):,} bytes\n")
    return EXIT_OK


def _fhir_questionnaire(args: argparse.Namespace, out: TextIO) -> int:
    rules = load_rules(args.rules)
    translations = {code: in_language(rules, lang) for code, lang in _offered(args, rules).items()}
    _write_json(out, questionnaire(rules, translations))
    return EXIT_OK


def _fhir_response(args: argparse.Namespace, out: TextIO) -> int:
    rules, worded = _in_language(args)
    answers = read_answers(rules, args.answers, sys.stdin)
    authored = datetime.now(UTC).astimezone()
    _write_json(out, response_bundle(worded, answers, authored=authored, language=args.lang))
    return EXIT_OK


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def _i18n_extract(args: argparse.Namespace, out: TextIO) -> int:
    path = args.rules or default_rules_path()
    try:
        lines = extract(load_rules(path), path)
    except LanguageError as error:
        raise RulesError(error.problems) from None
    out.write("".join(line + "\n" for line in lines))
    return EXIT_OK


def _i18n_status(args: argparse.Namespace, out: TextIO) -> int:
    path = args.rules or default_rules_path()
    out.write("".join(line + "\n" for line in status_lines(load_rules(path), path)))
    return EXIT_OK


def _basis(args: argparse.Namespace, out: TextIO) -> int:
    out.write(basis_markdown(load_rules(args.rules)))
    return EXIT_OK


def _ids(args: argparse.Namespace, out: TextIO) -> int:
    path = args.rules or default_rules_path()
    rules = load_rules(path, meanings=False)
    if not args.record:
        for key, meaning in publicids.meanings(rules).items():
            out.write(f"{key}: {meaning.label} -> {', '.join(meaning.raises) or '-'}\n")
        return EXIT_OK
    try:
        written = publicids.record(rules, path)
    except LimitError as error:
        raise RulesError([f"{display_name(path)}: {error.message}"]) from None
    out.write(f"{display_name(written)}: option meanings recorded for {rules.meta.version}\n")
    return EXIT_OK


def _schema(args: argparse.Namespace, out: TextIO) -> int:
    out.write(schema_text())
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="osteoscreen",
        description="Educational osteoporosis risk-factor questionnaire (not a diagnosis).",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = commands.add_parser("check", help="validate rule files (default: the bundled rules)")
    check.add_argument("rules", nargs="*", type=Path, metavar="RULES", help="files or folders")
    check.set_defaults(run=_check)

    ev = commands.add_parser("evaluate", help="show the flags and summary for an answers file")
    ev.add_argument("answers", metavar="ANSWERS", help="answers JSON file, or - for stdin")
    ev.add_argument("--rules", type=Path, default=None, help="rule file (default: bundled)")
    ev.add_argument("--format", choices=["json", "text"], default="json")
    ev.add_argument("--lang", default="en", help="language of the texts (ids stay the same)")
    ev.set_defaults(run=_evaluate)

    report = commands.add_parser("report", help="write the summary as a PDF")
    report.add_argument("answers", metavar="ANSWERS", help="answers JSON file, or - for stdin")
    report.add_argument("-o", "--output", type=Path, required=True, help="the PDF file to write")
    report.add_argument("--rules", type=Path, default=None, help="rule file (default: bundled)")
    report.add_argument("--paper", choices=["a4", "letter"], default="a4")
    report.add_argument("--date", type=_day, default=date.today(), help="date printed (YYYY-MM-DD)")
    report.add_argument("--lang", default="en", help="language of the PDF")
    report.add_argument(
        "--clinic-lang",
        default="en",
        help="the doctor's language: a copy in it follows when it differs from --lang",
    )
    report.set_defaults(run=_report)

    fhir = commands.add_parser("fhir", help="FHIR R4B resources for clinic systems")
    fhir_commands = fhir.add_subparsers(dest="fhir_command", required=True, metavar="KIND")
    fq = fhir_commands.add_parser("questionnaire", help="the rule file as a FHIR Questionnaire")
    fq.add_argument("--rules", type=Path, default=None, help="rule file (default: bundled)")
    fq.set_defaults(run=_fhir_questionnaire)
    fr = fhir_commands.add_parser(
        "response", help="answers as a QuestionnaireResponse plus the applying flags (a Bundle)"
    )
    fr.add_argument("answers", metavar="ANSWERS", help="answers JSON file, or - for stdin")
    fr.add_argument("--rules", type=Path, default=None, help="rule file (default: bundled)")
    fr.add_argument("--lang", default="en", help="language of the answer displays")
    fr.set_defaults(run=_fhir_response)

    i18n = commands.add_parser("i18n", help="translations: refresh the template, show status")
    i18n_commands = i18n.add_subparsers(dest="i18n_command", required=True, metavar="ACTION")
    ix = i18n_commands.add_parser(
        "extract", help="write the PO template and bring every translation up to it"
    )
    ix.add_argument("--rules", type=Path, default=None, help="rule file (default: bundled)")
    ix.set_defaults(run=_i18n_extract)
    ist = i18n_commands.add_parser(
        "status", help="per language: texts translated, stale and missing"
    )
    ist.add_argument("--rules", type=Path, default=None, help="rule file (default: bundled)")
    ist.set_defaults(run=_i18n_status)

    basis = commands.add_parser(
        "basis", help="print the clinical basis (factors, evidence, sources) as Markdown"
    )
    basis.add_argument("--rules", type=Path, default=None, help="rule file (default: bundled)")
    basis.set_defaults(run=_basis)

    ids = commands.add_parser(
        "ids", help="what each option means (label, flags); --record writes it to the ids list"
    )
    ids.add_argument("--rules", type=Path, default=None, help="rule file (default: bundled)")
    ids.add_argument(
        "--record",
        action="store_true",
        help="write the meanings into the rule file's public-ids list (after a version bump)",
    )
    ids.set_defaults(run=_ids)

    schema = commands.add_parser("schema", help="print the JSON Schema of the rule file")
    schema.set_defaults(run=_schema)
    return parser


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    """Run the command line; returns the exit code."""
    out = out or sys.stdout
    args = build_parser().parse_args(argv)
    run: Callable[[argparse.Namespace, TextIO], int] = args.run
    try:
        return run(args, out)
    except RulesError as error:
        _say(error.lines)
        return EXIT_RULES
    except InputError as error:
        _say(error.lines)
        return EXIT_INPUT
    except Exception as error:  # a bug: say so plainly, never a traceback
        if os.environ.get("OSTEOSCREEN_DEBUG"):
            raise
        _say([f"osteoscreen: internal error ({error.__class__.__name__}); please report it"])
        return 3


def _say(lines: Sequence[str]) -> None:
    for line in lines:
        print(line, file=sys.stderr)


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
