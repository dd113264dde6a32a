"""The model layer: per-file summaries extracted from syntax trees, one package per
language (``witsmith.model.smithy``, ``witsmith.model.wit``).  Nothing here looks
beyond one file.
"""
