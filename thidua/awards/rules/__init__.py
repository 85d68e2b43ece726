"""Pure rules of the awards app: no models, no queries (import-linter "rules are pure").

registry.py: what makes a registry entry impossible; proposal_workflow.py: the proposal's states;
duplicates.py: the same subject proposed twice; council.py: the council's vote; dossier.py: the
documents of Luật TĐKT 2022 Điều 84."""
