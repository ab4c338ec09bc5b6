"""Whole screens: the start screen and the meeting screen."""
