"""Settings the user edits (config.toml) and state ostguide remembers (state.json)."""
