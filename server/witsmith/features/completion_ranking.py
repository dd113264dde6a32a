"""Which completion candidates are sent when there are too many: the best matches for
the word typed so far (fuzzily, as workspace symbols are matched), then the rest in
their sort order.  A client filters what it is given as the user types, so a list cut
short is marked incomplete and the client asks again as the word grows."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Sequence

from witsmith.features.editing import CompletionCandidate
from witsmith.features.workspace_symbols import fuzzy_score


def best(candidates: list[CompletionCandidate], source: bytes, offset: int,
         limit: int | None) -> tuple[list[CompletionCandidate], bool]:
    """At most ``limit`` candidates, the best first when some had to be left out;
    all of them, in their order, when they fit."""
    if limit is None or len(candidates) <= limit:
        return candidates, False
    typed_from: dict[int, str] = {}  # most candidates replace the same word

    def rank(candidate: CompletionCandidate) -> tuple:
        typed = typed_from.get(candidate.replace_start)
        if typed is None:
            typed = typed_from[candidate.replace_start] = source[candidate.replace_start:offset].decode(
                "utf-8", errors="replace")
        return rank_key(typed, candidate)

    return sorted(candidates, key=rank)[:limit], True


def rank_key(typed: str, candidate: CompletionCandidate) -> tuple:
    score = fuzzy_score(typed, candidate.label) if typed else 0
    return (score is None, -(score or 0), candidate.sort_text or "", candidate.label)


class RankedList:
    """A long list of candidates that all replace the same word (a body's type names),
    ready to be ranked again and again: sorted once, then matched against each word
    typed with one regular expression over all the labels, so a request scores only
    the labels that match and takes the rest in their presorted order."""

    def __init__(self, candidates: Sequence[CompletionCandidate]) -> None:
        self.candidates = list(candidates)
        keys = [(c.sort_text or "", c.label) for c in self.candidates]
        self._sorted = sorted(range(len(keys)), key=keys.__getitem__)
        self._labels = ""  # the lowered labels, one a line, made when first searched
        self._line_starts: list[int] = []

    def best(self, typed: str, limit: int | None, keep: Callable[[CompletionCandidate], bool] | None = None
             ) -> tuple[list[int], bool]:
        """The indices of the candidates to send (those ``keep`` accepts) and whether
        some were left out: the same choice and order as `best` makes."""
        if keep is None:
            keep = _everything
            kept = range(len(self.candidates))
        else:
            kept = [i for i in range(len(self.candidates)) if keep(self.candidates[i])]
        if limit is None or len(kept) <= limit:
            return list(kept), False
        if not typed:  # every candidate scores alike: their sort order decides
            if keep is _everything:
                return self._sorted[:limit], True
            return [i for i in self._sorted if keep(self.candidates[i])][:limit], True
        matched = self._matching(typed)
        if matched is None:
            ranked = sorted(kept, key=lambda i: rank_key(typed, self.candidates[i]))
            return ranked[:limit], True
        scored = []
        for i in matched:
            candidate = self.candidates[i]
            if keep(candidate) and fuzzy_score(typed, candidate.label) is not None:
                scored.append(i)
        scored.sort(key=lambda i: rank_key(typed, self.candidates[i]))  # stable: ties keep list order
        chosen = scored[:limit]
        if len(chosen) < limit:
            taken = set(scored)
            for i in self._sorted:
                if i not in taken and keep(self.candidates[i]):
                    chosen.append(i)
                    if len(chosen) == limit:
                        break
        return chosen, True

    def _matching(self, typed: str) -> list[int] | None:
        """The indices of the labels holding the typed characters in order (the labels
        `fuzzy_score` may score), or None when the labels cannot be searched at once."""
        if not self._line_starts and self.candidates:
            lowered = [c.label.lower() for c in self.candidates]
            if any("\n" in label for label in lowered):
                return None
            self._labels = "\n".join(lowered)
            at = 0
            for label in lowered:
                self._line_starts.append(at)
                at += len(label) + 1
        pattern = "^" + "".join(f"[^\\n]*?{re.escape(ch)}" for ch in typed.lower())
        line_starts = self._line_starts
        return [bisect_right(line_starts, match.start()) - 1
                for match in re.finditer(pattern, self._labels, re.MULTILINE)]


def _everything(candidate: CompletionCandidate) -> bool:
    return True
