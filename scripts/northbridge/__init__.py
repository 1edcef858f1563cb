"""Northbridge Council, the fictional council of the example data: its spec and its figures.

``series.yml`` describes the council and ``series.schema.json`` declares its shape; ``spec.py``
checks it against the schema and reads it; ``figures.py`` makes Northbridge's own invented
figures; ``comparators.py`` takes the real England, regional and neighbour figures from DfE's
published files.
``scripts/make_example_data.py`` puts them together and writes the packages.
"""
