"""The rule file's JSON Schema, committed beside the rule file for editors.

The TOML file starts with `#:schema ./osteoscreen.schema.json`, so editors with
a TOML language server (Taplo, Even Better TOML) complete and check it. A test
fails when the committed copy is stale; regenerate it with
`osteoscreen schema > rules/osteoscreen.schema.json`.
"""

from __future__ import annotations

import json

from osteoscreen.model import Rules


def schema_text() -> str:
    """The JSON Schema of a rule file, as stable, indented JSON text."""
    schema = Rules.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "osteoscreen rule file"
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
