"""Every `taoquote` example in README.md and docs/ is executed and its output compared.

An example is a fenced ```console block: lines starting with "$ " are commands, the lines
after one (up to the next "$ " or the fence) are its expected output, standard output and
standard error together. A command must exit 0 unless the next command is `echo $?`, which
prints its status. Blocks run in document order in a scratch folder holding links to the
repository's core/, docs/ and tests/, so examples may write files. Blocks none of whose
commands runs `taoquote` belong to other tools and are skipped.

    TAOQUOTE_CLI=build/native-debug/native/cli/taoquote python3 test_docs.py          # test
    TAOQUOTE_CLI=build/native-debug/native/cli/taoquote python3 test_docs.py --update # rewrite
The second form rewrites the expected outputs in place: review the diff before committing.
"""

import os
import pathlib
import re
import subprocess
import sys
import tempfile
import unittest

from clitest import CLI, REPO, require_cli

FENCE = re.compile(r"^```console\n(.*?)^```", re.M | re.S)
USES_CLI = re.compile(r"(^|[|;&(]\s*)taoquote\b")


def documents():
    return [REPO / "README.md", *sorted((REPO / "docs").rglob("*.md"))]


def examples(text):
    """[(block span, [(command, expected output)])] of the console blocks that run taoquote."""
    out = []
    for m in FENCE.finditer(text):
        steps = []
        for line in m.group(1).splitlines():
            if line.startswith("$ "):
                steps.append([line[2:], []])
            elif steps:
                steps[-1][1].append(line)
            elif line.strip():
                raise ValueError(f"output before the first command: {line!r}")
        steps = [(cmd, "".join(o + "\n" for o in lines)) for cmd, lines in steps]
        if any(USES_CLI.search(cmd) for cmd, _ in steps):
            out.append((m.span(1), steps))
    return out


def scratch():
    tmp = tempfile.TemporaryDirectory(prefix="taoquote-docs-")
    for name in ("core", "docs", "tests"):
        os.symlink(REPO / name, os.path.join(tmp.name, name))
    return tmp


def run_steps(steps, cwd):
    """Runs each command; yields (command, expected, actual, status problem or None)."""
    env = {**os.environ, "PATH": os.path.dirname(os.path.abspath(CLI)) + os.pathsep +
           os.environ.get("PATH", ""), "LC_ALL": "C.UTF-8", "TZ": "UTC"}
    status = 0
    for i, (cmd, expected) in enumerate(steps):
        if cmd.strip() == "echo $?":
            actual, problem = f"{status}\n", None
        else:
            p = subprocess.run(["bash", "-c", cmd], cwd=cwd, env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, timeout=120)
            status = p.returncode
            actual = p.stdout.decode("utf-8", "replace")
            checked = i + 1 < len(steps) and steps[i + 1][0].strip() == "echo $?"
            problem = None if checked or status == 0 else f"exit status {status}"
        yield cmd, expected, actual, problem


class DocsExamples(unittest.TestCase):
    def setUp(self):
        require_cli(self)

    def test_every_example(self):
        counts = {}
        for doc in documents():
            found = examples(doc.read_text(encoding="utf-8"))
            counts[doc.name] = sum(len(steps) for _, steps in found)
            with scratch() as cwd:
                for _, steps in found:
                    for cmd, expected, actual, problem in run_steps(steps, cwd):
                        with self.subTest(doc=doc.name, command=cmd):
                            self.assertIsNone(problem, actual)
                            self.assertEqual(actual, expected)
        print(f"\ncommands run per document: {counts}", file=sys.stderr)
        self.assertGreaterEqual(counts.get("cli.md", 0), 15)
        self.assertGreaterEqual(counts.get("README.md", 0), 2)


def update():
    """Rewrites every expected output with what the commands print now."""
    for doc in documents():
        text = doc.read_text(encoding="utf-8")
        found = examples(text)
        if not found:
            continue
        with scratch() as cwd:
            pieces, last = [], 0
            for (start, end), steps in found:
                body = ""
                for cmd, _, actual, problem in run_steps(steps, cwd):
                    if problem:
                        print(f"{doc.name}: {cmd}: {problem}", file=sys.stderr)
                    body += f"$ {cmd}\n{actual}"
                pieces += [text[last:start], body]
                last = end
            pieces.append(text[last:])
        new = "".join(pieces)
        if new != text:
            doc.write_text(new, encoding="utf-8")
            print(f"updated {doc.relative_to(REPO)}")


if __name__ == "__main__":
    if sys.argv[1:] == ["--update"]:
        update()
    else:
        unittest.main()
