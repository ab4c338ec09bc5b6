"""Widgets used across screens: the header, the participants sidebar."""
