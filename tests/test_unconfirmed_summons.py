"""What the research on summonses could not confirm stays marked so in the pack.

brief-summons.md ends with a list of points it "Could not confirm". For every item that a
rule of the summons consultation (issue 15) rests on, the table below names the rules —
routes, risks, clauses, deadlines, situations and laws — and the test checks that each
exists and is shown to the user as unconfirmed: its own `confidence: unconfirmed`, or
sources that are all unconfirmed (`pack.confidence_of(...) != "confirmed"`).

A reference is one of:
    route:ID                     a route as a whole
    risk:ROUTE/RISK              a risk of a route
    clause:ROUTE/KIND/WORDS      a requires / blocked_if / unsettled_if clause whose
                                 English `because` contains WORDS
    deadline:ID                  a deadline of a situation or a route
    situation:ID                 a situation
    law:ID                       a law of the registry
"""

from __future__ import annotations

import pytest

from legalcli.core.model import Pack
from legalcli.loading.pack import default_rules_dir, load_pack

PACK = load_pack(default_rules_dir())

# Item of the "Could not confirm" list (quoted briefly) -> the rules resting on it.
UNCONFIRMED: dict[str, list[str]] = {
    "any fine actually imposed for ignoring a mobilisation summons; any later criminal article; "
    "whether 31-FZ Art. 21(2) is enforced (S5, S7)": [
        "risk:consequences-of-not-appearing/mobilisation-no-article",
        "risk:alternative-civilian-service/mobilisation-summons-no-article",
        "risk:alternative-civilian-service/summons-fine-mobilisation",
    ],
    "article numbering of the 2023 KoAP fines for medical examination and documents (S10-S11)": [
        "risk:consequences-of-not-appearing/medical-examination-fine",
        "law:koap-21-6",
    ],
    "from which day the 20-day period is counted (S16); whether Art. 7.1 measures cover "
    "records checks, training or mobilisation (S22)": [
        "situation:summons-restrictions",
        "deadline:summons-20-days",
        "risk:check-summons-register/restrictions-after-20-days",
        "risk:consequences-of-not-appearing/restrictions-after-20-days",
        "risk:report-valid-reason/restrictions-while-not-accepted",
    ],
    "the statutory list of valid reasons (Art. 7 53-FZ) and any procedure for correcting a wrong register entry (S21)": [
        "clause:report-valid-reason/requires/a reason of a kind the law counts as valid",
        "clause:report-valid-reason/unsettled_if/not one of those usually listed",
        "law:fz-53-art-7",
        "risk:claim-deferral/wrong-entry-no-procedure",
    ],
    "when the register became fully operational (S18-S19)": [
        "risk:check-summons-register/register-launch-disputed",
    ],
    "how the year-round system changed the two-week self-reporting duty, the ACS application "
    "article and the IT-deferral windows (S12, S26, S37)": [
        "risk:check-summons-register/self-reporting-under-year-round-conscription",
        "risk:claim-deferral/it-deferral-windows-unclear",
        "risk:alternative-civilian-service/acs-412-application-article-changed",
    ],
    "whether the March 2026 bill ending automatic suspension has passed (S34); the exact "
    "current wording of Arts. 28(7) and 29(4) of 53-FZ": [
        "risk:appeal-call-up-decision/suspension-bill-2026",
        "risk:appeal-call-up-decision/court-suspension",
        "risk:appeal-call-up-decision/regional-complaint-does-not-suspend",
        "risk:appeal-call-up-decision/regional-commission-five-working-days",
        "clause:appeal-call-up-decision/unsettled_if/three months since the decision",
        "deadline:call-up-appeal-window",
        "law:fz-53-art-28",
        "law:fz-53-art-29",
    ],
    "whether the three-children mobilisation deferral still applies; whether the 2022 IT, "
    "telecom and media mobilisation deferrals still operate (S29-S30)": [
        "clause:claim-deferral/unsettled_if/fathers of three children",
        "clause:claim-deferral/unsettled_if/IT, telecom, media and finance",
    ],
    "the current wording of the four-month rule for sending conscripts to armed conflicts "
    "(S43); whether serving conscripts can sign a contract from their first day (S47)": [
        "situation:deployable-conscript",
        "deadline:conscript-four-months",
        "risk:decline-contract/sent-to-combat-after-four-months",
        "risk:decline-contract/signing-from-the-first-day",
        "law:conscript-deployment-decree-2013",
    ],
    "the final text of the Nov 2025 reservist law on use abroad (S9)": [
        "risk:reserve-contract-training/use-abroad-not-ruled-out",
        "route:reserve-contract-training",
    ],
    "the 64-FZ exclusion list in full; whether release is limited to minor and medium gravity; "
    "whether Arts. 337/338 are excluded; who initiates suspension (S51-S54)": [
        "risk:contract-offer-in-criminal-case/exclusion-list-and-gravity-unclear",
        "risk:contract-offer-in-criminal-case/suspended-not-closed",
    ],
}

