"""Builders for the eligibility tests: a subject in the contract's JSON shape, run through the parser
and the engine, so every test also exercises parse_input."""

from __future__ import annotations

from typing import Any

from thidua.awards.eligibility import Result, evaluate, parse_input

AS_OF = "2026-01-20"  # under luat-06-2022/nd-152-2025


def person(*requested: str, year: int = 2025, **fields: Any) -> dict[str, Any]:
    return {"id": "P", "kind": "individual", "requested": list(requested), "year": year, **fields}


def unit(*requested: str, year: int = 2025, **fields: Any) -> dict[str, Any]:
    return {"id": "T", "kind": "collective", "requested": list(requested), "year": year, **fields}


def run(*subjects: dict[str, Any], as_of: str = AS_OF, **top: Any) -> tuple[Result, ...]:
    document = parse_input({"as_of": as_of, "subjects": list(subjects), **top})
    return evaluate(document.inputs, document.overrides)


def one(subject: dict[str, Any], as_of: str = AS_OF, **top: Any) -> Result:
    (result,) = run(subject, as_of=as_of, **top)
    return result


def codes(result: Result) -> list[str]:
    return [reason.code for reason in result.reasons]


def cstdcs(*years: int) -> list[dict[str, Any]]:
    return [{"code": "chien_si_thi_dua_co_so", "year": y} for y in years]


def ratings(rating: str, *years: int) -> dict[str, str]:
    return {str(y): rating for y in years}
