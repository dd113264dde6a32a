"""WIT features: diagnostics (rules, readable syntax errors) over a `WitWorkspace`."""
