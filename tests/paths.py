"""Where the repository's data lives, and the settings defaults tests run the pipeline with: one
definition instead of one per file."""

from pathlib import Path

from service.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED_PAGES = sorted(SEEDS.glob("*.txt"))
SEED_000 = SEEDS / "000_0c4ce29092f07e54.txt"
# run() takes its overlap from Settings at the edges; tests use the default as users get it.
OVERLAP: int = Settings.model_fields["chunk_overlap"].default
