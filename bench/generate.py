"""Data for the benchmarks: many case files for the shipped pack, and synthetic packs.

Deterministic (seeded), so two runs measure the same work.
"""

from __future__ import annotations

import json
import os
import random
import shutil

from legalcli.loading.pack import default_rules_dir, load_pack

# The change `changed_pack` makes: a route's threshold moved, as a law change would move
# it (return-to-unit below Art. 337's 2 days becomes 12), so that some cases change.
CHANGED_ROUTE = ("routes/return-to-unit.yaml", "{fact: days_absent, le: 2}", "{fact: days_absent, le: 12}")


def case_files(folder: str, count: int, *, seed: int = 7) -> list[str]:
    """`count` valid case files (YAML, some JSON) with random facts of the shipped pack."""
    pack = load_pack(default_rules_dir())
    rng = random.Random(seed)
    os.makedirs(folder, exist_ok=True)
    paths = []
    for index in range(count):
        facts: dict[str, object] = {}
        for fact in pack.fact_list:
            if rng.random() < 0.5:
                continue
            if fact.type == "bool":
                facts[fact.id] = rng.random() < 0.5
            elif fact.type == "choice":
                facts[fact.id] = rng.choice(fact.choice_values())
            elif fact.type == "number":
                facts[fact.id] = rng.choice([0, 1, 3, 12, 40])
            else:
                facts[fact.id] = f"2026-{rng.randint(1, 11):02d}-{rng.randint(1, 28):02d}"
        if index % 10 == 0:
            path = os.path.join(folder, f"case-{index:05d}.json")
            text = json.dumps({"as_of": "2026-11-24", "facts": facts})
        else:
            path = os.path.join(folder, f"case-{index:05d}.yaml")
            lines = ["as_of: 2026-11-24", "facts:"]
            for key, value in facts.items():
                shown = ("true" if value else "false") if isinstance(value, bool) else value
                lines.append(f"  {key}: {shown}")
            text = "\n".join(lines) + "\n"
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(text)
        paths.append(path)
    return paths


def synthetic_pack(folder: str, routes: int, facts: int, *, seed: int = 11) -> str:
    """A valid pack of `routes` routes over `facts` facts (bool, choice and number), each
    route reachable, all sourced."""
    rng = random.Random(seed)
    if os.path.exists(folder):
        shutil.rmtree(folder)
    for sub in ("facts", "routes", "situations"):
        os.makedirs(os.path.join(folder, sub))
    text = "{en: x, ru: х}"
    with open(os.path.join(folder, "pack.yaml"), "w", encoding="utf-8") as handle:
        handle.write(f"name: synthetic\nversion: 1.0.0\ntitle: {text}\nreviewed: 2026-11-24\n")
    kinds = ["bool", "choice", "number"]
    lines = ["facts:"]
    fact_kinds = {}
    for index in range(facts):
        kind = kinds[index % 3]
        fact_kinds[f"f{index}"] = kind
        lines.append(f"  - id: f{index}\n    type: {kind}\n    question: {text}\n    changeable: {str(index % 4 == 0).lower()}")
        if kind == "choice":
            choices = "".join(f"\n      - {{value: {v}, label: {text}}}" for v in "abc")
            lines.append(f"    choices:{choices}")
    with open(os.path.join(folder, "facts", "all.yaml"), "w", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")

    def test(fact: str) -> str:
        kind = fact_kinds[fact]
        if kind == "bool":
            return f"{{fact: {fact}, is: true}}"
        if kind == "choice":
            return f"{{fact: {fact}, in: [a, b]}}"
        return f"{{fact: {fact}, gt: {rng.randint(1, 20)}}}"

    with open(os.path.join(folder, "situations", "s0.yaml"), "w", encoding="utf-8") as handle:
        handle.write(f"id: s0\ntitle: {text}\nwhen:\n  any: [{test('f0')}, {test('f1')}]\nreviewed: 2026-11-24\n")
    for index in range(routes):
        picked = rng.sample(sorted(fact_kinds), 5)
        body = [
            f"id: r{index}",
            f"title: {text}",
            f"summary: {text}",
            f"applies_if: {{any: [{test(picked[0])}, {{situation: s0}}]}}",
            "requires:",
            f"  - when: {test(picked[1])}\n    because: {text}",
            f"  - when: {{not: {test(picked[2])}}}\n    because: {text}",
            "blocked_if:",
            f"  - when: {{all: [{test(picked[3])}, {test(picked[4])}]}}\n    because: {text}",
            "risks:",
            f"  - id: k\n    severity: high\n    when: {test(picked[4])}\n    text: {text}\n    sources: [src]",
            "sources: [src]",
            "reviewed: 2026-11-24",
        ]
        with open(os.path.join(folder, "routes", f"r{index}.yaml"), "w", encoding="utf-8") as handle:
            handle.write("\n".join(body) + "\n")
    with open(os.path.join(folder, "sources.yaml"), "w", encoding="utf-8") as handle:
        handle.write(
            "sources:\n  - {id: src, title: t, publisher: p, url: 'https://example.org', kind: news, confidence: confirmed}\n"
        )
    return folder


def changed_pack(folder: str) -> str:
    """A copy of the shipped pack with one route changed (CHANGED_ROUTE), or, when the
    shipped pack no longer has that text, an unchanged copy: returns which, in words."""
    if os.path.exists(folder):
        shutil.rmtree(folder)
    shutil.copytree(default_rules_dir(), folder)
    name, old, new = CHANGED_ROUTE
    path = os.path.join(folder, name)
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    if old not in text:
        return "the shipped pack (the route change the bench makes no longer applies)"
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text.replace(old, new, 1))
    return f"the shipped pack with {name.split('/')[-1].removesuffix('.yaml')} changed ({old} -> {new})"
