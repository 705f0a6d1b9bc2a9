"""Authoring guides: scaffolding from an album, stamping remarks while listening, importing timings."""
