"""Every example command in the README works as written, in order, from the repository's folder:
each exits 0 (or the exit its comment announces) and writes what it says."""

from __future__ import annotations

import re
import shlex

from click.testing import CliRunner

from cli import main
from solver.languages import LANGUAGES
from tests.conftest import ROOT

EXAMPLE = re.compile(r"^    orgwork (.+)$", re.MULTILINE)


def readme_examples() -> list[str]:
    return EXAMPLE.findall((ROOT / "README.md").read_text(encoding="utf-8"))


# `orgwork serve` blocks until Ctrl-C, so the examples, which this module runs line by line, cannot
# hold it: the README shows it in a block of its own, and tests/test_web*.py test it
NOT_RUN = {"serve"}


def test_the_readme_shows_the_commands_a_planner_needs():
    commands = {line.split()[0] for line in readme_examples()}
    assert commands == set(main.commands) - NOT_RUN, "every command has an example, and every example a command"
    assert all(f"orgwork {command}" in (ROOT / "README.md").read_text(encoding="utf-8") for command in NOT_RUN)


def test_every_readme_example_runs_as_written(tmp_path, monkeypatch):
    (tmp_path / "instances").symlink_to(ROOT / "instances")
    monkeypatch.chdir(tmp_path)
    for line in readme_examples():
        command, _, comment = line.partition("#")
        words = shlex.split(command)
        redirect = words.index(">") if ">" in words else None
        args, target = (words[:redirect], words[redirect + 1]) if redirect is not None else (words, None)
        expected = 1 if "exit 1" in comment else 0
        result = CliRunner().invoke(main, args)
        assert result.exit_code == expected, f"orgwork {line}\n{result.output}"
        assert "Traceback" not in result.output and "internal error" not in result.output
        if target:
            (tmp_path / target).write_text(result.stdout, encoding="utf-8")
        if "-o" in args:
            written = tmp_path / args[args.index("-o") + 1]
            if args[args.index("--lang") + 1 if "--lang" in args else 0] == "all":  # one file per language beside it
                beside = [written.with_name(f"{written.stem}.{code}{written.suffix}") for code in LANGUAGES]
                assert all(p.is_file() and p.stat().st_size > 0 for p in beside), line
                continue
            assert written.is_file() and written.stat().st_size > 0, line
    assert sorted(p.name for p in (ROOT / "instances" / "examples").iterdir()) == [
        "agenda-ctoc-wg-tip-2017.txt", "edited-annex.csv", "overfull.yaml", "published.json", "revised.yaml", "sittings-to-spare.yaml",
        "six-languages.yaml",
    ], "the examples wrote nothing into the repository"
