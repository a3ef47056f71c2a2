"""The size rule of issue 14: no function over 60 lines, 90% of them at or under 30.

The measure is `tools/function_sizes.py` (run it for the list of the longest functions).
"""

from __future__ import annotations

import importlib.util
import sys
import textwrap
from pathlib import Path
from types import ModuleType

from hypothesis import given
from hypothesis import strategies as st

TOOL = Path(__file__).resolve().parents[2] / "tools" / "function_sizes.py"


def _load_tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("function_sizes", TOOL)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


sizes = _load_tool()


def test_no_function_is_over_60_lines() -> None:
    over = sizes.too_long(sizes.package_functions())
    assert not over, "split these functions:\n" + "\n".join(map(str, over))


def test_nine_in_ten_functions_are_at_most_30_lines() -> None:
    functions = sizes.package_functions()
    assert sizes.percentile((f.lines for f in functions), 0.9) <= sizes.P90_ALLOWED


def test_migrations_are_left_out() -> None:
    assert sizes.package_functions(skip=())  # the package has functions at all
    assert not [f for f in sizes.package_functions() if f.path.startswith("store/migrations/")]
    assert [f for f in sizes.package_functions(skip=()) if f.path.startswith("store/migrations/")]


SAMPLE = textwrap.dedent(
    '''
    import functools


    @functools.cache
    def outer(x):
        """Docstring lines count."""

        def inner():
            return x

        return inner


    class Box:
        async def open(self):
            pass

        class Lid:
            def shut(self):
                return (
                    1
                )
    '''
)


def test_measures_from_def_to_last_line_with_nested_and_methods() -> None:
    found = {f.name: (f.line, f.lines) for f in sizes.functions_in(SAMPLE, "sample.py")}
    assert found == {
        "outer": (6, 7),
        "outer.inner": (9, 2),
        "Box.open": (16, 2),
        "Box.Lid.shut": (20, 4),
    }


@given(st.lists(st.integers(min_value=1, max_value=500), min_size=1), st.floats(0.01, 1.0))
def test_percentile_is_the_nearest_rank(values: list[int], fraction: float) -> None:
    p = sizes.percentile(values, fraction)
    assert p in values
    assert sum(v <= p for v in values) >= fraction * len(values)
    assert sum(v < p for v in values) < fraction * len(values)
