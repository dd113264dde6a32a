"""Compact pickling for the summaries' slotted dataclasses.

Worker processes send each file's summary to the server pickled (see
`workspace.indexing`), and the server unpickles them while it answers the editor.  A
slotted dataclass pickles by default through generated `__getstate__`/`__setstate__`
methods that list and set its fields one at a time; pickled as a call of the class with
its fields in order, a summary takes about half the time each way and 40% fewer bytes.
"""

from __future__ import annotations

import dataclasses
import operator
from typing import TypeVar

T = TypeVar("T", bound=type)


def pickled_as_fields(cls: T) -> T:
    """Make the dataclass ``cls`` pickle as ``cls(*fields)``.  Its fields must all be
    `__init__` parameters, and what it holds must not refer back to it (a call cannot
    rebuild a cycle).  Subclasses pickle as themselves, with the same fields."""
    fields = dataclasses.fields(cls)
    if any(not f.init for f in fields):
        raise TypeError(f"{cls.__name__} has fields that __init__ does not take")
    names = tuple(f.name for f in fields)
    if len(names) == 1:
        only = names[0]

        def values(instance: object) -> tuple:
            return (getattr(instance, only),)
    else:
        values = operator.attrgetter(*names)

    def __reduce__(self: object) -> tuple:
        return type(self), values(self)

    cls.__reduce__ = __reduce__
    return cls
