"""The `laborlens` command: JSON to stdout, progress and messages to stderr."""

from service.cli.batching import batch
from service.cli.exporting import export
from service.cli.page import extract
from service.cli.reporting import report
from service.cli.scoring import eval_
from service.cli.serving import serve
from service.guard import GuardedTyper

app = GuardedTyper(add_completion=False, no_args_is_help=True, help=__doc__)
# Registered here, in the order `laborlens --help` lists them.
app.command()(extract)
app.command("eval")(eval_)
app.command()(serve)
app.command()(batch)
app.command()(export)
app.command()(report)
