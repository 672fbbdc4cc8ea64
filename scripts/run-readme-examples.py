#!/usr/bin/env python3
"""Runs every command of the README's code blocks, in order, and reports each.

The README marks what it holds with the info string of each fenced block:
- ```sh blocks hold commands, run one logical command at a time (lines ending in a backslash
  continue it) with bash from the working folder, with the `basin` binary on the PATH;
- a block right after `<!-- readme-examples: file NAME -->` is written to NAME before the
  commands that follow it use it;
- a block right after `<!-- readme-examples: setup -->` is the set-up itself (the main job and
  the tests), which is run before this script and skipped here unless --with-setup is given;
- a block right after `<!-- readme-examples: skip REASON -->` is skipped and reported;
- ```text, ```swift and unmarked blocks are not commands.

By default the commands run in a new temporary folder that links the repository's top-level
entries (data/, scripts/, ...), so every path the README names resolves as in the repository
root while the outputs stay out of the checkout; --in-place runs them in the repository root.

Usage: python3 scripts/run-readme-examples.py [--basin .build/release/basin] [--workdir DIR]
                                               [--in-place] [--with-setup] [--list]
The last line reads 'N passed, M failed, K skipped'; the exit status is 1 if any failed.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MARKER = re.compile(r"^<!--\s*readme-examples:\s*(\w+)\s*(.*?)\s*-->\s*$")
FENCE = re.compile(r"^```(\S*)\s*$")


def blocks(readme):
    """Yields (line number, info string, marker, marker argument, body lines) per fenced block."""
    lines = open(readme, encoding="utf-8").read().splitlines()
    marker, argument = None, ""
    index = 0
    while index < len(lines):
        line = lines[index]
        found = MARKER.match(line)
        fence = FENCE.match(line)
        if found:
            marker, argument = found.group(1), found.group(2)
        elif fence:
            start, body = index + 1, []
            index += 1
            while index < len(lines) and not lines[index].startswith("```"):
                body.append(lines[index])
                index += 1
            yield start, fence.group(1), marker, argument, body
            marker, argument = None, ""
        elif line.strip():
            marker, argument = None, ""
        index += 1


def commands(body):
    """The logical commands of a shell block: continuation lines joined, comment lines dropped."""
    pending = ""
    for line in body:
        stripped = line.strip()
        if not pending and (not stripped or stripped.startswith("#")):
            continue
        if stripped.endswith("\\"):
            pending += stripped[:-1] + " "
            continue
        yield pending + stripped
        pending = ""
    if pending:
        yield pending.strip()


def prepare_workdir(args):
    if args.in_place:
        return ROOT
    workdir = args.workdir or tempfile.mkdtemp(prefix="basin-readme-")
    os.makedirs(workdir, exist_ok=True)
    for entry in os.listdir(ROOT):
        if entry in (".git", ".build") or entry.startswith(".build"):
            continue
        link = os.path.join(workdir, entry)
        if not os.path.lexists(link):
            os.symlink(os.path.join(ROOT, entry), link)
    return workdir


def basin_binary(path):
    binary = os.path.abspath(os.path.join(ROOT, path))
    if not os.path.exists(binary):
        print(f"building {path} (swift build -c release) ...", flush=True)
        subprocess.run(["swift", "build", "-c", "release"], cwd=ROOT, check=True)
    return binary


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--readme", default=os.path.join(ROOT, "README.md"))
    parser.add_argument("--basin", default=".build/release/basin", help="the basin binary (relative to the repository root)")
    parser.add_argument("--workdir", help="folder to run in (default: a new temporary folder)")
    parser.add_argument("--in-place", action="store_true", help="run in the repository root")
    parser.add_argument("--with-setup", action="store_true", help="also run the set-up block")
    parser.add_argument("--list", action="store_true", help="print the commands without running them")
    parser.add_argument("--timeout", type=float, default=1800, help="seconds allowed per command")
    args = parser.parse_args()

    plan = []  # (kind, line, payload)
    for line, info, marker, argument, body in blocks(args.readme):
        if marker == "file":
            plan.append(("file", line, (argument, body)))
        elif info != "sh":
            continue
        elif marker == "skip":
            plan += [("skip", line, (command, argument)) for command in commands(body)]
        elif marker == "setup" and not args.with_setup:
            plan += [("skip", line, (command, "the set-up, run before this script")) for command in commands(body)]
        else:
            plan += [("run", line, command) for command in commands(body)]

    if args.list:
        for kind, line, payload in plan:
            print(f"{args.readme}:{line}: {kind}: {payload}")
        return 0

    binary = basin_binary(args.basin)
    workdir = prepare_workdir(args)
    logs = os.path.join(workdir, "readme-example-logs")
    os.makedirs(logs, exist_ok=True)
    environment = dict(os.environ, PATH=os.path.dirname(binary) + os.pathsep + os.environ.get("PATH", ""))
    print(f"running the README's commands in {workdir} with {binary}", flush=True)

    passed = failed = skipped = 0
    for number, (kind, line, payload) in enumerate(plan, 1):
        if kind == "file":
            name, body = payload
            with open(os.path.join(workdir, name), "w", encoding="utf-8") as handle:
                handle.write("\n".join(body) + "\n")
            print(f"[{number}/{len(plan)}] wrote {name} (README line {line})", flush=True)
            continue
        if kind == "skip":
            command, reason = payload
            skipped += 1
            print(f"[{number}/{len(plan)}] skipped ({reason}): {command}", flush=True)
            continue
        command = payload
        log = os.path.join(logs, f"{number:02d}.log")
        start = time.monotonic()
        with open(log, "w") as handle:
            try:
                status = subprocess.run(["bash", "-o", "pipefail", "-c", command], cwd=workdir, env=environment,
                                        stdout=handle, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                        timeout=args.timeout).returncode
            except subprocess.TimeoutExpired:
                status = "timeout"
        seconds = time.monotonic() - start
        if status == 0:
            passed += 1
            print(f"[{number}/{len(plan)}] ok {seconds:7.1f} s  {command}", flush=True)
        else:
            failed += 1
            print(f"[{number}/{len(plan)}] FAILED ({status}) {seconds:7.1f} s  {command}  (README line {line})", flush=True)
            with open(log, errors="replace") as handle:
                tail = handle.read().splitlines()[-8:]
            for text in tail:
                print(f"      | {text}")
    print(f"{passed} passed, {failed} failed, {skipped} skipped")
    if not args.in_place and not args.workdir and failed == 0:
        shutil.rmtree(workdir, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
