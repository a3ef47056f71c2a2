"""Use cases: each joins the domain, the store and the formats for one thing a user does."""
