"""The size of the code: every module in src/serai (migrations aside) is at most 400 lines, and
every function or method at most 40 lines, its docstring not counted.

A function's length runs from its `def` line to its last line (decorators not counted); a function
nested in another counts in the outer one as well as on its own.

The demo's drawing code (demo/images.py) is set aside from both limits: its scenes read best as one
run of strokes each, and its painter as one toolbox.
"""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "serai"
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 40
DRAWING_CODE = {"demo/images.py"}


def _modules(*, drawing: bool = True):
    for path in sorted(SRC.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        if drawing or path.relative_to(SRC).as_posix() not in DRAWING_CODE:
            yield path


def _docstring_lines(node: ast.FunctionDef | ast.AsyncFunctionDef) -> int:
    first = node.body[0]
    is_docstring = (
        isinstance(first, ast.Expr)
        and isinstance(first.value, ast.Constant)
        and isinstance(first.value.value, str)
    )
    return first.end_lineno - first.lineno + 1 if is_docstring else 0


def long_functions(source: str, limit: int = MAX_FUNCTION_LINES) -> list[tuple[str, int]]:
    """(qualified name, length) of every function in `source` longer than `limit` lines, the
    docstring not counted. Methods are named `Class.method`, nested functions `outer.inner`."""
    found = []

    def visit(node: ast.AST, prefix: str) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                name = f"{prefix}{child.name}"
                if not isinstance(child, ast.ClassDef):
                    length = child.end_lineno - child.lineno + 1 - _docstring_lines(child)
                    if length > limit:
                        found.append((name, length))
                visit(child, f"{name}.")
            else:
                visit(child, prefix)

    visit(ast.parse(source), "")
    return found


def test_modules_are_at_most_400_lines():
    offenders = [
        f"{path.relative_to(SRC)}: {lines} lines"
        for path in _modules(drawing=False)
        if (lines := len(path.read_text().splitlines())) > MAX_MODULE_LINES
    ]
    assert not offenders, f"modules over {MAX_MODULE_LINES} lines:\n" + "\n".join(offenders)


def test_functions_are_at_most_40_lines():
    offenders = [
        f"{path.relative_to(SRC)}: {name} is {length} lines"
        for path in _modules(drawing=False)
        for name, length in long_functions(path.read_text())
    ]
    header = f"functions over {MAX_FUNCTION_LINES} lines (docstring not counted):\n"
    assert not offenders, header + "\n".join(offenders)


def _function(name: str, docstring_lines: int, body_lines: int, indent: str = "") -> str:
    lines = [f"{indent}def {name}():"]
    if docstring_lines:
        inner = [f"{indent}    Line {i}." for i in range(1, docstring_lines + 1)]
        inner[0] = f'{indent}    """Line 1.'
        inner[-1] += '"""'
        lines += inner
    lines += [f"{indent}    x{i} = {i}" for i in range(body_lines)]
    return "\n".join(lines) + "\n"


def test_the_length_count_flags_a_function_of_41_lines():
    source = _function("long", 0, 40) + _function("short", 0, 39)
    assert long_functions(source) == [("long", 41)]


def test_the_length_count_leaves_out_the_docstring():
    # 1 + 10 + 35 = 46 lines in all, 36 without the docstring.
    assert long_functions(_function("documented", 10, 35)) == []
    assert long_functions(_function("documented", 10, 35), limit=35) == [("documented", 36)]


def test_the_length_count_names_methods_and_nested_functions():
    method = "class Page:\n" + _function("render", 1, 41, indent="    ")
    assert long_functions(method) == [("Page.render", 42)]
    nested = "def outer():\n" + _function("inner", 0, 41, indent="    ") + "    return inner\n"
    assert long_functions(nested) == [("outer", 44), ("outer.inner", 42)]


def test_the_size_checks_read_the_whole_tree():
    paths = {path.relative_to(SRC).as_posix() for path in _modules()}
    assert {"newsroom/models.py", "comments/services.py", "demo/images.py"} <= paths
    assert not any("migrations" in p for p in paths)
    checked = {path.relative_to(SRC).as_posix() for path in _modules(drawing=False)}
    assert checked == paths - DRAWING_CODE
