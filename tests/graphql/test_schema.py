"""The API's one definition: the checked-in SDL is the code's, and every field can run breadth-first."""
from __future__ import annotations

from pathlib import Path

from graphql import GraphQLObjectType, is_leaf_type, get_named_type

from schema.breadth import STRAWBERRY_FIELD
from schema.fields import ComputedSpec, RelationSpec, RootSpec, spec_of
from schema.schema import schema

SDL = Path(__file__).resolve().parents[2] / "schema.graphql"

DOMAIN_TYPES = """Project ProjectStatus Episode Sequence Shot Scene Edit Asset AssetType CastingLink AssetInstance Task
TaskType TaskStatus Person Department Organisation TimeSpent DayOff Budget BudgetEntry SalaryScale PreviewFile
WorkingFile OutputFile OutputType Software FileStatus MetadataDescriptor SearchFilter SearchFilterGroup News Comment
Notification""".split()


def test_checked_in_sdl_is_the_schema():
    assert SDL.read_text().strip() == schema.as_str().strip(), (
        "schema.graphql is stale: regenerate it with `trackql schema > schema.graphql`")


def test_every_domain_type_is_in_the_schema():
    missing = [t for t in DOMAIN_TYPES if schema._schema.get_type(t) is None]
    assert missing == []


def test_every_field_has_a_breadth_first_resolution():
    """A field with a resolver declares a batch (relation, computed, root); the others read their key."""
    unplanned = []
    for name, gql_type in schema._schema.type_map.items():
        if name.startswith("__") or not isinstance(gql_type, GraphQLObjectType) or name == "Mutation":
            continue
        for field_name, field in gql_type.fields.items():
            sfield = field.extensions.get(STRAWBERRY_FIELD)
            spec = spec_of(sfield)
            if sfield.base_resolver is not None and not isinstance(spec, (RelationSpec, ComputedSpec, RootSpec)):
                unplanned.append(f"{name}.{field_name}")
            if name == "Query" and not isinstance(spec, RootSpec):
                unplanned.append(f"{name}.{field_name} (root field without a root resolver)")
            if spec is None and not is_leaf_type(get_named_type(field.type)) and sfield.python_name is None:
                unplanned.append(f"{name}.{field_name}")
    assert unplanned == []
