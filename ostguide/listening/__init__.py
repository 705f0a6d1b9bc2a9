"""The listening screen's behaviour, outside Textual: one catalogue of commands, and a controller
answering each command, tick and piece of news with a view and one-shot events."""
