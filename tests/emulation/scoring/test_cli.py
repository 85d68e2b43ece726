"""`thidua score`: the contract's example, exit codes, messages, and no Django on the way."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from thidua.cli import main as thidua_main

EXAMPLES = Path(__file__).parent / "examples"
EXAMPLE = EXAMPLES / "scoring-cum-1-2023.json"
EXPECTED = EXAMPLES / "scoring-cum-1-2023.expected.json"


def thidua_command() -> list[str]:
    """The installed console script beside this interpreter (.venv/bin/thidua), else the module."""
    script = Path(sys.executable).with_name("thidua")
    return [str(script)] if script.exists() else [sys.executable, "-m", "thidua.cli"]


def run_thidua(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [*thidua_command(), *args], input=stdin, capture_output=True, timeout=60, check=False
    )


@pytest.fixture
def bad_file(tmp_path: Path) -> Path:
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    data["members"][2]["values"]["1.1"]["target"] = "0"
    data["members"][0]["values"]["4.1"] = "120"
    data["members"][4]["values"]["9"] = True
    data["tie_break"].append("V")
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


BAD_LINES = [
    'members[0].values["4.1"]: must be between 0 and 100',
    'members[2].values["1.1"].target: must be greater than 0',
    'members[4].values["9"]: unknown criterion code',
    'tie_break[2]: "V" is a veto criterion; it scores no points, so it cannot break ties',
]


def test_contract_example_in_process(capsys: pytest.CaptureFixture[str]) -> None:
    assert thidua_main(["score", str(EXAMPLE)]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    expected = EXPECTED.read_text(encoding="utf-8")
    assert json.loads(out) == json.loads(expected)
    # Byte for byte too: same key order (leaves, then groups), same layout, one final newline.
    assert out == expected.rstrip("\n") + "\n"


def test_contract_example_as_a_real_process() -> None:
    done = run_thidua("score", str(EXAMPLE))
    assert (done.returncode, done.stderr) == (0, b"")
    assert done.stdout == EXPECTED.read_bytes().rstrip(b"\n") + b"\n"


def test_standard_input() -> None:
    done = run_thidua("score", "-", stdin=EXAMPLE.read_bytes())
    assert done.returncode == 0
    assert json.loads(done.stdout) == json.loads(EXPECTED.read_bytes())


def test_invalid_input_exits_2_with_every_problem_and_no_output(bad_file: Path) -> None:
    done = run_thidua("score", str(bad_file))
    assert done.returncode == 2
    assert done.stdout == b""
    lines = done.stderr.decode("utf-8").splitlines()
    assert lines[0] == f"thidua score: {bad_file}: dữ liệu không hợp lệ / invalid input (4 lỗi / problems)"
    assert lines[1:] == BAD_LINES


def test_invalid_input_in_process(bad_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert thidua_main(["score", str(bad_file)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.splitlines()[1:] == BAD_LINES


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b'{"criteria": [}', "$: invalid JSON at line 1, column 15: Expecting value"),
        (b"", "$: invalid JSON at line 1, column 1: Expecting value"),
        (b'["not", "an", "object"]', "$: must be an object, not a list"),
        (b'"text"', "$: must be an object, not a string"),
        (b"\xc3\x28{}", "$: the file is not UTF-8 text"),
    ],
    ids=["syntax", "empty", "list", "string", "not utf-8"],
)
def test_unusable_files_exit_2(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "input.json"
    path.write_bytes(content)
    done = run_thidua("score", str(path))
    assert (done.returncode, done.stdout) == (2, b"")
    assert done.stderr.decode().splitlines()[1:] == [message]


def test_missing_file_exits_2(tmp_path: Path) -> None:
    done = run_thidua("score", str(tmp_path / "none.json"))
    assert (done.returncode, done.stdout) == (2, b"")
    assert "none.json: No such file or directory" in done.stderr.decode()


@pytest.mark.parametrize("args", [[], ["a.json", "b.json"], ["--indent", "a.json"], ["--bogus"]])
def test_bad_arguments_exit_2_with_usage(args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert thidua_main(["score", *args]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert "Usage: thidua score FILE.json" in err


@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_help_in_vietnamese_then_english(flag: str) -> None:
    done = run_thidua("score", flag)
    assert done.returncode == 0
    text = done.stdout.decode("utf-8")
    assert text.index("Cách dùng: thidua score TỆP.json") < text.index("Usage: thidua score FILE.json")


def test_dispatcher_lists_score_without_django() -> None:
    done = run_thidua("--help")
    assert done.returncode == 0
    assert "thidua score" in done.stdout.decode("utf-8")


NO_DJANGO = """
import sys
{body}
loaded = sorted(name for name in sys.modules if name == "django" or name.startswith("django."))
sys.stderr.write("django modules: %r\\n" % loaded)
sys.exit(3 if loaded else 0)
"""


@pytest.mark.parametrize(
    "body",
    [
        "import thidua.emulation.scoring, thidua.emulation.scoring.cli",
        "from thidua.cli import main\nrc = main(['score', sys.argv[1]])\nassert rc == 0, rc",
    ],
    ids=["import", "score the example"],
)
def test_scoring_never_imports_django(body: str) -> None:
    # A fresh interpreter: this test process has Django loaded already, through pytest-django.
    done = subprocess.run(
        [sys.executable, "-c", NO_DJANGO.format(body=body), str(EXAMPLE)],
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode()
