"""The shape of an autosave key, kept apart from the database code so checking one is cheap."""

import re

# A tab's autosave id (``?draft=`` in its address): what ``secrets.token_urlsafe`` makes, with room.
AUTOSAVE_KEY_PATTERN = re.compile(r"^[A-Za-z0-9_-]{8,64}$")
