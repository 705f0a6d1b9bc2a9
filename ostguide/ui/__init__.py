"""The Textual listening screen: the only package that imports Textual."""
