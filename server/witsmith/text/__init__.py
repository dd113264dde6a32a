"""Source text: line indexes and offset ⇄ position conversion in UTF-8, UTF-16 or UTF-32.

Knows nothing of tree-sitter or of the protocol; the language server converts
ranges through here, in one place.
"""

from witsmith.text.lines import Encoding, LineIndex, Position

__all__ = ["Encoding", "LineIndex", "Position"]
