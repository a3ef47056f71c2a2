"""Measure the length of every function in the package, for the size rule of issue 14.

A function's length runs from its `def` line to its last line, docstring and nested
functions included, decorators not: it is what a reader has to hold in mind at once. The
rule: no function over 60 lines, and 90% of them at or under 30. Alembic migrations are left
out, since they are frozen history that nobody edits.

Run `python tools/function_sizes.py` for the longest functions and the 90th percentile; it
exits 1 when the rule is broken. `tests/test_function_sizes.py` applies the same rule.
"""

from __future__ import annotations

import ast
import math
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "followthru"
EXCLUDED = ("store/migrations/",)
LONGEST_ALLOWED = 60
P90_ALLOWED = 30


@dataclass(frozen=True)
class Function:
    """One function or method, where it stands and how many lines it spans."""

    path: str
    line: int
    name: str
    lines: int

    def __str__(self) -> str:
        return f"{self.lines:4d}  {self.path}:{self.line}  {self.name}"


def functions_in(source: str, path: str) -> Iterator[Function]:
    """Every function and method in one module's source, nested ones included, by qualified name."""
    yield from _walk(ast.parse(source, filename=path), path, "")


def _walk(node: ast.AST, path: str, prefix: str) -> Iterator[Function]:
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
            name = prefix + child.name
            end = child.end_lineno or child.lineno
            yield Function(path, child.lineno, name, end - child.lineno + 1)
            yield from _walk(child, path, name + ".")
        elif isinstance(child, ast.ClassDef):
            yield from _walk(child, path, prefix + child.name + ".")
        else:
            yield from _walk(child, path, prefix)


def package_functions(root: Path = PACKAGE, skip: Iterable[str] = EXCLUDED) -> list[Function]:
    """All functions under `root`, leaving out files whose relative path starts with `skip`."""
    skipped = tuple(skip)
    found: list[Function] = []
    for file in sorted(root.rglob("*.py")):
        relative = file.relative_to(root).as_posix()
        if not relative.startswith(skipped):
            found.extend(functions_in(file.read_text(encoding="utf-8"), relative))
    return found


def percentile(sizes: Iterable[int], fraction: float) -> int:
    """The nearest-rank percentile: the smallest size that `fraction` of the sizes do not exceed."""
    ordered = sorted(sizes)
    if not ordered:
        return 0
    return ordered[max(math.ceil(fraction * len(ordered)) - 1, 0)]


def too_long(functions: Iterable[Function], limit: int = LONGEST_ALLOWED) -> list[Function]:
    """The functions over `limit` lines, longest first."""
    return sorted((f for f in functions if f.lines > limit), key=lambda f: -f.lines)


def main(argv: list[str]) -> int:
    """Print the functions over the limit (or the `--top N` longest) and the 90th percentile."""
    functions = package_functions()
    top = int(argv[argv.index("--top") + 1]) if "--top" in argv else 0
    shown = sorted(functions, key=lambda f: -f.lines)[:top] if top else too_long(functions)
    for function in shown:
        print(function)
    p90 = percentile((f.lines for f in functions), 0.9)
    over = len(too_long(functions))
    print(f"{len(functions)} functions, {over} over {LONGEST_ALLOWED} lines, p90 {p90} lines")
    return 1 if over or p90 > P90_ALLOWED else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
