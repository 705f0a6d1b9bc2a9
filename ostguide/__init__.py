"""ostguide: a terminal listening guide that follows your own copy of a soundtrack."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("ostguide")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+unknown"
