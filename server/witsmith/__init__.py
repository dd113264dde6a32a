"""witsmith: a language server and toolkit for Smithy IDL and WIT."""

__version__ = "0.1.0"
