"""Exceptions are for a caller's mistake or a broken configuration; what goes wrong with one
chunk or one item is data in the document (`errors`, `warnings`), never an exception.

    LaborlensError
    ├── ConfigError     settings missing or invalid (no model configured, bad mode, ...)
    ├── InputError      the text or request cannot be processed (empty, not UTF-8, too large)
    ├── BackendError    a backend failed in a way the pipeline records per chunk
    └── ClusterError    the Ray cluster cannot be reached, or no worker is left to run on
"""


class LaborlensError(Exception):
    """Base of every error laborlens raises on purpose."""


class ConfigError(LaborlensError):
    pass


class InputError(LaborlensError):
    pass


class BackendError(LaborlensError):
    pass


class ClusterError(LaborlensError):
    pass
