"""benchmarks.client_parts: which part of a model call a sampled stack is charged to."""

from pathlib import Path

from benchmarks.client_parts import part_of, split_samples

_LOOP = [
    ("BaseEventLoop._run_once", "asyncio/base_events.py"),
    ("Handle._run", "asyncio/events.py"),
]
_ASK = [*_LOOP, ("LLMBackend._ask", "service/extract/llm.py"),
        ("retry_async_v2", "instructor/v2/core/retry.py")]  # fmt: skip


def test_a_sample_goes_to_the_function_it_is_under() -> None:
    walk = [*_ASK, ("reject_async_validators.<locals>.visit", "instructor/v2/validation/x.py"),
            ("get_origin", "typing.py")]  # fmt: skip
    assert part_of(walk) == "instructor: validator walk"
    url = [*_ASK, ("BaseClient._build_request", "openai/_base_client.py"),
           ("urlparse", "httpx2/_urlparse.py")]  # fmt: skip
    assert part_of(url) == "openai SDK: request building"


def test_json_is_json_whoever_asks() -> None:
    dumps = [*_ASK, ("BaseClient._build_request", "openai/_base_client.py"),
             ("JSONEncoder.iterencode", "json/encoder.py")]  # fmt: skip
    assert part_of(dumps) == "JSON encode/parse"


def test_else_the_deepest_frame_with_a_part_decides() -> None:
    send = [*_ASK, ("AsyncClient.send", "httpx2/_client.py"), ("deepcopy", "copy.py")]
    assert part_of(send) == "HTTP transport"
    assert part_of(_LOOP) == "event loop"
    assert part_of([("helper", "somewhere/else.py")]) == "other"


def test_raw_lines_are_counted(tmp_path: Path) -> None:
    raw = tmp_path / "x.raw"
    stack = ";".join(f"{f} ({p}:1)" for f, p in _LOOP)
    raw.write_text(f"{stack} 3\n{stack} 2\n", encoding="utf-8")
    assert split_samples(raw) == {"event loop": 5}
