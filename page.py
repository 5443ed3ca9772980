"""The questionnaire page, served by app.py. All the work is in osteoscreen.ui."""

from osteoscreen.ui import heap

heap.freeze_imports()  # once per process: see osteoscreen/ui/heap.py

from osteoscreen.ui.app import main  # noqa: E402

main()
