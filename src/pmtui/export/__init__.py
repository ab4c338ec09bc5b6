"""Exports of a review: Markdown in a template's layout, and CSV or JSON for a tracker."""

FORMATS = ("markdown", "csv", "json")
"""What `pmtui export --format` takes; here, so the CLI lists them without importing them."""
