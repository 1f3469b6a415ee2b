"""The bundled seed: source articles verbatim plus the curated chronology that cites them.

``seeds/chronology.json`` is a :class:`~chronology.db.models.Chronology` document, except that a source
may name its text by ``text_file`` (a file beside it, kept byte for byte as published) instead of
carrying ``text`` inline.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from .models import Chronology, parse_document
from .rules import check_document

SEED_DOCUMENT = "chronology.json"


def seed_files() -> Any:
    """The folder of bundled seeds (a Traversable: works from a wheel or a source checkout)."""
    return resources.files("chronology.seeds")


def resolve_text_files(data: dict[str, Any], folder: Any) -> dict[str, Any]:
    """Inline each source's ``text_file`` as its ``text``."""
    for source in data.get("sources", []):
        if isinstance(source, dict) and "text_file" in source:
            name = source.pop("text_file")
            source["text"] = folder.joinpath(name).read_text(encoding="utf-8")
    return data


def load_seed() -> Chronology:
    """Read, validate and check the bundled chronology (every quote verbatim in its source)."""
    folder = seed_files()
    data = json.loads(folder.joinpath(SEED_DOCUMENT).read_text(encoding="utf-8"))
    doc = parse_document(resolve_text_files(data, folder))
    check_document(doc)
    return doc
