"""Settings read once at an edge from `LABORLENS_*` environment variables, then passed down.

Core code never sees this object: the edge hands each stage the numbers it needs. There is no
module-level instance, so importing laborlens never reads the environment.
"""

from pathlib import Path
from typing import Annotated, Self

from pydantic import (
    AliasChoices,
    Field,
    SecretStr,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from schemas.vocab import Mode
from service.errors import ConfigError, Problem, problems

_ENV_PREFIX = "LABORLENS_"


class Settings(BaseSettings):
    """Every knob laborlens has; the README configuration table is generated from these fields."""

    model_config = SettingsConfigDict(
        env_prefix=_ENV_PREFIX, validate_by_name=True, validate_by_alias=True
    )

    base_url: str | None = Field(
        default=None,
        description="OpenAI-compatible API base URL, e.g. http://127.0.0.1:8000/v1; "
        "unset means api.openai.com",
    )
    api_key: SecretStr | None = Field(
        default=None,
        validation_alias=AliasChoices("LABORLENS_API_KEY", "OPENAI_API_KEY"),
        description="API key for the model server (LABORLENS_API_KEY, else OPENAI_API_KEY)",
    )
    model: str | None = Field(
        default=None, description="Model name; unset means no LLM (rules backend only)"
    )
    mode: Mode = Field(
        default="tools",
        description="How structured output is requested: tools, json_schema, json_schema_strict "
        "(OpenAI's strict structured outputs), json or md_json",
    )
    cache_dir: Path = Field(
        default_factory=lambda: Path.home() / ".cache" / "laborlens",
        description="Directory of the chunk cache (created with mode 0700)",
    )
    cache_url: str | None = Field(
        default=None,
        description="Redis URL of a chunk cache that every node shares, e.g. "
        "redis://127.0.0.1:6379/0, used instead of LABORLENS_CACHE_DIR; unset means the local one",
    )
    concurrency: int = Field(
        default=8,
        ge=1,
        description="Most model calls in flight at once in this process (in each HTTP worker)",
    )
    timeout: float = Field(default=60.0, gt=0, description="Seconds one HTTP request may take")
    max_retries: int = Field(
        default=3,
        ge=0,
        description="Transport retries per request (429, 5xx, connection errors), done by the "
        "openai SDK, which honours Retry-After",
    )
    reasks: int = Field(
        default=2, ge=0, description="Times the model is re-asked after an invalid answer"
    )
    # Every request resends the prompt and schema; packing a page's articles up to 4000 takes
    # the seeds from 2.7 requests a page (at 2000) to 1.2, and the prompt tokens from 5,577 to
    # 3,516 a page at the same oracle F1. The largest gold answer grows from ~8,000 to ~10,300
    # characters: a model with a 4k-token output limit is cut off there, and the request is
    # asked again as two halves (a wasted request).
    chunk_chars: int = Field(
        default=4000,
        ge=200,
        description="Most article text one model request carries, in characters: a page's "
        "short articles are packed together up to it, a longer article is cut into chunks",
    )
    chunk_overlap: int = Field(
        default=150,
        ge=0,
        description="Characters shared by neighbouring chunks, at most a quarter of "
        "LABORLENS_CHUNK_CHARS",
    )
    prompt_version: int = Field(
        default=4, ge=1, description="Prompt file prompts/extract.v<N>.md the model is sent"
    )
    api_token: SecretStr | None = Field(
        default=None, description="Bearer token the HTTP service requires; unset means open"
    )
    max_body_bytes: int = Field(
        default=1_000_000, ge=1, description="Largest HTTP request body the service accepts"
    )
    workers: int = Field(
        default=2,
        ge=1,
        description="Worker processes the HTTP service extracts in, one request each at a "
        "time: this many run at once, four times as many wait, the next gets 503",
    )
    deadline: float = Field(
        default=60.0,
        gt=0,
        description="Seconds one HTTP extraction may run, model calls included; past it its "
        "worker is stopped and the answer is 504 (422 with the rules backend: the page is too "
        "much for one request)",
    )
    body_timeout: float = Field(
        default=30.0,
        gt=0,
        description="Seconds a client may take to send its HTTP request body; past it, 408",
    )
    allowed_hosts: Annotated[tuple[str, ...], NoDecode] = Field(
        default=("127.0.0.1", "localhost", "::1"),
        description="Without LABORLENS_API_TOKEN, the Host names the service answers to, "
        "comma-separated, or * for any: a web page cannot reach an open server by DNS "
        "rebinding",
    )
    allowed_origins: Annotated[tuple[str, ...], NoDecode] = Field(
        default=(),
        description="Without LABORLENS_API_TOKEN, web origins besides the server's own that "
        "may post to it, comma-separated, e.g. https://tool.example.org",
    )

    @field_validator("base_url")
    @classmethod
    def _http_url(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith(("http://", "https://")):
            raise ValueError(f"must start with http:// or https://, got {value!r}")
        return value

    @field_validator("cache_url")
    @classmethod
    def _redis_url(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith(("redis://", "rediss://", "unix://")):
            raise ValueError("must start with redis://, rediss:// or unix://")
        return value

    @field_validator("model", "base_url", "api_key", "api_token", "cache_url", mode="before")
    @classmethod
    def _blank_is_unset(cls, value: object) -> object:
        # `LABORLENS_MODEL=` in a shell or compose file means "not set", not "the model ''".
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("allowed_hosts", "allowed_origins", mode="before")
    @classmethod
    def _comma_separated(cls, value: object) -> object:
        if isinstance(value, str):
            return tuple(part.strip() for part in value.split(",") if part.strip())
        return value

    @field_validator("cache_dir")
    @classmethod
    def _expand_home(cls, value: Path) -> Path:
        return value.expanduser()

    @model_validator(mode="after")
    def _overlap_fits(self) -> Self:
        # The one overlap rule: a chunk repeats at most a quarter of its neighbour.
        if self.chunk_overlap * 4 > self.chunk_chars:
            raise ValueError(
                f"LABORLENS_CHUNK_OVERLAP ({self.chunk_overlap}) must be at most a quarter of "
                f"LABORLENS_CHUNK_CHARS ({self.chunk_chars})"
            )
        return self

    @property
    def llm_configured(self) -> bool:
        """True when a model is set, so the LLM backend can be built."""
        return self.model is not None


def load_settings() -> Settings:
    """Settings from the environment; a bad value raises ConfigError naming the variable."""
    try:
        return Settings()
    except ValidationError as error:
        found = problems(error.errors(include_input=False))
        said = "; ".join(_describe(problem) for problem in found)
        raise ConfigError(f"invalid configuration: {said}") from None


def _describe(problem: Problem) -> str:
    names = [part for part in problem.loc if isinstance(part, str)]
    if not names:  # a model-level check; its message names the variables itself
        return problem.message
    env = names[0] if names[0].isupper() else _ENV_PREFIX + names[0].upper()
    return f"{env}: {problem.message}"
