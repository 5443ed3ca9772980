"""osteoscreen: run with `streamlit run app.py`. All the work is in osteoscreen.ui."""

from osteoscreen.ui.app import main

main()
