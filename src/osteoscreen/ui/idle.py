"""The kiosk's idle reset and its "reconnecting" screen, run by the browser itself.

The server cannot be trusted to wipe a tablet: it may be stopped, or the
Wi-Fi may drop, and the previous person's answers must not stay on screen.
So the kiosk page carries a small script that:

- keeps the idle clock in the browser. Only a person's own action (a touch, a
  click, a key, a scroll wheel: events the browser marks as trusted) sets it
  back; a rerun, a reconnect or a script never does;
- shows the "Are you still there?" warning `idle_warning_seconds` before the
  reset, with a button that keeps the answers;
- after `idle_seconds`, covers the page, presses Start over if the server is
  there (so the server forgets the answers too), and loads the app's address
  afresh, which starts a new session. Without a server it keeps the page
  covered and tries again every two seconds;
- when the page loses its link to the server, empties the page at once (the
  answers and results leave the page itself, not only the screen), shows a
  calm "please wait" screen, and loads the app afresh when the server answers
  again: a new, empty session, as after the idle reset.

The server takes no part in the countdown: an idle kiosk costs it nothing.
The script is installed once per page load; each run only updates a small
data element (whether anything of a person's is on screen, and the texts).
"""

from __future__ import annotations

from html import escape

import streamlit as st

from osteoscreen.languages import FIXED, Language, fixed_text
from osteoscreen.model import Respondent, Rules, word
from osteoscreen.settings import Settings

# Shown when there is no server to take words from the rule file: `languages.FIXED`,
# translated in the translation files; each run hands the page the visit's language's.
# The English, under their old names:
WAIT_TITLE = FIXED["wait_title"]
WAIT_TEXT = FIXED["wait_text"]
RESET_TITLE = FIXED["reset_title"]
RESET_TEXT = FIXED["reset_text"]

SCRIPT = """
<script>
(() => {
  if (window.osteoIdle) { return; }
  const state = {
    last: performance.now(), resetting: false, seen: false, lost: false, config: null,
  };
  window.osteoIdle = state;
  const touched = (event) => {
    if (event.isTrusted && !state.resetting) { state.last = performance.now(); }
  };
  for (const name of ['pointerdown', 'keydown', 'touchstart', 'wheel']) {
    document.addEventListener(name, touched, { capture: true, passive: true });
  }
  const config = () => {
    const e = document.getElementById('osteo-idle');
    if (e) {
      const d = e.dataset;
      state.config = {
        dirty: d.dirty === '1', warn: Number(d.warn), reset: Number(d.reset),
        warning: d.warning, still: d.still, waitTitle: d.waitTitle, waitText: d.waitText,
        resetTitle: d.resetTitle, resetText: d.resetText,
      };
    }
    return state.config;
  };
  const make = (tag, attrs, text) => {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) { e.setAttribute(k, v); }
    if (text) { e.textContent = text; }
    return e;
  };
  const cover = (title, text) => {
    let main = document.getElementById('osteo-cover');
    if (!main) {
      main = make('main', { id: 'osteo-cover' });
      main.append(make('h1', { id: 'osteo-cover-title' }), make('p', { id: 'osteo-cover-text' }));
      document.body.append(main);
    }
    main.querySelector('h1').textContent = title;
    main.querySelector('p').textContent = text;
    document.body.classList.add('osteo-covered');
  };
  const uncover = () => { document.body.classList.remove('osteo-covered'); };
  const warn = (c) => {
    let box = document.getElementById('osteo-idle-warning');
    if (!box) {
      box = make('section', { id: 'osteo-idle-warning', 'aria-labelledby': 'osteo-idle-text' });
      const text = make('p', { id: 'osteo-idle-text', role: 'alert' });
      const button = make('button', { type: 'button', id: 'osteo-still-here' });
      button.addEventListener('click', () => { state.last = performance.now(); hide(); });
      box.append(text, button);
      document.body.append(box);
    }
    box.querySelector('p').textContent = c.warning;
    box.querySelector('button').textContent = c.still;
    box.hidden = false;
  };
  const hide = () => {
    const box = document.getElementById('osteo-idle-warning');
    if (box) { box.hidden = true; }
  };
  const connected = () => {
    const app = document.querySelector('[data-testid="stApp"]');
    const s = app ? app.getAttribute('data-test-connection-state') : null;
    return s === 'CONNECTED' || s === 'STATIC_CONNECTED';
  };
  const home = location.origin + location.pathname;
  const fresh = () => {
    fetch(home.replace(/\\/?$/, '/') + '_stcore/health', { cache: 'no-store' })
      .then((r) => { if (r.ok) { location.replace(home); } else { setTimeout(fresh, 2000); } })
      .catch(() => setTimeout(fresh, 2000));
  };
  const reset = (c) => {
    state.resetting = true;
    hide();
    cover(c.resetTitle, c.resetText);
    const startOver = document.querySelector('.st-key-start_over button');
    const online = connected();
    if (online && startOver) { startOver.click(); }
    setTimeout(fresh, online ? 500 : 0);
  };
  // The link to the server is gone: empty the page itself (not only cover it), so no
  // answer or result stays in the page for the whole outage, then start afresh when
  // the server answers again (the emptied page cannot be drawn again).
  const lost = (c) => {
    hide();
    cover(c.waitTitle, c.waitText);
    if (state.lost) { return; }
    state.lost = true;
    for (const style of document.querySelectorAll('#root style')) {
      if (style.textContent.includes('osteo-cover')) { document.head.append(style); }
    }
    const root = document.getElementById('root');
    if (root) { root.replaceChildren(); }
    for (const e of document.querySelectorAll('body > :not(#osteo-cover):not(script):not(style)')) {
      e.remove();
    }
    setTimeout(fresh, 2000);
  };
  const tick = () => {
    const c = config();
    if (!c || state.resetting) { return; }
    const online = connected();
    if (online) { state.seen = true; }
    const idle = (performance.now() - state.last) / 1000;
    if (c.dirty && idle >= c.reset) { reset(c); return; }
    if (!online && state.seen) { lost(c); return; }
    uncover();
    if (c.dirty && idle >= c.warn) { warn(c); } else { hide(); }
  };
  setInterval(tick, 250);
  tick();
})();
</script>
"""

