"""The command line speaks one language: its help, argparse's own words and every error are Ukrainian by
default and English with --lang en, each error on one line with a non-zero exit."""

from __future__ import annotations

import argparse
import gettext
import json
import re
from pathlib import Path

import pytest
from chronology.db.errors import DOCUMENT, NO_SOURCE, ChronologyError, Problem, StoreError, Words
from chronology.tui.cli import main
from chronology.tui.cli.context import CliError
from chronology.tui.i18n import say

from .conftest import tiny_data

COMMANDS = [
    "list",
    "show",
    "tui",
    "import",
    "export",
    "schema",
    "search",
    "check",
    "doctor",
    "serve",
    "completion",
    "draft",
    "add",
]
# What may stay Latin in the Ukrainian help: program, command and format names, option values, examples.
TECHNICAL = {
    "chronology", *COMMANDS, "uk", "en", "JSON", "Schema", "CSV", "Markdown", "TimelineJS", "TimelineJS3",
    "Knight", "Lab", "json", "csv", "md", "timelinejs", "auto", "always", "never", "N", "OR", "A", "B",
    "html", "sqlite", "SQLite", "Datasette", "CDN", "V", "textual", "web", "pip", "install", "http", "URL", "Ctrl",
    "C", "bash", "zsh", "fish", "eval", "source", "bashrc", "zshrc", "config", "HTML", "EDTF", "UTF", "grep",
    # the keys of list/show --json (machine names, as in the store)
    "id", "pos", "date", "kind", "status", "place", "title", "sections",
    # search's English field names and the examples of queries in English
    "with", "year", "talks", "s", "December", "Geneva", "Moscow", "Putin", "Witkoff",
}  # fmt: skip


def cli(capsys, *argv: str) -> tuple[int, str, str]:
    """`chronology ARGV` in this process: exit code, standard output, standard error."""
    try:
        code = main(list(argv))
    except SystemExit as exc:  # --help, a usage error
        code = int(exc.code or 0)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def latin_words(help_text: str) -> set[str]:
    """The Latin words of a help text, leaving out option names, $VARIABLES, `commands`, {choices}, files."""
    text = re.sub(r"`[^`]*`", " ", help_text)
    text = re.sub(r"(?<![\w-])--?[a-z][a-z-]*", " ", text)
    text = re.sub(r"[\w*]*_\w+", " ", text)  # machine names (JSON keys such as date_text, *_text)
    text = re.sub(r"\$[A-Z_]+|\{[^}]*\}|\b[\w.-]+\.(?:db|json)\b", " ", text)
    return set(re.findall(r"[A-Za-z][A-Za-z0-9]*", text))


@pytest.mark.parametrize("command", [[], *([c] for c in COMMANDS)])
def test_help_is_ukrainian_by_default(capsys, command: list[str]):
    code, out, err = cli(capsys, *command, "--help")
    assert code == 0 and err == ""
    assert out.startswith(f"використання: chronology {' '.join(command)}".rstrip())
    assert "\nпараметри:\n" in out and "показати цю довідку й вийти" in out
    assert "[--db ШЛЯХ] [--lang МОВА]" in out
    assert latin_words(out) <= TECHNICAL, latin_words(out) - TECHNICAL
    assert argparse._ is gettext.gettext  # argparse speaks its own words again once the command is done


@pytest.mark.parametrize("command", [[], *([c] for c in COMMANDS)])
def test_help_is_english_with_lang_en(capsys, command: list[str]):
    code, out, _ = cli(capsys, *command, "--help", "--lang", "en")
    assert code == 0
    assert out.startswith(f"usage: chronology {' '.join(command)}".rstrip())
    assert "\noptions:\n" in out and "show this help message and exit" in out
    assert "[--db PATH] [--lang LANG]" in out
    assert not re.search("використання|параметри|показати|вивести|файл", out)


