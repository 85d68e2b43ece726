"""Pure rules of the portal: no models, no ORM (import-linter)."""
