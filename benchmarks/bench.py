"""Print how long the core's main jobs take on this machine. A measurement, not a test.

Run: python3 benchmarks/bench.py
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from osteoscreen.answers import parse_answers
from osteoscreen.engine import evaluate
from osteoscreen.fhir import answers_from_fhir, questionnaire, response_bundle
from osteoscreen.loader import load_rules
from osteoscreen.qr import qr_png, qr_text
from osteoscreen.report import pdf_report
from personas import ALL


def measure(name: str, job: Callable[[], object], runs: int) -> None:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        job()
        times.append(time.perf_counter() - start)
    median = statistics.median(times) * 1000
    worst = max(times) * 1000
    print(f"{name:<44} median {median:9.3f} ms   worst {worst:9.3f} ms   ({runs} runs)")


def main() -> None:
    rules = load_rules()
    answers = parse_answers(rules, ALL["everything"])
    result = evaluate(rules, answers)
    when = datetime(2026, 11, 21, tzinfo=UTC)
    bundle = response_bundle(rules, answers, authored=when)
    text = qr_text(rules, result)
    print(
        f"python {sys.version.split()[0]}; longest summary: {len(result.flags)} flags, "
        f"{len(result.summary)} doctor items; QR text {len(text.encode())} bytes"
    )
    measure("load and check the rule file (cold parse)", lambda: load_rules(), 20)
    measure("evaluate one answer set (every flag)", lambda: evaluate(rules, answers), 500)
    measure("validate one answer set", lambda: parse_answers(rules, ALL["everything"]), 500)
    measure("PDF report (every flag)", lambda: pdf_report(rules, result, on=date(2026, 11, 21)), 10)
    measure("QR text and PNG", lambda: qr_png(qr_text(rules, result)), 20)
    measure("FHIR Questionnaire (validated)", lambda: questionnaire(rules), 20)
    measure(
        "FHIR response Bundle (validated)",
        lambda: response_bundle(rules, answers, authored=when),
        20,
    )
    measure("FHIR response read back", lambda: answers_from_fhir(rules, bundle), 50)
    print(f"FHIR Bundle size: {len(json.dumps(bundle)):,} bytes")


if __name__ == "__main__":
    main()
