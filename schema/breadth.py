"""Breadth-first execution of GraphQL queries: a validated operation becomes a selection tree for
`resolvers.engine`, which calls each batch function once per level; GraphQL's rules are then applied to
what comes back (errors with path and locations, null propagation to the nearest nullable parent).

graphql-core does the GraphQL parts that are not execution: parsing, validation, variable coercion, field
collection (fragments, inline fragments, @include/@skip, merging of same-named fields) and argument values.
Strawberry's argument conversion gives the batch functions the same Python values its own resolvers get.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from graphql import (DocumentNode, ExecutionResult, FieldNode, FragmentDefinitionNode, GraphQLError, GraphQLFloat,
                     GraphQLObjectType, GraphQLSchema, OperationDefinitionNode, OperationType, get_named_type,
                     is_abstract_type, is_leaf_type, is_list_type, is_non_null_type)
from graphql.execution.collect_fields import collect_fields, collect_sub_fields
from graphql.execution.values import get_argument_values, get_variable_values
from graphql.type import GraphQLField
from graphql.utilities import get_operation_ast
from strawberry.types.arguments import convert_arguments

from resolvers import engine
from schema.fields import ComputedSpec, RelationSpec, RootSpec, spec_of
from schema.permission_hook import guarded_root

STRAWBERRY_FIELD = "strawberry-definition"


class PlanError(Exception):
    """A field the breadth-first executor cannot run (no batch declared): run the stock execution."""


@dataclass(frozen=True)
class FieldInfo:
    """What GraphQL needs to report an error at a field."""

    parent_type: str
    field_name: str
    nodes: tuple[FieldNode, ...]
    items_required: bool


def wants_stock_execution(operation: OperationDefinitionNode) -> bool:
    """Mutations, subscriptions and introspection run through Strawberry's own execution."""
    if operation.operation != OperationType.QUERY:
        return True
    return any(isinstance(sel, FieldNode) and sel.name.value in ("__schema", "__type")
               for sel in operation.selection_set.selections)


async def execute(schema: Any, document: DocumentNode, *, context: Any, variables: dict[str, Any] | None = None,
                  operation_name: str | None = None) -> ExecutionResult:
    """Run a validated query document breadth-first. `schema` is the Strawberry schema."""
    gql: GraphQLSchema = schema._schema
    operation = get_operation_ast(document, operation_name)
    if operation is None:
        msg = (f"Unknown operation named '{operation_name}'." if operation_name
               else "Must provide operation name if query contains multiple operations.")
        return ExecutionResult(None, [GraphQLError(msg)])
    coerced = get_variable_values(gql, operation.variable_definitions or (), variables or {}, max_errors=50)
    if isinstance(coerced, list):
        return ExecutionResult(None, coerced)
    fragments = {d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}
    planner = Planner(schema, fragments, coerced)
    query_type = gql.query_type
    assert query_type is not None
    selection = planner.root(query_type, operation)
    result = await engine.run(context, selection, [{}])
    data = result.objects[0]
    if not result.failed:
        return ExecutionResult(data, None)
    finished, errs = Finisher(result.typed).finish(selection, data)
    return ExecutionResult(finished, errs or None)


class Planner:
    """A validated operation as an engine selection tree."""

    def __init__(self, schema: Any, fragments: dict[str, FragmentDefinitionNode], variables: dict[str, Any]):
        self.schema = schema
        self.gql: GraphQLSchema = schema._schema
        self.fragments = fragments
        self.variables = variables

    def root(self, query_type: GraphQLObjectType, operation: OperationDefinitionNode) -> engine.Selection:
        fields = collect_fields(self.gql, self.fragments, self.variables, query_type, operation.selection_set)
        return self._selection(query_type, fields)

    def _selection(self, parent: GraphQLObjectType, fields: dict[str, list[FieldNode]]) -> engine.Selection:
        return engine.Selection([self._field(parent, key, nodes) for key, nodes in fields.items()])

    def _field(self, parent: GraphQLObjectType, key: str, nodes: list[FieldNode]) -> engine.Leaf | engine.Branch:
        name = nodes[0].name.value
        if name == "__typename":
            return engine.Leaf(key, constant=parent.name)
        field_def: GraphQLField = parent.fields[name]
        sfield = field_def.extensions[STRAWBERRY_FIELD]
        spec = spec_of(sfield)
        return_type = field_def.type
        named = get_named_type(return_type)
        if isinstance(spec, ComputedSpec):
            return engine.Leaf(key, compute=spec.fn)
        if spec is None and is_leaf_type(named):
            if sfield.base_resolver is not None:
                raise PlanError(f"{parent.name}.{name} has a resolver but no batch")
            if named is GraphQLFloat:
                return engine.Leaf(key, compute=float_column(sfield.python_name))
            return engine.Leaf(key, column=sfield.python_name)
        nullable_type = return_type.of_type if is_non_null_type(return_type) else return_type
        many = is_list_type(nullable_type)
        items_required = many and is_non_null_type(nullable_type.of_type)
        info = FieldInfo(parent.name, name, tuple(nodes), items_required)
        selection = None if is_leaf_type(named) else self._sub_selection(named, nodes)
        branch = engine.Branch(key, selection, many=many, required=is_non_null_type(return_type), info=info)
        if spec is None:
            if sfield.base_resolver is not None:
                raise PlanError(f"{parent.name}.{name} has a resolver but no batch")
            branch.column = sfield.python_name
            return branch
        args = self._arguments(field_def, sfield, nodes[0])
        if isinstance(spec, RelationSpec):
            branch.load = engine.Load(spec.batch, spec.key, {**spec.fixed, **args})
        elif isinstance(spec, RootSpec):
            branch.load = engine.Load(root_batch(guarded_root(spec.fn, parent.name, name)), None,
                                      {**spec.fixed, **args})
        else:
            raise PlanError(f"{parent.name}.{name}: unknown field spec {spec!r}")
        return branch

    def _sub_selection(self, named: Any, nodes: list[FieldNode]) -> engine.Selection | engine.Typed:
        if is_abstract_type(named):
            by_type = {t.name: self._selection(t, collect_sub_fields(self.gql, self.fragments, self.variables, t,
                                                                    nodes))
                       for t in self.gql.get_possible_types(named)}
            return engine.Typed(kind_of, by_type)
        return self._selection(named, collect_sub_fields(self.gql, self.fragments, self.variables, named, nodes))

    def _arguments(self, field_def: GraphQLField, sfield: Any, node: FieldNode) -> dict[str, Any]:
        if not field_def.args:
            return {}
        raw = get_argument_values(field_def, node, self.variables)
        return convert_arguments(raw, sfield.arguments, scalar_registry=self.schema.schema_converter.scalar_registry,
                                 config=self.schema.config)


