"""Settings: defaults, LABORLENS_ variables, the key fallback, refusals at start-up."""

import asyncio
from pathlib import Path

import pytest

import service.settings
from service.backends import build_backend
from service.errors import ConfigError
from service.settings import Settings, load_settings


def test_defaults_without_environment() -> None:
    settings = load_settings()
    assert settings.model is None
    assert not settings.llm_configured
    assert (settings.mode, settings.concurrency, settings.max_retries, settings.reasks) == (
        "tools", 8, 3, 2,
    )  # fmt: skip
    assert (settings.chunk_chars, settings.chunk_overlap) == (4000, 150)
    assert settings.cache_dir == Path.home() / ".cache" / "laborlens"


def test_variables_use_the_prefix(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LABORLENS_MODEL", "qwen2.5-7b")
    monkeypatch.setenv("LABORLENS_BASE_URL", "http://127.0.0.1:8000/v1")
    monkeypatch.setenv("LABORLENS_MODE", "json_schema")
    monkeypatch.setenv("LABORLENS_CONCURRENCY", "3")
    monkeypatch.setenv("LABORLENS_CACHE_DIR", "~/x")
    settings = load_settings()
    assert settings.llm_configured
    assert (settings.model, settings.mode, settings.concurrency) == ("qwen2.5-7b", "json_schema", 3)
    assert settings.cache_dir == Path.home() / "x"


@pytest.mark.parametrize(
    ("variables", "expected"),
    [
        ({"OPENAI_API_KEY": "sk-openai"}, "sk-openai"),
        ({"LABORLENS_API_KEY": "sk-ours", "OPENAI_API_KEY": "sk-openai"}, "sk-ours"),
        ({}, None),
    ],
)
def test_api_key_falls_back_to_openai_api_key(
    monkeypatch: pytest.MonkeyPatch, variables: dict[str, str], expected: str | None
) -> None:
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    key = load_settings().api_key
    assert (key.get_secret_value() if key else None) == expected


def test_secrets_stay_out_of_repr(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-very-secret")
    monkeypatch.setenv("LABORLENS_API_TOKEN", "token-very-secret")
    shown = repr(load_settings())
    assert "sk-very-secret" not in shown
    assert "token-very-secret" not in shown


def test_blank_values_mean_unset(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LABORLENS_MODEL", " ")
    monkeypatch.setenv("LABORLENS_BASE_URL", "")
    settings = load_settings()
    assert (settings.model, settings.base_url) == (None, None)


@pytest.mark.parametrize(
    ("name", "value", "named"),
    [
        ("LABORLENS_CONCURRENCY", "0", "LABORLENS_CONCURRENCY"),
        ("LABORLENS_MODE", "xml", "LABORLENS_MODE"),
        ("LABORLENS_BASE_URL", "ftp://example.com", "LABORLENS_BASE_URL"),
        ("LABORLENS_TIMEOUT", "0", "LABORLENS_TIMEOUT"),
        ("LABORLENS_MAX_RETRIES", "-1", "LABORLENS_MAX_RETRIES"),
        ("LABORLENS_REASKS", "many", "LABORLENS_REASKS"),
        ("LABORLENS_CHUNK_OVERLAP", "2000", "LABORLENS_CHUNK_CHARS"),
        ("LABORLENS_PROMPT_VERSION", "0", "LABORLENS_PROMPT_VERSION"),
        ("LABORLENS_MAX_BODY_BYTES", "0", "LABORLENS_MAX_BODY_BYTES"),
        ("LABORLENS_CACHE_URL", "http://cache:6379", "LABORLENS_CACHE_URL"),
    ],
)
def test_bad_values_are_refused_naming_the_variable(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str, named: str
) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(ConfigError, match=named):
        load_settings()


def test_bad_value_message_does_not_echo_secrets(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-very-secret")
    monkeypatch.setenv("LABORLENS_CONCURRENCY", "0")
    with pytest.raises(ConfigError) as raised:
        load_settings()
    assert "sk-very-secret" not in str(raised.value)


def test_every_field_is_described() -> None:
    assert all(field.description for field in Settings.model_fields.values())


def test_importing_reads_no_environment() -> None:
    assert not [v for v in vars(service.settings).values() if isinstance(v, Settings)]


@pytest.mark.parametrize(("version", "label"), [(None, "extract.v4"), ("2", "extract.v2")])
def test_the_prompt_version_reaches_the_backend(
    monkeypatch: pytest.MonkeyPatch, version: str | None, label: str
) -> None:
    monkeypatch.setenv("LABORLENS_MODEL", "m")
    monkeypatch.setenv("LABORLENS_BASE_URL", "http://127.0.0.1:9/v1")
    if version is not None:
        monkeypatch.setenv("LABORLENS_PROMPT_VERSION", version)
    backend = build_backend(load_settings(), cache=False)
    asyncio.run(backend.aclose())
    assert backend.info.prompt_version == label


def test_an_unknown_prompt_version_is_refused_at_start_up(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LABORLENS_MODEL", "m")
    monkeypatch.setenv("LABORLENS_BASE_URL", "http://127.0.0.1:9/v1")
    monkeypatch.setenv("LABORLENS_PROMPT_VERSION", "9")
    with pytest.raises(ConfigError, match=r"extract\.v9"):
        build_backend(load_settings(), cache=False)
