"""Subcommand ``completion``: a completion script for bash, zsh or fish, written from the parser itself (so it
never falls behind the commands): subcommands, their options, the choices of ``--format``, ``--lang`` and
``--color``, file names where a file is wanted, and the event ids for ``show``, asked of ``chronology list
--ids`` at completion time (with the ``--db`` typed so far, so it completes ids from that store).

    eval "$(chronology completion bash)"         # in ~/.bashrc
    eval "$(chronology completion zsh)"          # in ~/.zshrc
    chronology completion fish | source          # in ~/.config/fish/config.fish
"""

from __future__ import annotations

import argparse
import functools
from collections.abc import Callable
from dataclasses import dataclass, field

from ..i18n import LANGS
from .context import Context

SHELLS = ("bash", "zsh", "fish")
TOP_OPTIONS = ("-h", "--help", "-V", "--version")


@dataclass
class Option:
    names: list[str]
    help: str
    takes_value: bool = False
    choices: list[str] = field(default_factory=list)
    files: bool = False


@dataclass
class Command:
    name: str
    help: str
    options: list[Option]
    positional: str = ""  # "ids", "files", "choices" or "" (words of one's own)
    choices: list[str] = field(default_factory=list)


def _option(action: argparse.Action) -> Option | None:
    if action.help == argparse.SUPPRESS or not action.option_strings:
        return None
    takes_value = action.nargs != 0
    choices = [str(c) for c in action.choices] if action.choices else []
    if action.dest == "lang":
        choices = list(LANGS)
    files = takes_value and not choices and (action.dest in ("db", "output") or action.metavar in ("FILE", "PATH"))
    return Option(list(action.option_strings), action.help or "", takes_value, choices, files)


