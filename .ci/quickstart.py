"""Print a command from the README's "Quick start" block: `app` (first) or `test` (second).

CI runs the README's own test command through this, so the two cannot drift.
"""

import re
import sys
from pathlib import Path

readme = Path(__file__).resolve().parent.parent.joinpath("README.md").read_text(encoding="utf-8")
section = readme.split("## Quick start", 1)[1]
block = re.search(r"```(?:sh|bash|shell)?\n(.*?)```", section, re.S)
if block is None:
    sys.exit("README.md: no code block under '## Quick start'")
commands = [line for line in block.group(1).splitlines() if line.strip()]
if len(commands) != 2:
    sys.exit(f"README.md: the Quick start must hold exactly two commands, not {len(commands)}")
print(commands[{"app": 0, "test": 1}[sys.argv[1]]])