@lru_cache(maxsize=None)
def float_column(column: str) -> Any:
    """A Float leaf read as GraphQL serializes it: an integer stored in a float column is written 1.0."""
    def read(row: dict[str, Any]) -> float | None:
        value = row[column]
        return None if value is None else float(value)

    return read


def kind_of(row: dict[str, Any]) -> str:
    """The GraphQL type of a row under an interface: rows of abstract positions carry it as `kind`."""
    return row["kind"]


@lru_cache(maxsize=None)
def root_batch(fn: Any) -> Any:
    """A root resolver `fn(ctx, **args)` as a batch over the (single) root object."""
    async def batch(ctx: Any, roots: list[Any], **args: Any) -> list[Any]:
        return [await fn(ctx, **args) for _ in roots]

    batch.__qualname__ = f"root_batch({getattr(fn, '__qualname__', fn)})"
    return batch


_NULLED = object()  # an object that became null because a required field of it is null


class Finisher:
    """GraphQL's second pass over an answer holding failures: each failure becomes an error (path,
    locations) and a null, propagated up to the nearest nullable position. Shared objects are copied, never
    changed in place (the engine shares one dict between the parents of a to-one relation)."""

    def __init__(self, typed: dict[int, engine.Selection]):
        self.typed = typed
        self.errors: list[GraphQLError] = []
        self.path: list[str | int] = []

    def finish(self, selection: engine.Selection, data: dict[str, Any]) -> tuple[dict | None, list[GraphQLError]]:
        out = self._object(selection, data)
        return (None if out is _NULLED else out), self.errors

    def _object(self, selection: engine.Selection | engine.Typed, obj: dict[str, Any]) -> Any:
        if isinstance(selection, engine.Typed):
            selection = self.typed[id(obj)]
        copy = None
        for branch in selection.branches:
            value = obj[branch.key]
            self.path.append(branch.key)
            new, ok = self._value(branch, value)
            self.path.pop()
            if not ok:
                return _NULLED
            if new is not value:
                if copy is None:
                    copy = dict(obj)
                copy[branch.key] = new
        return obj if copy is None else copy

    def _value(self, branch: engine.Branch, value: Any) -> tuple[Any, bool]:
        """The finished value and whether the position may hold it (False: null where null is refused)."""
        if type(value) is engine.Failure:
            self._error(branch, value.error)
            return None, not branch.required
        if value is None or branch.selection is None:
            return value, True
        if branch.many:
            return self._list(branch, value)
        new = self._object(branch.selection, value)
        if new is _NULLED:
            return None, not branch.required
        return new, True

    def _list(self, branch: engine.Branch, items: list[Any]) -> tuple[Any, bool]:
        copy = None
        for i, item in enumerate(items):
            self.path.append(i)
            new = self._object(branch.selection, item)
            self.path.pop()
            if new is _NULLED:
                if branch.info.items_required:
                    return None, not branch.required
                new = None
            if new is not item:
                if copy is None:
                    copy = list(items)
                copy[i] = new
        return (items if copy is None else copy), True

    def _error(self, branch: engine.Branch, error: Exception) -> None:
        info: FieldInfo = branch.info
        message = str(error)
        if isinstance(error, engine.NullValue):
            message = f"Cannot return null for non-nullable field {info.parent_type}.{info.field_name}."
        self.errors.append(GraphQLError(message, nodes=list(info.nodes), path=list(self.path),
                                        original_error=error))
