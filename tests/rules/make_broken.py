"""Rebuild the broken rule files added for issue 9 from `valid.toml`.

Each is valid.toml with one defect and its exact expected messages. Run it
after changing valid.toml (e.g. a new required text): `python3 tests/rules/make_broken.py`.
"""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent
PLAIN = "rule texts are plain text with at most **bold** and *italic*"
GONE = "lists it as public (add ids, never rename or remove them)"
AGE = 'min = 18\nmax = 120\ntext = "Age?"'
WHEN = """when = { all = [
  { question = "steroids", op = "eq", value = "yes" },
  { question = "age", op = "gte", value = 50 },
] }"""
LONG = "Ask for a medicine review, with a very long explanation. " * 40

BROKEN: list[tuple[str, str, list[str], list[tuple[str, str]]]] = [
    (
        "strict_types",
        "a number and a true/false written as text are not coerced",
        [
            "questions[age].min: Input should be a valid integer",
            "questions[age].max: Input should be a valid integer",
            "questions[steroids].optional: Input should be a valid boolean",
        ],
        [
            (AGE, 'min = "18"\nmax = true\ntext = "Age?"'),
            ('label = "Steroids"\n', 'label = "Steroids"\noptional = "yes"\n'),
        ],
    ),
    (
        "seed_outside_folder",
        "seed files outside the seeds folder",
        [
            "documents[ms_article].file: '../../../../etc/passwd' is not a file inside the seeds folder",
            "documents[zero].file: '/dev/zero' is not a file inside the seeds folder",
        ],
        [
            ('file = "ms-and-osteoporosis.txt"', 'file = "../../../../etc/passwd"'),
            (
                "[[guidelines]]",
                '[[documents]]\nid = "zero"\nfile = "/dev/zero"\ntitle = "Zero"\n\n[[guidelines]]',
            ),
        ],
    ),
    (
        "seed_not_utf8",
        "a seed file that is not UTF-8 text",
        [
            "documents[ms_article].file: seed 'latin1.txt' is not UTF-8 text (byte 0xe9 at position 3)"
        ],
        [
            ('seeds = "../../../seeds"', 'seeds = "../seeds"'),
            ('file = "ms-and-osteoporosis.txt"', 'file = "latin1.txt"'),
        ],
    ),
    (
        "unknown_placeholder",
        "placeholders a text may not use",
        [
            "texts.notice: unknown placeholder {diagnosis}; this text may use none",
            "ui.welcome_time: unknown placeholder {minutes}; this text may use none",
            "ui.step_label: unknown placeholder {total}; this text may use only {step} and {steps}",
            "report.page_label: unknown placeholder {n}; this text may use only {page} and {pages}",
        ],
        [
            ('notice = "Not a diagnosis."', 'notice = "Not a {diagnosis}."'),
            (
                'welcome_time = "It takes about 5 minutes."',
                'welcome_time = "It takes about {minutes} minutes."',
            ),
            ('step_label = "Step {step} of {steps}"', 'step_label = "Step {step} of {total}"'),
            ('page_label = "Page {page} of {pages}"', 'page_label = "Page {n}"'),
        ],
    ),
    (
        "malformed_placeholder",
        "a step label Python cannot format",
        [
            "ui.step_label: cannot be formatted (Single '}' encountered in format string);"
            " write placeholders as {step} and {steps}"
        ],
        [('step_label = "Step {step} of {steps}"', 'step_label = "Step {step} of steps}"')],
    ),
    (
        "markup_in_text",
        "images, links to other hosts and raw HTML in rule texts",
        [
            f"texts.summary_intro: an image is not allowed: '![logo](https://evil.example/x.png)'; {PLAIN}",
            f"texts.notice: raw HTML is not allowed: '<b>'; {PLAIN}",
            f"texts.all_clear: a link is not allowed: '[this](https://evil.example)'; {PLAIN}",
            f"ui.welcome_time: a web address is not allowed: 'www.evil.example'; {PLAIN}",
        ],
        [
            (
                'summary_intro = "Intro."',
                'summary_intro = "Intro. ![logo](https://evil.example/x.png)"',
            ),
            ('notice = "Not a diagnosis."', 'notice = "Not a <b>diagnosis</b>."'),
            (
                'all_clear = "Nothing matched."',
                'all_clear = "Nothing matched. See [this](https://evil.example)."',
            ),
            (
                'welcome_time = "It takes about 5 minutes."',
                'welcome_time = "It takes about 5 minutes. More at www.evil.example"',
            ),
        ],
    ),
    (
        "range_too_large",
        "a number range the picker cannot render",
        ["questions[age].max: 1000000 is outside 0-1000, the numbers a question may use"],
        [(AGE, 'min = 18\nmax = 1000000\ntext = "Age?"')],
    ),
    (
        "range_too_wide",
        "a number range too wide for the picker",
        ["questions[age]: the range 0-1000 is too wide; at most 300 between 'min' and 'max'"],
        [(AGE, 'min = 0\nmax = 1000\ntext = "Age?"')],
    ),
    (
        "flag_on_empty_answers",
        "a flag raised when nothing is answered",
        [
            "flags[steroid_use].when: holds when nothing is answered;"
            " a flag must never be raised without an answer"
        ],
        [(WHEN, 'when = { not = { question = "age", op = "lt", value = 50 } }')],
    ),
    (
        "flag_from_unknown",
        "a flag raised by an 'I don't know' answer",
        [
            "flags[steroid_use].when.all[0]: holds for the 'I don't know' answer 'unknown' to"
            " 'steroids'; an unknown answer gives a follow-up, never a flag"
        ],
        [
            (
                '{ question = "steroids", op = "eq", value = "yes" },',
                '{ question = "steroids", op = "in", value = ["yes", "unknown"] },',
            )
        ],
    ),
    (
        "qr_too_long",
        "a summary too long for the QR code",
        [
            "doctor_items: with every doctor item, the QR code's shortest text (self wording)"
            " takes 2429 bytes, more than the 996 it holds; shorten the 'short' texts",
            "doctor_items: with every doctor item, the QR code's shortest text (caregiver"
            " wording) takes 2429 bytes, more than the 996 it holds; shorten the 'short' texts",
        ],
        [
            ('short = "Medicine review"', f'short = "{LONG}"'),
            ('text = "Ask for a medicine review."', f'text = "{LONG}"'),
        ],
    ),
    (
        "asked_when_not_fhir",
        "an 'asked when' that FHIR enableWhen cannot express",
        [
            "questions[steroid_duration].asked_when: FHIR enableWhen cannot express this"
            " condition (a 'not', or nested all/any)"
        ],
        [
            (
                'asked_when = { question = "steroids", op = "eq", value = "yes" }',
                'asked_when = { not = { question = "steroids", op = "ne", value = "yes" } }',
            )
        ],
    ),
    (
        "nested_too_deep",
        "a condition nested hundreds of levels deep",
        ["flags[steroid_use].when: nested more than 32 levels deep"],
        [
            (
                WHEN,
                "when = "
                + "{ not = " * 300
                + '{ question = "age", op = "gte", value = 50 }'
                + " }" * 300,
            )
        ],
    ),
    (
        "public_id_removed",
        "public ids listed in public-ids.toml are gone",
        [
            f"questions[smoking]: question 'smoking' is gone; ../public-ids.toml {GONE}",
            "questions[steroids].options[yes_now]: option 'steroids.yes_now' is gone;"
            f" ../public-ids.toml {GONE}",
            f"flags[falls]: flag 'falls' is gone; ../public-ids.toml {GONE}",
            "doctor_items[fall_prevention]: summary item 'fall_prevention' is gone;"
            f" ../public-ids.toml {GONE}",
        ],
        [
            (
                'seeds = "../../../seeds"',
                'seeds = "../../../seeds"\npublic_ids = "../public-ids.toml"',
            )
        ],
    ),
]


def main() -> None:
    base = (HERE / "valid.toml").read_text(encoding="utf-8")
    body = base.split("\n", 2)[2].replace('seeds = "../../seeds"', 'seeds = "../../../seeds"')
    for name, title, expects, changes in BROKEN:
        text = body
        for old, new in changes:
            if old not in text:
                raise SystemExit(f"{name}: valid.toml no longer holds {old!r}; update {__file__}")
            text = text.replace(old, new, 1)
        head = f"# Broken on purpose ({title}). `osteoscreen check` must print exactly:\n"
        head += "".join(f"# expect: {{file}}: {e}\n" for e in expects)
        (HERE / "broken" / f"{name}.toml").write_text(head + text, encoding="utf-8")


if __name__ == "__main__":
    main()
