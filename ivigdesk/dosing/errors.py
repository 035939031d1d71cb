"""Errors the calculation core raises for input it cannot use."""

from __future__ import annotations


class InputError(ValueError):
    """An input cannot be used. ``field`` names the input, the message is for a pharmacist."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message
