"""Page styles: readable by default, larger on the kiosk, clean when printed."""

from __future__ import annotations

import streamlit as st

FOCUS = "#0b5fa5"

BASE = f"""
<style>
/* A visible focus ring on everything a keyboard can reach. */
:focus-visible, button:focus-visible, [role="radio"]:focus-visible,
input:focus-visible, [role="checkbox"]:focus-visible, summary:focus-visible {{
  outline: 3px solid {FOCUS} !important;
  outline-offset: 2px !important;
}}
.block-container {{ padding-top: 2.5rem !important; }}
h1 {{ font-size: 2.1rem !important; }}
h2 {{ font-size: 1.6rem !important; }}
h3 {{ font-size: 1.3rem !important; }}
/* No download or full-screen menu on charts and tables for patients. */
[data-testid="stElementToolbar"] {{ display: none !important; }}
/* Radio and checkbox inputs are visually hidden: show their focus on the row. */
[data-testid="stRadioOption"]:has(input:focus-visible),
[data-testid="stCheckbox"] label:has(input:focus-visible) {{
  outline: 3px solid {FOCUS} !important; outline-offset: 2px; border-radius: 8px;
}}
/* Answer options: the whole row is the touch target. */
[data-testid="stRadioOption"], [data-testid="stCheckbox"] label {{
  min-height: 44px;
  align-items: center;
  padding: 4px 6px;
}}
[data-testid="stRadioGroup"] {{ gap: 2px; }}
/* The chosen answer stands out, not only by its small dot. */
[data-testid="stRadioOption"]:has(input:checked),
[data-testid="stCheckbox"] label:has(input:checked) {{
  background: #e3eefa; border-radius: 8px; box-shadow: inset 0 0 0 2px {FOCUS};
}}
.stButton button, [data-testid="stButtonGroup"] button {{ min-height: 44px; min-width: 44px; }}
/* The number box's minus and plus buttons are touch targets too. */
[data-testid="stNumberInputStepDown"], [data-testid="stNumberInputStepUp"] {{
  min-width: 44px !important; min-height: 44px;
}}
[data-testid="stExpander"] summary {{ min-height: 44px; }}
/* The question text is the radio group's label: make it read like a question. */
[data-testid="stWidgetLabel"] p {{ font-size: 1.1rem; font-weight: 600; }}
.why {{ color: #3d4650; margin: 0; }}
/* Streamlit greys captions and quotes with opacity (4.47:1 on white, just under
   WCAG AA's 4.5:1): use an opaque darker grey instead (7.9:1). */
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] p,
[data-testid="stMarkdownContainer"] blockquote, [data-testid="stMarkdownContainer"] blockquote p {{
  color: #4a5058 !important;
  opacity: 1 !important;
}}
img.qr {{ width: min(100%, 440px); height: auto; display: block; }}
/* The page's language marker (ui/language.py) takes no room. */
[class*="st-key-page_lang"] {{ display: none !important; }}
/* The language buttons: big, and wide enough for each name. */
.st-key-language_buttons {{ flex-wrap: wrap; gap: 0.5rem; }}
.language-label {{ margin: 0; font-size: 1.1rem; }}
.st-key-language_buttons button {{ min-width: 6rem; }}
.st-key-language_buttons button p {{ font-size: 1.1rem; }}
.priority {{
  border-left: 6px solid #a4161a; background: #fff4f4; padding: 0.8rem 1rem;
  border-radius: 4px; margin: 0.5rem 0 1rem;
}}
@media print {{
  header, footer, [data-testid="stHeader"], [data-testid="stToolbar"],
  [data-testid="stDecoration"], [data-testid="stStatusWidget"],
  .stButton, [data-testid="stButtonGroup"], .st-key-nav, .st-key-topbar,
  .st-key-idle_timer, .st-key-noprint, iframe {{ display: none !important; }}
  [data-testid="stAppViewContainer"], [data-testid="stMain"] {{ overflow: visible !important; }}
  .block-container {{ padding: 0 !important; max-width: 100% !important; }}
  [data-testid="stExpander"] details {{ border: none; }}
}}
</style>
"""

KIOSK = """
<style>
/* Waiting-room tablet: large text, large targets, nothing to wander into. */
html { font-size: 21px; }
header[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"],
[data-testid="stStatusWidget"], [data-testid="stMainMenu"], footer { display: none !important; }
[data-testid="stRadioGroup"], [data-testid="stRadioGroup"] > div { width: 100%; }
[data-testid="stRadioOption"], [data-testid="stCheckbox"] label {
  min-height: 56px; padding: 8px 12px; border: 1px solid #8c959f; border-radius: 8px;
  margin-bottom: 6px; width: 100%; box-sizing: border-box;
}
.stButton button, [data-testid="stButtonGroup"] button {
  min-height: 60px; min-width: 60px; font-size: 1.05rem; padding: 0.5rem 1.2rem;
}
[data-testid="stExpander"] summary { min-height: 56px; }
.block-container { padding-top: 1.5rem !important; }
/* The idle timer's elements (ui/idle.py) take no room on the page. */
.st-key-idle_timer { display: none !important; }
</style>
"""

# On a translated screen, Streamlit's own English is not shown: the hint under a
# number box ("Press Enter to apply"; the number is kept when the box loses focus
# anyway), the "Running..." status, and the menu (printing is the browser's own).
TRANSLATED = """
<style>
[data-testid="InputInstructions"], [data-testid="stStatusWidget"],
[data-testid="stMainMenu"] { display: none !important; }
</style>
"""

SCROLL_TOP = """
<script data-screen="{nonce}">
(() => {
  const top = () => {
    const main = document.querySelector('[data-testid="stMain"]');
    if (main) { main.scrollTo({ top: 0 }); }
    window.scrollTo({ top: 0 });
  };
  // A long screen is still being laid out when this runs: try again as it settles.
  [0, 100, 250, 500].forEach((ms) => setTimeout(top, ms));
})();
</script>
"""


def apply(kiosk: bool, language: str = "en") -> None:
    """Insert the page styles (and the kiosk ones when the clinic turned kiosk mode on)."""
    st.html(BASE + (KIOSK if kiosk else "") + ("" if language == "en" else TRANSLATED))


def scroll_to_top() -> None:
    """Bring a new screen into view from its top (a long page keeps its scroll otherwise).

    Each script is made unique: an identical element in the same place would be
    kept by the browser and its script not run again.
    """
    nonce = int(st.session_state.get("scroll_nonce", 0)) + 1
    st.session_state["scroll_nonce"] = nonce
    st.html(SCROLL_TOP.replace("{nonce}", str(nonce)), unsafe_allow_javascript=True)
