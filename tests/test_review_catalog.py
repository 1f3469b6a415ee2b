"""Every word the article review (issue #12) shows is in the Ukrainian catalog: the message ids its modules pass
to ``_``/``N_``, its problems, its key bindings' descriptions and tooltips, and its tables of message ids."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[1]
MODULES = [
    "tui/cli/draft.py",
    "tui/logic/article.py",
    "tui/logic/review.py",
    "tui/logic/review_fields.py",
    "tui/present/review_text.py",
    "tui/present/event_view.py",
    "tui/screens/review.py",
    "tui/screens/review_modals.py",
    "tui/screens/add_article.py",
    "tui/widgets/article.py",
    "tui/widgets/records.py",
]
CALLS = {"_", "N_", "of", "ArticleError"}  # functions whose first argument is a message id
TABLES = {"HELP", "LEGEND", "QUOTE_KINDS", "QUALIFIER_WORDS", "CLAIM_FIELDS", "FIELDS", "words"}  # tables of ids
NOT_WORDS = {"{message}"}  # a problem passed through as the model words it


def message_ids(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call):
            name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
            first = node.args[0] if node.args else None
            if name in CALLS and isinstance(first, ast.Constant) and isinstance(first.value, str):
                found.add(first.value)
            if name == "Binding":
                texts = [a for a in node.args[2:3]] + [k.value for k in node.keywords if k.arg == "tooltip"]
                found |= {t.value for t in texts if isinstance(t, ast.Constant) and isinstance(t.value, str)}
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id in TABLES for t in node.targets):
            table = node.value
            values = table.values if isinstance(table, ast.Dict) else [table]
            for value in values:
                for leaf in ast.walk(value):
                    if isinstance(leaf, ast.Constant) and isinstance(leaf.value, str) and leaf.value.strip():
                        found.add(leaf.value)
    return found - NOT_WORDS


@pytest.mark.parametrize("module", MODULES)
def test_every_word_of_the_review_is_translated(module: str) -> None:
    with (ROOT / "tui/locale/uk/LC_MESSAGES/chronology.po").open("rb") as fh:
        catalog = {m.id: m.string for m in read_po(fh) if m.id}
    ids = message_ids(ROOT / module)
    assert ids, module
    missing = sorted(i for i in ids if not catalog.get(i))
    assert not missing, missing
