"""Formatting of Smithy and WIT files: whole files, ranges, and the minimal edits between texts."""
