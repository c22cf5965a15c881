"""Tools for rule-pack authors: scenario cases, mutation testing, the diff of two
packs, review records and skeletons."""
