"""The one error the formatters raise: the text cannot be formatted safely."""


class FormatError(ValueError):
    """The text was not formatted; the message says why in words a user can act on."""
