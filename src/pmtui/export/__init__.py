"""Exports of a review: Markdown layouts (and, later, tracker formats)."""
