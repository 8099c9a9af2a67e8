#!/usr/bin/env python3
"""Check the integration's Home Assistant imports against the newest Home Assistant.

Home Assistant 2026.3 and later need Python 3.14, so they cannot run here; this
finds their breaking changes early without running them. It downloads the newest
`homeassistant` wheel for Python 3.14 (without installing it) and checks that
every `homeassistant` module the integration imports, and every name it imports
from one, still exists there: the module's file is in the wheel, and the name is
defined, imported or assigned at the module's top level, listed in `__all__`,
or is a submodule. Names kept only as deprecated aliases are reported as
warnings, and so are missing names imported under `try: ... except ImportError:`
(a compatibility fallback).

Usage:
    script/forward_compat.py                  newest wheel from the package registry
    script/forward_compat.py --source DIR     a Home Assistant source tree or wheel
    script/forward_compat.py --integration DIR

Exit status: 0 when everything is there, or when the registry cannot be reached
(the check is then skipped with a message); 1 when something is missing; 2 when
the wheel could not be had for another reason.
"""

from __future__ import annotations

import argparse
import ast
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
import re
import subprocess
import sys
import tempfile
import zipfile

REPO = Path(__file__).resolve().parents[1]
INTEGRATION = REPO / "custom_components" / "acupressure_mat"
PYTHON_VERSION = "3.14"
DEPRECATED_PREFIX = "_DEPRECATED_"  # homeassistant.helpers.deprecation's convention
# What pip says when it cannot reach the registry at all.
NETWORK_ERRORS = re.compile(
    r"NewConnectionError|Max retries exceeded|Temporary failure in name resolution|"
    r"Network is unreachable|Connection refused|ConnectTimeout|ReadTimeout|"
    r"ProxyError|Name or service not known|No route to host"
)


@dataclass(frozen=True)
class Import:
    """One `homeassistant` import of the integration: a module, or a name from it."""

    module: str
    name: str | None
    where: str
    # Imported under `try: ... except ImportError:`: the code copes without it.
    guarded: bool = False

    def __str__(self) -> str:
        """The import as written."""
        return f"{self.module}.{self.name}" if self.name else self.module


def integration_imports(package: Path) -> list[Import]:
    """Every absolute `homeassistant` import in the integration's Python files."""
    found = []
    for path in sorted(package.rglob("*.py")):
        tree = ast.parse(path.read_text(), filename=str(path))
        where_prefix = path.relative_to(package.parent.parent).as_posix()
        guarded = _guarded_imports(tree)
        for node in ast.walk(tree):
            where = f"{where_prefix}:{getattr(node, 'lineno', 0)}"
            if isinstance(node, ast.Import):
                found += [
                    Import(alias.name, None, where, id(node) in guarded)
                    for alias in node.names
                    if _is_homeassistant(alias.name)
                ]
            elif (
                isinstance(node, ast.ImportFrom)
                and node.level == 0
                and node.module
                and _is_homeassistant(node.module)
            ):
                found += [
                    Import(
                        node.module,
                        None if alias.name == "*" else alias.name,
                        where,
                        id(node) in guarded,
                    )
                    for alias in node.names
                ]
    return found


def _guarded_imports(tree: ast.Module) -> set[int]:
    """The import statements in the body of a try that catches ImportError."""
    guarded: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Try | ast.TryStar) and any(
            _catches_import_error(handler) for handler in node.handlers
        ):
            guarded |= {
                id(inner)
                for statement in node.body
                for inner in ast.walk(statement)
                if isinstance(inner, ast.Import | ast.ImportFrom)
            }
    return guarded


def _catches_import_error(handler: ast.ExceptHandler) -> bool:
    caught = handler.type
    if caught is None:
        return True
    names = caught.elts if isinstance(caught, ast.Tuple) else [caught]
    return any(
        isinstance(n, ast.Name)
        and n.id in {"ImportError", "ModuleNotFoundError", "Exception"}
        for n in names
    )


def _is_homeassistant(module: str) -> bool:
    return module == "homeassistant" or module.startswith("homeassistant.")


