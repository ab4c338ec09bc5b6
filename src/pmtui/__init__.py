"""pmtui: post-incident reviews in the terminal."""

__version__ = "0.1.0"

SCHEMA_VERSION = 1
"""The version of the review file format; `store.MIGRATIONS` upgrades older files."""
