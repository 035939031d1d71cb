"""The one error for a knowledge base or product list that cannot be used (kept light: no
the schema or YAML, so start-up code can name it without loading them)."""

from __future__ import annotations


class KnowledgeBaseError(Exception):
    """The knowledge base cannot be used; the message says where and why."""

    def __init__(
        self, file: str, message: str, line: int | None = None, entry: str | None = None, field: str | None = None
    ) -> None:
        self.file, self.line, self.entry, self.field, self.message = file, line, entry, field, message
        where = f"{file}:{line}" if line else file
        what = " › ".join(part for part in (entry, field) if part)
        super().__init__(f"{where}: {what}: {message}" if what else f"{where}: {message}")
