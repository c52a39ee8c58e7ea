"""Share links: a session config carried in one URL query parameter. Pure; no Streamlit.

A link holds only the export (settings left at the server default are not in it),
as compact JSON, compressed with zlib and written in URL-safe base64 without
padding, after a format tag: ``?share=1.eNqrVipLzSlVsl...``.

Limits, both checked before anything is loaded:

- ``MAX_CODE_CHARS`` (8,000 characters) for the parameter. Browsers, proxies and
  chat apps cut or refuse longer URLs; a config that needs more belongs in the
  library or a downloaded file.
- ``MAX_JSON_BYTES`` (256 KB) for the decompressed JSON, so a crafted link cannot
  inflate into something huge.

There is no signature: anyone can write a link, so whatever a link holds is
treated as untrusted input and validated like an uploaded file. A link that was
cut, edited or forged fails with a ``ShareError`` saying so in plain words.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
import zlib
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlencode

from pydantic import BaseModel

from session_model.apis import check
from session_model.export import export_session
from session_model.loading import InputError, load_object

PARAM = "share"
FORMAT = "1."
MAX_CODE_CHARS = 8_000
MAX_JSON_BYTES = 256 * 1024
_ALPHABET = re.compile(r"^[A-Za-z0-9_-]*$")
_NOTHING_LOADED = "Nothing was loaded; your draft is unchanged."


class ShareError(ValueError):
    """A config that cannot become a link, or a link that cannot become a config; the message says why."""


def _problem_text(problems: list[Any], limit: int = 3) -> str:
    shown = "; ".join(p.message for p in problems[:limit])
    more = f" (and {len(problems) - limit} more)" if len(problems) > limit else ""
    return shown + more


def encode(session: BaseModel | Mapping[str, Any]) -> str:
    """The share code of a session of any target (validated first); ``ShareError`` if invalid or too large."""
    if not isinstance(session, BaseModel):
        _, model, problems = check(dict(session))
        if model is None:
            raise ShareError(f"Only a valid config can be shared; fix these first: {_problem_text(problems)}.")
        session = model
    text = json.dumps(export_session(session), ensure_ascii=False, separators=(",", ":"))
    packed = base64.urlsafe_b64encode(zlib.compress(text.encode("utf-8"), 9)).rstrip(b"=").decode("ascii")
    code = FORMAT + packed
    if len(code) > MAX_CODE_CHARS:
        raise ShareError(
            f"This config is too large for a link ({len(code):,} characters once packed; links hold at most "
            f"{MAX_CODE_CHARS:,}). Save it in the library or download the JSON instead."
        )
    return code


def decode(code: str) -> dict[str, Any]:
    """The validated export a share code carries; ``ShareError`` for a cut, edited or oversized link."""
    code = (code or "").strip()
    if not code:
        raise ShareError(f"The share link is empty. {_NOTHING_LOADED}")
    if len(code) > MAX_CODE_CHARS:
        raise ShareError(
            f"The share link is too long ({len(code):,} characters; the limit is {MAX_CODE_CHARS:,}). {_NOTHING_LOADED}"
        )
    if not code.startswith(FORMAT):
        raise ShareError(
            f"This is not a share link made by this studio (or it comes from a newer version). {_NOTHING_LOADED}"
        )
    body = code[len(FORMAT) :]
    if not _ALPHABET.match(body) or len(body) % 4 == 1:
        raise ShareError(
            f"The share link was changed or cut: it has characters or a length a link never has. {_NOTHING_LOADED}"
        )
    try:
        packed = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
        inflater = zlib.decompressobj()
        raw = inflater.decompress(packed, MAX_JSON_BYTES)
    except (binascii.Error, ValueError, zlib.error):
        raise ShareError(f"The share link is damaged: it was changed or cut on the way. {_NOTHING_LOADED}") from None
    if inflater.unconsumed_tail:
        raise ShareError(f"The share link unpacks to more than {MAX_JSON_BYTES // 1024} KB. {_NOTHING_LOADED}")
    if not inflater.eof:
        raise ShareError(f"The share link is incomplete: it was cut short. {_NOTHING_LOADED}")
    try:
        data = load_object(raw).data
    except InputError as exc:
        raise ShareError(f"The share link does not hold a config: {exc}. {_NOTHING_LOADED}") from None
    _, model, problems = check(data)
    if model is None:
        raise ShareError(f"The shared config is not valid: {_problem_text(problems)}. {_NOTHING_LOADED}")
    return export_session(model)


def link(base_url: str, code: str) -> str:
    """The full share URL: the studio's address with the code as the ``share`` parameter."""
    return f"{base_url.rstrip('/')}/?{urlencode({PARAM: code})}"
