"""Work over many case files: batch triage and the impact of a pack change."""
