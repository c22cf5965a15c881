"""`legalcli tree`: the interview's question policy explored over every answer.

Depth-bounded; identical sub-trees (same question, same answers, same outcome below)
are built once and shared, so the drawing shows each distinct branch once.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from legalcli.core.conditions import Value
from legalcli.core.engine import assess, candidate_values
from legalcli.core.interview import next_question
from legalcli.core.model import Pack
from legalcli.i18n import Lang, t

MAX_NODES = 4000
# Route weighings for a whole tree, counted as two per route at each node (build_tree):
# 60 routes allow 2,500 nodes, the shipped pack's 34 routes MAX_NODES.
MAX_WORK = 300_000


@dataclass(frozen=True, slots=True)
class Leaf:
    feasible: tuple[str, ...]
    undetermined: int
    blocked: int
    truncated: bool

    @property
    def key(self) -> str:
        return f"leaf:{','.join(self.feasible)}:{self.undetermined}:{self.blocked}:{self.truncated}"


@dataclass(frozen=True, slots=True)
class Question:
    fact: str
    branches: tuple[tuple[str, TreeNode], ...]  # (answer label key, child)
    key: str


TreeNode = Leaf | Question


def _answers(pack: Pack, fact_id: str) -> list[Value | None]:
    fact = pack.facts[fact_id]
    values: list[Value | None] = list(candidate_values(fact, pack))
    return [*values, None]  # None: "don't know"


def build_tree(pack: Pack, *, as_of: dt.date, max_depth: int = 6) -> TreeNode:
    shared: dict[str, TreeNode] = {}
    # Each node weighs every route for the interview's next question (its status, and
    # every status an answer may still give it), and a leaf assesses every route once
    # more: two weighings per route per node at most.  The budget is in those, so a
    # large pack gets a shallower tree (its leaves marked as cut) instead of minutes.
    budget = [min(MAX_NODES, MAX_WORK // max(1, 2 * len(pack.routes)))]

    def leaf(facts: dict[str, Value], truncated: bool) -> Leaf:
        a = assess(pack, facts, as_of=as_of, detail=False)
        return Leaf(
            tuple(r.route.id for r in a.routes if r.status == "feasible"),
            sum(1 for r in a.routes if r.status == "undetermined"),
            sum(1 for r in a.routes if r.status == "blocked"),
            truncated,
        )

    def grow(facts: dict[str, Value], asked: tuple[str, ...], depth: int) -> TreeNode:
        budget[0] -= 1
        # The interview's own choice of the next question (core/interview.py), so that
        # the tree draws what the interview asks.
        found = next_question(pack, facts, as_of=as_of, asked=asked)
        if found is None:
            node: TreeNode = leaf(facts, False)
        elif depth >= max_depth or budget[0] <= 0:
            node = leaf(facts, True)
        else:
            fact = found[0]
            branches = []
            for value in _answers(pack, fact):
                child_facts = dict(facts) if value is None else {**facts, fact: value}
                label = "?" if value is None else _value_key(value)
                branches.append((label, grow(child_facts, (*asked, fact), depth + 1)))
            key = f"q:{fact}:" + "|".join(f"{label}={child.key}" for label, child in branches)
            node = Question(fact, tuple(branches), key)
        return shared.setdefault(node.key, node)

    return grow({}, (), 0)


def _value_key(value: Value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _label(pack: Pack, fact_id: str, key: str, lang: Lang) -> str:
    if key == "?":
        return t("tree.dont_know", lang)
    fact = pack.facts[fact_id]
    for choice in fact.choices:
        if choice.value == key:
            return choice.label.get(lang)
    if fact.type == "bool":
        return t("yes" if key == "true" else "no", lang)
    return key


def _leaf_words(node: Leaf, lang: Lang) -> str:
    feasible = ", ".join(node.feasible) or "—"
    text = t("tree.leaf", lang, feasible=feasible, undetermined=node.undetermined, blocked=node.blocked)
    return text + (t("tree.truncated", lang) if node.truncated else "")


def render_tree(root: TreeNode, pack: Pack, lang: Lang, fmt: str) -> str:
    if fmt == "text":
        return _text(root, pack, lang)
    return _graph(root, pack, lang, fmt)


def _text(root: TreeNode, pack: Pack, lang: Lang) -> str:
    lines: list[str] = []
    numbers: dict[str, int] = {}

    def walk(node: TreeNode, indent: str) -> None:
        if isinstance(node, Leaf):
            lines.append(f"{indent}⇒ {_leaf_words(node, lang)}")
            return
        if node.key in numbers:
            lines.append(f"{indent}↺ {t('tree.same_as', lang)}{numbers[node.key]}")
            return
        numbers[node.key] = len(numbers) + 1
        question = pack.facts[node.fact].question.get(lang)
        lines.append(f"{indent}#{numbers[node.key]} {question} [{node.fact}]")
        for label, child in node.branches:
            lines.append(f"{indent}  = {_label(pack, node.fact, label, lang)}")
            walk(child, indent + "    ")

    walk(root, "")
    return "\n".join(lines) + "\n"


def _dot_label(text: str) -> str:
    """Text for inside a DOT "…" label.  A backslash is doubled: DOT reads \\N, \\l and the
    like in labels, and a question ending in \\ would escape the closing quote and let the
    rest of the line out of the label.  A quote is escaped; a line break is DOT's \\n."""
    text = text.replace("\\", "\\\\").replace('"', '\\"')
    return text.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")


def _mermaid_label(text: str) -> str:
    """Text for inside a Mermaid "…" label.  Mermaid has no backslash escapes, only entity
    codes (#quot;): the quote, and what Mermaid or its HTML labels would read (#, the
    backslash, < and >), become codes; a line break, which would end the statement, a
    space."""
    text = text.replace("#", "#35;")
    for char, code in (('"', "#quot;"), ("\\", "#92;"), ("<", "#lt;"), (">", "#gt;"), ("\r", " "), ("\n", " ")):
        text = text.replace(char, code)
    return text


def _graph(root: TreeNode, pack: Pack, lang: Lang, fmt: str) -> str:
    ids: dict[str, str] = {}
    nodes: list[str] = []
    edges: list[str] = []

    quote = _mermaid_label if fmt == "mermaid" else _dot_label

    def visit(node: TreeNode) -> str:
        if node.key in ids:
            return ids[node.key]
        name = f"n{len(ids)}"
        ids[node.key] = name
        if isinstance(node, Leaf):
            label = quote(_leaf_words(node, lang))
            nodes.append(
                f'  {name}(["{label}"])' if fmt == "mermaid" else f'  {name} [shape=box, style=rounded, label="{label}"];'
            )
            return name
        label = quote(pack.facts[node.fact].question.get(lang))
        nodes.append(f'  {name}{{"{label}"}}' if fmt == "mermaid" else f'  {name} [shape=diamond, label="{label}"];')
        for answer, child in node.branches:
            target = visit(child)
            text = quote(_label(pack, node.fact, answer, lang))
            edges.append(f'  {name} -->|"{text}"| {target}' if fmt == "mermaid" else f'  {name} -> {target} [label="{text}"];')
        return name

    visit(root)
    if fmt == "mermaid":
        return "flowchart TD\n" + "\n".join(nodes + edges) + "\n"
    return "digraph legalcli {\n" + "\n".join(nodes + edges) + "\n}\n"