def test_help_follows_the_environment_and_the_last_lang(capsys, monkeypatch):
    monkeypatch.setenv("CHRONOLOGY_LANG", "en")
    assert cli(capsys, "search", "--help")[1].startswith("usage: chronology search")
    assert cli(capsys, "--lang", "en", "search", "--lang=uk", "--help")[1].startswith("використання:")
    assert cli(capsys, "list", "--la", "uk", "--help")[1].startswith("використання:")


def test_the_command_list_and_the_search_syntax_are_translated(capsys):
    out = cli(capsys, "--help")[1]
    assert "команди:\n  КОМАНДА\n" in out and "вивести одну подію повністю" in out
    out = cli(capsys, "search", "--help")[1]
    assert "Пошук у цитатах" in out and "A OR B          одне з двох (також АБО)" in out
    assert "позиційні аргументи:\n  ЗАПИТ" in out and "(типово 20; 0 — усі)" in out


# ---------------------------------------------------------------------- each family of errors, both languages
def _store(tmp_path: Path) -> Path:
    path = tmp_path / "garbage.db"
    path.write_bytes(b"\x00not sqlite at all" * 10)
    return path


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def _import_file(tmp_path: Path, mutate) -> Path:
    data = tiny_data()
    mutate(data)
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def _no_source(d):
    d["quotes"][0]["source_id"] = "nope"


def _bad_kind(d):
    d["events"][0]["kind"] = "party"


def _missing_title(d):
    del d["events"][0]["title"]


KINDS = "'meeting', 'talks', 'visit', 'consultation', 'statement', 'announcement', 'plan', 'deadline'"
ENUM_EN = f"Input should be {KINDS} or 'context'"
ENUM_UK = f"має бути одним зі значень: {KINDS} або 'context'"


@pytest.mark.parametrize(
    ("family", "make_argv", "code", "english", "ukrainian"),
    [
        (
            "store refused",
            lambda tmp: ["--db", str(_store(tmp)), "list"],
            1,
            "chronology: error: {tmp}/garbage.db is not a SQLite database (not a chronology store); "
            "it was left as it is",
            "chronology: помилка: {tmp}/garbage.db — не база даних SQLite (не сховище chronology); файл залишено як є",
        ),
        (
            "import problem",
            lambda tmp: ["--db", str(tmp / "new.db"), "import", "--dry-run", str(_import_file(tmp, _no_source))],
            1,
            "chronology: error: {tmp}/bad.json: quotes[q1].source_id: no source 'nope'",
            "chronology: помилка: {tmp}/bad.json: quotes[q1].source_id: немає джерела 'nope'",
        ),
        (
            "pydantic problem",
            lambda tmp: ["--db", str(tmp / "new.db"), "import", "--dry-run", str(_import_file(tmp, _bad_kind))],
            1,
            "chronology: error: {tmp}/bad.json: events[m1].kind: " + ENUM_EN,
            "chronology: помилка: {tmp}/bad.json: events[m1].kind: " + ENUM_UK,
        ),
        (
            "pydantic problem, missing field",
            lambda tmp: ["--db", str(tmp / "new.db"), "import", "--dry-run", str(_import_file(tmp, _missing_title))],
            1,
            "chronology: error: {tmp}/bad.json: events[m1].title: Field required",
            "chronology: помилка: {tmp}/bad.json: events[m1].title: обов'язкове поле відсутнє",
        ),
        (
            "JSON syntax, the parser's words",
            lambda tmp: ["--db", str(tmp / "new.db"), "import", str(_write(tmp / "x.json", '{"events": [1,]}'))],
            1,
            "chronology: error: {tmp}/x.json:1:15: not valid JSON: Expecting value",
            "chronology: помилка: {tmp}/x.json:1:15: некоректний JSON: очікується значення",
        ),
        (
            "CLI usage",
            lambda tmp: ["show"],
            2,
            "chronology show: error: the following arguments are required: ID (see --help)",
            "chronology show: помилка: потрібні аргументи: ІДЕНТИФІКАТОР (див. --help)",
        ),
        (
            "CLI usage, argparse's choices",
            lambda tmp: ["export", "--format", "pdf"],
            2,
            "chronology export: error: argument --format: invalid choice: 'pdf' "
            "(choose from 'json', 'csv', 'md', 'timelinejs', 'html', 'sqlite') (see --help)",
            "chronology export: помилка: аргумент --format: недопустимий вибір: 'pdf' "
            "(виберіть із 'json', 'csv', 'md', 'timelinejs', 'html', 'sqlite') (див. --help)",
        ),
        (
            "CLI usage, our own type",
            lambda tmp: ["search", "--limit", "-1", "x"],
            2,
            "chronology search: error: argument --limit: must be 0 or more, not -1 (see --help)",
            "chronology search: помилка: аргумент --limit: має бути 0 або більше, а не -1 (див. --help)",
        ),
        (
            "CliError",
            lambda tmp: ["--db", str(tmp / "new.db"), "export", "-o", str(tmp)],
            1,
            "chronology: error: {tmp} is a folder; give a file name",
            "chronology: помилка: {tmp} — це тека; вкажіть назву файлу",
        ),
    ],
)
@pytest.mark.parametrize("lang", ["uk", "en"])
def test_each_family_of_errors_speaks_the_ui_language(
    tmp_path: Path, capsys, family, make_argv, code, english, ukrainian, lang
):
    argv = make_argv(tmp_path)
    if lang == "en":
        argv = [*argv, "--lang", "en"] if argv[0] != "search" else ["--lang", "en", *argv]
    got, out, err = cli(capsys, *argv)
    assert got == code and out == ""
    expected = (english if lang == "en" else ukrainian).format(tmp=tmp_path)
    first, *rest = err.splitlines()
    assert first == expected
    if family.startswith(("import", "pydantic", "JSON")):  # the summary of a refused import follows
        assert rest == [
            "chronology: nothing was imported (1 problem); the store was left as it is"
            if lang == "en"
            else "chronology: нічого не імпортовано (1 проблема); сховище залишено як є"
        ]
    else:
        assert rest == []


