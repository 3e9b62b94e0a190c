"""The package's version, in a module of its own so that any layer can read it without importing
the library's front (`photocheck/__init__.py` imports the whole checking pipeline)."""

__version__ = "0.1.0"
