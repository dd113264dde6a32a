EXIT_OK = 0  # nothing reached the failure threshold
EXIT_FINDINGS = 1  # a diagnostic (or, for `parse`, a syntax error) reached it
EXIT_USAGE = 2  # a usage error, an unreadable path, or an internal error
