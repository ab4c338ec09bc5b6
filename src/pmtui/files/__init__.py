"""Review files and pmtui's own files: reading, writing in the file's own style,
locks, recovery, settings, and the open review with its undo history."""
