"""The command line's last line of defence: no traceback reaches a user from any command.

A LaborlensError is already turned into one line and exit 2 by each command; whatever else
escapes (a bug, a library's surprise) becomes one line naming it and exit 1, and Ctrl-C exit
130. LABORLENS_DEBUG=1 lets the traceback through for whoever is fixing it.
"""

import os
import sys
from typing import Any

import typer
from rich.console import Console

_err = Console(stderr=True, soft_wrap=True)


class GuardedTyper(typer.Typer):
    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        if os.environ.get("LABORLENS_DEBUG"):
            return super().__call__(*args, **kwargs)
        try:
            return super().__call__(*args, **kwargs)
        except KeyboardInterrupt:
            _err.print("interrupted")
            sys.exit(130)
        except Exception as exc:  # the one place every escaped error is caught (STYLE §5)
            message = f"internal error: {type(exc).__name__}: {exc}"
            _err.print(f"error: {message} (a bug; LABORLENS_DEBUG=1 shows where)", markup=False)
            sys.exit(1)
