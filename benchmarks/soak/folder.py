"""The temporary folder one soak runs in: a path for each file, and the tail of a log."""

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Folder:
    """Where the soak rooted at `root` keeps its input, output, cache and logs."""

    root: Path

    @property
    def source(self) -> Path:
        """The documents, one JSONL record each: the batch's input."""
        return self.root / "in.jsonl"

    @property
    def out(self) -> Path:
        """The batch's output, one JSONL line per document."""
        return self.root / "out.jsonl"

    @property
    def cache(self) -> Path:
        return self.root / "cache"

    @property
    def server_log(self) -> Path:
        """The recording server's log, one JSON line per chat request."""
        return self.root / "server.jsonl"

    @property
    def server_errors(self) -> Path:
        return self.root / "server.err"

    def batch_errors(self, run: int) -> Path:
        return self.root / f"batch-{run}.err"

    def error_logs(self) -> list[Path]:
        """Every process's stderr, in the order they are worth reading."""
        return [self.batch_errors(1), self.batch_errors(2), self.server_errors]


def tail(path: Path, lines: int = 15) -> str:
    """The last `lines` lines of `path`; "" when it does not exist."""
    text = path.read_text(encoding="utf-8", errors="replace") if path.exists() else ""
    return "\n".join(text.splitlines()[-lines:])
