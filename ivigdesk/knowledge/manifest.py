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
from ivigdesk.safe_files import FileMissing, FileProblem, read_bounded, write_atomically

MANIFEST = "MANIFEST.sha256"
MAX_MANIFEST_BYTES = 64 * 1024
MAX_FILE_BYTES = 2 * 1024 * 1024  # the most any knowledge-base or product file may hold
_LINE = re.compile(r"^(?P<digest>[0-9a-fA-F]{64}) [ *](?P<name>[^/\\]+)$")


def manifest_text(files: Mapping[str, bytes]) -> str:
    """The manifest for ``files`` (name → bytes), in ``sha256sum`` format."""
    return "".join(f"{hashlib.sha256(raw).hexdigest()}  {name}\n" for name, raw in sorted(files.items()))


def write_manifest(folder: Path, names: list[str]) -> Path:
    """Write ``folder/MANIFEST.sha256`` for ``names`` and return its path."""
    files = {name: read_bounded(folder / name, MAX_FILE_BYTES) for name in names}
    return write_atomically(folder / MANIFEST, manifest_text(files).encode("utf-8"))


def read_manifest(folder: Traversable) -> dict[str, str]:
    """The manifest in ``folder`` as name → lower-case hex digest; refuses a missing or malformed one."""
    item = folder / MANIFEST
    try:
        raw = read_bounded(item, MAX_MANIFEST_BYTES)
    except FileMissing as problem:
        raise KnowledgeBaseError(
            MANIFEST, f"there is no checksum manifest in {folder}, so the files cannot be shown to be the approved ones"
        ) from problem
    except FileProblem as problem:
        raise KnowledgeBaseError(MANIFEST, f"{problem.reason} (in {folder})") from problem
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


def check_manifest(folder: Traversable, files: Mapping[str, bytes]) -> dict[str, str]:
    """Refuse unless every file in ``files`` (name → the bytes that will be used) matches the
    manifest; return the manifest (name → digest)."""
    digests = read_manifest(folder)
    check_digests(digests, files)
    return digests


def check_digests(digests: Mapping[str, str], files: Mapping[str, bytes]) -> None:
    """Refuse unless every file in ``files`` matches its digest in ``digests``."""
    for name, raw in files.items():
        if name not in digests:
            raise KnowledgeBaseError(name, f"the file is not listed in {MANIFEST}, so it has not been approved")
        if hashlib.sha256(raw).hexdigest() != digests[name]:
            raise KnowledgeBaseError(
                name,
                f"the file does not match its checksum in {MANIFEST}: it has been changed since it was "
                "approved, or was damaged when copied",
            )
