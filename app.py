"""osteoscreen: start with `python3 -m streamlit run app.py`.

This file is the server: Streamlit's App serving the questionnaire page
(`page.py`) behind osteoscreen's guards (no host but our own, no cached
download, no Streamlit error box; see `osteoscreen.ui.server`).
"""

from streamlit import App

from osteoscreen.ui import server

app = App("page.py", middleware=server.MIDDLEWARE, on_script_error=server.on_script_error)
