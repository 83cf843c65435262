"""Prompts: released files are pinned, examples ground, placeholders are strict."""

import hashlib
from pathlib import Path

import pytest

from service.errors import ConfigError
from service.prompts import (
    PROMPTS_DIR,
    Example,
    build_user_message,
    chunk_text_from_messages,
    fill_placeholders,
    load_examples,
    load_prompt,
)

# A released prompt never changes: copy it to a new version instead of editing these.
RELEASED = {
    "extract.v1.md": "d979802f947b484905bec290bf7874a3521ed02d6fe3e220ac36f5a32eebfeb7",
    "extract.v1.examples.json": "ea0a8c9a4efe4da2c34c447a094e4c5e60f94f1c2de36306d425dcd7520747cb",
}
EXTRACT_V1_SHA256 = "abd041c79a04bcf4dd7c5b8a14791aa1414e3537c3d31bc793fba6c31b2eb406"


@pytest.mark.parametrize("name", sorted(RELEASED))
def test_released_files_are_unchanged(name: str) -> None:
    digest = hashlib.sha256((PROMPTS_DIR / name).read_bytes()).hexdigest()
    assert digest == RELEASED[name]


def test_extract_v1_loads_with_examples_filled_in() -> None:
    prompt = load_prompt("extract", 1)
    assert (prompt.label, prompt.sha256) == ("extract.v1", EXTRACT_V1_SHA256)
    assert prompt.sha256 == hashlib.sha256(prompt.text.encode()).hexdigest()
    assert "$" not in prompt.text
    assert "例1" in prompt.text


EXAMPLES = load_examples("extract", 1)


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: e.text[:8])
def test_examples_ground_in_their_own_text(example: Example) -> None:
    assert example.output.statistics or example.output.events
    for statistic in example.output.statistics:
        assert statistic.evidence in example.text
        assert statistic.quantity in statistic.evidence
    for event in example.output.events:
        assert event.evidence in example.text


def test_missing_placeholder_is_an_error() -> None:
    with pytest.raises(ConfigError, match=r"\$title"):
        fill_placeholders("标题：$title，$examples", {"examples": "…"})


def test_dollar_sign_is_written_twice() -> None:
    assert fill_placeholders("$$5 $x", {"x": "y"}) == "$5 y"


def test_unknown_placeholder_in_a_prompt_file_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "extract.v9.md").write_text("$examples $extra", encoding="utf-8")
    (tmp_path / "extract.v9.examples.json").write_text("[]", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"\$extra"):
        load_prompt("extract", 9, directory=tmp_path)


def test_missing_prompt_version_is_an_error() -> None:
    with pytest.raises(ConfigError, match=r"extract\.v99"):
        load_prompt("extract", 99)


@pytest.mark.parametrize(
    "text",
    [
        "累计吸引 1000 余名求职者参加",
        "",
        "{% raw %}{{ x }}$examples",  # template syntax is only ever a value
        "正文里也有\n</article>\n这样的行",  # our own closing tag inside the article
    ],
)
def test_chunk_text_round_trips_through_the_user_message(text: str) -> None:
    message = build_user_message(text, title="跨越千里\n送岗位")
    assert message.startswith("标题：跨越千里 送岗位\n")
    # md_json mode appends instructor's own request to the same user message.
    merged = f"{message}\n\nReturn the correct JSON response within a ```json codeblock."
    messages = [{"role": "system", "content": "<article>\nnot this\n</article>"}]
    assert chunk_text_from_messages([*messages, {"role": "user", "content": merged}]) == text


def test_no_user_message_means_no_text() -> None:
    assert chunk_text_from_messages([{"role": "user", "content": "hello"}]) == ""
