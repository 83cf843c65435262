"""Story text that segmentation leaves out of every article, said as warnings: text may be left
out only as page furniture, never dropped unsaid. Pure."""

from schemas.results import WarningRecord
from service.text.normalise import Normalised
from service.text.segment import Article, lost_prose

_EVIDENCE_CHARS = 40  # characters of a lost paragraph quoted in its warning


def lost_text(doc: Normalised, articles: list[Article]) -> list[WarningRecord]:
    """A "text_outside_articles" warning per paragraph of story text no article holds; its
    evidence is the paragraph's opening in the original text, and it belongs to no chunk."""
    warnings = []
    for start, end in lost_prose(doc.text, articles):
        left, right = doc.offsets.to_original(start, min(end, start + _EVIDENCE_CHARS))
        warnings.append(
            WarningRecord(
                code="text_outside_articles",
                evidence=doc.original[left:right],
                chunk=None,
                detail=f"{end - start} characters outside every article",
            )
        )
    return warnings
