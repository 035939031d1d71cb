"""The writer of the bundled data's compiled form (``knowledge.compiled`` reads it, and never
imports this module). Run after changing the bundled YAML (and its manifest) or the model:

    python -m ivigdesk.knowledge.compile

Only the folders bundled with the program are compiled: a site folder's compiled form would never
be read (its YAML is always parsed, so that its pinned checksum covers every byte used).
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

from ivigdesk.knowledge.compiled import COMPILED, FORMAT, fingerprint
from ivigdesk.knowledge.errors import KnowledgeBaseError
from ivigdesk.knowledge.loader import FILES, OPTIONAL, load_knowledge_base, read_file
from ivigdesk.knowledge.manifest import MANIFEST, read_manifest, write_manifest
from ivigdesk.knowledge.products import PRODUCTS_FILE, ProductsFile, load_product_catalogue
from ivigdesk.resource_files import resource
from ivigdesk.safe_files import write_atomically

Kind = Literal["knowledge", "products"]


def compiled_bytes(files: Mapping[str, tuple[bytes, Any]]) -> bytes:
    """The compiled form of the YAML files (name → their bytes and the model parsed from them)."""
    entries = {name: (hashlib.sha256(raw).hexdigest(), model) for name, (raw, model) in sorted(files.items())}
    content = {"format": FORMAT, "fingerprint": fingerprint(), "files": entries}
    return pickle.dumps(content, protocol=5)


def _load(kind: Kind, use_compiled: bool) -> Any:
    if kind == "products":
        return load_product_catalogue(use_compiled=use_compiled)
    return load_knowledge_base(use_compiled=use_compiled)


def write(kind: Kind) -> Path:
    """Compile the bundled knowledge base or product folder, whose YAML must pass its manifest and
    every check, list the compiled file in the manifest, and prove it loads to exactly what the
    YAML gives."""
    from ivigdesk.knowledge.yaml_parse import parse_file

    folder = Path(str(resource(kind)))
    if kind == "products":
        schemas: dict[str, type] = {PRODUCTS_FILE: ProductsFile}
    else:
        schemas = {name: k for name, k in FILES.items() if name not in OPTIONAL or (folder / name).is_file()}
    from_yaml = _load(kind, use_compiled=False)  # the YAML passes its manifest and every check
    files = {}
    for name, schema in schemas.items():
        raw, text = read_file(folder, name)
        files[name] = (raw, parse_file(name, text, schema).model)
    target = write_atomically(folder / COMPILED, compiled_bytes(files))
    write_manifest(folder, sorted(set(read_manifest(folder)) | {COMPILED}))
    from_compiled = _load(kind, use_compiled=True)
    if from_compiled != from_yaml or not getattr(from_compiled, "compiled", False):
        raise KnowledgeBaseError(COMPILED, f"the compiled form in {folder} does not give what its YAML gives")
    print(f"{target}: {len(files)} files compiled; listed in {folder / MANIFEST}")
    return target


def main() -> None:
    """Compile the bundled knowledge base and product list."""
    write("knowledge")
    write("products")


if __name__ == "__main__":
    main()
