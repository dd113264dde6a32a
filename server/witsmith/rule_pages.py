"""Each rule's page on this machine: the copy an installed package carries, or the
checkout's ``docs/rules`` when witsmith runs from a source tree.

A diagnostic's link must open something that exists wherever witsmith runs, so it
names the local page (a ``file:`` URI) rather than a web address.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGED = Path(__file__).resolve().parent / "docs" / "rules"
_CHECKOUT = Path(__file__).resolve().parents[2] / "docs" / "rules"


@cache
def page_path(code: str) -> Path | None:
    """The Markdown page of ``code`` (``wit/unknown-type`` → ``.../wit/unknown-type.md``)."""
    parts = code.split("/")
    if not all(part and part not in (".", "..") for part in parts):
        return None
    for root in (_PACKAGED, _CHECKOUT):
        page = root.joinpath(*parts[:-1], parts[-1] + ".md")
        if page.is_file():
            return page
    return None


def page_uri(code: str) -> str | None:
    page = page_path(code)
    return page.as_uri() if page is not None else None
