"""`python -m ostguide` runs the command line."""

from .cli import run

run()
