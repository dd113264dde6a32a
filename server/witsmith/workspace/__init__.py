"""The workspace layer: which files form which project, open buffers over disk,
name resolution and the indexes the features query.

Per-language resolution lives in ``witsmith.workspace.smithy`` and
``witsmith.workspace.wit``; this package holds what both share.
"""
