"""Settings the user edits (config.toml) and state ostguide remembers (state.json)."""

from ostguide.settings.config import Config, load_config
from ostguide.settings.problems import ConfigError, ConfigProblem
from ostguide.settings.state import ResumePoint, State

__all__ = ["Config", "ConfigError", "ConfigProblem", "ResumePoint", "State", "load_config"]
