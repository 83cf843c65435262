"""The eval sets `make eval` scores side by side, by name: the gold fixture folder and the
folder of texts its spans index, relative to the repository root. The one table the CLI, the
tests and the benchmarks read."""

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class EvalSet:
    fixtures: Path  # gold fixtures, one JSON file per page
    texts: Path  # the pages the fixtures' spans index
    # Scored blind (service/evals/blind.py): only aggregate figures and counts of misses by
    # class are printed or written, never a page or its evidence. Nobody writing rules reads it.
    blind: bool = False

    def under(self, root: Path) -> "EvalSet":
        """The same set with both folders under `root`."""
        return EvalSet(root / self.fixtures, root / self.texts, self.blind)


EVAL_SETS: dict[str, EvalSet] = {
    "seeds": EvalSet(Path("evals/fixtures"), Path("seeds")),
    "real": EvalSet(Path("evals/real/fixtures"), Path("evals/real/texts")),
    "made-up": EvalSet(Path("evals/holdout/fixtures"), Path("evals/holdout/texts")),
    "validation": EvalSet(
        Path("evals/real/validation/fixtures"), Path("evals/real/validation/texts"), blind=True
    ),
}
