"""What runs the meeting around the panes: facilitation keys, safekeeping,
keys typed while a review opens, names shown as roles."""
