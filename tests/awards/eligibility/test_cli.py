"""`thidua eligibility`: the contract's example, exit codes, messages, and no Django on the way."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from thidua.cli import main as thidua_main

EXAMPLES = Path(__file__).parent / "examples"
EXAMPLE = EXAMPLES / "eligibility-basic.json"
EXPECTED = EXAMPLES / "eligibility-basic.expected.json"


def thidua_command() -> list[str]:
    script = Path(sys.executable).with_name("thidua")
    return [str(script)] if script.exists() else [sys.executable, "-m", "thidua.cli"]


def run_thidua(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [*thidua_command(), *args], input=stdin, capture_output=True, timeout=60, check=False
    )


def outcomes(document: dict[str, object]) -> dict[str, dict[str, str]]:
    table: dict[str, dict[str, str]] = {}
    for result in document["results"]:  # type: ignore[attr-defined]
        table.setdefault(result["id"], {})[result["requested"]] = result["outcome"]
    return table


def test_contract_example_in_process(capsys: pytest.CaptureFixture[str]) -> None:
    assert thidua_main(["eligibility", str(EXAMPLE)]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    document = json.loads(out)
    assert outcomes(document) == json.loads(EXPECTED.read_text(encoding="utf-8"))
    # One result per subject × requested code, in input order; the layout of `thidua score`.
    order = [(r["id"], r["requested"]) for r in document["results"]]
    assert order == [
        ("P-001", "chien_si_thi_dua_co_so"),
        ("P-001", "bang_khen_chu_tich_ubnd_tinh"),
        ("P-002", "lao_dong_tien_tien"),
        ("P-003", "chien_si_thi_dua_cap_tinh"),
        ("T-004", "tap_the_lao_dong_tien_tien"),
        ("P-005", "chien_si_thi_dua_co_so"),
    ]
    assert out == json.dumps(document, ensure_ascii=False, indent=1) + "\n"
    for result in document["results"]:
        assert list(result) == ["id", "requested", "outcome", "rule_set", "unverified", "reasons"]
        assert result["rule_set"] == "luat-06-2022/nd-152-2025"
        assert result["reasons"]
        for reason in result["reasons"]:
            assert list(reason) == ["code", "message", "citation", "facts", "verified"]


def test_contract_example_reasons() -> None:
    document = json.loads(run_thidua("eligibility", str(EXAMPLE)).stdout)
    by_key = {(r["id"], r["requested"]): r for r in document["results"]}
    p1 = by_key[("P-001", "chien_si_thi_dua_co_so")]
    assert [r["code"] for r in p1["reasons"]] == ["ldtt.rating", "cstdcs.initiative"]
    assert p1["reasons"][1]["citation"] == "Luật Thi đua, khen thưởng 2022, Điều 23"
    assert p1["reasons"][1]["facts"]["initiatives"] == ["SK-7"]
    bk = by_key[("P-001", "bang_khen_chu_tich_ubnd_tinh")]
    assert [r["code"] for r in bk["reasons"]] == [
        "bk_tinh.cstdcs_chain",
        "bk_tinh.htxs_years",
        "bk_tinh.initiatives",
        "bk_tinh.other_routes",
    ]
    assert "có 1: 2024" in bk["reasons"][0]["message"]
    p5 = by_key[("P-005", "chien_si_thi_dua_co_so")]
    assert [r["code"] for r in p5["reasons"]] == ["gate.g3_pending"]
    assert "02/11/2025" in p5["reasons"][0]["message"]


def test_standard_input() -> None:
    done = run_thidua("eligibility", "-", stdin=EXAMPLE.read_bytes())
    assert (done.returncode, done.stderr) == (0, b"")
    assert outcomes(json.loads(done.stdout)) == json.loads(EXPECTED.read_bytes())


@pytest.fixture
def bad_file(tmp_path: Path) -> Path:
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    data["subjects"][0]["requested"][1] = "bang_khen_tinh"
    data["subjects"][0]["ratings"]["2024"] = "xs"
    data["subjects"][0]["ratings"]["năm 2023"] = "htt"
    data["subjects"][1]["recruited_on"] = "2025-02-30"
    data["subjects"][2]["honours"][0]["year"] = "2023"
    data["subjects"][3]["members"]["ldtt"] = 13
    data["subjects"][4]["pending"][0]["kind"] = "rumour"
    data["subjects"][4]["discipline"] = [{"level": "canh_cao", "from": "2025-06-01", "to": "2025-01-01"}]
    del data["subjects"][4]["year"]
    data["rules"] = {
        "luat-06-2022/sd-06-2026": {"chien_si_thi_dua_co_so": {"params": {}, "source": {}, "colour": 1}}
    }
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


BAD_LINES = [
    'subjects[0].requested[1]: unknown award code "bang_khen_tinh" (expected one of: lao_dong_tien_tien, chien_si_thi_dua_co_so, chien_si_thi_dua_cap_tinh, chien_si_thi_dua_toan_quoc, tap_the_lao_dong_tien_tien, tap_the_lao_dong_xuat_sac, co_thi_dua_cap_tinh, co_thi_dua_chinh_phu, bang_khen_chu_tich_ubnd_tinh, bang_khen_thu_tuong, huan_chuong_lao_dong_hang_ba, giay_khen)',
    'subjects[0].ratings["2024"]: unknown rating "xs" (expected one of: htxs, htt, ht, kht)',
    'subjects[0].ratings["năm 2023"]: the key must be a year such as "2025", not "năm 2023"',
    'subjects[1].recruited_on: "2025-02-30" is not a date in the calendar',
    'subjects[2].honours[0].year: must be a whole number, not "2023"',
    "subjects[3].members.ldtt: must not exceed total (12), not 13",
    "subjects[4].year: required",
    "subjects[4].discipline[0].to: ends (2025-01-01) before it starts (2025-06-01)",
    'subjects[4].pending[0].kind: unknown kind "rumour" (expected one of: discipline_review, investigation, inspection, audit, complaint)',
    'rules["luat-06-2022/sd-06-2026"].chien_si_thi_dua_co_so.colour: unknown key (expected one of: params, source, valid_from, valid_to)',
    'rules["luat-06-2022/sd-06-2026"].chien_si_thi_dua_co_so.params.requires_ldtt: required',
    'rules["luat-06-2022/sd-06-2026"].chien_si_thi_dua_co_so.params.route: required',
    'rules["luat-06-2022/sd-06-2026"].chien_si_thi_dua_co_so.params.initiative_min_scope: required',
    'rules["luat-06-2022/sd-06-2026"].chien_si_thi_dua_co_so.source.number: required',
    'rules["luat-06-2022/sd-06-2026"].chien_si_thi_dua_co_so.source.date: required',
    'rules["luat-06-2022/sd-06-2026"].chien_si_thi_dua_co_so.source.article: required',
]


def test_invalid_input_exits_2_with_every_problem_and_no_output(bad_file: Path) -> None:
    done = run_thidua("eligibility", str(bad_file))
    assert done.returncode == 2
    assert done.stdout == b""
    lines = done.stderr.decode("utf-8").splitlines()
    assert lines[0] == (
        f"thidua eligibility: {bad_file}: dữ liệu không hợp lệ / invalid input ({len(BAD_LINES)} lỗi / problems)"
    )
    assert lines[1:] == BAD_LINES


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b'{"as_of": [}', "$: invalid JSON at line 1, column 12: Expecting value"),
        (b"", "$: invalid JSON at line 1, column 1: Expecting value"),
        (b"[1, 2]", "$: must be an object, not a list"),
        (b"\xc3\x28{}", "$: the file is not UTF-8 text"),
        (b"[" * 100_000 + b"]" * 100_000, "$: invalid JSON: nested too deeply"),
        (
            b'{"as_of": "2026-01-20", "subjects": [], "subjects": []}',
            '$: the key "subjects" appears more than once',
        ),
        (b'{"subjects": []}', "as_of: required"),
        (
            b'{"as_of": "20/01/2026", "subjects": []}',
            'as_of: must be a date written YYYY-MM-DD, such as "2026-01-20", not "20/01/2026"',
        ),
    ],
    ids=["syntax", "empty", "list", "not utf-8", "deep", "duplicate key", "no as_of", "date format"],
)
def test_unusable_files_exit_2(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "input.json"
    path.write_bytes(content)
    done = run_thidua("eligibility", str(path))
    assert (done.returncode, done.stdout) == (2, b"")
    assert done.stderr.decode().splitlines()[1:] == [message]
    assert b"Traceback" not in done.stderr


def test_missing_file_exits_2(tmp_path: Path) -> None:
    done = run_thidua("eligibility", str(tmp_path / "none.json"))
    assert (done.returncode, done.stdout) == (2, b"")
    assert "none.json: No such file or directory" in done.stderr.decode()


@pytest.mark.parametrize("args", [[], ["a.json", "b.json"], ["--pretty", "a.json"], ["--bogus"]])
def test_bad_arguments_exit_2_with_usage(args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert thidua_main(["eligibility", *args]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert "Usage: thidua eligibility FILE.json" in err


def test_help_in_vietnamese_then_english() -> None:
    done = run_thidua("eligibility", "--help")
    assert done.returncode == 0
    text = done.stdout.decode("utf-8")
    assert text.index("Cách dùng: thidua eligibility TỆP.json") < text.index(
        "Usage: thidua eligibility FILE.json"
    )


def test_dispatcher_lists_eligibility() -> None:
    done = run_thidua("--help")
    assert done.returncode == 0
    assert "thidua eligibility" in done.stdout.decode("utf-8")


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
        "import thidua.awards.eligibility, thidua.awards.eligibility.cli",
        "from thidua.cli import main\nrc = main(['eligibility', sys.argv[1]])\nassert rc == 0, rc",
    ],
    ids=["import", "evaluate the example"],
)
def test_eligibility_never_imports_django(body: str) -> None:
    # A fresh interpreter: this test process has Django loaded already, through pytest-django.
    done = subprocess.run(
        [sys.executable, "-c", NO_DJANGO.format(body=body), str(EXAMPLE)],
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode()
