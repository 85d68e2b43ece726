"""The eligibility engine (#12): pure, no Django. See docs/contracts/eligibility.md."""
