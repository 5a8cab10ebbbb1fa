"""What `parplan COMMAND --help` tells a user before they run it: the commands that load
files say what they take and how they end (the exit codes of DESIGN.md)."""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

import pytest

from parplan.cli import build_parser

# each code on a line of its own, with what it means
EXIT_CODE_LINE = re.compile(r"^\s+(?P<code>[0-3])\s{2,}\w", re.MULTILINE)

CASES = [
    # ingest: what its paths may be, and every exit code a scheduled job reads
    ("ingest", ("plan", "metric", "progress", "folder", "XLSX", "CSV", "Parquet")),
    # reprocess and backfill end with the same codes
    ("reprocess", ()),
    ("backfill", ("folder",)),
]


@pytest.mark.parametrize(("command", "words"), CASES)
def test_help_says_what_a_command_takes_and_how_it_ends(
    command: str, words: tuple[str, ...]
) -> None:
    out = subprocess.run(
        [sys.executable, "-m", "parplan.cli", command, "--help"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    flat = " ".join(out.split())
    assert "exit codes" in flat.lower()
    assert sorted(m["code"] for m in EXIT_CODE_LINE.finditer(out)) == ["0", "1", "2", "3"], out
    assert "quarantined" in flat and "rejected" in flat
    for word in words:
        assert word.lower() in flat.lower(), (word, out)


def test_top_level_help_says_what_parplan_is_and_what_it_reads() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "parplan.cli", "--help"], capture_output=True, text=True, check=True
    ).stdout
    flat = " ".join(out.split())
    assert "``" not in out  # a docstring's markup is not help text
    for variable in ("PARPLAN_DB", "PARPLAN_PROVINCE", "PARPLAN_REFERENCE"):
        assert variable in flat


def test_sheet_help_says_which_sheet_is_read_by_default() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "parplan.cli", "ingest", "--help"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    flat = " ".join(out.split())
    assert "the first sheet" not in flat  # it is the visible active one
    assert "active" in flat


def test_every_argument_of_every_command_says_what_it_is() -> None:
    """An argument with no help shows in --help as a bare name (`file`, `--sample-dir
    SAMPLE_DIR`): every positional and option of every command says what it takes."""
    commands = next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    bare = [
        f"{name} {action.dest}"
        for name, parser in commands.choices.items()
        for action in parser._actions
        if not isinstance(action, argparse._HelpAction) and not action.help
    ]
    assert bare == []


def readme_commands() -> dict[str, str]:
    """The README's "Command line" block: each `parplan NAME ...` line with the comment
    lines under it, by command."""
    text = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    block = text.split("## Command line", 1)[1].split("```")[1]
    out: dict[str, str] = {}
    for line in block.splitlines():
        if line.startswith("parplan "):
            name = line.split()[1]
            out[name] = line
        elif out:
            out[name] += " " + line.strip()
    return out


def test_the_readme_lists_every_command_with_its_options() -> None:
    """A new engineer reads the README's "Command line" first: every command the parser
    has is there, with every option it takes."""
    commands = next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    documented = readme_commands()
    missing = [
        f"{name} {option}"
        for name, parser in commands.choices.items()
        for action in parser._actions
        if not isinstance(action, argparse._HelpAction)
        for option in (action.option_strings or [None])
        if name not in documented or (option is not None and option not in documented[name])
    ]
    assert missing == []
    assert set(documented) <= set(commands.choices)  # and no command the parser lacks
