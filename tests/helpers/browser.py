"""Real-browser checks: headless Chromium (Debian's ``chromium``) driven by Playwright's
``playwright-core`` from npm (pinned in tests/browser/package.json and its lock file,
installed with ``npm ci`` on first use). :func:`drive` runs a list of steps in one browser
and returns what it saw (see tests/browser/drive.mjs). Without node, npm or chromium the
tests skip with a reason; under CI (``CI`` set) they fail instead, as .ci/run installs them.
"""

from __future__ import annotations

import json
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.helpers.common import ROOT, need_program

BROWSER_DIR = ROOT / "tests" / "browser"
PACKAGE = "playwright-core"
VERSION = json.loads((BROWSER_DIR / "package.json").read_text())["dependencies"][PACKAGE]
#: Where the tests save their screenshots when set (``make screenshots``: docs/screenshots).
SHOTS_ENV = "GKG_SCREENSHOTS"


@dataclass(frozen=True)
class Driver:
    node: str
    chromium: str


def _installed() -> bool:
    manifest = BROWSER_DIR / "node_modules" / PACKAGE / "package.json"
    return manifest.exists() and json.loads(manifest.read_text())["version"] == VERSION


def driver() -> Driver:
    """node with playwright-core installed from the lock file, and Debian's chromium."""
    chromium = need_program("chromium", "the browser tests open the pages in headless Chromium")
    node = need_program("node", "Playwright drives Chromium from node")
    if not _installed():
        npm = need_program("npm", "the browser tests install playwright-core with npm ci")
        done = subprocess.run(
            [npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"],
            cwd=BROWSER_DIR,
            capture_output=True,
            text=True,
            timeout=600,
        )
        if done.returncode != 0 or not _installed():
            pytest.fail(f"npm ci in {BROWSER_DIR} failed:\n{done.stdout}\n{done.stderr}")
    return Driver(node, chromium)


@dataclass
class Seen:
    """What one browser run saw: each eval's value, every request, problems, dialogs."""

    results: list[Any]
    requests: list[str]
    problems: list[str]
    dialogs: list[str]

    def offline(self) -> list[str]:
        """Requests that are not ``file:`` or ``data:`` URLs (nothing else is allowed)."""
        return [url for url in self.requests if not url.startswith(("file:", "data:"))]


def drive(
    browser: Driver, steps: list[dict[str, Any]], *, width: int = 1400, height: int = 900
) -> Seen:
    """Run ``steps`` in a fresh headless Chromium; fail the test on a driver error."""
    plan = {
        "steps": steps,
        "chromium": browser.chromium,
        "viewport": {"width": width, "height": height},
    }
    done = subprocess.run(
        [browser.node, str(BROWSER_DIR / "drive.mjs")],
        input=json.dumps(plan),
        capture_output=True,
        text=True,
        timeout=180,
        cwd=BROWSER_DIR,
    )
    if done.returncode != 0 or not done.stdout.strip():
        pytest.fail(f"the browser driver failed:\n{done.stdout}\n{done.stderr}")
    seen = json.loads(done.stdout)
    if seen["error"]:
        pytest.fail(f"in the browser: {seen['error']}\nproblems: {seen['problems']}")
    return Seen(seen["results"], seen["requests"], seen["problems"], seen["dialogs"])


def shot(tmp_path: Path, name: str) -> str:
    """Where to save a screenshot: the screenshots folder when asked for, else tmp_path."""
    folder = os.environ.get(SHOTS_ENV)
    target = Path(folder) if folder else tmp_path
    target.mkdir(parents=True, exist_ok=True)
    return str((target / f"{name}.png").absolute())
