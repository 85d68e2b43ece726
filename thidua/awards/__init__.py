"""Commendation (khen thưởng): the awards registry, the eligibility engine, proposals and the council (#12)."""
