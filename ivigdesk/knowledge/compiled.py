"""The bundled knowledge base and product list as validated when they were approved, so that
starting up need not import PyYAML nor parse the files (some 35 ms of the time before the user can
type).

``compiled.pickle`` beside the bundled YAML holds, for each YAML file, the sha256 of the bytes it
was made from and the model that parsing and validating exactly those bytes gave. It is read only
for the data bundled with the program, never from a site folder (a pharmacy's folder is always
parsed from its YAML, so its pinned checksum covers every byte the program uses), and an entry is
used only:

- if the bundled manifest lists the compiled file and its bytes match;
- for a YAML file whose bytes, already checked against the manifest, have the entry's sha256;
- if the model classes still have the fields and values they had when it was made.

Otherwise that file's YAML is parsed as usual, so the data in use never depends on the compiled
form; it only makes the start faster. The cross-checks between files run on it just as on parsed
YAML. The tests and the frozen program's self-test check that it gives exactly what parsing the
YAML gives. The writer is ``knowledge.compile`` (which this reader never imports): remake the
compiled form after changing the bundled YAML (and its manifest) or the model, with
``python -m ivigdesk.knowledge.compile``.
"""

from __future__ import annotations

import hashlib
import importlib
import io
import pickle
from collections.abc import Mapping
from dataclasses import fields, is_dataclass
from enum import Enum
from functools import cache
from importlib.resources.abc import Traversable
from typing import Any

from ivigdesk.knowledge.errors import KnowledgeBaseError
from ivigdesk.knowledge.manifest import MAX_FILE_BYTES, check_digests, check_manifest
from ivigdesk.safe_files import FileMissing, FileProblem, read_bounded

COMPILED = "compiled.pickle"
FORMAT = 1
MODEL_MODULES = (
    "ivigdesk.knowledge.model",
    "ivigdesk.knowledge.measures",
    "ivigdesk.knowledge.risks",
    "ivigdesk.knowledge.products",
)


@cache
def fingerprint() -> str:
    """A digest of every model class's fields and every enumeration's members."""
    parts: list[str] = []
    for name in MODEL_MODULES:
        for kind in vars(importlib.import_module(name)).values():
            if not isinstance(kind, type) or kind.__module__ != name:
                continue
            if is_dataclass(kind):
                parts.append(f"{name}.{kind.__qualname__}({','.join(f'{f.name}:{f.type}' for f in fields(kind))})")
            elif issubclass(kind, Enum):
                parts.append(f"{name}.{kind.__qualname__}[{','.join(f'{m.name}={m.value!r}' for m in kind)}]")
    return hashlib.sha256("\n".join(sorted(parts)).encode()).hexdigest()


class _ModelsOnly(pickle.Unpickler):
    """Builds IVIG Desk's model classes and decimals, and nothing else a file could name."""

    def find_class(self, module: str, name: str) -> Any:
        if module in MODEL_MODULES:
            found = getattr(importlib.import_module(module), name, None)
            if isinstance(found, type) and found.__module__ == module:
                return found
        if (module, name) == ("decimal", "Decimal"):
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"{module}.{name} is not part of the knowledge model")


def usable_models(
    folder: Traversable,
    files: Mapping[str, bytes],
    schemas: Mapping[str, type],
    *,
    verify: bool = True,
) -> dict[str, Any]:
    """Check the YAML files (name → bytes) against the bundled folder's manifest (with
    ``verify``), then return the compiled model of each file the compiled form holds for exactly
    those bytes. Only the loaders call this, and only for the bundled data."""
    digests = check_manifest(folder, files) if verify else None
    if digests is not None and COMPILED not in digests:
        return {}  # not approved with the YAML, so not used (nor read)
    try:
        raw = read_bounded(folder / COMPILED, MAX_FILE_BYTES)
    except FileMissing:
        return {}
    except FileProblem as problem:
        raise KnowledgeBaseError(COMPILED, f"{problem.reason} (in {folder})") from problem
    if digests is not None:
        check_digests(digests, {COMPILED: raw})
    return models(raw, files, schemas)


def models(raw: bytes, files: Mapping[str, bytes], schemas: Mapping[str, type]) -> dict[str, Any]:
    """The compiled models in ``raw`` for the YAML files (name → bytes) they were made from."""
    try:
        content = _ModelsOnly(io.BytesIO(raw)).load()
    except Exception:  # made with other model classes: the YAML is parsed instead
        return {}
    if not isinstance(content, dict) or (content.get("format"), content.get("fingerprint")) != (FORMAT, fingerprint()):
        return {}
    found: dict[str, Any] = {}
    for name, yaml_bytes in files.items():
        entry = content.get("files", {}).get(name)
        if (
            isinstance(entry, tuple)
            and len(entry) == 2
            and entry[0] == hashlib.sha256(yaml_bytes).hexdigest()
            and isinstance(entry[1], schemas[name])
        ):
            found[name] = entry[1]
    return found


if __name__ == "__main__":  # the writer's old command: say where it went (without importing it)
    import sys

    sys.exit("the compiled form is now written by: python -m ivigdesk.knowledge.compile")
