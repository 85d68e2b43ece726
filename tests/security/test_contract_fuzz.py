"""Fuzz of the two JSON contracts (docs/contracts/scoring.md, eligibility.md) with hypothesis.

Whatever bytes come in, `thidua score` and `thidua eligibility` either print the documented result
(exit 0, nothing on standard error) or the documented refusal (exit 2, nothing on standard output, a
header line then one `path: message` line per problem); never a traceback, never another exit status.
Two kinds of input: arbitrary JSON (and arbitrary bytes), and the contracts' own examples with one
value swapped for a hostile one (wrong type, huge or tiny number, NaN written as text, Unicode tricks,
deep nesting), which reaches far deeper into the parsers than random JSON does.

The engines run in process for speed (their `main` with standard input swapped); a few cases go
through the real console script. Derandomised and without an example database, so CI is reproducible.
"""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from thidua.awards.eligibility import cli as eligibility_cli
from thidua.core.engine_cli import MAX_INPUT_BYTES
from thidua.emulation.scoring import cli as scoring_cli

TESTS = Path(__file__).resolve().parent.parent
SCORING_EXAMPLE = TESTS / "emulation/scoring/examples/scoring-cum-1-2023.json"
ELIGIBILITY_EXAMPLE = TESTS / "awards/eligibility/examples/eligibility-basic.json"

