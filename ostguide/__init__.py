"""ostguide: a terminal listening guide that follows your own copy of a soundtrack."""


def __getattr__(name: str) -> str:
    """`ostguide.__version__`, read from the installed package's metadata when first asked for
    (importing importlib.metadata costs more than the rest of the package's start-up)."""
    if name != "__version__":
        raise AttributeError(f"module 'ostguide' has no attribute {name!r}")
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("ostguide")
    except PackageNotFoundError:  # running from a source tree that was never installed
        return "0.0.0+unknown"
