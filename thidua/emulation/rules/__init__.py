"""Pure rules of the emulation app: no ORM, no request (the report, pact and vote workflow tables,
vote counting, reading typed values). The scoring engine is its own package, thidua/emulation/scoring."""
