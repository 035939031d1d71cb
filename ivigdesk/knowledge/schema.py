"""Turn plain YAML data into frozen dataclasses, strictly, with the path of every fault.

A model is a frozen dataclass whose fields are typed with ``str``, ``int``, ``bool``, ``Decimal``,
a ``StrEnum``, ``Literal[...]``, ``tuple[X, ...]``, ``X | None``, another model, or a class with a
``from_yaml`` class method (a dose such as ``2 g/kg``); ``Annotated[X, Limits(...)]`` adds limits.
Nothing is coerced: a string is never a number, a float is never exact, ``yes`` is never ``True``.
Unknown and missing keys are refused; a model's ``__post_init__`` may refuse with ``ValueError``.
The first fault raises :class:`SchemaError` with its path (keys and list indexes), which the loader
turns into ``file:line entry › field``. Light: no third-party import, so start-up pays nothing.
"""

from __future__ import annotations

import dataclasses
import re
import types
import typing
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from functools import cache
from typing import Annotated, Any, Literal, TypeVar, Union, get_args, get_origin

from ivigdesk.quoting import quoted, shortened

YamlPath = tuple[str | int, ...]
T = TypeVar("T")


class SchemaError(Exception):
    """``path`` names where the fault is; ``message`` says what is wrong, for a pharmacist."""

    def __init__(self, path: YamlPath, message: str) -> None:
        super().__init__(message)
        self.path, self.message = path, message


@dataclass(frozen=True)
class Limits:
    """What a value must satisfy beyond its type."""

    pattern: str | None = None
    min_length: int | None = None
    max_length: int | None = None
    ge: int | Decimal | None = None
    le: int | Decimal | None = None
    gt: int | Decimal | None = None

    def check(self, value: Any) -> str | None:
        """Why ``value`` breaks a limit, or None."""
        if self.pattern is not None and not re.fullmatch(self.pattern, value):
            return f"{quoted(value)} is not in the expected form"
        size = len(value) if isinstance(value, str | tuple) else None
        if size is not None and self.min_length is not None and size < self.min_length:
            return f"needs at least {self.min_length} item{'s' if self.min_length > 1 else ''}"
        if size is not None and self.max_length is not None and size > self.max_length:
            return f"is longer than the {self.max_length} allowed"
        if self.ge is not None and value < self.ge:
            return f"must be at least {self.ge}, not {value}"
        if self.le is not None and value > self.le:
            return f"must be at most {self.le}, not {value}"
        if self.gt is not None and value <= self.gt:
            return f"must be more than {self.gt}, not {value}"
        return None


def convert(data: object, kind: type[T]) -> T:
    """``data`` (plain YAML data) as an instance of the model ``kind``; raises SchemaError."""
    result: T = _convert(data, kind, ())
    return result


@cache
def _hints(model: type) -> dict[str, Any]:
    return typing.get_type_hints(model, include_extras=True)


def _convert(data: object, kind: Any, path: YamlPath) -> Any:
    origin = get_origin(kind)
    if origin is Annotated:
        base, *extras = get_args(kind)
        value = _convert(data, base, path)
        for limits in (extra for extra in extras if isinstance(extra, Limits)):
            if (why := limits.check(value)) is not None:
                raise SchemaError(path, why)
        return value
    if origin in (Union, types.UnionType):
        options = get_args(kind)
        if data is None and type(None) in options:
            return None
        (inner,) = (option for option in options if option is not type(None))
        return _convert(data, inner, path)
    if origin is tuple:
        item_kind = get_args(kind)[0]
        if not isinstance(data, list):
            raise SchemaError(path, f"expected a list, got {_what(data)}")
        return tuple(_convert(item, item_kind, (*path, index)) for index, item in enumerate(data))
    if origin is Literal:
        choices = get_args(kind)
        if not isinstance(data, str) or data not in choices:
            raise SchemaError(path, f"expected one of {', '.join(map(repr, choices))}, got {quoted(data)}")
        return data
    if isinstance(kind, type) and hasattr(kind, "from_yaml"):  # a measure read from its text ("2 g/kg")
        try:
            return kind.from_yaml(data)
        except ValueError as error:
            raise SchemaError(path, shortened(error, 200)) from error
    if dataclasses.is_dataclass(kind):
        return _model(data, kind, path)
    return _scalar(data, kind, path)


def _model(data: object, model: Any, path: YamlPath) -> Any:
    shorthand = getattr(model, "yaml_shorthand", None)  # e.g. ``days: 5`` for ``{min: 5, max: 5}``
    if shorthand is not None:
        data = shorthand(data)
    if not isinstance(data, dict):
        raise SchemaError(path, f"expected a mapping of fields, got {_what(data)}")
    fields = {f.name: f for f in dataclasses.fields(model) if f.init}
    for key in data:
        if key not in fields:
            raise SchemaError((*path, str(key)), "unknown field (check its spelling)")
    values = {}
    hints = _hints(model)
    for name, field in fields.items():
        if name not in data:
            if field.default is dataclasses.MISSING and field.default_factory is dataclasses.MISSING:
                raise SchemaError((*path, name), "this field is required but missing")
            continue
        values[name] = _convert(data[name], hints[name], (*path, name))
    try:
        return model(**values)
    except ValueError as error:
        raise SchemaError(path, shortened(error, 200)) from error


def _scalar(data: object, kind: Any, path: YamlPath) -> Any:
    if kind is bool:
        if not isinstance(data, bool):
            raise SchemaError(path, f"expected true or false, got {_what(data)}")
        return data
    if kind is int:
        if isinstance(data, bool) or not isinstance(data, int):
            raise SchemaError(path, f"expected a whole number, got {_what(data)}")
        return data
    if kind is Decimal:
        if isinstance(data, bool) or not isinstance(data, int | Decimal):
            raise SchemaError(path, f"expected a number such as 8 or 0.5, got {_what(data)}")
        number = Decimal(data)
        if not number.is_finite():
            raise SchemaError(path, f"expected a finite number, got {shortened(data)}")
        return number
    if isinstance(kind, type) and issubclass(kind, StrEnum):
        if not isinstance(data, str) or data not in {member.value for member in kind}:
            raise SchemaError(path, f"expected one of {', '.join(repr(m.value) for m in kind)}, got {quoted(data)}")
        return kind(data)
    if kind is str:
        if not isinstance(data, str):
            raise SchemaError(path, f"expected text, got {_what(data)}")
        return data
    raise TypeError(f"the schema cannot read a {kind!r}")  # a fault in a model, not in the data


def _what(data: object) -> str:
    if isinstance(data, bool):
        return f"{str(data).lower()} (true/false)"
    if isinstance(data, dict):
        return "a mapping"
    if isinstance(data, list):
        return "a list"
    if data is None:
        return "nothing (null)"
    return repr(data)
