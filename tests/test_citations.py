"""The pack's citations as a lawyer would check them: full addresses, no internal names."""

from __future__ import annotations

import re

from legalcli.core.model import Pack

INTERNAL = re.compile(r"\b(seed|Pavel|Павел|the article)\b|статья-источник|по данным статьи", re.IGNORECASE)


def test_every_source_address_is_whole(pack: Pack) -> None:
    """A truncated address (the brief's "…" or "..." or a bare site) cannot be checked."""
    for source in pack.source_list:
        if source.kind == "seed":
            continue
        assert source.url, source.id
        assert "..." not in source.url and "…" not in source.url, source.id
        path = re.sub(r"^https?://[^/]+", "", source.url)
        # A bare site is a reference only where the site itself is the point (a portal),
        # and the source's note says so.
        assert path.strip("/") or source.note is not None, f"{source.id}: only a site, not the page"


def test_no_internal_names_in_texts_a_client_reads(pack: Pack) -> None:
    texts = []
    for route in pack.route_list:
        texts += [route.title, route.summary, *route.steps, *route.documents]
        texts += [c.because for c in (*route.requires, *route.blocked_if, *route.unsettled_if)]
        texts += [r.text for r in route.risks] + [d.text for d in route.deadlines]
    for situation in pack.situation_list:
        texts += [situation.title, *([situation.summary] if situation.summary else [])]
        texts += [d.text for d in situation.deadlines]
    for fact in pack.fact_list:
        texts += [fact.question, *([fact.help] if fact.help else [])]
    for country in pack.country_list:
        texts += [v.note for a in country.attributes for v in a.values]
    for text in texts:
        for words in (text.en, text.ru):
            assert not INTERNAL.search(words), words


def test_a_minor_gravity_crime_is_called_so(pack: Pack) -> None:
    """Art. 332 part 2.1 (at most 3 years) is of minor gravity (Art. 15(2)) wherever gravity is named."""
    law = pack.laws["uk-rf-332"]
    assert law.penalties is not None and "minor gravity" in law.penalties.en and "небольшой тяжести" in law.penalties.ru
