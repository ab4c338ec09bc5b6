"""What is derived from a review: durations, chronology and completeness checks,
blameless-language hints, and figures across many reviews. Pure Python, no Textual."""
