"""Settings -> the Backend to use: rules, or the LLM wrapped in the cache. Edge composition."""

from schemas.vocab import BackendName
from service.cache import CachedBackend, ChunkStore
from service.extract.base import Backend
from service.extract.rules.backend import RulesBackend
from service.settings import Settings


def build_backend(
    settings: Settings,
    *,
    name: BackendName | None = None,
    cache: bool = True,
    refresh: bool = False,
) -> Backend:
    """The named backend, or llm when a model is configured and rules otherwise."""
    chosen = name or ("llm" if settings.llm_configured else "rules")
    if chosen == "rules":
        return RulesBackend()
    from service.extract.llm import LLMBackend, LLMConfig  # openai + instructor: seconds to import

    config = LLMConfig(
        model=settings.model,
        base_url=settings.base_url,
        api_key=settings.api_key,
        mode=settings.mode,
        timeout=settings.timeout,
        max_retries=settings.max_retries,
        reasks=settings.reasks,
        concurrency=settings.concurrency,
        chunk_chars=settings.chunk_chars,
        prompt_version=settings.prompt_version,
    )
    llm = LLMBackend(config)
    return CachedBackend(llm, ChunkStore(settings.cache_dir), refresh=refresh) if cache else llm
