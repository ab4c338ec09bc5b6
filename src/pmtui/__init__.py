"""pmtui: post-incident reviews in the terminal."""

__version__ = "0.1.0"
