"""pmtui: post-incident reviews in the terminal."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("pmtui")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0+unknown"
