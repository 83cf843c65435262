"""An LLMConfig for talking to a fake server: Settings' defaults, the fake's model and a dummy
key, and whatever a test or benchmark changes. The one builder, so no copy drifts from Settings.
"""

import dataclasses
from typing import Any

from pydantic import SecretStr

from service.extract.llm import LLMConfig
from service.fake.wire import FAKE_MODEL
from service.settings import Settings


def fake_llm_config(base_url: str, **values: Any) -> LLMConfig:
    """Settings' defaults with `base_url`, then `values` (LLMConfig fields) put over them as
    given: a test may go below what Settings accepts ("chunk_chars=60")."""
    defaults = Settings(model=FAKE_MODEL, base_url=base_url, api_key=SecretStr("sk-unused"))
    return dataclasses.replace(LLMConfig.from_settings(defaults), **values)
