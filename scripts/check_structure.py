#!/usr/bin/env python3
"""Checks the project's structure (run by ctest as `code_structure`):
- no include cycle between source files, a .cc and its .h counting as one unit (query_parser.cc
  including searcher.h while searcher.cc includes query_parser.h is a cycle);
- no upward dependency between the libraries: tokenizer <- corpus <- indexer <- search_server <- cli
  (a library includes only its own headers and those of the libraries below it);
- no function longer than 80 lines in the folders given with --short-functions.
Usage: check_structure.py [--source DIR] [--short-functions FOLDER...] [--pending FILE...]
(--pending: files, or units such as indexer/index_writer, whose long functions or include cycles
are reported but not yet counted as failures: work their owners have still to do.)"""
import argparse
import pathlib
import re
import sys

LAYERS = ["tokenizer", "corpus", "indexer", "search_server", "cli"]
PUBLIC = {"tokenizer": "tokenizer", "corpus": "corpus", "indexer": "indexer",
          "server": "search_server"}  # include/tracuu/<name>/ -> library folder
INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)
MAX_FUNCTION_LINES = 80


def sources(root):
    for layer in LAYERS:
        for path in sorted((root / layer).rglob("*")):
            if path.suffix in (".h", ".cc") and "build" not in path.parts:
                yield layer, path


def unit(root, path):
    """A .cc and its .h (in src/ or the public include/) are one unit: layer/stem."""
    return f"{path.relative_to(root).parts[0]}/{path.stem}"


def resolve(root, layer, path, name):
    """The project file an #include "name" in `path` means, or None (a system header)."""
    parts = pathlib.PurePosixPath(name).parts
    if len(parts) >= 3 and parts[0] == "tracuu" and parts[1] in PUBLIC:
        target = root / PUBLIC[parts[1]] / "include" / name
        return target if target.exists() else None
    for base in (path.parent, root / layer / "src", root / layer):
        if (base / name).exists():
            return base / name
    return None


def graph(root):
    edges, problems = {}, []
    for layer, path in sources(root):
        me = unit(root, path)
        edges.setdefault(me, set())
        for name in INCLUDE.findall(path.read_text(encoding="utf-8", errors="replace")):
            target = resolve(root, layer, path, name)
            if target is None:
                continue
            other = target.relative_to(root).parts[0]
            if LAYERS.index(other) > LAYERS.index(layer):
                problems.append(f"{path.relative_to(root)} includes {name}: {layer} may not "
                                f"depend on {other} (dependencies point down: "
                                f"{' <- '.join(LAYERS)})")
            them = unit(root, target)
            if them != me:
                edges[me].add(them)
    return edges, problems


def cycles(edges):
    """Strongly connected components of more than one unit (Tarjan)."""
    index, low, stack, on_stack, out = {}, {}, [], set(), []
    sys.setrecursionlimit(10000)

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(edges.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                out.append(sorted(component))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return out


def long_functions(root, folder):
    """Function bodies from a line opening at column 0 to the closing brace at column 0."""
    problems = []
    for path in sorted((root / folder).rglob("*.cc")):
        lines = path.read_text(encoding="utf-8", errors="replace").split("\n")
        start = None
        for i, line in enumerate(lines):
            opens = line.endswith("{") and line[:1] not in ("", " ", "}", "#", "/")
            if start is None and opens and not re.match(r"(namespace|struct|class|enum)\b", line):
                start = i
            elif start is not None and line.startswith("}"):
                length = i - start + 1
                if length > MAX_FUNCTION_LINES:
                    problems.append(f"{path.relative_to(root)}:{start + 1}: function of {length} "
                                    f"lines (at most {MAX_FUNCTION_LINES})")
                start = None
    return problems


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--source", default=pathlib.Path(__file__).resolve().parent.parent)
    parser.add_argument("--short-functions", nargs="*", default=[])
    parser.add_argument("--pending", nargs="*", default=[])
    args = parser.parse_args()
    root = pathlib.Path(args.source).resolve()
    edges, problems = graph(root)
    for component in cycles(edges):
        text = "include cycle between " + ", ".join(component)
        if any(unit in args.pending for unit in component):
            print("pending: " + text)
        else:
            problems.append(text)
    for folder in args.short_functions:
        for p in long_functions(root, folder):
            if p.split(":")[0] in args.pending:
                print("pending: " + p)
            else:
                problems.append(p)
    for p in problems:
        print(p)
    print(f"check_structure: {len(edges)} units, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
