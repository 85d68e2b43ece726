"""Tests of the scoring engine (no database). The builders below keep the tables in the tests short."""

from __future__ import annotations

from typing import Any

from thidua.emulation.scoring import ScoringInputError, parse_input, result_to_json, score


def leaf(code: str, method: str, max_points: object = 100, **params: object) -> dict[str, Any]:
    """A leaf criterion in the contract's JSON shape; veto gets no max_points."""
    node: dict[str, Any] = {"code": code, "name": f"Tiêu chí {code}", "method": method}
    if method != "veto":
        node["max_points"] = max_points
    if params:
        node["params"] = params
    return node


def group(code: str, *children: dict[str, Any]) -> dict[str, Any]:
    return {"code": code, "name": f"Nhóm {code}", "children": list(children)}


def document(
    criteria: list[dict[str, Any]], members: dict[str, dict[str, Any]], **extra: Any
) -> dict[str, Any]:
    """An input document; ``members`` maps each id to its values, in input order."""
    rows = [{"id": member_id, "name": member_id, "values": values} for member_id, values in members.items()]
    return {"criteria": criteria, "members": rows, **extra}


def run(criteria: list[dict[str, Any]], members: dict[str, dict[str, Any]], **extra: Any) -> dict[str, Any]:
    """Parse, score and serialise: the contract's output document."""
    return result_to_json(score(parse_input(document(criteria, members, **extra))))


def points_by_id(output: dict[str, Any]) -> dict[str, dict[str, str]]:
    return {member["id"]: member["points"] for member in output["members"]}


def problems(data: object) -> list[str]:
    """Every "path: message" the parser reports for ``data`` (which must be invalid)."""
    try:
        parse_input(data)
    except ScoringInputError as error:
        return [str(problem) for problem in error.problems]
    raise AssertionError("the input was accepted")
