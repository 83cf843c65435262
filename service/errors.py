"""Exceptions are for a caller's mistake or a broken configuration; what goes wrong with one
chunk or one item is data in the document (`errors`, `warnings`), never an exception.

    LaborlensError
    ├── ConfigError     settings missing or invalid (no model configured, bad mode, ...)
    ├── InputError      the text or request cannot be processed (empty, not UTF-8, too large)
    └── ClusterError    the Ray cluster cannot be reached, or no worker is left to run on

`problems` is the one translator of pydantic validation errors into messages.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any


class LaborlensError(Exception):
    """Base of every error laborlens raises on purpose."""


class ConfigError(LaborlensError):
    pass


class InputError(LaborlensError):
    pass


class ClusterError(LaborlensError):
    pass


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing pydantic refused: where (the field path) and why; never the input, which may
    be a whole article."""

    loc: tuple[int | str, ...]
    message: str

    def at(self, root: str, *, skip: int = 0) -> str:
        """ "field.path: message", the path without its first `skip` steps, `root` if empty."""
        return f"{'.'.join(str(part) for part in self.loc[skip:]) or root}: {self.message}"


def problems(details: Iterable[Mapping[str, Any]]) -> list[Problem]:
    """`ValidationError.errors()` (pydantic's or FastAPI's) -> its problems, in order."""
    return [Problem(tuple(detail["loc"]), detail["msg"]) for detail in details]


def describe_problems(found: Sequence[Problem], *, root: str, limit: int, skip: int = 0) -> str:
    """The first `limit` problems, "path: message" each, joined by "; "."""
    return "; ".join(problem.at(root, skip=skip) for problem in found[:limit])
