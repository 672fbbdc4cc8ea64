#!/usr/bin/env python3
"""Checks that every Swift target imports only modules it declares in Package.swift, and that
the module table of docs/architecture.md lists the same dependencies as Package.swift.

Usage: scripts/check-module-dependencies.py   (from anywhere; exit status 1 on any mismatch)
"""
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
# Modules of the toolchain and platform, which need no declaration.
SYSTEM = {"Foundation", "FoundationEssentials", "Dispatch", "Glibc", "Darwin", "Musl", "Testing", "XCTest",
          "Synchronization", "os", "_Concurrency"}
# Modules of package products: the product a target must declare to import them.
PRODUCT_MODULES = {"ArgumentParser": "ArgumentParser", "Yams": "Yams", "GRDB": "GRDB", "Numerics": "Numerics",
                   "RealModule": "Numerics", "ComplexModule": "Numerics"}


def targets():
    """{name: (kind, declared dependencies, source folder)} from Package.swift."""
    text = (ROOT / "Package.swift").read_text()
    found = {}
    for match in re.finditer(r"\.(target|testTarget|executableTarget)\(", text):
        depth, i = 0, match.end() - 1
        while True:
            depth += {"(": 1, ")": -1}.get(text[i], 0)
            if depth == 0:
                break
            i += 1
        body = text[match.end():i]
        name = re.search(r'name:\s*"([^"]+)"', body).group(1)
        deps = []
        listed = re.search(r"dependencies:\s*\[(.*?)\]\s*(,|$)", body, re.S)
        if listed:
            for item in re.finditer(r'\.product\(name:\s*"([^"]+)"[^)]*\)|"([^"]+)"', listed.group(1)):
                deps.append(item.group(1) or item.group(2))
        path = re.search(r'path:\s*"([^"]+)"', body)
        folder = path.group(1) if path else ("Tests/" if match.group(1) == "testTarget" else "Sources/") + name
        found[name] = (match.group(1), deps, folder)
    return found


def imports(folder):
    """{module: first file importing it} of the Swift files under `folder`."""
    seen = {}
    for file in sorted((ROOT / folder).rglob("*.swift")):
        for line in file.read_text().splitlines():
            m = re.match(r"\s*(?:@testable\s+|@_exported\s+|public\s+|internal\s+|package\s+)*import\s+(?:struct\s+|enum\s+|class\s+|func\s+)?(\w+)", line)
            if m:
                seen.setdefault(m.group(1), file.relative_to(ROOT))
    return seen


def architecture_table():
    """{module: [dependencies]} from the table between the markers of docs/architecture.md."""
    text = (ROOT / "docs/architecture.md").read_text()
    block = text.split("<!-- module-table -->")[1]
    table = {}
    for row in block.splitlines():
        cells = [c.strip() for c in row.strip().strip("|").split("|")]
        if len(cells) >= 3 and cells[0].startswith("`Basin") or cells[0] == "`basin`":
            name = cells[0].strip("`")
            deps = [d.strip().strip("`") for d in cells[-1].split(",") if d.strip() and d.strip() != "—"]
            table[name] = deps
    return table


def main():
    problems = []
    package = targets()
    local = set(package)
    for name, (kind, deps, folder) in sorted(package.items()):
        for module, file in sorted(imports(folder).items()):
            if module in SYSTEM or module == name:
                continue
            needed = PRODUCT_MODULES.get(module, module)
            if needed not in deps:
                problems.append(f"{file}: imports {module}, which {name} does not declare")
        for dep in deps:
            if dep in local and package[dep][0] == "testTarget":
                problems.append(f"{name}: depends on the test target {dep}")
    table = architecture_table()
    libraries = {n: d for n, (k, d, _) in package.items() if k != "testTarget" and not n.endswith("TestSupport")}
    for name, deps in sorted(libraries.items()):
        if name not in table:
            problems.append(f"docs/architecture.md: the module table lacks {name}")
        elif sorted(table[name]) != sorted(deps):
            problems.append(f"docs/architecture.md: {name} depends on {', '.join(deps) or 'nothing'} in Package.swift, "
                            f"on {', '.join(table[name]) or 'nothing'} in the table")
    for name in sorted(set(table) - set(libraries)):
        problems.append(f"docs/architecture.md: the module table lists {name}, which Package.swift does not have")
    for p in problems:
        print(p)
    print(f"{len(package)} targets checked: {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
