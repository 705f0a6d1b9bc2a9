"""The listening screen's behaviour, outside Textual: a controller answering commands with views."""
