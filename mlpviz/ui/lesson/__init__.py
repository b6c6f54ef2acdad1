"""Lessons in the window: the File menu's document commands and the checkpoints a reader walks."""
