"""The integrity check: a ``MANIFEST.sha256`` beside the YAML files lists each file's sha256.

The format is what ``sha256sum FILE... > MANIFEST.sha256`` writes (``<hex>  <name>``), so a
pharmacy can make or check one with standard tools, or with ``ivigdesk-calc manifest FOLDER``.
A file whose bytes differ from its line, a file with no line, or no manifest at all is refused.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from importlib.resources.abc import Traversable
from pathlib import Path

from ivigdesk.knowledge.errors import KnowledgeBaseError

MANIFEST = "MANIFEST.sha256"
MAX_MANIFEST_BYTES = 64 * 1024
_LINE = re.compile(r"^(?P<digest>[0-9a-fA-F]{64}) [ *](?P<name>[^/\\]+)$")


def manifest_text(files: Mapping[str, bytes]) -> str:
    """The manifest for ``files`` (name → bytes), in ``sha256sum`` format."""
    return "".join(f"{hashlib.sha256(raw).hexdigest()}  {name}\n" for name, raw in sorted(files.items()))


def write_manifest(folder: Path, names: list[str]) -> Path:
    """Write ``folder/MANIFEST.sha256`` for ``names`` and return its path."""
    target = folder / MANIFEST
    target.write_text(manifest_text({name: (folder / name).read_bytes() for name in names}), encoding="utf-8")
    return target


def read_manifest(folder: Traversable) -> dict[str, str]:
    """The manifest in ``folder`` as name → lower-case hex digest; refuses a missing or malformed one."""
    item = folder / MANIFEST
    if not item.is_file():
        raise KnowledgeBaseError(
            MANIFEST,
            f"there is no checksum manifest in {folder}, so the files cannot be shown to be the approved ones",
        )
    raw = item.read_bytes()
    if len(raw) > MAX_MANIFEST_BYTES:
        raise KnowledgeBaseError(MANIFEST, f"the manifest is {len(raw):,} bytes; the limit is {MAX_MANIFEST_BYTES:,}")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise KnowledgeBaseError(MANIFEST, f"the manifest is not UTF-8 text (byte {error.start})") from error
    digests: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        match = _LINE.match(line.rstrip())
        if match is None:
            raise KnowledgeBaseError(MANIFEST, "expected '<64 hex digits>  <file name>'", number)
        if match["name"] in digests:
            raise KnowledgeBaseError(MANIFEST, f"{match['name']} is listed twice", number)
        digests[match["name"]] = match["digest"].lower()
    return digests


def check_manifest(folder: Traversable, files: Mapping[str, bytes]) -> None:
    """Refuse unless every file in ``files`` (name → the bytes that will be used) matches the manifest."""
    digests = read_manifest(folder)
    for name, raw in files.items():
        if name not in digests:
            raise KnowledgeBaseError(name, f"the file is not listed in {MANIFEST}, so it has not been approved")
        if hashlib.sha256(raw).hexdigest() != digests[name]:
            raise KnowledgeBaseError(
                name,
                f"the file does not match its checksum in {MANIFEST}: it has been changed since it was "
                "approved, or was damaged when copied",
            )
