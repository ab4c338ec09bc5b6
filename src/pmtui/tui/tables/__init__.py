"""The tables over the review's lists: their columns (specs), rows and keys."""
