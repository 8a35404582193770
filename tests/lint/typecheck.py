"""Type-check gkg with mypy, as installed: ``graph/`` is ``gkg`` and ``loaders/`` is
``gkg.loaders``.

mypy cannot follow setuptools' editable finder (it runs no import hooks), so this builds
the installed layout as a tree of symbolic links under ``build/typecheck`` and runs
``mypy -p gkg -p tests`` on it and the tests; the paths mypy reports are turned back into
the repository's own.
Used by ``make lint``; the exit code is mypy's.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TREE = ROOT / "build" / "typecheck"
#: Installed package -> folder in the repository (as in pyproject's package-dir).
LAYOUT = {"gkg": "graph", "gkg/loaders": "loaders"}


def link_tree() -> None:
    """``TREE/gkg/...`` as symbolic links to every ``.py`` file of the folders."""
    shutil.rmtree(TREE, ignore_errors=True)
    for package, folder in LAYOUT.items():
        for source in sorted((ROOT / folder).rglob("*.py")):
            target = TREE / package / source.relative_to(ROOT / folder)
            target.parent.mkdir(parents=True, exist_ok=True)
            os.symlink(source, target)


def main() -> int:
    link_tree()
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--config-file",
            str(ROOT / "pyproject.toml"),
            "-p",
            "gkg",
            "-p",
            "tests",
        ],
        cwd=ROOT,
        env={**os.environ, "MYPYPATH": str(TREE)},
        capture_output=True,
        text=True,
    )
    output = done.stdout + done.stderr
    for package, folder in sorted(LAYOUT.items(), key=lambda item: -len(item[0])):
        output = output.replace(f"{TREE.relative_to(ROOT)}/{package}/", f"{folder}/")
        output = output.replace(f"{TREE}/{package}/", f"{folder}/")
    print(output, end="")
    return done.returncode


if __name__ == "__main__":
    raise SystemExit(main())
