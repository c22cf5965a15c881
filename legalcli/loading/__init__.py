"""Reading files: hardened YAML/JSON, rule packs, case files."""