class SourceTree:
    """The files of a Home Assistant wheel or source directory."""

    def __init__(self, location: Path) -> None:
        """Open a wheel (a zip file) or a directory that holds `homeassistant/`."""
        self.location = location
        self._zip = zipfile.ZipFile(location) if location.is_file() else None
        self._names = set(self._zip.namelist()) if self._zip else None

    def read(self, path: str) -> str | None:
        """A file's text, or None when there is no such file."""
        if self._zip is not None:
            assert self._names is not None
            return self._zip.read(path).decode() if path in self._names else None
        file = self.location / path
        return file.read_text() if file.is_file() else None

    def module_source(self, module: str) -> tuple[str, str] | None:
        """The path and text of a module: `a/b.py` or `a/b/__init__.py`."""
        base = module.replace(".", "/")
        for path in (f"{base}.py", f"{base}/__init__.py"):
            if (text := self.read(path)) is not None:
                return path, text
        return None

    def version(self) -> str:
        """The Home Assistant version, from homeassistant/const.py."""
        source = self.read("homeassistant/const.py") or ""
        parts = {
            key: value.strip("\"'")
            for key, value in re.findall(
                r"^(MAJOR_VERSION|MINOR_VERSION|PATCH_VERSION)\b[^=\n]*=\s*(\S+)",
                source,
                re.MULTILINE,
            )
        }
        return "{MAJOR_VERSION}.{MINOR_VERSION}.{PATCH_VERSION}".format_map(parts)

    def close(self) -> None:
        """Close the wheel."""
        if self._zip is not None:
            self._zip.close()


@dataclass
class ModuleNames:
    """The names a module binds at its top level."""

    defined: set[str] = field(default_factory=set)
    deprecated: set[str] = field(default_factory=set)


def module_names(
    tree: SourceTree, module: str, seen: frozenset[str] = frozenset()
) -> ModuleNames | None:
    """What `from <module> import <name>` can take, or None when there is no module."""
    if (source := tree.module_source(module)) is None:
        return None
    path, text = source
    names = ModuleNames()
    package = module if path.endswith("__init__.py") else module.rpartition(".")[0]
    try:
        body = parse_newer_python(text, path).body
    except SyntaxError:
        names.defined = _names_by_pattern(text)
        body = []
    for node in _top_level(body):
        names.defined |= _bound_names(node)
        if isinstance(node, ast.ImportFrom) and any(a.name == "*" for a in node.names):
            star = _absolute(node, package)
            if _is_homeassistant(star) and star not in seen:
                other = module_names(tree, star, seen | {module})
                if other is not None:
                    names.defined |= {n for n in other.defined if not n.startswith("_")}
    names.deprecated = {
        name.removeprefix(DEPRECATED_PREFIX)
        for name in names.defined
        if name.startswith(DEPRECATED_PREFIX)
    }
    return names


# Python 3.14 (PEP 758) allows `except A, B:`; this interpreter may not.
_BARE_EXCEPT_TUPLE = re.compile(
    r"^(\s*except\*?\s+)(?!\()([^:\n]+,[^:\n]+):", re.MULTILINE
)
_TOP_LEVEL_BINDING = re.compile(
    r"^(?:(?:async\s+)?def|class|type)\s+(\w+)|^(\w+)\s*(?::[^=\n]*)?=(?!=)",
    re.MULTILINE,
)


def parse_newer_python(text: str, path: str) -> ast.Module:
    """Parse a module that may use Python 3.14 syntax with this interpreter's parser."""
    try:
        return ast.parse(text, filename=path)
    except SyntaxError:
        return ast.parse(_BARE_EXCEPT_TUPLE.sub(r"\1(\2):", text), filename=path)


def _names_by_pattern(text: str) -> set[str]:
    """Top-level definitions and assignments, for source this parser cannot read."""
    return {a or b for a, b in _TOP_LEVEL_BINDING.findall(text)}


def _top_level(body: list[ast.stmt]) -> Iterator[ast.stmt]:
    """Statements run at import time: the module's, and those in its if/try/with."""
    for node in body:
        yield node
        if isinstance(node, ast.If | ast.For | ast.While):
            yield from _top_level(node.body)
            yield from _top_level(node.orelse)
        elif isinstance(node, ast.With):
            yield from _top_level(node.body)
        elif isinstance(node, ast.Try | ast.TryStar):
            for block in (node.body, node.orelse, node.finalbody):
                yield from _top_level(block)
            for handler in node.handlers:
                yield from _top_level(handler.body)


def _bound_names(node: ast.stmt) -> set[str]:
    names: set[str] = set()
    match node:
        case ast.FunctionDef() | ast.AsyncFunctionDef() | ast.ClassDef():
            names = {node.name}
        case ast.Assign():
            names = {n for target in node.targets for n in _target_names(target)}
            if "__all__" in names:
                names |= _literal_strings(node.value)
        case ast.AnnAssign() | ast.AugAssign():
            names = _target_names(node.target)
            if "__all__" in names and node.value is not None:
                names |= _literal_strings(node.value)
        case ast.TypeAlias():
            names = _target_names(node.name)
        case ast.Import():
            names = {a.asname or a.name.split(".")[0] for a in node.names}
        case ast.ImportFrom():
            names = {a.asname or a.name for a in node.names if a.name != "*"}
    return names


