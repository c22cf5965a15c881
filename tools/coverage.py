"""Write the generated part of docs/coverage.md from the shipped pack.

The tables between `<!-- generated: start -->` and `<!-- generated: end -->` are made
here from `rules/`: every route with the facts it reads, its laws and their dates, the
brief entries behind it, its review date and what it was reviewed against, and the
claims it marks unconfirmed; every situation and deadline; the country table.  The
prose around them (known gaps, what is deliberately absent) is written by hand.
`--check` exits 1 when the file is out of date (tests/test_docs.py runs it).

    python tools/coverage.py [--check]
"""

from __future__ import annotations

import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from legalcli.core.conditions import facts_read  # noqa: E402
from legalcli.core.model import Pack, Route  # noqa: E402
from legalcli.loading.pack import load_pack  # noqa: E402
from tools.docfile import write_or_check  # noqa: E402

PATH = os.path.join(ROOT, "docs", "coverage.md")
START, END = "<!-- generated: start -->", "<!-- generated: end -->"


def _cell(items: list[str] | tuple[str, ...]) -> str:
    return ", ".join(items) if items else "—"


def _law(pack: Pack, law_id: str) -> str:
    law = pack.laws.get(law_id)
    if law is None or (law.effective_from is None and law.effective_until is None):
        return law_id
    span = f"{law.effective_from or '…'}–{law.effective_until or ''}"
    return f"{law_id} ({span})"


def _unconfirmed(pack: Pack, route: Route) -> list[str]:
    marks = []
    for risk in route.risks:
        if pack.confidence_of(risk.confidence, risk.sources or route.sources) != "confirmed":
            marks.append(risk.id)
    for clause in (*route.requires, *route.blocked_if, *route.unsettled_if):
        if pack.confidence_of(clause.confidence, clause.sources or route.sources) != "confirmed":
            text = clause.because.en
            marks.append("reason: " + (text[:40] + "…" if len(text) > 40 else text))
    for deadline in route.deadlines:
        if pack.confidence_of(deadline.confidence, deadline.sources) != "confirmed":
            marks.append("deadline " + deadline.id)
    return marks


def _brief_entries(pack: Pack, source_ids: set[str]) -> list[str]:
    entries: set[str] = set()
    for source_id in source_ids:
        source = pack.sources.get(source_id)
        if source is not None and source.brief:
            entries.update(e.strip() for e in re.split(r"[,;]", source.brief) if e.strip())
    return sorted(entries)


def generate(pack: Pack) -> str:
    situation = pack.situation_whens.get
    lines = [
        START,
        "",
        f"Pack `{pack.name}` {pack.version}, reviewed {pack.reviewed}. "
        f"{len(pack.routes)} routes, {len(pack.situations)} situations, {len(pack.facts)} facts, "
        f"{len(pack.laws)} laws, {len(pack.sources)} sources, {len(pack.countries)} countries.",
        "",
        "### Routes",
        "",
        "| route | facts it reads | laws (in force) | brief entries (via its sources) | reviewed | reviewed against "
        "| marked unconfirmed / seed-only |",
        "|---|---|---|---|---|---|---|",
    ]
    for route in sorted(pack.routes.values(), key=lambda r: r.id):
        conds = [route.applies_if, *(c.when for c in (*route.requires, *route.blocked_if, *route.unsettled_if))]
        conds += [r.when for r in route.risks]
        facts: list[str] = []
        for cond in conds:
            facts += [f for f in facts_read(cond, situation) if f not in facts]
        laws = sorted({*route.legal_basis, *(law for r in route.risks for law in r.legal_basis)})
        sources = {*route.sources, *(s for r in route.risks for s in r.sources)}
        sources |= {s for c in (*route.requires, *route.blocked_if, *route.unsettled_if) for s in c.sources}
        kind = " (risk entry)" if route.kind == "risk-entry" else ""
        lines.append(
            f"| `{route.id}`{kind} | {_cell(facts)} | {_cell([_law(pack, law) for law in laws])} | "
            f"{_cell(_brief_entries(pack, sources))} | {route.reviewed} | {_cell(route.reviewed_against)} | "
            f"{'; '.join(_unconfirmed(pack, route)) or '—'} |"
        )
    lines += ["", "### Situations and their deadlines", ""]
    lines += ["| situation | rests on (laws, in force) | deadlines | reviewed | reviewed against |", "|---|---|---|---|---|"]
    for item in sorted(pack.situations.values(), key=lambda s: s.id):
        deadlines = [f"`{d.id}` ({d.amount} {d.unit.replace('_', ' ')} from {d.from_fact})" for d in item.deadlines]
        lines.append(
            f"| `{item.id}` | {_cell([_law(pack, law) for law in item.legal_basis])} | {_cell(deadlines)} | "
            f"{item.reviewed} | {_cell(item.reviewed_against)} |"
        )
    route_deadlines = [
        f"`{d.id}` ({route.id}: {d.amount} {d.unit.replace('_', ' ')} from {d.from_fact})"
        for route in pack.route_list
        for d in route.deadlines
    ]
    lines += ["", "Route deadlines: " + (", ".join(route_deadlines) or "none") + "."]
    lines += ["", "### Countries", ""]
    attributes = [a.id for a in pack.attribute_list]
    as_of = pack.reviewed
    lines.append("| country | " + " | ".join(attributes) + " | reviewed | reviewed against |")
    lines.append("|---|" + "---|" * (len(attributes) + 2))
    for country in pack.country_list:
        cells = []
        for attribute in attributes:
            found = country.finding(attribute, as_of)
            if found is None or found.value is None:
                cells.append("unknown")
                continue
            value = str(found.value).lower()
            mark = "" if pack.confidence_of(found.confidence, found.sources) == "confirmed" else " [U]"
            dated = any(v.since is not None for a in country.attributes if a.id == attribute for v in a.values)
            cells.append(value + mark + (" (dated)" if dated else ""))
        lines.append(
            f"| {country.name.en} (`{country.id}`) | "
            + " | ".join(cells)
            + f" | {country.reviewed} | {_cell(country.reviewed_against)} |"
        )
    lines += [
        "",
        f"Values as of the pack's review date ({as_of}); `[U]`: unconfirmed; `(dated)`: the value changed over time "
        "and the as-of date picks the one in force (`legalcli countries --as-of DATE`).",
        "",
        END,
    ]
    return "\n".join(lines)


def main() -> None:
    pack = load_pack(os.path.join(ROOT, "rules"))

    def updated(old: str) -> str:
        head, _, rest = old.partition(START)
        _, _, tail = rest.partition(END)
        return head + generate(pack) + tail

    write_or_check(PATH, updated, "coverage.py")


if __name__ == "__main__":
    main()
