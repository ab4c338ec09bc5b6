"""The document: the review's model and the words people type into it (times,
roles, names). Pure Python: no files, no screen."""
