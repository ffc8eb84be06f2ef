"""The shape of the package: who may import whom."""

import ast
from pathlib import Path

import cleaner

PACKAGE = Path(cleaner.__file__).parent
# What a filter may import from its own package: the shared verdicts and tools, never another filter.
FILTER_SHARED = {"predicates", "shapes", "phrasebook", "registry"}


def _imports(path: Path) -> set[str]:
    """The modules a file imports, at any depth of the code, as dotted names inside the package or out."""
    module = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts).removesuffix(".__init__")
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                name = ".".join(base + ([node.module] if node.module else []))
                found.add(name)
                if not node.module:  # "from . import x": x is a module
                    found.update(f"{name}.{alias.name}" for alias in node.names)
            else:
                found.add(node.module or "")
    return found


def _modules() -> dict[str, Path]:
    return {".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts).removesuffix(".__init__"): path
            for path in PACKAGE.rglob("*.py")}


def test_only_the_command_line_imports_click():
    importers = {name for name, path in _modules().items() if any(
        imported == "click" or imported.startswith("click.") for imported in _imports(path))}
    assert importers and all(name.startswith("cleaner.cli") for name in importers), importers


def test_filters_never_import_each_other():
    offenders = []
    for name, path in _modules().items():
        if not name.startswith("cleaner.filters.") or name.rpartition(".")[2] in FILTER_SHARED:
            continue
        for imported in _imports(path):
            if imported.startswith("cleaner.filters.") and imported.split(".")[2] not in FILTER_SHARED:
                offenders.append(f"{name} imports {imported}")
    assert offenders == []


def test_no_import_cycles_between_modules_at_load_time():
    """Module-level imports only (a function's import of a module loaded later is no cycle at load time)."""
    modules = _modules()
    graph = {}
    for name, path in modules.items():
        tree = ast.parse(path.read_text("utf-8"))
        top = [node for node in tree.body if isinstance(node, (ast.Import, ast.ImportFrom))]
        edges = set()
        for imported in _imports_of(top, name, path):
            while imported and imported not in modules:
                imported = imported.rpartition(".")[0]
            if imported and imported != name and not name.startswith(imported + "."):
                edges.add(imported)
        graph[name] = edges
    cycle = _find_cycle(graph)
    assert cycle is None, " -> ".join(cycle)


def _imports_of(nodes, module: str, path: Path) -> set[str]:
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = set()
    for node in nodes:
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif node.level:
            base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1])
            name = f"{base}.{node.module}" if node.module else base
            found.add(name)
            found.update(f"{name}.{alias.name}" for alias in node.names)
        else:
            found.add(node.module or "")
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def _find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt):] + [nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


def test_the_cycle_finder_finds_a_cycle():
    assert _find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _find_cycle({"a": {"b"}, "b": set()}) is None
