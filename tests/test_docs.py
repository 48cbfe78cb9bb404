"""The documentation matches the code (after Datasette's test_docs.py).

Every `python -m components ...` line in README.md and docs/ names a command, sub-command, option and
option value that the command-line parser has; every `CT_*` variable and every "`name` setting" is a
setting; every relative link resolves to a file (and its #anchor to a heading); the README stays a short
front page; and the user docs describe the project, not the history of its development (that is
CHANGELOG.md's job). Each checker is also run once on a broken example, so none of them can pass vacuously.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import pytest

from components.cli import build_parser
from components.settings import ROOT, SETTINGS

README = ROOT / "README.md"
README_LIMIT = 20_000
USER_DOCS = [README, *sorted((ROOT / "docs").rglob("*.md"))]
ALL_DOCS = [*USER_DOCS, ROOT / "CHANGELOG.md"]

FENCED = re.compile(r"^(```|~~~).*?^\1[^\n]*$", re.MULTILINE | re.DOTALL)
INLINE_CODE = re.compile(r"`[^`\n]+`")


def without_fences(text: str) -> str:
    return FENCED.sub("", text)


def prose(text: str) -> str:
    """The text outside code blocks and inline code spans."""
    return INLINE_CODE.sub("", without_fences(text))


def relative(path: Path) -> str:
    return str(path.relative_to(ROOT))


# --- commands -----------------------------------------------------------------------------------------

COMMAND = re.compile(r"python -m components\b([^`\n]*)")
# the end of the command: a shell comment, a pipe, a redirection or the end of a sentence in brackets
COMMAND_END = re.compile(r"\s#|\s\|\s|\s[<>]|;|\s&&")


def documented_commands(text: str) -> list[list[str]]:
    """The words after `python -m components` in every command line of the text, brackets removed."""
    commands = []
    for match in COMMAND.finditer(text):
        line = COMMAND_END.split(match.group(1))[0]
        words = [re.sub(r"\.\.\.$", "", re.sub(r"[\[\]]", "", w)) for w in line.split()]  # [--db FILE]...
        commands.append([w for w in words if w])
    return commands


def is_placeholder(word: str) -> bool:
    """FILE, PATH, NAME_OR_ISO2, 15m, ../shared/seed/, 2022-10-15: not a literal command word."""
    return not re.fullmatch(r"[a-z][a-z-]*(\|[a-z][a-z-]*)*", word)


# argparse has no public way to list a parser's actions; its `_actions` list is stable since Python 3.2
def actions(parser: argparse.ArgumentParser) -> list[argparse.Action]:
    return list(parser._actions)


def subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in actions(parser):
        if isinstance(action.choices, dict):
            return action.choices
    return {}


def command_problems(words: list[str], parser: argparse.ArgumentParser) -> list[str]:
    """What in one documented command line the parser does not know."""
    problems = []
    positional_choices = []
    expecting = None  # the option whose value comes next
    for word in words:
        if expecting is not None and not word.startswith("-"):
            if expecting.choices and not is_placeholder(word):
                problems += [
                    f"{word!r} is not a value of {expecting.option_strings[0]}"
                    for value in word.split("|")
                    if value not in expecting.choices
                ]
            expecting = None
        elif word.startswith("-"):
            expecting = None
            name = word.split("=")[0]
            found = [a for a in actions(parser) if name in a.option_strings]
            if not found:
                problems.append(f"no option {name} in {parser.prog!r}")
            elif found[0].nargs != 0 and "=" not in word:
                expecting = found[0]
        elif subcommands(parser):
            if is_placeholder(word):
                break
            alternatives = word.split("|")
            unknown = [a for a in alternatives if a not in subcommands(parser)]
            if unknown:
                return [*problems, f"no command {' '.join(unknown)} in {parser.prog!r}"]
            parser = subcommands(parser)[alternatives[0]]
            positional_choices = [a for a in actions(parser) if not a.option_strings and a.choices]
        elif positional_choices and not is_placeholder(word):
            choices = positional_choices.pop(0).choices
            problems += [
                f"{v!r} is not a choice of {parser.prog!r}" for v in word.split("|") if v not in choices
            ]
    return problems


def test_documented_commands_exist_in_the_parser():
    parser = build_parser()
    problems, checked = [], 0
    for path in USER_DOCS:
        for words in documented_commands(path.read_text(encoding="utf-8")):
            checked += 1
            where = f"{relative(path)}: python -m components {' '.join(words)}"
            problems += [f"{where}: {problem}" for problem in command_problems(words, parser)]
    assert checked > 30, "the command pattern no longer finds the documented commands"
    assert not problems, "\n".join(problems)


# --- settings -----------------------------------------------------------------------------------------

VARIABLE = re.compile(r"\bCT_[A-Z0-9_]+\b")
SETTING_NAME = re.compile(r"`([a-z_]+)` setting|setting `([a-z_]+)`")


def setting_problems(text: str) -> list[str]:
    variables = {s.env for s in SETTINGS.values()}
    unknown = sorted(set(VARIABLE.findall(text)) - variables)
    named = {a or b for a, b in SETTING_NAME.findall(text)}
    return [f"no setting with variable {v}" for v in unknown] + [
        f"no setting {n}" for n in sorted(named - set(SETTINGS))
    ]


def test_documented_settings_exist():
    problems = [
        f"{relative(p)}: {problem}"
        for p in USER_DOCS
        for problem in setting_problems(p.read_text(encoding="utf-8"))
    ]
    assert not problems, "\n".join(problems)


# --- links --------------------------------------------------------------------------------------------

LINK = re.compile(r"\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*#*\s*$", re.MULTILINE)


def github_slug(heading: str) -> str:
    """The anchor GitHub gives a heading: lower case, punctuation dropped, spaces to hyphens."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", heading)  # a link in a heading keeps its text
    return re.sub(r"[^\w\- ]", "", text.strip().lower()).replace(" ", "-")


