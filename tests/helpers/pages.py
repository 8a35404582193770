"""Checks on the HTML gkg writes: nothing loaded from the network, no markup from the seed.

Also :func:`load_markup`, the store behind each test module's ``markup_store`` fixture.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

from gkg.stores.base import GraphStore

#: Attributes that make a browser fetch something.
FETCHING = ("src", "href", "srcset", "poster", "data", "action", "formaction", "background")
REMOTE = re.compile(r"^\s*(?:https?:)?//", re.IGNORECASE)
CSS_REMOTE = re.compile(r"url\(\s*['\"]?\s*(?:https?:)?//|@import", re.IGNORECASE)


class Elements(HTMLParser):
    """Every start tag of a page with its attributes, and the text of its style blocks."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.styles: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.styles.append(data)


def elements(text: str) -> Elements:
    parser = Elements()
    parser.feed(text)
    parser.close()
    return parser


def remote_resources(text: str) -> list[str]:
    """Every way the page (and any ``srcdoc`` page inside it) would reach the network."""
    parsed = elements(text)
    found = []
    for tag, attrs in parsed.tags:
        for name, value in attrs.items():
            if name in FETCHING and REMOTE.match(value):
                found.append(f"<{tag} {name}={value!r}>")
            if name == "style" and CSS_REMOTE.search(value):
                found.append(f"<{tag} style={value!r}>")
            if name == "srcdoc":
                found += remote_resources(value)
    found += [m.group(0) for css in parsed.styles for m in CSS_REMOTE.finditer(css)]
    return found


#: Elements no gkg page uses; in a page they could only come from unescaped seed text.
FOREIGN_TAGS = {"img", "svg", "iframe", "object", "embed", "b", "i", "u"}


def injected_markup(text: str) -> list[str]:
    """Foreign elements, event-handler attributes and script/javascript: links in a page."""
    bad = []
    for tag, attrs in elements(text).tags:
        if tag in FOREIGN_TAGS:
            bad.append(f"<{tag}>")
        bad += [f"<{tag} {name}=...>" for name in attrs if name.startswith("on")]
        link = attrs.get("href", "") + attrs.get("src", "")
        if link.strip().lower().startswith("javascript:") or REMOTE.match(link):
            bad.append(f"<{tag} {link!r}>")
    return bad


def html_files(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.html"))


MARKUP = Path(__file__).resolve().parents[1] / "fixtures" / "markup.yaml"


def load_markup(make_store: Callable[[str], GraphStore]) -> GraphStore:
    """A store loaded with tests/fixtures/markup.yaml (hostile markup in every text)."""
    from gkg.loaders.load import load_files

    store = make_store("markup")
    load_files(store, [MARKUP])
    return store
