"""The questionnaire page, served by app.py. All the work is in osteoscreen.ui."""

from osteoscreen.ui.app import main

main()
