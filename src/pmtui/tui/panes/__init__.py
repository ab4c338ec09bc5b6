"""One module per tab of the meeting screen."""
