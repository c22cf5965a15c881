"""`legalcli rules new route|situation|fact ID`: the skeleton of a new rule, with every
key, both languages, and (for a route or a situation) a scenario-case file with one case
for each status it can take, to fill in.

A skeleton is meant to fail `rules check` until it is written: its texts start with
TODO (core/checks/placeholders.py reports a placeholder text as an error), its example conditions are
marked to be replaced, and its cases have no facts yet, so they do not pass and no
status counts as shown (checks.case_coverage).  The example conditions name facts and a
situation the pack really has, so the files load and every other check runs.
"""

from __future__ import annotations

import datetime as dt
import json
import re

from legalcli.authoring.kinds import KINDS
from legalcli.core.checks import PLACEHOLDER
from legalcli.core.errors import InputError
from legalcli.core.model import Pack

_KEBAB = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
_SNAKE = re.compile(r"[a-z][a-z0-9]*(_[a-z0-9]+)*")
# A review date no review gave: `rules check` warns that it is long past, until a
# lawyer reviews the rule and writes the real date.
NOT_REVIEWED = dt.date(1990, 1, 1)


def skeleton(pack: Pack, kind: str, ident: str) -> list[tuple[str, str]]:
    """The files to write, as (path inside the pack, text).  InputError when the kind is
    not one of KINDS, the id has the wrong form, or the pack already has it."""
    if kind not in KINDS:
        raise InputError("expected route, situation or fact", key="KIND")
    pattern, form = (_SNAKE, "snake") if kind == "fact" else (_KEBAB, "kebab")
    if not pattern.fullmatch(ident):
        raise InputError("'{name}' is not an id of this form: {form}", key="ID", name=ident, form=form)
    taken = {
        "route": [*pack.routes, *(a for r in pack.route_list for a in r.aliases)],
        "situation": pack.situations,
        "fact": pack.facts,
    }
    if ident in taken[kind]:
        raise InputError("the pack already has a {kind} '{name}'", key="ID", kind=kind, name=ident)
    if kind == "route":
        return [(f"routes/{ident}.yaml", _route(pack, ident)), (f"cases/{ident}.yaml", _route_cases(ident))]
    if kind == "situation":
        return [(f"situations/{ident}.yaml", _situation(pack, ident)), (f"cases/{ident}.yaml", _situation_cases(ident))]
    return [(f"facts/{ident}.yaml", _fact(ident))]


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON's string form is one)."""
    return json.dumps(text, ensure_ascii=False)


def _text(en: str, ru: str) -> str:
    return f"{{en: {_q(PLACEHOLDER + ': ' + en)}, ru: {_q(PLACEHOLDER + ': ' + ru)}}}"


def _examples(pack: Pack) -> tuple[str, str, str, str]:
    """Ids the example conditions name: a situation, two yes/no facts and a source of
    the pack, so that the skeleton loads (each is marked to be replaced)."""
    situation = next(iter(pack.situations), "in-service")
    flags = [f.id for f in pack.fact_list if f.type == "bool"] + ["some_fact", "other_fact"]
    source = next(iter(pack.sources), "some-source")
    return situation, flags[0], flags[1], source


def _route(pack: Pack, ident: str) -> str:
    situation, first, second, source = _examples(pack)
    return f"""# yaml-language-server: $schema=../../docs/schema/route.json
# A new route (docs/rule-format.md, "Routes").  Replace every TODO and every example
# condition, write the cases in cases/{ident}.yaml, then run
#   legalcli rules check && legalcli rules test && legalcli rules test --mutate
id: {ident}
kind: option                     # option, or risk-entry (asked about, never feasible)
title: {_text("a few words naming the option", "несколько слов, называющих вариант")}
summary: {_text("what the option is and what it achieves", "что это за вариант и что он даёт")}
# applies_if: false -> not applicable (left out of the output).  EXAMPLE: replace it.
applies_if: {{situation: {situation}}}
requires:                        # each must hold; one that fails blocks the route
  - when: {{fact: {first}, is: true}}            # EXAMPLE: replace it
    because: {_text("the requirement, stated as a fact about him", "требование как факт о нём")}
    sources: [{source}]
    # legal_basis: [law-id]      # the clause counts only while these laws are in force
    # confidence: unconfirmed    # only to mark a claim weaker than its sources
blocked_if:                      # any that holds blocks the route
  - when: {{fact: {second}, is: true}}           # EXAMPLE: replace it
    because: {_text("what stands in the way", "что этому мешает")}
    sources: [{source}]
unsettled_if: []                 # points the sources leave open (when, because, sources), see docs
risks:
  - id: {ident}-risk
    severity: high               # low, medium, high, critical
    # when: {{fact: ..., is: ...}}  # no when: the risk always applies
    text: {_text("what can go wrong, and how badly", "что может пойти не так и насколько серьёзно")}
    sources: [{source}]
    # legal_basis: [law-id]
steps:
  - {_text("what to prepare or do next, and whom to contact", "что подготовить или сделать дальше и к кому обратиться")}
documents:
  - {_text("a document to gather", "документ, который нужно собрать")}
deadlines: []                    # id, from_fact (a date fact), days|months|years, text, sources
legal_basis: []                  # law ids the route rests on (laws.yaml)
sources: [{source}]              # EXAMPLE: the sources the route rests on
# confidence: unconfirmed        # only to mark the route weaker than its sources
# effective: {{from: YYYY-MM-DD, until: YYYY-MM-DD}}   # outside it: not applicable
# country_topic: asylum          # also show the country table's steps and deadlines for this topic
# aliases: [former-id]           # former ids, still accepted
reviewed: {NOT_REVIEWED.isoformat()}             # TODO: the day a lawyer checked it against its sources
# reviewed_against: [source-id, D7]              # what that review checked
"""


