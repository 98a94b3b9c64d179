"""Limits checked on a validated document before anything runs: selection depth, alias count and field
count (fragments expanded, each fragment measured once). Introspection subtrees are bounded by the schema
and not counted."""
from __future__ import annotations

from dataclasses import dataclass

from graphql import (DocumentNode, FieldNode, FragmentDefinitionNode, FragmentSpreadNode, GraphQLError,
                     InlineFragmentNode, OperationDefinitionNode, SelectionSetNode)

INTROSPECTION = frozenset({"__schema", "__type"})


@dataclass(frozen=True)
class Cost:
    depth: int
    aliases: int
    fields: int


class _Measure:
    def __init__(self, fragments: dict[str, FragmentDefinitionNode]):
        self.fragments = fragments
        self.memo: dict[str, Cost] = {}

    def selection_set(self, sel: SelectionSetNode | None) -> Cost:
        depth = aliases = fields = 0
        if sel is None:
            return Cost(0, 0, 0)
        for node in sel.selections:
            if isinstance(node, FieldNode):
                if node.name.value in INTROSPECTION:
                    continue
                inner = self.selection_set(node.selection_set)
                depth = max(depth, 1 + inner.depth)
                aliases += inner.aliases + (1 if node.alias is not None else 0)
                fields += inner.fields + 1
            else:
                inner = (self.selection_set(node.selection_set) if isinstance(node, InlineFragmentNode)
                         else self.fragment(node))
                depth = max(depth, inner.depth)
                aliases += inner.aliases
                fields += inner.fields
        return Cost(depth, aliases, fields)

    def fragment(self, spread: FragmentSpreadNode) -> Cost:
        name = spread.name.value
        cost = self.memo.get(name)
        if cost is None:
            fragment = self.fragments.get(name)
            cost = self.memo[name] = self.selection_set(fragment.selection_set) if fragment else Cost(0, 0, 0)
        return cost


def measure(document: DocumentNode, operation: OperationDefinitionNode) -> Cost:
    fragments = {d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}
    return _Measure(fragments).selection_set(operation.selection_set)


def check(document: DocumentNode, operation: OperationDefinitionNode, settings) -> list[GraphQLError]:
    cost = measure(document, operation)
    found = []
    if cost.depth > settings.graphql_max_depth:
        found.append(GraphQLError(
            f"The query is too deep: {cost.depth} levels, the limit is {settings.graphql_max_depth}."))
    if cost.aliases > settings.graphql_max_aliases:
        found.append(GraphQLError(
            f"The query has too many aliases: {cost.aliases}, the limit is {settings.graphql_max_aliases}."))
    if cost.fields > settings.graphql_max_fields:
        found.append(GraphQLError(
            f"The query has too many fields: {cost.fields}, the limit is {settings.graphql_max_fields}."))
    return found
