"""The assessment as Markdown, built from the same data as the JSON output."""

from __future__ import annotations

from typing import Any

from legalcli.engine import Assessment
from legalcli.i18n import t
from legalcli.model import Lang
from legalcli.render.json_out import assessment_data


def _md(text: str) -> str:
    """Escape what Markdown would read as markup in user or rule text."""
    for char in "\\`*_[]<>#|":
        text = text.replace(char, "\\" + char)
    return text


def _conf(value: str, lang: Lang) -> str:
    return "" if value == "confirmed" else f" **[{t('conf.' + value, lang)}]**"


def _deadline(d: dict[str, Any], lang: Lang) -> str:
    if d["date"] is None:
        state = t("date_unknown", lang, fact=d["from_fact"])
    elif d["days_left"] < 0:
        state = f"{d['date']}, **{t('overdue', lang, n=-d['days_left'])}**"
    elif d["days_left"] == 0:
        state = f"{d['date']}, **{t('due_today', lang)}**"
    else:
        state = f"{d['date']}, {t('days_left', lang, n=d['days_left'])}"
    maybe = f" ({t('possible_deadline', lang)})" if d["applies"] == "possible" else ""
    return f"- `{d['id']}`: {state}{maybe} — {_md(d['text'])}{_conf(d['confidence'], lang)}"


def render_markdown(a: Assessment, lang: Lang) -> str:
    data = assessment_data(a, lang)
    pack = a.pack
    out: list[str] = []
    add = out.append
    add(f"# legalcli — {t('as_of', lang)} {data['as_of']}")
    add("")
    add(f"{t('pack', lang)}: {_md(pack.title.get(lang))} {pack.version}, {t('reviewed', lang)} {data['pack']['reviewed']}")
    add("")
    add(f"> {t('disclaimer', lang)}")
    for status in ("feasible", "undetermined", "blocked"):
        routes = [r for r in data["routes"] if r["status"] == status]
        if not routes:
            continue
        add("")
        add(f"## {t('status.' + status, lang)} ({len(routes)})")
        for r in routes:
            add("")
            add(f"### {_md(r['title'])} (`{r['id']}`){_conf(r['confidence'], lang)}")
            add("")
            add(_md(r["summary"]))
            if r["reasons"]:
                add("")
                for reason in r["reasons"]:
                    prefix = t("if_applies_blocked", lang) + " " if reason["kind"] == "conditional_block" else ""
                    add(f"- {prefix}{_md(reason['text'])}{_conf(reason['confidence'], lang)}")
            if r["deciding_facts"]:
                add("")
                add(f"{t('depends_on', lang)}: " + ", ".join(f"`{f}`" for f in r["deciding_facts"]))
            if r["opens_if"]:
                add("")
                options = f" {t('or', lang)} ".join(
                    " + ".join(f"`{k} = {v}`" for k, v in change.items()) for change in r["opens_if"]
                )
                add(f"{t('opens_if', lang)}: {options}")
            if r["risks"]:
                add("")
                add(f"**{t('risks', lang)}**")
                add("")
                for risk in r["risks"]:
                    basis = ", ".join(risk["legal_basis"])
                    add(
                        f"- [{t('severity.' + risk['severity'], lang)}, {t('risk.' + risk['status'], lang)}] "
                        f"{_md(risk['text'])}{_conf(risk['confidence'], lang)}" + (f" ({basis})" if basis else "")
                    )
            if r["deadlines"]:
                add("")
                add(f"**{t('deadlines', lang)}**")
                add("")
                out.extend(_deadline(d, lang) for d in r["deadlines"])
            if r["steps"] and status != "blocked":
                add("")
                add(f"**{t('steps', lang)}**")
                add("")
                out.extend(f"- {_md(s)}" for s in r["steps"])
    if data["deadlines"]:
        add("")
        add(f"## {t('general_deadlines', lang)}")
        add("")
        out.extend(_deadline(d, lang) for d in data["deadlines"])
    add("")
    add(f"## {t('questions', lang)}")
    add("")
    if data["next_questions"]:
        out.extend(f"{i}. {_md(q['question'])} (`{q['fact']}`)" for i, q in enumerate(data["next_questions"], 1))
    else:
        add(t("no_questions", lang))
    add("")
    add(f"> {t('disclaimer', lang)}")
    return "\n".join(out) + "\n"
