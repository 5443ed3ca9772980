"""The checks every translated text and header passes, wherever it is read.

`osteoscreen check` reports what fails here as located lines; the app reads
the same files with the same checks and shows a failing text in English (as
it does a stale one) and names it on the staff page. So a text that `check`
rejects never reaches a patient's screen.

Each translated text must:
- use the same placeholders as its English (`{step}`, never `{step[0]}` or
  `{step:>9}`), and only those its place may use;
- be plain text, as rule texts are (`osteoscreen.markup`): no image, link,
  web address, HTML, Streamlit directive, LaTeX, heading, table, doubled
  brace or control character;
- in a caregiver text, never say "your" in that language's terms.

The header's own texts are checked too: `X-Language-Name` becomes the
language's button, so it is a short plain name; `X-Reviewed-By` a short plain
name; `X-Reviewed-On` a date (YYYY-MM-DD).
"""

from __future__ import annotations

import re
from datetime import date

from osteoscreen import markup
from osteoscreen.limits import printable

# "your" about the person cared for, in each language's terms (by the language
# part of the code). A caregiver text talks to the carer about "the person you
# care for", never about "your" body, medicines or doctor.
CAREGIVER_YOUR: dict[str, re.Pattern[str]] = {
    "en": re.compile(r"\byours?\b", re.I),
    "es": re.compile(r"\b(tu|tus|tuyos?|tuyas?|vuestros?|vuestras?)\b|\bde usted\b", re.I),
    "zh": re.compile(r"你的|您的|你自己|您自己"),
}
YOUR_MESSAGE = (
    'a caregiver text speaks of the person cared for, never of "your" body, medicines or doctor'
)
_PLACEHOLDER = re.compile(r"\{[^{}\s]*\}")
MAX_NAME = 40  # a language's name on its button
MAX_REVIEWER = 80
HEADERS = ("X-Language-Name", "X-Reviewed-By", "X-Reviewed-On")

Found = tuple[str, str]  # (kind, message), the message without its file and line


def text_problems(language: str, place: str, english: str, text: str) -> list[Found]:
    """What is wrong with one translated text (`language`: the code's language part)."""
    found: list[Found] = []
    want = list(dict.fromkeys(_PLACEHOLDER.findall(english)))
    have = list(dict.fromkeys(_PLACEHOLDER.findall(text)))
    if set(want) != set(have):
        found.append(
            (
                "placeholder",
                f"placeholders {', '.join(printable(h)[1:-1] for h in have) or 'none'} differ"
                f" from the English's {', '.join(want) or 'none'}",
            )
        )
    for problem in markup.check_text(place, text):
        if not found or problem.kind:  # a placeholder problem is said once
            found.append((problem.kind or "placeholder", problem.message))
    pattern = CAREGIVER_YOUR.get(language)
    if pattern is not None and place.endswith(".caregiver"):
        hit = pattern.search(text)
        if hit:
            found.append(("your", f"says {printable(hit.group(), 20)}: {YOUR_MESSAGE}"))
    return found


def header_problems(headers: dict[str, str]) -> list[tuple[str, Found]]:
    """(header name, problem) for each of the header fields the app shows or reads."""
    found: list[tuple[str, Found]] = []
    for name in HEADERS:
        value = next((v for k, v in headers.items() if k.lower() == name.lower()), "")
        if not value:
            continue
        if name == "X-Reviewed-On":
            if not _is_date(value):
                found.append(
                    (name, ("header", f"{printable(value, 40)} is not a date (YYYY-MM-DD)"))
                )
            continue
        longest = MAX_NAME if name == "X-Language-Name" else MAX_REVIEWER
        if len(value) > longest:
            found.append(
                (name, ("header", f"is {len(value):,} characters long; at most {longest}"))
            )
        for problem in markup.check_text(f"header.{name}", value):
            found.append((name, (problem.kind or "header", problem.message)))
    return found


def _is_date(value: str) -> bool:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True
