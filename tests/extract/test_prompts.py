"""Prompts: released files are pinned, examples ground, placeholders strict, wheels ship them."""

import hashlib
import json
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from schemas.drafts import ChunkDraft
from schemas.vocab import INDICATOR_PRECEDENCE, INDICATORS
from service.errors import ConfigError
from service.prompts import (
    PROMPTS_DIR,
    Example,
    build_user_message,
    chunk_text_from_messages,
    fill_placeholders,
    load_examples,
    load_prompt,
    passages_from_messages,
)

# A released prompt never changes: copy it to a new version instead of editing these.
RELEASED = {
    "extract.v1.md": "d979802f947b484905bec290bf7874a3521ed02d6fe3e220ac36f5a32eebfeb7",
    "extract.v1.examples.json": "ea0a8c9a4efe4da2c34c447a094e4c5e60f94f1c2de36306d425dcd7520747cb",
    "extract.v2.md": "657f4b6ea2d28a28f67c45726f845c71cbfdd4a9df5a565b03991cb3efeefa4a",
    "extract.v2.examples.json": "b15697e1301af4473243c05584ba5deedda327c21f3c9ca9b28342a2d6502ae5",
    "extract.v3.md": "9971fe78240be05c6db9a3d8b66b67b135428aa6cb180178844efdca55caacf5",
    "extract.v3.examples.json": "ceec2da09c61caaefb790cef942787611db04528c797d77fddc276be3f7eeb32",
    "extract.v4.md": "b040bafcca440036ab0f0b57032e996e258e415983dbf58819fbd21c716a3404",
    "extract.v4.examples.json": "df7135b63c7165011bfcad998f17c8278259ff2b8c87ec44dad2d32072663e62",
}
# The system message each version sends, examples filled in.
LOADED_SHA256 = {
    1: "abd041c79a04bcf4dd7c5b8a14791aa1414e3537c3d31bc793fba6c31b2eb406",
    2: "a347672f9681160a6466f70260ca35b5f2932c17a02b6e8bca221f26692eb50a",
    3: "e256c814e3d0f82d0e36cbfee924f026c1559b066c399add9eb217c46ea111b8",
    4: "af67ded630146c7088791a770edb0aeb67865f6d4b042c57836767073ce9d750",
}


@pytest.mark.parametrize("name", sorted(RELEASED))
def test_released_files_are_unchanged(name: str) -> None:
    digest = hashlib.sha256((PROMPTS_DIR / name).read_bytes()).hexdigest()
    assert digest == RELEASED[name]


@pytest.mark.parametrize("version", sorted(LOADED_SHA256))
def test_each_version_loads_with_examples_filled_in(version: int) -> None:
    prompt = load_prompt("extract", version)
    assert (prompt.label, prompt.sha256) == (f"extract.v{version}", LOADED_SHA256[version])
    assert prompt.sha256 == hashlib.sha256(prompt.text.encode()).hexdigest()
    assert "$" not in prompt.text
    assert "例1" in prompt.text


def _descriptions(schema: object) -> list[str]:
    if isinstance(schema, dict):
        own = [schema["description"]] if isinstance(schema.get("description"), str) else []
        return own + [d for value in schema.values() for d in _descriptions(value)]
    if isinstance(schema, list):
        return [d for value in schema for d in _descriptions(value)]
    return []


@pytest.mark.parametrize("version", [3, 4])
def test_instructions_repeat_no_field_description(version: int) -> None:
    """Guidance lives in one place: no clause of a field description is in the prompt."""
    instructions = (PROMPTS_DIR / f"extract.v{version}.md").read_text(encoding="utf-8")
    descriptions = _descriptions(ChunkDraft.model_json_schema())
    clauses = [c for d in descriptions for c in re.split("[，：；]", d) if len(c) >= 4]
    assert len(clauses) >= 5
    assert [c for c in clauses if c in instructions] == []


def test_v3_examples_cover_the_conventions() -> None:
    """One example of two marked articles, and in it: a scan's spaces quoted, hedges, two
    numbers in one clause, a target, 我县 written as the place the article names, an event with
    origin and destination."""
    [example] = load_examples("extract", 3)
    stats, events = example.output.statistics, example.output.events
    assert example.text.startswith("[A1] ")
    assert "\n[A2] " in example.text
    assert {s.article for s in stats} == {1, 2}
    assert any(" " in s.quantity and s.quantity in s.evidence for s in stats)
    hedges = ("约", "余", "以上")
    assert {h for s in stats for h in hedges if h in s.quantity} == set(hedges)
    assert len({s.evidence for s in stats}) < len(stats)
    assert [s.kind for s in stats].count("target") == 1
    assert any("我县" in s.evidence and s.location == "榕江县" for s in stats)
    assert any(e.origin and e.destination for e in events)


def test_v3_states_the_time_and_place_rules() -> None:
    """ANNOTATION.md "Time and place, as an analyst needs them" (T1-T3, P1), briefly."""
    text = (PROMPTS_DIR / "extract.v3.md").read_text(encoding="utf-8")
    for rule in ("分句", "本句", "本段", "全篇", "目前", "截至X写X", "末月", "所指的时间"):
        assert rule in text, rule
    for word in ("我市", "全市", "本县", "当地", "所指的地名", "无线索才省略"):
        assert word in text, word