def anchors(text: str) -> set[str]:
    seen: dict[str, int] = {}
    found = set()
    for heading in HEADING.findall(without_fences(text)):
        slug = github_slug(heading)
        found.add(f"{slug}-{seen[slug]}" if slug in seen else slug)
        seen[slug] = seen.get(slug, 0) + 1
    return found


def link_problems(text: str, path: Path) -> list[str]:
    problems = []
    for target in LINK.findall(prose(text)):
        if re.match(r"[a-z][a-z0-9+.-]*:", target):  # http:, https:, mailto:
            continue
        file_part, _, anchor = target.partition("#")
        linked = (path.parent / file_part).resolve() if file_part else path
        if not linked.exists():
            problems.append(f"link to a missing file: {target}")
            continue
        if not anchor or linked.suffix != ".md":
            continue
        headings = anchors(linked.read_text(encoding="utf-8") if file_part else text)
        if anchor not in headings:
            problems.append(f"link to a missing heading: {target}")
    return problems


def test_relative_links_resolve():
    problems, checked = [], 0
    for path in ALL_DOCS:
        text = path.read_text(encoding="utf-8")
        checked += len(LINK.findall(prose(text)))
        problems += [f"{relative(path)}: {problem}" for problem in link_problems(text, path)]
    assert checked > 50, "the link pattern no longer finds the links"
    assert not problems, "\n".join(problems)


def test_readme_links_every_docs_page():
    linked = set(LINK.findall(prose(README.read_text(encoding="utf-8"))))
    missing = [relative(p) for p in USER_DOCS[1:] if relative(p) not in linked]
    assert not missing, f"README.md does not link {missing}"


# --- length and language ------------------------------------------------------------------------------


def test_readme_is_a_short_front_page():
    assert len(README.read_text(encoding="utf-8")) <= README_LIMIT


HISTORY = [
    re.compile(r"\bissues?\s+#?\d+", re.IGNORECASE),
    re.compile(r"\brounds?\s+(?:\d+|start|end)\b", re.IGNORECASE),
    re.compile(r"\b(?:this|earlier|previous|last|next)\s+sessions?\b", re.IGNORECASE),
    re.compile(r"\bFIELD-NOTES\b"),  # notes outside the repository
]
COMMIT = re.compile(r"\b(?=[0-9a-f]*[a-f])(?=[0-9a-f]*[0-9])[0-9a-f]{7,40}\b")


def history_problems(text: str) -> list[str]:
    """Development history in user docs: issue or round numbers, work sessions, commit hashes."""
    found = [m.group(0) for pattern in HISTORY for m in pattern.finditer(text)]
    found += COMMIT.findall(without_fences(text))  # example output in code blocks may show content hashes
    return [f"history language: {f!r}" for f in found]


def test_user_docs_describe_the_project_not_its_history():
    problems = [
        f"{relative(p)}: {problem}"
        for p in USER_DOCS
        for problem in history_problems(p.read_text(encoding="utf-8"))
    ]
    assert not problems, "\n".join(problems)


# --- every checker can fail ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "python -m components frobnicate",
        "python -m components export --frobnicate",
        "python -m components export --format xml",
        "python -m components evaluate geoparse --corpus xyz",
        "python -m components places rename NAME",
        "python -m components bench browser",
    ],
)
def test_command_check_finds_a_wrong_command(line):
    (words,) = documented_commands(f"`{line}`")
    assert command_problems(words, build_parser())


def test_command_check_accepts_placeholders_and_alternatives():
    text = "`.venv/bin/python -m components export [--db FILE] --format csv|jsonl [--country NAME]... | head`"
    (words,) = documented_commands(text)
    assert words == ["export", "--db", "FILE", "--format", "csv|jsonl", "--country", "NAME"]
    assert command_problems(words, build_parser()) == []


@pytest.mark.parametrize("text", ["`CT_NO_SUCH_THING=1`", "the `no_such_thing` setting"])
def test_setting_check_finds_an_unknown_setting(text):
    assert setting_problems(text)


@pytest.mark.parametrize(
    "text",
    ["[cli](docs/no-such-page.md)", "[cli](docs/cli.md#no-such-heading)", "[top](#no-such-heading)"],
)
def test_link_check_finds_a_broken_link(text):
    assert link_problems(text, README)


def test_link_check_resolves_files_and_headings():
    text = "# A heading\n[cli](docs/cli.md#feeds) [up](#a-heading) ![map](docs/screenshots/map.png)"
    assert link_problems(text, README) == []


@pytest.mark.parametrize(
    "text", ["as issue 4 asked", "round 2 start", "in an earlier session", "(`9a73a7e`)"]
)
def test_history_check_finds_history_language(text):
    assert history_problems(text)
