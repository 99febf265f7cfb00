"""The website widget's built files as the Rasa server sends them: compressed, cacheable,
and under a name that changes with their content.

Plain Python (no Rasa import). Used by the widget's Socket.IO channel
(`bot.rasa.channels.socketio`) to serve `web/dist/`, which `scripts/build-web.sh` writes:

    webchat.js              the loader a school's snippet names; small, its address never changes
    widget.<hash>.js/.css   the widget itself, named after its content
    *.gz, *.br              the same files compressed at build time
    manifest.json           which files those are
    LICENSE                 the licences of what the widget bundles

The versioned files may be cached for a year (a new build has new names); the loader
and the licence are revalidated (ETag), so a school's page picks up a new widget at once.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

#: A year, and never revalidated: the name changes whenever the content does.
IMMUTABLE = "public, max-age=31536000, immutable"
#: Kept but asked again each time (a 304 when unchanged): its address is in schools' pages.
REVALIDATE = "public, max-age=0, must-revalidate"
TYPES = {
    ".js": "application/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    "": "text/plain; charset=utf-8",
}
#: Encodings we precompress to, in the order we prefer them.
ENCODINGS = (("br", ".br"), ("gzip", ".gz"))


@dataclass(frozen=True)
class Served:
    """What to answer for one request of a widget file."""

    status: int
    body: bytes
    headers: dict[str, str]


@dataclass
class WidgetFile:
    """One built file, with its compressed copies and its headers."""

    name: str
    body: bytes
    content_type: str
    cache_control: str
    encoded: dict[str, bytes] = field(default_factory=dict)

    @property
    def etag(self) -> str:
        return '"' + hashlib.sha256(self.body).hexdigest()[:20] + '"'

    def answer(self, accept_encoding: str | None, if_none_match: str | None) -> Served:
        """The file (compressed when the client takes it), or 304 when the client's copy is current."""
        headers = {
            "Content-Type": self.content_type,
            "Cache-Control": self.cache_control,
            "ETag": self.etag,
            "Vary": "Accept-Encoding",
            "X-Content-Type-Options": "nosniff",
        }
        if if_none_match and self.etag in {tag.strip() for tag in if_none_match.split(",")}:
            return Served(304, b"", headers)
        accepted = _accepted(accept_encoding)
        for encoding, _ in ENCODINGS:
            if encoding in accepted and encoding in self.encoded:
                return Served(200, self.encoded[encoding], {**headers, "Content-Encoding": encoding})
        return Served(200, self.body, headers)


def _accepted(header: str | None) -> set[str]:
    """The encodings an Accept-Encoding header allows ("gzip;q=0" refuses gzip)."""
    accepted = set()
    for item in (header or "").split(","):
        name, _, params = item.strip().partition(";")
        q = params.strip().removeprefix("q=").strip() if params.strip().startswith("q=") else "1"
        try:
            if float(q) > 0:
                accepted.add(name.strip().lower())
        except ValueError:
            continue
    return accepted


class WidgetFiles:
    """The files of one build of the widget, read once when the server starts."""

    def __init__(self, dist: Path):
        manifest = json.loads((dist / "manifest.json").read_text(encoding="utf-8"))
        self.files: dict[str, WidgetFile] = {}
        for name in (manifest["loader"], manifest["script"], manifest["style"], "LICENSE"):
            path = dist / name
            versioned = name in (manifest["script"], manifest["style"])
            served = WidgetFile(
                name=name,
                body=path.read_bytes(),
                content_type=TYPES.get(path.suffix, TYPES[""]),
                cache_control=IMMUTABLE if versioned else REVALIDATE,
            )
            for encoding, suffix in ENCODINGS:
                packed = path.with_name(path.name + suffix)
                if packed.is_file():
                    served.encoded[encoding] = packed.read_bytes()
            self.files[name] = served
        self.loader = manifest["loader"]

    def get(self, name: str) -> WidgetFile | None:
        return self.files.get(name)
