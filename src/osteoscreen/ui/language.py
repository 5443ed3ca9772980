"""The page's language: which one a visit starts in, the welcome screen's buttons, and
the page's `<html lang>` and `dir`.

A visit starts in the first of these that the clinic offers (its `languages` setting):

1. the address's `?lang=` (a link from the clinic's website, e.g. `?lang=es`), outside
   kiosk mode;
2. outside kiosk mode, the browser's preferred languages (its `Accept-Language`
   header, then the language of its own menus), best first: `zh-CN` finds `zh-Hans`,
   `es-MX` finds `es`;
3. the clinic's `clinic_language`.

A kiosk always starts, and every wipe on it (Start over, Finish, the idle reset)
goes back, in the clinic's language: the tablet is the clinic's, and the next
person should find it as the clinic set it up. A person changes the language on
the welcome screen (buttons `lang_<code>`, each named in its own language); the
answers stay. The choice is kept in the session (`lang`) and, outside kiosk
mode, in the address (`?lang=`), so a reload keeps it.

Streamlit has no way to set `<html lang>` (WCAG 3.1.1) or `dir`: a small script,
installed once per page load, copies them from a hidden element that every run
updates, and marks a few parts in another language (the language buttons, the
English source quotes) with their own `lang` (WCAG 3.1.2). `dir` always comes
from the language (`Language.direction`), so a right-to-left translation needs
no code.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from html import escape

import streamlit as st

from osteoscreen.languages import SOURCE, Language, accepted, negotiate
from osteoscreen.settings import Settings
from osteoscreen.ui import state
from osteoscreen.ui.text import html_text, md_text

KEY = state.LANGUAGE  # session key of the chosen language's code
PARAM = "lang"  # the address's query parameter

SCRIPT = """
<script>
(() => {
  if (window.osteoLang) { window.osteoLang(); return; }
  const apply = () => {
    const e = document.getElementById('osteo-lang');
    if (!e) { return; }
    const root = document.documentElement;
    const d = e.dataset;
    if (d.lang && root.getAttribute('lang') !== d.lang) { root.setAttribute('lang', d.lang); }
    if (d.dir && root.getAttribute('dir') !== d.dir) { root.setAttribute('dir', d.dir); }
    let parts = [];
    try { parts = JSON.parse(d.parts || '[]'); } catch (error) { parts = []; }
    for (const [selector, attrs] of parts) {
      for (const x of document.querySelectorAll(selector)) {
        for (const [name, value] of Object.entries(attrs)) {
          if (x.getAttribute(name) !== value) { x.setAttribute(name, value); }
        }
      }
    }
  };
  window.osteoLang = apply;
  // Streamlit redraws parts of the page on every run: mark them again as they come.
  new MutationObserver(apply).observe(document.body, {
    childList: true, subtree: true, attributes: true,
    attributeFilter: ['data-lang', 'data-dir', 'data-parts'],
  });
  apply();
})();
</script>
"""

GLOBE = (
    '<svg aria-hidden="true" focusable="false" width="1.2em" height="1.2em" viewBox="0 0 24 24"'
    ' fill="none" stroke="currentColor" stroke-width="1.8" style="vertical-align: -0.2em">'
    '<circle cx="12" cy="12" r="10"/><ellipse cx="12" cy="12" rx="4.5" ry="10"/>'
    '<path d="M2 12h20M4.5 6.5h15M4.5 17.5h15"/></svg>'
)

# Parts of a page with attributes of their own, e.g. in another language than the
# page: (CSS selector, {attribute: value}). Only `lang`, `dir` and `aria-pressed`.
Parts = list[tuple[str, dict[str, str]]]


def in_language(selector: str, code: str, direction: str) -> tuple[str, dict[str, str]]:
    return selector, {"lang": code, "dir": direction}


def wanted(kiosk: bool) -> list[str]:
    """The languages this visit asks for, best first (none on a kiosk)."""
    if kiosk:
        return []
    asked = list(st.query_params.get_all(PARAM))
    header = st.context.headers.get("Accept-Language") or ""
    asked += accepted(header)
    if st.context.locale:
        asked.append(st.context.locale)
    return asked


def initial(offered: Sequence[str], settings: Settings) -> str:
    """The language a visit starts in (see the module's list)."""
    found = negotiate(list(offered), wanted(settings.kiosk))
    if found is not None:
        return found
    return settings.clinic_language if settings.clinic_language in offered else offered[0]


def current(offered: Mapping[str, Language], settings: Settings) -> Language:
    """The visit's language, chosen once per session and kept until changed (or wiped on
    a kiosk, which goes back to the clinic's language)."""
    ss = st.session_state
    code = ss.get(KEY)
    if not isinstance(code, str) or code not in offered:
        code = initial(list(offered), settings)
        ss[KEY] = code
    # What every wipe goes back to: the clinic's language on a kiosk, else the person's.
    ss[state.WIPE_LANGUAGE] = settings.clinic_language if settings.kiosk else None
    return offered[code]


def code_of(offered: Sequence[str], settings: Settings | None) -> str:
    """The language for a page drawn without the rule file (a broken rule file or
    setting): the visit's if it has one, else what it asks for, else the clinic's."""
    ss = st.session_state
    kept = ss.get(KEY)
    if isinstance(kept, str) and kept in offered:
        return kept
    kiosk = settings.kiosk if settings is not None else False
    found = negotiate(list(offered), wanted(kiosk))
    if found is not None:
        return found
    if settings is not None and settings.clinic_language in offered:
        return settings.clinic_language
    return SOURCE


def mark(code: str, direction: str, parts: Parts | None = None, *, key: str = "page_lang") -> None:
    """Give the page this language and direction (and these parts their own). `key` names
    the marker's container: the calm error page, drawn in a run that already made one,
    needs another."""
    data = {
        "lang": code,
        "dir": direction,
        "parts": json.dumps(parts or [], ensure_ascii=False),
    }
    attrs = " ".join(f'data-{k}="{escape(v, quote=True)}"' for k, v in data.items())
    with st.container(key=key):
        st.html(f'<div id="osteo-lang" hidden {attrs}></div>')
        st.html(SCRIPT, unsafe_allow_javascript=True)


def button_parts(offered: Mapping[str, Language], chosen: Language) -> Parts:
    """Each language button speaks its own language (a screen reader says "Español"
    rightly) and says whether it is the chosen one."""
    parts: Parts = []
    for lang in offered.values():
        selector = f".st-key-lang_{lang.code} button"
        pressed = "true" if lang.code == chosen.code else "false"
        parts.append(
            (selector, {"lang": lang.code, "dir": lang.direction, "aria-pressed": pressed})
        )
    return parts


def render_buttons(
    offered: Mapping[str, Language], chosen: Language, label: str, *, kiosk: bool
) -> None:
    """The row of language buttons, each named in its own language; the chosen one is marked."""
    if len(offered) < 2:
        return
    with st.container(key="languages"):
        # The globe says "language" to someone who cannot read the label's language
        # (drawn here, not an icon font: Streamlit's icons carry an English name).
        st.html(f'<p class="language-label">{GLOBE} <strong>{html_text(label)}</strong></p>')
        with st.container(key="language_buttons", horizontal=True):
            for lang in offered.values():
                st.button(
                    md_text(lang.name),
                    key=f"lang_{lang.code}",
                    type="secondary",
                    on_click=choose,
                    args=(lang.code, kiosk),
                )
    st.html(
        f"<style>.st-key-lang_{chosen.code} button {{ background: #e3eefa !important;"
        " box-shadow: inset 0 0 0 3px #0b5fa5; font-weight: 700; }</style>"
    )


@state.calm
def choose(code: str, kiosk: bool) -> None:
    """The person picked a language: the screens change, the answers stay."""
    st.session_state[KEY] = code
    if not kiosk:
        st.query_params[PARAM] = code
