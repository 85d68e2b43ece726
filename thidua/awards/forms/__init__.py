"""Forms of the awards screens, by screen family: registry.py (decisions, ratings, initiatives,
discipline, open matters, the award history's search), criteria.py (the province's criteria) and
proposals.py (proposals, their items and documents, the council). They parse input; services check,
save and audit."""
