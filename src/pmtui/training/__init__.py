"""Training: the dojo scenario replayed over a review, and the bundled samples."""
