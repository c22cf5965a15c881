"""The catalogue every pack must cover (shared/design/contracts.md): the ids the pack,
its tests and anyone scripting the tool share.  A pack may add more."""

from __future__ import annotations

from legalcli.core.model import Pack

FACTS = {
    "service_status": {"civilian", "conscript", "contract", "mobilised", "ex_prisoner_recruit", "reservist"},
    "summons_stage": {"none", "in_register", "served", "call_up_decision", "exit_restriction_notified"},
    "location": {"combat_zone", "hospital", "on_leave", "unit_in_russia", "elsewhere_in_russia", "abroad"},
    "current_country": {"kz", "kg", "am", "by", "abkhazia", "south_ossetia", "ge", "eu", "other"},
    "internal_passport": {"in_hand", "taken_by_command", "lost"},
    "international_passport": {"none", "valid", "surrendered", "not_surrendered_after_deadline", "taken_by_command"},
    "criminal_case": {"none", "investigation", "trial", "convicted"},
    "wanted_status": {"none", "federal", "international"},
    "fitness_category": {"not_assessed", "a", "b", "v", "g", "d"},
}
BOOLS = {
    "intends_to_return", "on_probation", "prior_military_offence", "difficult_circumstances", "wounded_or_ill",
    "over_age_limit", "pacifist_belief", "state_secrets", "refused_order", "in_captivity", "irregular_crossing",
    "can_communicate", "in_contact_with_legal_aid", "asylum_claim_pending",
}  # fmt: skip
SITUATIONS = {
    "internal-passport-only", "wanted", "suspended-sentence", "exit-ban", "passport-invalidated",
    "mobilisation-period-liability", "passport-surrender-duty",
}  # fmt: skip
ROUTES = {
    "contact-legal-aid", "medical-commission", "dismissal-age-limit", "alternative-civilian-service",
    "defend-in-proceedings", "return-to-unit", "travel-with-international-passport", "travel-internal-passport-country",
    "asylum-eu", "voluntary-surrender",
    # men with a summons and conscripts
    "check-summons-register", "claim-deferral", "appeal-call-up-decision", "report-valid-reason",
    "consequences-of-not-appearing", "decline-contract", "contract-offer-in-criminal-case", "reserve-contract-training",
    # men abroad, relatives, refusal, captivity, prison recruits
    "local-lawyer-abroad", "identify-wanted-channel", "asylum-abroad", "contest-extradition", "echr-interim-measures",
    "un-complaint-interim-measures", "onward-protection-eu", "usa-asylum", "consular-documents", "relatives-complaint",
    "trace-missing", "refusal-to-fight", "returned-from-captivity", "prison-recruit-status",
}  # fmt: skip
RISK_ENTRIES = {
    "voluntary-surrender", "consequences-of-not-appearing", "contract-offer-in-criminal-case", "refusal-to-fight",
    "returned-from-captivity", "prison-recruit-status",
}  # fmt: skip
COUNTRIES = {
    "kz", "kg", "am", "by", "abkhazia", "south_ossetia", "ge", "uz", "tj", "mn", "tr", "rs", "ae", "il", "fr", "de", "eu",
    "us", "other",
}  # fmt: skip
LAWS = {
    "uk-rf-63", "uk-rf-73", "uk-rf-74", "uk-rf-78", "uk-rf-328", "uk-rf-332", "uk-rf-337", "uk-rf-338", "uk-rf-339",
    "uk-rf-352-1", "fz-365-2022", "decree-647-2022", "fz-53-1998", "fz-113-2002", "exit-entry-passport-2023",
    "refugee-convention-31", "minsk-convention-1993", "eu-dublin-iii",
}  # fmt: skip


def test_facts_and_their_values(pack: Pack) -> None:
    for fact_id, values in FACTS.items():
        assert fact_id in pack.facts, fact_id
        assert values <= set(pack.facts[fact_id].choice_values()), fact_id
    for fact_id in BOOLS:
        assert pack.facts[fact_id].type == "bool", fact_id
    assert pack.facts["exit_restriction_date"].type == "date"
    assert pack.facts["days_absent"].type == "number"


def test_situations_routes_countries_laws(pack: Pack) -> None:
    assert set(pack.situations) >= SITUATIONS
    assert set(pack.routes) >= ROUTES
    # Risk entries say what the law makes of something people ask about; the others are
    # options.  reserve-contract-training is an entry until it is researched.
    assert {r for r in ROUTES if pack.routes[r].kind == "risk-entry"} == RISK_ENTRIES | {"reserve-contract-training"}
    assert set(pack.countries) >= COUNTRIES
    assert set(pack.laws) >= LAWS
    assert any(d.id == "passport-surrender" for d in pack.situations["passport-surrender-duty"].deadlines)


def test_the_former_id_still_answers(pack: Pack) -> None:
    """contracts.md: asylum-abroad absorbs asylum-neighbour-country, whose id stays as an alias."""
    route = pack.route("asylum-neighbour-country")
    assert route is not None and route.id == "asylum-abroad"
