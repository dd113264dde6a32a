"""Smithy features: diagnostics rules over a `SmithyWorkspace`."""
