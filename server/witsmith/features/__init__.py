"""The features layer: diagnostics, hover, completion, navigation and the rest, as
pure functions over a workspace snapshot returning plain data with byte ranges.
Nothing here knows the Language Server Protocol.
"""
