"""Pure rules of the awards registry: no models, no queries (import-linter "rules are pure")."""
