"""Instructor's check for async validators, run once per response model instead of on every call.

instructor 1.17 refuses a response model that declares async validators (it cannot run them),
and checks by walking the model's classes, MRO and field annotations: seven times per call
(`create`, the async wrapper, `prepare_response_model` twice over, the tools handler's
`prepare_response_model` twice more, the retry loop), ~130 µs each for ChunkDraft, about
0.9 ms of client CPU per model call spent finding nothing. The answer for a class does not
change once it is built, so a class that passed is remembered (weakly) and not walked again;
anything that is not a class, and every class that fails, is walked each time as before.

Shaped for upstream: the same memo inside `reject_async_validators` itself. Until then
`install()` puts the remembering version where instructor looks the name up: the module that
defines it (every other caller imports it inside the function, at call time),
`instructor.v2.core.patch`, which imports it at import time, and `instructor.core.patch`, which
star-imports that. tests/extract/test_instructor_patch.py fails when instructor binds the name
anywhere else or changes the walk.
"""

from importlib import import_module
from typing import Any
from weakref import WeakSet

import instructor.v2.core.patch as _patch_module
import instructor.v2.validation.async_validators as _validators_module

# `import instructor.core.patch as m` gives a function: the package's `patch` shadows the module.
_reexport_module = import_module("instructor.core.patch")

_NAME = "reject_async_validators"
# The walk as instructor ships it, kept before any install replaces the module's name.
walk_for_async_validators = _validators_module.reject_async_validators
_PASSED: "WeakSet[type]" = WeakSet()
# Where instructor binds the name: the defining module, the one that imports it at import, and
# the old path that star-imports that one.
BOUND_IN = (_validators_module, _patch_module, _reexport_module)


def reject_async_validators_once(response_model: Any) -> None:
    """instructor's `reject_async_validators`, walking each class only until it first passes."""
    remembered = isinstance(response_model, type)
    if remembered and response_model in _PASSED:
        return
    walk_for_async_validators(response_model)  # raises ValueError for an async validator
    if remembered:
        _PASSED.add(response_model)


def install() -> None:
    """Make instructor call `reject_async_validators_once`; idempotent."""
    for module in BOUND_IN:
        setattr(module, _NAME, reject_async_validators_once)
