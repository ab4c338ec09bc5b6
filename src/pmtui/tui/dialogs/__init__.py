"""Modal dialogs: each a `ModalScreen` that returns its answer when dismissed."""
