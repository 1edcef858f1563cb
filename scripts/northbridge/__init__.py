"""Northbridge Council, the fictional council of the example data: its spec and its figures.

``series.yml`` describes the council; ``spec.py`` reads and checks it (``entries.py`` holds the
field-by-field reader); ``figures.py`` makes Northbridge's own invented figures; ``comparators.py``
takes the real England, regional and neighbour figures from DfE's published files.
``scripts/make_example_data.py`` puts them together and writes the packages.
"""
