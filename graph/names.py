"""Look-up keys: one normal form of a name, so that spacing, case, Unicode form and British
spellings do not matter when an entity is looked up or searched for.

The loader stores the keys of every node's id, names and aliases (``lookupKeys``); the
runner turns entity parameters and search text into a key the same way, so Cypher compares
plain strings and needs no regular expressions or Unicode handling.
"""

from __future__ import annotations

import re
import unicodedata

#: British spellings written the American way in keys (whole words only; a general rule
#: for -ise/-isation would rewrite too many other words).
_SPELLINGS = {
    "centre": "center",
    "centres": "centers",
    "programme": "program",
    "programmes": "programs",
    "organisation": "organization",
    "organisations": "organizations",
    "defence": "defense",
    "licence": "license",
    "labour": "labor",
    "metre": "meter",
    "theatre": "theater",
    "catalogue": "catalog",
}

#: Runs of letters and digits (any script); everything else separates words.
_WORD = re.compile(r"[^\W_]+")


def lookup_key(text: str) -> str:
    """``text`` as a look-up key: Unicode NFKC, case-folded, British spellings made
    American, and every character that is not a letter or digit dropped.

    >>> lookup_key("National AI Data Centre") == lookup_key("national-ai-data-center")
    True
    >>> lookup_key("국가 AI 데이터센터")
    '국가ai데이터센터'
    """
    folded = unicodedata.normalize("NFKC", text).casefold()
    return "".join(_SPELLINGS.get(word, word) for word in _WORD.findall(folded))
