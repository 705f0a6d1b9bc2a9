"""Guide files: the model, time stamps, the parser and its diagnostics."""