def _route_cases(ident: str) -> str:
    return f"""# Scenario cases for the route {ident}: one for each status it can take.  Give each
# the facts of a client for whom that is the answer; until then the cases fail and
# `legalcli rules check` reports the statuses no case shows.
cases:
  - name: {ident}-feasible
    description: {_q(PLACEHOLDER + ": a client for whom the route is open")}
    facts: {{}}
    expect:
      routes: {{{ident}: feasible}}
  - name: {ident}-blocked
    description: {_q(PLACEHOLDER + ": a client for whom a requirement fails or a blocker holds")}
    facts: {{}}
    expect:
      routes: {{{ident}: blocked}}
  - name: {ident}-undetermined
    description: {_q(PLACEHOLDER + ": a client about whom a fact that decides it is still unknown")}
    facts: {{}}
    expect:
      routes: {{{ident}: undetermined}}
"""


def _situation(pack: Pack, ident: str) -> str:
    _, first, _, source = _examples(pack)
    return f"""# yaml-language-server: $schema=../../docs/schema/situation.json
# A new situation (docs/rule-format.md, "Situations").  Replace every TODO and the
# example condition, write the cases in cases/{ident}.yaml, then run
#   legalcli rules check && legalcli rules test
id: {ident}
title: {_text("the situation in a few words", "ситуация в нескольких словах")}
summary: {_text("what holds, and what follows from it", "что имеет место и что из этого следует")}
when: {{fact: {first}, is: true}}      # EXAMPLE: replace it
deadlines: []                    # id, from_fact (a date fact), days|months|years, text, sources; counted while it holds
legal_basis: []                  # the situation holds only while these laws are in force
sources: [{source}]              # EXAMPLE: the sources it rests on
# confidence: unconfirmed        # only to mark a claim weaker than its sources
reviewed: {NOT_REVIEWED.isoformat()}             # TODO: the day a lawyer checked it against its sources
# reviewed_against: [source-id, D7]              # what that review checked
"""


def _situation_cases(ident: str) -> str:
    cases = []
    for value, words in (("true", "it holds"), ("false", "it does not hold"), ("unknown", "a fact that decides it is unknown")):
        cases.append(
            f"""  - name: {ident}-{value}
    description: {_q(f"{PLACEHOLDER}: a client for whom {words}")}
    facts: {{}}
    expect:
      situations: {{{ident}: "{value}"}}
"""
        )
    return (
        f"# Scenario cases for the situation {ident}: when it holds, when it does not, and when it is unknown.\ncases:\n"
        + "".join(cases)
    )


def _fact(ident: str) -> str:
    return f"""# yaml-language-server: $schema=../../docs/schema/facts.json
# A new fact (docs/rule-format.md, "Facts").  Replace every TODO, then use it in a rule:
# `legalcli rules check` warns about a fact no rule reads.
facts:
  - id: {ident}
    type: choice                 # bool, choice, date, number or country
    short: {_text("a few words naming the fact, in lower case", "несколько слов, называющих факт, со строчной буквы")}
    question: {_text("the question as the lawyer asks it?", "вопрос, как его задаёт юрист?")}
    help: {_text("what the answer depends on, shown when the user types ?", "от чего зависит ответ; показывается по ?")}
    changeable: false            # true: he can change it by acting (get a document)
    sensitive: false             # true: it identifies or incriminates him; left out of redacted briefs
    # ask_if: {{fact: ..., is: ...}}   # ask only when this is not false
    choices:                     # for a choice fact; remove for the other types
      - value: first_value
        label: {_text("what people read for the first value", "что читают для первого значения")}
      - value: second_value
        label: {_text("what people read for the second value", "что читают для второго значения")}
"""