def test_an_unknown_language_is_said_in_the_environments(capsys, monkeypatch):
    assert cli(capsys, "--lang", "fr", "list")[:3] == (
        2,
        "",
        "chronology: помилка: невідома мова 'fr' (виберіть із: uk, en)\n",
    )
    monkeypatch.setenv("CHRONOLOGY_LANG", "en")
    assert cli(capsys, "--lang", "fr", "list")[2] == "chronology: error: unknown language 'fr' (choose from: uk, en)\n"


# ---------------------------------------------------------------------- the mechanism
def test_a_problem_is_its_english_line_and_says_itself_in_ukrainian():
    problem = Problem("quotes[q1].source_id", NO_SOURCE, id="nope")
    assert problem == "quotes[q1].source_id: no source 'nope'"
    assert say(problem, "uk") == "quotes[q1].source_id: немає джерела 'nope'"
    within = problem.within("a.json")
    assert within == "a.json: quotes[q1].source_id: no source 'nope'"
    assert say(within, "uk") == "a.json: quotes[q1].source_id: немає джерела 'nope'"
    assert say(within, "en") == within
    assert (
        say(Problem(DOCUMENT, "Field required").within("a.json"), "uk") == "a.json: документ: обов'язкове поле відсутнє"
    )


def test_plain_lines_and_unknown_templates_stay_as_they_are():
    """A problem written as a plain f-string (not yet a template) is said in English, as it is."""
    assert (
        say(Problem.of("events[x].note: some new rule").within("a.json"), "uk")
        == "a.json: events[x].note: some new rule"
    )
    assert say(ChronologyError(["events[x].id: id used twice", "b"]), "uk") == "events[x].id: id used twice; b"
    assert say(StoreError("a {brace} kept"), "uk") == "a {brace} kept"


def test_words_among_the_params_are_translated_and_data_is_not():
    error = StoreError("{where}: cannot read the store ({error})", where=Words("the store"), error="events")
    assert say(error, "uk") == "сховище: не вдається прочитати сховище (events)"
    error = CliError("cannot write {path}: {error}", path="події.md", error="No space left on device")
    assert say(error, "uk") == "не вдається записати події.md: No space left on device"
