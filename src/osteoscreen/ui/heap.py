"""Keep garbage collection cheap under load: freeze the imported heap.

Streamlit runs a full collection after every script run (`runner.postScriptGC`).
A full collection walks every object the process tracks, and osteoscreen's
imports (pandas, altair and its Vega-Lite schema, fhir.resources, fpdf2) make
that heap several times larger than bare Streamlit's, so every rerun of every
session paid for walking it, and under load the runs queued behind each other.

`freeze_imports()` imports everything a visit will use, loads the rules and
builds one chart, collects once, and moves the surviving objects (modules,
classes, schemas, the rules: they live as long as the process) into the
permanent generation with `gc.freeze()`, so no collection walks them again.
With that, `.streamlit/config.toml` also turns the post-run collection off:
Python's own generational collections, which now walk only what sessions
made, free a run's garbage as it goes. See README, "How much one replica
carries", for the measurements behind this choice.
"""

from __future__ import annotations

import gc
import importlib
import threading

# Everything a visit imports sooner or later, so that it is frozen with the rest.
MODULES = (
    "pandas",
    "altair",
    "pyarrow",
    "pyarrow.pandas_compat",
    "jsonschema",
    "osteoscreen.chart",
    "osteoscreen.catalog",
    "osteoscreen.fhir",
    "osteoscreen.report",
    "osteoscreen.qr",
)

_lock = threading.Lock()
_frozen = False


def freeze_imports() -> bool:
    """Import the heavy modules and freeze the heap, once per process. True the first time."""
    global _frozen
    with _lock:
        if _frozen:
            return False
        for name in MODULES:
            importlib.import_module(name)
        _warm_up()
        gc.collect()
        gc.freeze()
        _frozen = True
        return True


def _warm_up() -> None:
    """Make the long-lived objects a first visit would make: the checked rules and their
    languages (in the app's own caches), each language's rule set, the Vega-Lite
    validator and the chart data's conversion."""
    from streamlit import dataframe_util

    from osteoscreen.engine import evaluate
    from osteoscreen.languages import in_language
    from osteoscreen.loader import default_rules_path
    from osteoscreen.model import Rules
    from osteoscreen.ui import app, cache

    rules_of = getattr(app, "_rules", None)  # the app's cached loader, if it has one
    if rules_of is None:
        return
    rules = rules_of(str(default_rules_path()))
    if not isinstance(rules, Rules):
        return  # a broken rule file: the app shows its staff page
    languages_of = getattr(app, "_languages", None)
    bundled = languages_of(str(default_rules_path()), rules) if languages_of else None
    for language in bundled.values() if isinstance(bundled, dict) else []:
        in_language(rules, language)  # memoized on the rules: built once per process
    spec = cache.chart_spec(evaluate(rules, {}), changeable="", fixed="", description="")
    for values in spec.get("datasets", {}).values():
        dataframe_util.convert_anything_to_arrow_bytes(values)