REFERENCES = sorted({(item, ref) for item, refs in UNCONFIRMED.items() for ref in refs}, key=lambda p: p[1])


def _confidence(pack: Pack, ref: str) -> str:
    """The confidence the user is shown for the rule a reference names; KeyError if it
    names nothing."""
    kind, _, rest = ref.partition(":")
    if kind == "route":
        route = pack.routes[rest]
        return pack.confidence_of(route.confidence, route.sources)
    if kind == "risk":
        route_id, _, risk_id = rest.partition("/")
        route = pack.routes[route_id]
        risk = next(r for r in route.risks if r.id == risk_id)
        return pack.confidence_of(risk.confidence, risk.sources or route.sources)
    if kind == "clause":
        route_id, clause_kind, words = rest.split("/", 2)
        route = pack.routes[route_id]
        clauses = {"requires": route.requires, "blocked_if": route.blocked_if, "unsettled_if": route.unsettled_if}[clause_kind]
        found = [c for c in clauses if words in c.because.en]
        assert len(found) == 1, f"{ref}: {len(found)} clauses match"
        return pack.confidence_of(found[0].confidence, found[0].sources or route.sources)
    if kind == "deadline":
        deadlines = [d for s in pack.situation_list for d in s.deadlines] + [d for r in pack.route_list for d in r.deadlines]
        deadline = next(d for d in deadlines if d.id == rest)
        return pack.confidence_of(deadline.confidence, deadline.sources)
    if kind == "situation":
        situation = pack.situations[rest]
        return pack.confidence_of(situation.confidence, situation.sources)
    if kind == "law":
        law = pack.laws[rest]
        return pack.confidence_of(law.confidence, law.sources)
    raise KeyError(ref)


@pytest.mark.parametrize(("item", "ref"), REFERENCES, ids=[ref for _, ref in REFERENCES])
def test_a_rule_resting_on_an_unconfirmed_point_is_marked_so(item: str, ref: str) -> None:
    try:
        shown = _confidence(PACK, ref)
    except (KeyError, StopIteration):
        pytest.fail(f"{ref} (resting on: {item}) names no rule of the pack")
    assert shown != "confirmed", f"{ref} rests on an unconfirmed point ({item}) but is shown as confirmed"


def test_the_table_covers_the_new_summons_rules() -> None:
    """The routes of issue 15 each appear in the table at least once where they rest on an
    unconfirmed point, so a reviewer reading it sees them."""
    named = {ref.split(":", 1)[1].split("/", 1)[0] for refs in UNCONFIRMED.values() for ref in refs}
    for route in (
        "check-summons-register",
        "claim-deferral",
        "appeal-call-up-decision",
        "report-valid-reason",
        "consequences-of-not-appearing",
        "decline-contract",
        "contract-offer-in-criminal-case",
        "reserve-contract-training",
    ):
        assert route in named, route
