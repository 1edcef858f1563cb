"""Importers: turn files published by others (DfE open data) into indicator data packages.

Each importer is an input-side adapter: it reads the source files and returns plain rows; one
writer (``writer.py``) writes the package. ``commands.py`` holds the thin click commands.
"""
