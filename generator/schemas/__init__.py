"""Declared schemas of the files people edit by hand: the site settings and the importers' mapping.

Each schema is a JSON Schema file in this folder (``settings.schema.json``,
``mapping.schema.json``): every key has a type, a description and, where there is one, a default.
``generator.schemas.validate`` checks a file against its schema and words every error as a
``Problem``.
"""
