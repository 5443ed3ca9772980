"""`python -m osteoscreen` runs the command line."""

from osteoscreen.cli import main

raise SystemExit(main())
