"""Publish council performance indicators from Frictionless data packages as a static site."""

__version__ = "0.1.0"
