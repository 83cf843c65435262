"""Where the repository's data lives, for every test: one definition instead of one per file."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED_PAGES = sorted(SEEDS.glob("*.txt"))
SEED_000 = SEEDS / "000_0c4ce29092f07e54.txt"
