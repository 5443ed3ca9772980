"""Rule texts on the page: plain text with at most inline emphasis.

A rule text must never make the page load or link to anything (an image, a
link, raw HTML). Streamlit renders texts as Markdown, so the few Markdown
constructs that load or link are written out as text instead: `![..](..)`
images, `[..](..)` links and `[..]: ..` definitions, `<...>` autolinks and
HTML, and the bare `http://`, `www.` and e-mail addresses that GitHub-style
Markdown turns into links. Those last ones are found in the text after the
Markdown is read (so a backslash cannot stop them): an invisible word joiner
(U+2060) goes inside them instead. Emphasis (`*`, `_`, `**`) is left alone,
and a plain text without those constructs comes out unchanged.
"""

from __future__ import annotations

import html
import re

from osteoscreen.model import Respondent, Worded
from osteoscreen.model import word as _word

JOINER = "\u2060"
# Each construct, and its Markdown-escaped form (a backslash before ASCII
# punctuation shows that character as text).
_LINKING = [
    (re.compile(r"\]\s*\("), lambda m: "\\]\\" + m.group(0)[1:]),  # ](url): links, images
    (re.compile(r"\]\s*\["), lambda m: "\\]" + m.group(0)[1:]),  # ][ref]: reference links
    (re.compile(r"\]:"), lambda m: "\\]\\:"),  # [ref]: url definitions
    (re.compile(r"<"), lambda m: "\\<"),  # autolinks and raw HTML
    (re.compile(r">"), lambda m: "\\>"),
    (re.compile(r":/"), lambda m: ":" + JOINER + "/"),  # http://host
    (re.compile(r"(?i)\bwww\."), lambda m: m.group(0)[:-1] + JOINER + "."),  # www.host
    (re.compile(r"@"), lambda m: JOINER + "@"),  # name@host
    (re.compile(r"&"), lambda m: "\\&"),  # &lt; and other entities
]


def md_text(text: str) -> str:
    """A rule text for Streamlit's Markdown: it shows as written and never loads or links."""
    for pattern, replace in _LINKING:
        text = pattern.sub(replace, text)
    return text


def html_text(text: str) -> str:
    """A rule text inside the page's own HTML: escaped, so it is only ever text."""
    return html.escape(text, quote=True)


def word(text: str | Worded, who: Respondent) -> str:
    """`model.word`, made safe for Markdown (see `md_text`)."""
    return md_text(_word(text, who))


def html_word(text: str | Worded, who: Respondent) -> str:
    """`model.word` for the page's own HTML (see `html_text`)."""
    return html_text(_word(text, who))
