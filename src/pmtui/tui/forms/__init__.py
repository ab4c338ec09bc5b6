"""Forms: the dialog that edits one record and the fields that edit as you type."""
