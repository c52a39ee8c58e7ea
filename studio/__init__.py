"""Glue shared by the app's pages: where the draft lives and how it is checked."""
