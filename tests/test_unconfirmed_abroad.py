"""Every item of brief-abroad.md's "Could not confirm" list that a rule for men abroad,
relatives, refusal, captivity or prison recruits rests on is shown unconfirmed.

The table maps each item (quoted briefly) to the rules that rest on it: a risk
(`risk:ROUTE/RISK`), a clause (`clause:ROUTE/requires|blocked_if|unsettled_if/N`), a
deadline (`deadline:ROUTE/ID`) or a country attribute (`country:COUNTRY/ATTRIBUTE`, the
entry that holds on the review date).  Each must exist and be marked weaker than
confirmed, by its own mark or by its sources.  Items no rule rests on (the "Ищи своих"
project, the status of POWs who refuse exchange, Decree No. 580, the discharge age, the
Samat case, the Subbotin release date) are not mapped.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from legalcli.core.model import Pack

BRIEF_ABROAD = Path("/work/shared/domain/brief-abroad.md")
AS_OF = dt.date(2026, 11, 27)

UNCONFIRMED: dict[str, list[str]] = {
    "Whether South Ossetia, Uzbekistan, Tajikistan, Mongolia, Turkey or the UAE have returned any Russian deserter": [
        # read by asylum-abroad/handover-to-russia and contest-extradition/removal-outside-extradition
        "country:south_ossetia/handovers",
        "country:uz/handovers",
        "country:tj/handovers",
        "country:mn/handovers",
        "country:tr/handovers",
        "country:ae/handovers",
    ],
    "UN OP1/CAT Art. 22 status of Uzbekistan, Tajikistan and Mongolia": [
        # read by the first requirement of un-complaint-interim-measures
        "country:uz/un_individual_complaints",
        "country:tj/un_individual_complaints",
        "country:mn/un_individual_complaints",
    ],
    "Minsk Convention custody time limits pending an extradition request (Arts. 61–62)": [
        "risk:contest-extradition/custody-time-limit-unconfirmed",
    ],
    "whether Russia remains a party to the European Convention on Extradition after its 2023 denunciation law": [
        "risk:contest-extradition/ece-bar-unconfirmed",
    ],
    "Interpol's own Repository of Practice wording on desertion": [
        "risk:identify-wanted-channel/interpol-state-decides",
    ],
    "Whether the May 2024 Foreign Ministry rule on refusing passports to people under a summons was adopted": [
        "clause:consular-documents/unsettled_if/0",
    ],
    'A "transfer to non-combat duties" request as a route; any general conscientious-objection mechanism': [
        "risk:refusal-to-fight/no-objection-procedure",
    ],
    "The Art. 80.2 / 78.1 clause that revives the original sentence or case": [
        "risk:prison-recruit-status/leaving-early",
    ],
    "the final text and date of the Dec 2025 law": [
        "risk:prison-recruit-status/december-2025-penalties",
    ],
    "The year of the UNHCR-reported Kyrgyz refoulement": [
        # read by asylum-abroad's unsettled clause and local-lawyer-abroad/safeguards-overtaken
        "country:kg/returns_asylum_seekers",
    ],
    "the year of the Lagovsky appeal ruling": [
        "risk:contest-extradition/ordinary-charge-extradition",
    ],
    "Whether a Russia–UAE extradition treaty is in force": [
        # read by the requirement of contest-extradition
        "country:ae/extradition_military",
    ],
}

# Claims the brief marks [U] outside the "Could not confirm" list that these rules rest on.
ALSO_UNCONFIRMED = [
    "risk:identify-wanted-channel/cis-list-no-military-bar",  # X48: the inference on Interpol and the CIS list
    "risk:identify-wanted-channel/ordinary-charge-added",  # RA2: a pattern suggested by one case
    "risk:refusal-to-fight/bill-to-widen-332",  # X62: enactment not checked
    "risk:echr-interim-measures/risk-on-return-must-be-shown",  # X50: our inference
    "clause:echr-interim-measures/blocked_if/0",  # X50: our inference
    "risk:relatives-complaint/acting-with-consent",  # X60: applying the guidance is our inference
    "risk:relatives-complaint/pressure-on-families",  # RA10: not described in the sources read
    "risk:trace-missing/party-to-the-conflict",  # what contacting a party's projects means: not examined
    "clause:consular-documents/unsettled_if/1",
]


def _confidence(pack: Pack, ref: str) -> str:
    kind, _, path = ref.partition(":")
    if kind == "country":
        country_id, attribute = path.split("/")
        country = next(c for c in pack.country_list if c.id == country_id)
        entry = country.finding(attribute, AS_OF)
        assert entry is not None, ref
        return pack.confidence_of(entry.confidence, entry.sources)
    route_id, _, rest = path.partition("/")
    route = pack.routes[route_id]
    if kind == "risk":
        risk = next(r for r in route.risks if r.id == rest)
        return pack.confidence_of(risk.confidence, risk.sources or route.sources)
    if kind == "clause":
        group, index = rest.split("/")
        clause = getattr(route, group)[int(index)]
        return pack.confidence_of(clause.confidence, clause.sources or route.sources)
    if kind == "deadline":
        deadline = next(d for d in route.deadlines if d.id == rest)
        return pack.confidence_of(deadline.confidence, deadline.sources)
    raise AssertionError(f"unknown kind of rule: {ref}")


def _exists(pack: Pack, ref: str) -> bool:
    kind, _, path = ref.partition(":")
    if kind == "country":
        country_id, attribute = path.split("/")
        return any(c.id == country_id and any(a.id == attribute for a in c.attributes) for c in pack.country_list)
    route_id, _, rest = path.partition("/")
    route = pack.routes.get(route_id)
    if route is None:
        return False
    if kind == "risk":
        return any(r.id == rest for r in route.risks)
    if kind == "clause":
        group, index = rest.split("/")
        return group in ("requires", "blocked_if", "unsettled_if") and int(index) < len(getattr(route, group))
    if kind == "deadline":
        return any(d.id == rest for d in route.deadlines)
    return False


ALL = sorted({ref for refs in UNCONFIRMED.values() for ref in refs} | set(ALSO_UNCONFIRMED))


def test_every_item_is_quoted_from_the_brief() -> None:
    if not BRIEF_ABROAD.is_file():
        pytest.skip("the research brief is not on this machine")
    text = BRIEF_ABROAD.read_text(encoding="utf-8")
    section = text[text.index("## Could not confirm") :]
    for item in UNCONFIRMED:
        assert item in section, item


@pytest.mark.parametrize("ref", ALL)
def test_the_rule_exists(pack: Pack, ref: str) -> None:
    assert _exists(pack, ref), ref


@pytest.mark.parametrize("ref", ALL)
def test_the_rule_is_marked_unconfirmed(pack: Pack, ref: str) -> None:
    assert _confidence(pack, ref) != "confirmed", ref


def test_the_rules_resting_on_the_table_read_it(pack: Pack) -> None:
    """The country attributes mapped above are read by a rule of these routes."""
    from legalcli.core.conditions import CountryTest, walk

    read: set[str] = set()
    for route_id in ("asylum-abroad", "contest-extradition", "un-complaint-interim-measures", "local-lawyer-abroad"):
        route = pack.routes[route_id]
        conds = [route.applies_if, *(c.when for c in (*route.requires, *route.blocked_if, *route.unsettled_if))]
        conds += [r.when for r in route.risks]
        read |= {n.attribute for cond in conds for n in walk(cond) if isinstance(n, CountryTest)}
    mapped = {ref.split("/")[1] for ref in ALL if ref.startswith("country:")}
    assert mapped <= read, mapped - read


def test_the_unconfirmed_marks_reach_the_output(pack: Pack) -> None:
    """A man in Uzbekistan facing a removal: the UN route is left open, with the table's
    unconfirmed entry shown under it."""
    from legalcli.core.engine import assess

    facts = {
        "service_status": "mobilised",
        "location": "abroad",
        "current_country": "uz",
        "wanted_status": "federal",
        "extradition_stage": "approved",
        "ill_treatment_evidence": True,
    }
    result = {r.route.id: r for r in assess(pack, facts, as_of=AS_OF).routes}
    un = result["un-complaint-interim-measures"]
    assert un.status == "undetermined"
    found = [f for reason in un.reasons for f in reason.findings]
    assert found and all(f.confidence != "confirmed" for f in found)