def _target_names(target: ast.expr) -> set[str]:
    if isinstance(target, ast.Name):
        return {target.id}
    if isinstance(target, ast.Tuple | ast.List):
        return {n for element in target.elts for n in _target_names(element)}
    if isinstance(target, ast.Starred):
        return _target_names(target.value)
    return set()


def _literal_strings(value: ast.expr) -> set[str]:
    if isinstance(value, ast.List | ast.Tuple | ast.Set):
        return {
            e.value
            for e in value.elts
            if isinstance(e, ast.Constant) and isinstance(e.value, str)
        }
    return set()


def _absolute(node: ast.ImportFrom, package: str) -> str:
    if node.level == 0:
        return node.module or ""
    base = package.split(".")
    base = base[: len(base) - node.level + 1]
    return ".".join([*base, node.module] if node.module else base)


@dataclass
class Report:
    """What the check found."""

    version: str
    checked: list[Import]
    missing: list[tuple[Import, str]]
    deprecated: list[Import]

    @property
    def broken(self) -> list[tuple[Import, str]]:
        """Missing imports that the integration does not guard against."""
        return [(item, reason) for item, reason in self.missing if not item.guarded]


def check(tree: SourceTree, imports: list[Import]) -> Report:
    """Check each import against the tree."""
    missing: list[tuple[Import, str]] = []
    deprecated: list[Import] = []
    cache: dict[str, ModuleNames | None] = {}
    for item in imports:
        if item.module not in cache:
            cache[item.module] = module_names(tree, item.module)
        names = cache[item.module]
        if names is None:
            missing.append((item, f"module {item.module} is gone"))
        elif item.name is None or item.name in names.defined:
            continue
        elif tree.module_source(f"{item.module}.{item.name}") is not None:
            continue  # a submodule
        elif item.name in names.deprecated:
            deprecated.append(item)
        else:
            missing.append((item, f"{item.module} no longer has {item.name}"))
    return Report(tree.version(), imports, missing, deprecated)


def download_newest_wheel(into: Path) -> Path | None:
    """The newest homeassistant wheel; None when the registry is out of reach."""
    command = [
        sys.executable,
        "-m",
        "pip",
        "download",
        "--no-deps",
        "--only-binary=:all:",
        "--python-version",
        PYTHON_VERSION,
        # Newer releases need a newer 3.14.x (>=3.14.2 in 2026.3); take the newest.
        "--ignore-requires-python",
        "--disable-pip-version-check",
        "--timeout",
        "20",
        "--retries",
        "1",
        "--dest",
        str(into),
        "homeassistant",
    ]
    result = subprocess.run(  # noqa: S603 - pip of this interpreter, fixed arguments
        command, capture_output=True, text=True, check=False, timeout=600
    )
    if result.returncode != 0:
        output = result.stdout + result.stderr
        if NETWORK_ERRORS.search(output):
            return None
        print(output, file=sys.stderr)
        msg = f"pip download failed with exit code {result.returncode}"
        raise RuntimeError(msg)
    wheels = sorted(into.glob("homeassistant-*.whl"))
    if not wheels:
        msg = f"pip download left no homeassistant wheel in {into}"
        raise RuntimeError(msg)
    return wheels[-1]


def print_report(report: Report, source: str) -> None:
    """Say what was checked and what is missing."""
    modules = {item.module for item in report.checked}
    print(
        f"Home Assistant {report.version} ({source}): checked {len(report.checked)} "
        f"imports from {len(modules)} homeassistant modules"
    )
    for item in report.deprecated:
        print(f"  deprecated: {item} ({item.where}), still importable for now")
    for item, reason in report.missing:
        if item.guarded:
            print(f"  guarded: {item} ({item.where}): {reason}; imported under try")
        else:
            print(f"  MISSING: {item} ({item.where}): {reason}")
    if not report.broken:
        print("  every module and name the integration relies on is there")


def main(argv: list[str] | None = None) -> int:
    """Run the check; see the module's docstring."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, help="a Home Assistant wheel or tree")
    parser.add_argument("--integration", type=Path, default=INTEGRATION)
    args = parser.parse_args(argv)
    imports = integration_imports(args.integration)
    with tempfile.TemporaryDirectory(prefix="forward-compat-") as scratch:
        location: Path | None = args.source
        if location is None:
            try:
                location = download_newest_wheel(Path(scratch))
            except (RuntimeError, subprocess.TimeoutExpired) as err:
                print(f"forward compatibility: could not get the wheel: {err}")
                return 2
            if location is None:
                print(
                    "forward compatibility: SKIPPED, the package registry is not "
                    "reachable (no newest homeassistant wheel to check against)"
                )
                return 0
        tree = SourceTree(location)
        try:
            report = check(tree, imports)
        finally:
            tree.close()
    print_report(report, location.name)
    return 1 if report.broken else 0


if __name__ == "__main__":
    sys.exit(main())