def _schema_chars(*, with_indicator: bool) -> int:
    """The draft schema as sent (compact JSON), or as it was before v4 asked for `indicator`:
    the budgets of v2 and v3 were set then, and the 25 codes' enum is v4's own cost."""
    schema = ChunkDraft.model_json_schema()
    if not with_indicator:
        del schema["properties"]["statistics"]["items"]["properties"]["indicator"]
    return len(json.dumps(schema, ensure_ascii=False, separators=(",", ":")))


def test_v2_is_less_than_half_the_size_of_v1() -> None:
    """What every chunk resends: the system message and the draft schema (compact JSON)."""
    schema = _schema_chars(with_indicator=False)
    v1, v2 = (len(load_prompt("extract", version).text) for version in (1, 2))
    assert v2 + schema <= 2600
    assert v2 < v1 / 2


def test_v3_fixed_part_is_smaller_than_v2s() -> None:
    """v3 says more (articles, time and place) in fewer characters than v2 with its schema."""
    schema = _schema_chars(with_indicator=False)
    v2, v3 = (len(load_prompt("extract", version).text) for version in (2, 3))
    assert v3 + schema <= 2300
    assert v3 < v2


def test_v4_fixed_part_stays_within_its_budget() -> None:
    """v4 adds the indicator: its 25 codes in the schema, and a line on choosing one."""
    v3, v4 = (len(load_prompt("extract", version).text) for version in (3, 4))
    assert v4 + _schema_chars(with_indicator=True) <= 3100
    assert v4 - v3 <= 400


def test_v4_states_the_order_of_precedence() -> None:
    """The codes the prompt names come in the contract's order of precedence (ANNOTATION.md)."""
    text = (PROMPTS_DIR / "extract.v4.md").read_text(encoding="utf-8")
    words = {m.group(): m.start() for m in re.finditer(r"[a-z_]+[a-z]", text)}
    named = sorted((at, code) for code, at in words.items() if code in INDICATORS)
    assert len(named) >= 8
    order = [code for _, code in named]
    assert order == sorted(order, key=INDICATOR_PRECEDENCE.index)
    assert "wage_arrears_*" in text
    assert "subsidy_*" in text
    for rule in ("随所指的量", "分类占比写other", "其中"):
        assert rule in text


def test_v4_examples_name_an_indicator_for_every_statistic() -> None:
    [example] = load_examples("extract", 4)
    indicators = [s.indicator for s in example.output.statistics]
    assert None not in indicators
    assert len(set(indicators)) == len(indicators)


EXAMPLES = [
    pytest.param(example, id=f"v{version}-{example.text[:8]}")
    for version in (1, 2, 3, 4)
    for example in load_examples("extract", version)
]


@pytest.mark.parametrize("example", EXAMPLES)
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
def test_passages_round_trip_through_the_user_message(text: str) -> None:
    message = build_user_message([(1, text, "跨越千里\n送岗位"), (2, "第二篇。", None)])
    assert message.startswith("<article>\n[A1] 跨越千里 送岗位\n")
    # md_json mode appends instructor's own request to the same user message.
    merged = f"{message}\n\nReturn the correct JSON response within a ```json codeblock."
    messages = [
        {"role": "system", "content": "<article>\n[A1]\nnot this\n</article>"},
        {"role": "user", "content": merged},
    ]
    assert passages_from_messages(messages) == [(1, text), (2, "第二篇。")]
    assert chunk_text_from_messages(messages) == f"{text}\n第二篇。"


def test_a_title_the_text_opens_with_is_not_sent_twice() -> None:
    message = build_user_message(
        [(3, "市医保局：\n开展专项整治\n本报讯……", "市医保局： 开展专项整治")]
    )
    assert message == "<article>\n[A3]\n市医保局：\n开展专项整治\n本报讯……\n</article>"


def test_no_user_message_means_no_text() -> None:
    assert chunk_text_from_messages([{"role": "user", "content": "hello"}]) == ""


def test_a_wheel_carries_every_prompt_file(tmp_path: Path) -> None:
    # Build from a copy: setuptools writes build/ and *.egg-info next to the sources.
    root = PROMPTS_DIR.parent
    for name in ["pyproject.toml", "README.md"]:
        shutil.copy(root / name, tmp_path)
    for package in ["service", "schemas", "prompts"]:
        shutil.copytree(root / package, tmp_path / package, ignore=shutil.ignore_patterns("__py*"))
    wheels = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
         "--wheel-dir", str(wheels), str(tmp_path)],
        check=True,
        capture_output=True,
    )  # fmt: skip
    [wheel] = wheels.glob("laborlens-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        shipped = {n for n in archive.namelist() if n.startswith("prompts/")}
    files = {p.name for p in PROMPTS_DIR.iterdir() if p.suffix in {".md", ".json"}}
    assert files >= {"extract.v1.md", "extract.v3.md", "extract.v4.md", "extract.v4.examples.json"}
    assert shipped == {f"prompts/{name}" for name in files | {"__init__.py"}}
