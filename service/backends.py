"""Settings -> the Backend to use: rules, or the LLM wrapped in the cache. Edge composition."""

from schemas.vocab import BackendName
from service.cache import CachedBackend, Store
from service.cache_disk import ChunkStore
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

    llm = LLMBackend(LLMConfig.from_settings(settings))
    return CachedBackend(llm, _store(settings), refresh=refresh) if cache else llm


def _store(settings: Settings) -> Store:
    """The shared Redis cache when LABORLENS_CACHE_URL is set, else the local diskcache."""
    if settings.cache_url is None:
        return ChunkStore(settings.cache_dir)
    from service.shared_cache import RedisChunkStore  # only a cluster set-up needs redis

    return RedisChunkStore(settings.cache_url)