FUZZ = settings(
    max_examples=200,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# `path: message`: the path is "$" or starts with a key; the message is never empty.
PROBLEM_LINE = re.compile(r"^\S.*: \S.*$")


@contextmanager
def _standard_streams(data: bytes) -> Iterator[tuple[io.BytesIO, io.BytesIO]]:
    """Standard input holding `data`; standard output and error captured as bytes (engine_cli
    writes UTF-8 to the streams' buffers). Read the captures inside the block: the wrappers close
    their buffers when they go."""
    out, err = io.BytesIO(), io.BytesIO()
    saved = sys.stdin, sys.stdout, sys.stderr
    sys.stdin = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8")
    sys.stdout = io.TextIOWrapper(out, encoding="utf-8")
    sys.stderr = io.TextIOWrapper(err, encoding="utf-8")
    try:
        yield out, err
    finally:
        sys.stdin, sys.stdout, sys.stderr = saved


def _run(main: Callable[[list[str]], int], data: bytes) -> tuple[int, bytes, bytes]:
    with _standard_streams(data) as (out, err):
        status = main(["-"])
        sys.stdout.flush()
        sys.stderr.flush()
        return status, out.getvalue(), err.getvalue()


def _scoring_success(document: Any) -> None:
    assert list(document) == ["members", "aggregates", "leading"]
    for member in document["members"]:
        assert list(member) == ["id", "rank", "total", "vetoed", "points"]


def _eligibility_success(document: Any) -> None:
    assert list(document) == ["results"]
    for result in document["results"]:
        assert list(result) == ["id", "requested", "outcome", "rule_set", "unverified", "reasons"]
        assert result["outcome"] in {"eligible", "not_eligible", "needs_review"}
        assert result["reasons"]


ENGINES = {
    "score": (scoring_cli.main, _scoring_success),
    "eligibility": (eligibility_cli.main, _eligibility_success),
}


def assert_contract(command: str, status: int, out: bytes, err: bytes) -> None:
    """The contract's two outcomes, and nothing else."""
    _main, success = ENGINES[command]
    assert b"Traceback" not in err and b"Error:" not in err.split(b"\n", 1)[0]
    if status == 0:
        assert err == b""
        text = out.decode("utf-8")
        assert text.endswith("\n")
        document = json.loads(text)
        assert text == json.dumps(document, ensure_ascii=False, indent=1) + "\n"
        success(document)
        return
    assert status == 2, status
    assert out == b""
    lines = err.decode("utf-8").splitlines()
    assert lines and lines[0].startswith(f"thidua {command}: <stdin>: "), lines[:1]
    for line in lines[1:]:
        assert PROBLEM_LINE.match(line), line


def check(command: str, data: bytes) -> tuple[int, bytes, bytes]:
    main, _success = ENGINES[command]
    status, out, err = _run(main, data)
    assert_contract(command, status, out, err)
    return status, out, err


# --- Strategies -------------------------------------------------------------------------------------
# Text a hostile caller would try: markup, formula triggers, control and bidirectional characters,
# numbers written as text, and anything else hypothesis finds.
NASTY_TEXT = st.sampled_from(
    [
        "",
        " ",
        "NaN",
        "Infinity",
        "-Infinity",
        "1e999999",
        "1,5",
        "+7",
        "0x10",
        "<script>alert(1)</script>",
        "=cmd|' /C calc'!A0",
        "\u202egnp.exe",
        "\x00",
        "\ud7ff\ufeff",
        "Nguyễn Thị Lan",
        "Nguye\u0302\u0303n",  # decomposed (NFD) Vietnamese
        "2025-02-30",
        "9999-12-31",
        "0000-01-01",
        "x" * 10_000,
    ]
) | st.text(max_size=50)

NASTY_NUMBERS = st.one_of(
    st.integers(),
    st.integers(min_value=-(10**40), max_value=10**40),
    st.sampled_from([0, -1, 1945, 2025, 10**18, -(10**18), 10**4000]),
)

# Numbers written literally into the JSON text (they cannot all be Python values: 1e999999 would
# become infinity, NaN is not JSON but Python's json reads it).
RAW_NUMBERS = st.sampled_from(
    ["NaN", "Infinity", "-Infinity", "1e999999999", "-1e-999999999", "1E+400", "0.000000000000000000001",
     "-0", "1.0", "2025.0", "9" * 5000, "1" + "0" * 4301]
)  # fmt: skip

JSON_LEAVES = st.one_of(
    st.none(),
    st.booleans(),
    NASTY_NUMBERS,
    st.floats(allow_nan=False, allow_infinity=False),
    NASTY_TEXT,
)
ANY_JSON = st.recursive(
    JSON_LEAVES,
    lambda children: st.lists(children, max_size=5) | st.dictionaries(NASTY_TEXT, children, max_size=5),
    max_leaves=30,
)
HOSTILE_VALUE = st.one_of(
    ANY_JSON,
    st.builds(lambda depth: _nested(depth), st.integers(min_value=1, max_value=200)),
)


def _nested(depth: int) -> Any:
    value: Any = []
    for _ in range(depth):
        value = [value]
    return value


RAW = "\x00raw\x00"  # marks a value to be written into the JSON text as a raw number literal


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every place in a JSON document (the root excluded)."""
    if isinstance(value, dict):
        for key, child in value.items():
            yield (*prefix, key)
            yield from _paths(child, (*prefix, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield (*prefix, index)
            yield from _paths(child, (*prefix, index))


def _replaced(document: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    head, rest = path[0], path[1:]
    if isinstance(document, dict):
        return {k: (_replaced(v, rest, value) if k == head else v) for k, v in document.items()}
    return [(_replaced(v, rest, value) if i == head else v) for i, v in enumerate(document)]


def _dumps(document: Any) -> bytes:
    text = json.dumps(document, ensure_ascii=False)
    # A raw literal was stored as the string RAW + literal: unquote it.
    text = re.sub(r'"\\u0000raw\\u0000([^"]*)"', r"\1", text)
    return text.encode("utf-8", "surrogatepass")


@st.composite
def mutated(draw: st.DrawFn, example: Path) -> bytes:
    """The example with one to three of its values (or keys' values) swapped for hostile ones, or a
    key added or removed."""
    document = json.loads(example.read_text(encoding="utf-8"))
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        paths = list(_paths(document))
        if not paths:  # an earlier step replaced the whole document by a scalar
            break
        path = draw(st.sampled_from(paths))
        action = draw(st.sampled_from(["replace", "raw", "drop", "add"]))
        if action == "replace":
            document = _replaced(document, path, draw(HOSTILE_VALUE))
        elif action == "raw":
            document = _replaced(document, path, RAW + draw(RAW_NUMBERS))
        elif action == "drop":
            parent = _lookup(document, path[:-1])
            if isinstance(parent, dict):
                document = _replaced(document, path[:-1], {k: v for k, v in parent.items() if k != path[-1]})
        else:
            parent = _lookup(document, path[:-1])
            if isinstance(parent, dict):
                extra = {**parent, draw(NASTY_TEXT): draw(ANY_JSON)}
                document = _replaced(document, path[:-1], extra)
    return _dumps(document)


def _lookup(document: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        document = document[step]
    return document


# --- In process ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("command", list(ENGINES))
@FUZZ
@given(document=ANY_JSON)
def test_arbitrary_json(command: str, document: Any) -> None:
    check(command, _dumps(document))


@pytest.mark.parametrize("command", list(ENGINES))
@FUZZ
@given(data=st.binary(max_size=300))
def test_arbitrary_bytes(command: str, data: bytes) -> None:
    check(command, data)


@FUZZ
@given(data=mutated(SCORING_EXAMPLE))
def test_scoring_example_with_hostile_values(data: bytes) -> None:
    check("score", data)


@FUZZ
@given(data=mutated(ELIGIBILITY_EXAMPLE))
def test_eligibility_example_with_hostile_values(data: bytes) -> None:
    check("eligibility", data)


@pytest.mark.parametrize("command", list(ENGINES))
def test_the_examples_themselves_pass(command: str) -> None:
    """The mutations start from valid documents (so a refusal above is the mutation's doing)."""
    example = SCORING_EXAMPLE if command == "score" else ELIGIBILITY_EXAMPLE
    assert check(command, example.read_bytes())[0] == 0


# --- Hostile sizes and depths, in process ------------------------------------------------------------
DEEP = [
    pytest.param(b"[" * 100_000 + b"]" * 100_000, id="100k-arrays"),
    pytest.param(b"[" * 100_000, id="100k-unclosed"),
    pytest.param(b'{"a":' * 100_000 + b"1" + b"}" * 100_000, id="100k-objects"),
    pytest.param(b'{"criteria": ' + b"[" * 5_000 + b"]" * 5_000 + b"}", id="deep-under-a-key"),
]


@pytest.mark.parametrize("command", list(ENGINES))
@pytest.mark.parametrize("data", DEEP)
def test_deeply_nested_json_is_refused_cleanly(command: str, data: bytes) -> None:
    status, _out, err = check(command, data)
    assert status == 2
    assert b"Recursion" not in err


@pytest.mark.parametrize("command", list(ENGINES))
def test_input_over_the_limit_is_refused_unparsed(command: str) -> None:
    # Valid JSON just over the limit: refused for its size, whatever it holds.
    data = b'{"x": "' + b"a" * MAX_INPUT_BYTES + b'"}'
    status, _out, err = check(command, data)
    assert status == 2
    limit = MAX_INPUT_BYTES // (1024 * 1024)
    assert err.decode("utf-8") == (
        f"thidua {command}: <stdin>: dữ liệu lớn hơn {limit} MB / input larger than {limit} MB\n"
    )


# --- The real console script -----------------------------------------------------------------------
def _thidua() -> list[str]:
    script = Path(sys.executable).with_name("thidua")
    return [str(script)] if script.exists() else [sys.executable, "-m", "thidua.cli"]


def _process(command: str, data: bytes) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [*_thidua(), command, "-"], input=data, capture_output=True, timeout=120, check=False
    )


PROCESS_CASES = [
    pytest.param(b"[" * 100_000 + b"]" * 100_000, id="deep"),
    pytest.param(b'{"a": NaN, "b": 1e999999999}', id="nan"),
    pytest.param(b"\xff\xfe\x00", id="not-utf8"),
    pytest.param(json.dumps({"subjects": [{"name": "\u202e<script>"}] * 3}).encode(), id="unicode"),
]


@pytest.mark.parametrize("command", list(ENGINES))
@pytest.mark.parametrize("data", PROCESS_CASES)
def test_real_process_refuses_cleanly(command: str, data: bytes) -> None:
    done = _process(command, data)
    assert_contract(command, done.returncode, done.stdout, done.stderr)
    assert done.returncode == 2


@pytest.mark.parametrize("command", list(ENGINES))
def test_real_process_with_200_mb_on_standard_input(command: str) -> None:
    """200 MB piped in: refused after reading the limit, not after parsing 200 MB (the process stops
    reading, so the pipe breaks on the writer's side, which is what an early refusal looks like)."""
    chunk = b"[" + b"0," * (1024 * 1024)
    process = subprocess.Popen(
        [*_thidua(), command, "-"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert process.stdin is not None
    try:
        for _ in range(100):  # 100 x 2 MB
            process.stdin.write(chunk)
    except BrokenPipeError:
        pass
    finally:
        try:
            process.stdin.close()
        except BrokenPipeError:
            pass
    assert process.stdout is not None and process.stderr is not None
    out, err = process.stdout.read(), process.stderr.read()
    process.wait(timeout=120)
    assert_contract(command, process.returncode, out, err)
    assert b"input larger than 64 MB" in err


# --- What the fuzz found (kept as plain cases so they stay checked whatever hypothesis draws) --------
FOUND = [
    # A key or a value with a line break printed a forged problem line of its own.
    pytest.param("score", b'{"a\\nb: forged": 1}', '["a\\nb: forged"]: unknown key', id="score-key-newline"),
    pytest.param(
        "eligibility",
        b'{"as_of": "2026-01-20", "subjects": [{"id": "a", "kind": "individual", '
        b'"requested": ["giay_khen"], "year": 2025, "ratings": {"2025\\nx: forged": "htt"}}]}',
        'subjects[0].ratings["2025\\nx: forged"]: the key must be a year such as "2025", not "2025\\nx: forged"',
        id="eligibility-message-newline",
    ),
    # An empty or spaced key at the top level had an empty or blank path.
    pytest.param("score", b'{"": 1}', '[""]: unknown key', id="score-empty-key"),
    # An honour whose code is a list crashed the fast path (unhashable type).
    pytest.param(
        "eligibility",
        b'{"as_of": "2026-01-20", "subjects": [{"id": "a", "kind": "individual", '
        b'"requested": ["giay_khen"], "year": 2025, "honours": [{"code": [[]], "year": 2025}]}]}',
        "subjects[0].honours[0].code: ",
        id="eligibility-honour-code-list",
    ),
    # A right-to-left override in a key would reorder what a terminal shows.
    pytest.param("score", '{"\u202egnp.exe": 1}'.encode(), '["\\u202egnp.exe"]: unknown key', id="score-rtl"),
]


@pytest.mark.parametrize(("command", "data", "line_start"), FOUND)
def test_what_the_fuzz_found(command: str, data: bytes, line_start: str) -> None:
    status, _out, err = check(command, data)
    assert status == 2
    lines = err.decode("utf-8").split("\n")
    assert any(line.startswith(line_start) for line in lines[1:]), lines