STYLE = """
<style>
/* While the kiosk is not connected, or is starting again, only the cover shows. */
#osteo-cover { display: none; }
body.osteo-covered > *:not(#osteo-cover) { display: none !important; }
body.osteo-covered #osteo-cover {
  display: flex; flex-direction: column; justify-content: center; align-items: center;
  position: fixed; inset: 0; z-index: 2147483647; background: #ffffff; color: #1a1d21;
  padding: 2rem; text-align: center; font-family: sans-serif;
}
#osteo-cover h1 { font-size: 2rem; margin: 0 0 1rem; }
#osteo-cover p { font-size: 1.3rem; max-width: 36rem; margin: 0; }
/* The idle warning floats over the page, so it is seen wherever the person scrolled. */
#osteo-idle-warning {
  position: fixed; top: 12px; left: 50%; transform: translateX(-50%); z-index: 1000000;
  width: min(92vw, 720px); background: #ffffff; color: #1a1d21; padding: 16px;
  border: 3px solid #8a5a00; border-radius: 12px; box-shadow: 0 8px 30px rgba(0, 0, 0, 0.25);
  font-family: sans-serif; font-size: 1.2rem;
}
#osteo-idle-warning[hidden] { display: none; }
#osteo-idle-warning p { margin: 0 0 12px; }
#osteo-idle-warning button {
  min-height: 60px; min-width: 60px; padding: 0.5rem 1.2rem; font-size: 1.1rem;
  color: #ffffff; background: #0b5fa5; border: none; border-radius: 8px; cursor: pointer;
}
#osteo-idle-warning button:focus-visible { outline: 3px solid #0b5fa5; outline-offset: 2px; }
@media print { #osteo-cover, #osteo-idle-warning { display: none !important; } }
</style>
"""


def install(
    rules: Rules,
    settings: Settings,
    who: Respondent,
    *,
    dirty: bool,
    language: Language | None = None,
) -> None:
    """Put the idle timer on the kiosk page (once), and tell it what is on screen now
    (`rules` in the visit's language, and that language for the covers' texts)."""
    ui = rules.ui
    data = {
        "dirty": "1" if dirty else "0",
        "warn": f"{settings.warn_after:g}",
        "reset": f"{settings.idle_seconds:g}",
        "warning": word(ui.idle_warning, who),
        "still": word(ui.still_here, who),
        "wait-title": fixed_text("wait_title", language),
        "wait-text": fixed_text("wait_text", language),
        "reset-title": fixed_text("reset_title", language),
        "reset-text": fixed_text("reset_text", language),
    }
    attrs = " ".join(f'data-{k}="{escape(v, quote=True)}"' for k, v in data.items())
    with st.container(key="idle_timer"):
        st.html(f'<div id="osteo-idle" hidden {attrs}></div>')
        st.html(STYLE + SCRIPT, unsafe_allow_javascript=True)