def describe(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> list[Command]:
    """The commands as completion needs them, from the parser (hidden options left out)."""
    helps = {a.dest: a.help or "" for a in sub._choices_actions}
    commands = []
    for name, parser in sub.choices.items():
        options = [o for o in map(_option, parser._actions) if o is not None]
        command = Command(name, helps.get(name, ""), options)
        for action in parser._actions:
            if action.option_strings:
                continue
            if action.choices:
                command.positional, command.choices = "choices", [str(c) for c in action.choices]
            elif action.dest == "event_id":
                command.positional = "ids"
            elif action.dest in ("files", "article"):  # import's JSON files, draft's and add's article
                command.positional = "files"
        commands.append(command)
    return commands


def global_options(common: argparse.ArgumentParser) -> list[Option]:
    return [o for o in map(_option, common._actions) if o is not None and o.names != ["-h", "--help"]]


def _words(items: list[str]) -> str:
    return " ".join(items)


# ---------------------------------------------------------------------- bash (and zsh through bashcompinit)
def bash_script(commands: list[Command], options: list[Option]) -> str:
    value_options = sorted({n for c in commands for o in c.options + options if o.takes_value for n in o.names})
    cases: list[str] = []
    seen: set[str] = set()
    for o in [*options, *(o for c in commands for o in c.options)]:
        if not o.takes_value or o.names[-1] in seen:
            continue
        seen.add(o.names[-1])
        if o.choices:
            action = f'COMPREPLY=($(compgen -W "{_words(o.choices)}" -- "$cur")); return;;'
        elif o.files:
            action = 'COMPREPLY=($(compgen -f -- "$cur")); return;;'
        else:
            action = "return;;"
        cases.append(f"        {'|'.join(o.names)}) {action}")
    per_command: list[str] = []
    for c in commands:
        flags = _words(sorted({n for o in c.options for n in o.names}))
        if c.positional == "ids":
            words = 'COMPREPLY=($(compgen -W "$("${COMP_WORDS[0]}" "${db[@]}" list --ids 2>/dev/null)" -- "$cur"))'
        elif c.positional == "files":
            words = 'COMPREPLY=($(compgen -f -- "$cur"))'
        elif c.positional == "choices":
            words = f'COMPREPLY=($(compgen -W "{_words(c.choices)}" -- "$cur"))'
        else:
            words = ":"
        per_command.append(
            f'        {c.name}) if [[ $cur == -* ]]; then COMPREPLY=($(compgen -W "{flags}" -- "$cur")); '
            f"else {words}; fi;;"
        )
    top = _words([*TOP_OPTIONS, *(n for o in options for n in o.names)])
    return f"""# chronology completion for bash: eval "$(chronology completion bash)" (e.g. in ~/.bashrc)
_chronology() {{
    local cur="${{COMP_WORDS[COMP_CWORD]}}" prev="${{COMP_WORDS[COMP_CWORD-1]}}"
    local cmd="" i word db=()
    for ((i = 1; i < COMP_CWORD; i++)); do
        word="${{COMP_WORDS[i]}}"
        case "$word" in
            --db) db=(--db "${{COMP_WORDS[i+1]/#\\~/$HOME}}"); ((i++));;
            --db=*) db=(--db "${{word#--db=}}");;
            {"|".join(value_options)}) ((i++));;
            -*) ;;
            *) [[ -z $cmd ]] && cmd="$word";;
        esac
    done
    case "$prev" in
{chr(10).join(cases)}
    esac
    if [[ -z $cmd ]]; then
        if [[ $cur == -* ]]; then
            COMPREPLY=($(compgen -W "{top}" -- "$cur"))
        else
            COMPREPLY=($(compgen -W "{_words([c.name for c in commands])}" -- "$cur"))
        fi
        return
    fi
    case "$cmd" in
{chr(10).join(per_command)}
    esac
}}
complete -o filenames -F _chronology chronology
"""


def zsh_script(commands: list[Command], options: list[Option]) -> str:
    return (
        '# chronology completion for zsh: eval "$(chronology completion zsh)" (e.g. in ~/.zshrc)\n'
        "(( $+functions[compdef] )) || { autoload -Uz compinit && compinit; }\n"
        "autoload -Uz bashcompinit && bashcompinit\n" + bash_script(commands, options)
    )


# ---------------------------------------------------------------------- fish
def _fish_quote(text: str) -> str:
    return "'" + " ".join(text.split()).replace("\\", "\\\\").replace("'", "\\'") + "'"


def _fish_option(o: Option, condition: str) -> str:
    parts = ["complete -c chronology"]
    if condition:
        parts.append(f"-n {_fish_quote(condition)}")
    for name in o.names:
        parts.append(f"-l {name[2:]}" if name.startswith("--") else f"-s {name[1:]}")
    if o.choices:
        parts.append(f"-x -a {_fish_quote(_words(o.choices))}")
    elif o.files:
        parts.append("-r -F")
    elif o.takes_value:
        parts.append("-x")
    parts.append(f"-d {_fish_quote(o.help)}")
    return " ".join(parts)


def fish_script(commands: list[Command], options: list[Option]) -> str:
    names = _words([c.name for c in commands])
    lines = [
        "# chronology completion for fish: chronology completion fish | source (e.g. in ~/.config/fish/config.fish)",
        "function __chronology_ids",
        "    set -l words (commandline -opc)",
        "    set -l db",
        "    for i in (seq 2 (count $words))",
        "        if test $words[$i] = --db; and test $i -lt (count $words)",
        "            set db --db $words[(math $i + 1)]",
        "        else if string match -q -- '--db=*' $words[$i]",
        "            set db --db (string replace -- '--db=' '' $words[$i])",
        "        end",
        "    end",
        "    $words[1] $db list --ids 2>/dev/null",
        "end",
        "complete -c chronology -f",
        "complete -c chronology -s V -l version -d 'print the version'",
    ]
    for o in options:
        lines.append(_fish_option(o, ""))
    for c in commands:
        lines.append(
            f"complete -c chronology -n {_fish_quote('not __fish_seen_subcommand_from ' + names)} -a {c.name} "
            f"-d {_fish_quote(c.help)}"
        )
    for c in commands:
        seen = f"__fish_seen_subcommand_from {c.name}"
        for o in c.options:
            if o.names != ["-h", "--help"] and o.names[-1] not in ("--db", "--lang"):
                lines.append(_fish_option(o, seen))
        if c.positional == "ids":
            lines.append(f"complete -c chronology -n {_fish_quote(seen)} -x -a '(__chronology_ids)'")
        elif c.positional == "files":
            lines.append(f"complete -c chronology -n {_fish_quote(seen)} -F")
        elif c.positional == "choices":
            lines.append(f"complete -c chronology -n {_fish_quote(seen)} -x -a {_fish_quote(_words(c.choices))}")
    return "\n".join(lines) + "\n"


SCRIPTS = {"bash": bash_script, "zsh": zsh_script, "fish": fish_script}


# ---------------------------------------------------------------------- the subcommand
def register(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
    common: argparse.ArgumentParser,
    _: Callable[[str], str],
) -> None:
    p = subparsers.add_parser(
        "completion",
        parents=[common],
        help=_("print a completion script for bash, zsh or fish"),
        description=_(
            "Print a script that completes chronology's commands, options, formats and event ids as "
            'you type. bash: eval "$(chronology completion bash)" in ~/.bashrc; zsh: eval "$(chronology '
            'completion zsh)" in ~/.zshrc; fish: chronology completion fish | source in ~/.config/fish/config.fish.'
        ),
    )
    p.add_argument("shell", choices=SHELLS, help=_("the shell: bash, zsh or fish"))
    p.set_defaults(func=functools.partial(cmd_completion, subparsers=subparsers, common=common))


def cmd_completion(
    args: argparse.Namespace,
    ctx: Context,
    *,
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
    common: argparse.ArgumentParser,
) -> int:
    ctx.out.write(SCRIPTS[args.shell](describe(subparsers), global_options(common)))
    return 0
