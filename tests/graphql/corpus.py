"""Queries run by both executions in test_differential.py. Each case names the caller's role and, when the
case is about errors, the codes its answer must hold (so a case cannot pass by answering nothing)."""
from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from world import World

NO_VARS: Callable[[World], dict[str, Any]] = lambda w: {}  # noqa: E731


@dataclass(frozen=True)
class Case:
    name: str
    query: str
    as_: str | None = "admin"
    variables: Callable[[World], dict[str, Any]] = NO_VARS
    operation_name: str | None = None
    codes: frozenset[str] = field(default_factory=frozenset)  # error codes the answer must carry
    data_null: bool = False  # the whole answer's data must be null


def main_id(w: World) -> dict[str, Any]:
    return {"id": str(w.main.project["id"])}


def other_id(w: World) -> dict[str, Any]:
    return {"id": str(w.other.project["id"])}


NESTED = """query($id: ID!) { project(id: $id) { episodes { sequences { shots {
  name casting { asset { name assetType { name } } nbOccurences }
  tasks { taskType { name } taskStatus { shortName } assignees { fullName } } } } } } }"""

SHOT_FIELDS = "fragment ShotFields on Shot { id name nbFrames canceled data createdAt updatedAt }"

CASES = [
    # --- basics, roots, scalars
    Case("me", "{ me { id firstName lastName fullName email role active isBot createdAt __typename } }"),
    Case("me_as_artist", "{ me { fullName role } }", as_="user"),
    Case("typename_root", "{ __typename }"),
    Case("projects_admin", "{ projects { totalCount nodes { name code productionType data startDate } } }"),
    Case("projects_artist", "{ projects { totalCount nodes { name } } }", as_="user"),
    Case("projects_outsider", "{ projects { totalCount nodes { name } } }", as_="outsider"),
    Case("projects_manager_two_teams", "{ projects { totalCount nodes { name team { firstName } } } }",
         as_="manager"),
    Case("projects_edges", "{ projects(first: 1) { edges { cursor node { name } } "
                           "pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }"),
    Case("projects_second_page", "query($after: String) { projects(first: 1, after: $after) { "
                                 "nodes { name } pageInfo { hasPreviousPage hasNextPage } } }",
         variables=lambda w: {"after": "Y3Vyc29yOjA="}),
    Case("projects_name_filter", '{ projects(name: "main") { totalCount nodes { name } } }'),
    Case("projects_status_filter", '{ open: projects(status: "Open") { totalCount } '
                                   'closed: projects(status: "closed") { totalCount } }'),
    Case("project_status", "query($id: ID!) { project(id: $id) { status { name color } } }", variables=main_id),
    Case("project_statuses", "{ projectStatuses { name } }"),
    Case("task_types_root", '{ taskTypes(forEntity: "Shot") { name priority forEntity } }'),
    Case("task_statuses_root", "{ taskStatuses { name shortName isDone color } }"),
    Case("asset_types_root", "{ assetTypes { name } }"),
    # --- the production view, lists of lists
    Case("nested_admin", NESTED, variables=main_id),
    Case("nested_artist", NESTED, as_="user", variables=main_id),
    Case("nested_supervisor", NESTED, as_="supervisor", variables=main_id),
    Case("project_lists", "query($id: ID!) { project(id: $id) { name shots { name } sequences { name } "
                          "episodes { name } assets { name canceled } scenes { name } edits { name } } }",
         variables=main_id),
    Case("project_team_and_types", "query($id: ID!) { project(id: $id) { team { fullName role } "
                                   "taskTypes { name } taskStatuses { name } assetTypes { name } } }",
         variables=main_id),
    Case("deep_lists", "query($id: ID!) { project(id: $id) { episodes { sequences { shots { tasks { "
                       "assignees { fullName tasks { taskType { name } } } } } } } } }", variables=main_id),
    Case("to_one_chains", "query($id: ID!) { project(id: $id) { shots { sequence { name episode { name "
                          "project { name } } } } } }", variables=main_id),
    Case("asset_cast_in", "query($id: ID!) { project(id: $id) { assets { name assetType { name } "
                          "castIn { nbOccurences label entity { __typename name } } } } }", variables=main_id),
    Case("asset_casting_empty", "query($id: ID!) { project(id: $id) { assets { casting { id } } } }",
         variables=main_id),
    Case("episode_casting", "query($id: ID!) { project(id: $id) { episodes { casting { id } edits { name } "
                            "sequences { scenes { name sequence { name } } } } } }", variables=main_id),
    Case("shot_by_id", "query($id: ID!) { shot(id: $id) { name sequence { name } project { name } "
                       "tasks { taskType { name } } } }",
         variables=lambda w: {"id": str(w.main.shots[3]["id"])}),
    Case("sequence_by_id", "query($id: ID!) { sequence(id: $id) { name shots { name } episode { name } } }",
         variables=lambda w: {"id": str(w.main.sequences[1]["id"])}),
    Case("episode_by_id", "query($id: ID!) { episode(id: $id) { name sequences { name } } }",
         variables=lambda w: {"id": str(w.main.episodes[0]["id"])}),
    Case("asset_by_id", "query($id: ID!) { asset(id: $id) { name assetType { name } episode { name } } }",
         variables=lambda w: {"id": str(w.main.assets[0]["id"])}),
    Case("scene_and_edit", "query($s: ID!, $e: ID!) { scene(id: $s) { name sequence { name } } "
                           "edit(id: $e) { name episode { name } } }",
         variables=lambda w: {"s": str(w.scene["id"]), "e": str(w.edit["id"])}),
    Case("task_by_id", "query($id: ID!) { task(id: $id) { name duration dueDate entity { name } "
                       "taskType { name } taskStatus { name } assignees { fullName } assigner { id } "
                       "project { name } } }",
         variables=lambda w: {"id": str(w.main.tasks[4]["id"])}),
    Case("person_by_id", "query($id: ID!) { person(id: $id) { fullName tasks { entity { name } } } }",
         variables=lambda w: {"id": str(w.main.artists[0]["id"])}),
    Case("task_type_and_status_by_id", "query($t: ID!, $s: ID!) { taskType(id: $t) { name } "
                                       "taskStatus(id: $s) { shortName } }",
         variables=lambda w: {"t": str(w.main.tasks[0]["task_type_id"]),
                              "s": str(w.main.tasks[0]["task_status_id"])}),
    # --- root connections and filters
    Case("shots_connection", "query($p: ID!) { shots(projectId: $p, first: 5) { totalCount "
                             "edges { cursor node { name } } pageInfo { hasNextPage endCursor } } }",
         variables=lambda w: {"p": str(w.main.project["id"])}),
    Case("shots_by_sequence", "query($s: ID!) { shots(sequenceId: $s) { nodes { name } } }",
         variables=lambda w: {"s": str(w.main.sequences[0]["id"])}),
    Case("shots_by_episode", "query($e: ID!) { shots(episodeId: $e) { totalCount nodes { name } } }",
         variables=lambda w: {"e": str(w.main.episodes[1]["id"])}),
    Case("shots_name_search", '{ shots(name: "sh0001") { totalCount nodes { name project { name } } } }'),
    Case("shots_canceled", "{ shots(canceled: true) { totalCount nodes { name canceled } } }"),
    Case("sequences_of_episode", "query($e: ID!) { sequences(episodeId: $e) { nodes { name episode { name } } } }",
         variables=lambda w: {"e": str(w.main.episodes[0]["id"])}),
    Case("episodes_connection", "query($p: ID!) { episodes(projectId: $p) { totalCount nodes { name } } }",
         variables=lambda w: {"p": str(w.main.project["id"])}),
    Case("assets_by_type", "query($p: ID!, $t: ID!) { assets(projectId: $p, assetTypeId: $t) { "
                           "nodes { name assetType { name } } } }",
         variables=lambda w: {"p": str(w.main.project["id"]), "t": str(w.main.assets[0]["entity_type_id"])}),
    Case("scenes_edits_connections", "{ scenes { nodes { name } } edits { totalCount nodes { name } } }"),
    Case("tasks_connection_filters", "query($p: ID!, $s: ID!) { tasks(projectId: $p, taskStatusId: $s) { "
                                     "totalCount nodes { taskStatus { shortName } entity { name } } } }",
         variables=lambda w: {"p": str(w.main.project["id"]), "s": str(w.main.tasks[0]["task_status_id"])}),
    Case("tasks_by_assignee", "query($a: ID!) { tasks(assigneeId: $a, first: 3) { totalCount nodes { id } } }",
         variables=lambda w: {"a": str(w.main.artists[1]["id"])}),
    Case("tasks_updated_since", "query($since: DateTime) { tasks(updatedSince: $since, first: 2) { "
                                "totalCount nodes { updatedAt } } }",
         variables=lambda w: {"since": "2025-03-01T09:30:20"}),
    Case("entity_interface_list", "query($p: ID!) { tasks(projectId: $p, first: 6) { nodes { entity { "
                                  "__typename id name ... on Shot { nbFrames sequence { name } } "
                                  "... on Asset { assetType { name } } } } } }",
         variables=lambda w: {"p": str(w.main.project["id"])}),
    Case("first_zero", "{ projects(first: 0) { totalCount nodes { name } pageInfo { hasNextPage } } }"),
    # --- fragments, aliases, directives, variables
    Case("fragments", SHOT_FIELDS + " query($id: ID!) { project(id: $id) { shots { ...ShotFields } } }",
         variables=main_id),
    Case("nested_fragments", "fragment T on Task { id taskType { ...TT } } fragment TT on TaskType { name color } "
                             "fragment S on Shot { name tasks { ...T } } "
                             "query($id: ID!) { project(id: $id) { shots { ...S } } }", variables=main_id),
    Case("inline_fragments_on_interface", "query($id: ID!) { entity(id: $id) { __typename name "
                                          "... on Shot { sequence { name } } ... on Asset { assetType { name } } } }",
         variables=lambda w: {"id": str(w.main.shots[0]["id"])}),
    Case("inline_fragment_asset", "query($id: ID!) { entity(id: $id) { __typename "
                                  "... on Shot { nbFrames } ... on Asset { assetType { name } } } }",
         variables=lambda w: {"id": str(w.main.assets[1]["id"])}),
    Case("inline_fragment_without_type", "query($id: ID!) { project(id: $id) { ... { name } "
                                         "... @include(if: true) { code } } }", variables=main_id),
    Case("aliases", "query($a: ID!, $b: ID!) { first: project(id: $a) { title: name } "
                    "second: project(id: $b) { title: name n: name } }",
         variables=lambda w: {"a": str(w.main.project["id"]), "b": str(w.other.project["id"])}),
    Case("aliases_same_relation_different_args", 'query($id: ID!) { project(id: $id) { all: shots { name } '
                                                 'some: shots(name: "sh0000") { name } '
                                                 'none: shots(name: "nothing") { name } } }', variables=main_id),
    Case("merged_fields", "query($id: ID!) { project(id: $id) { shots { name } shots { nbFrames } "
                          "... on Project { shots { id } } } }", variables=main_id),
    Case("include_true_skip_false", "query($id: ID!, $yes: Boolean!) { project(id: $id) { "
                                    "name @include(if: $yes) code @skip(if: $yes) "
                                    "shots @include(if: $yes) { name } } }",
         variables=lambda w: {**main_id(w), "yes": True}),
    Case("include_false", "query($id: ID!, $yes: Boolean!) { project(id: $id) { "
                          "name @include(if: $yes) shots @include(if: $yes) { name } id } }",
         variables=lambda w: {**main_id(w), "yes": False}),
    Case("directive_on_fragment_spread", "fragment F on Project { name } query($id: ID!, $no: Boolean = false) { "
                                         "project(id: $id) { id ...F @include(if: $no) } }", variables=main_id),
    Case("variable_defaults", "query($first: Int = 2) { projects(first: $first) { nodes { name } } }"),
    Case("typename_everywhere", "query($id: ID!) { __typename project(id: $id) { __typename "
                                "shots { __typename casting { __typename asset { __typename } } } } "
                                "projects(first: 1) { __typename edges { __typename } pageInfo { __typename } } }",
         variables=main_id),
    Case("operation_name", "query A { me { id } } query B { projects { totalCount } }", operation_name="B"),
    # --- visibility per role
    Case("vendor_sees_assigned_shots", "query($p: ID!) { shots(projectId: $p) { totalCount nodes { name } } "
                                       "tasks(projectId: $p) { totalCount nodes { id } } }", as_="vendor",
         variables=lambda w: {"p": str(w.main.project["id"])}),
    Case("vendor_project_tree", "query($id: ID!) { project(id: $id) { episodes { sequences { shots { name "
                                "tasks { id } } } } } }", as_="vendor", variables=main_id),
    Case("client_blanked_tasks", "query($id: ID!) { project(id: $id) { shots { tasks { duration estimation "
                                 "priority dueDate difficulty assignees { id } assigner { id } } } } }",
         as_="client", variables=main_id),
    Case("promoted_manager_sees", "query($id: ID!) { project(id: $id) { name team { firstName } } }",
         as_="promoted", variables=main_id),
    # --- the rest of the domain
    Case("budgets_manager", "query($id: ID!) { project(id: $id) { budgets { name revision currency "
                            "entries { dailySalary monthsDuration startDate exceptions department { name } "
                            "person { fullName } } project { name } } } }", as_="manager", variables=main_id),
    Case("budgets_forbidden_for_artist", "query($id: ID!) { project(id: $id) { name budgets { name } } }",
         as_="user", variables=main_id, codes=frozenset({"FORBIDDEN"})),
    Case("budgets_errors_inside_list", "{ projects { nodes { name budgets { name entries { dailySalary } } } } }",
         as_="manager", codes=frozenset({"FORBIDDEN"})),
    Case("budgets_promoted_manager", "query($id: ID!) { project(id: $id) { budgets { name } } }", as_="promoted",
         variables=main_id),
    Case("time_spents_own", '{ me { timeSpents(from: "2025-03-01", to: "2025-03-31") { duration date '
                            'task { entity { name } } person { fullName } } } }', as_="user"),
    Case("time_spents_admin_range", 'query($id: ID!) { project(id: $id) { team { firstName '
                                    'timeSpents(from: "2025-03-04", to: "2025-03-06") { duration date } } } }',
         variables=main_id),
    Case("time_spents_manager_sees_managed_projects", "{ projects { nodes { team { firstName "
                                                      "timeSpents { duration task { project { name } } } } } } }",
         as_="manager"),
    Case("time_spents_artist_forbidden_for_others", "query($id: ID!) { project(id: $id) { team { "
                                                    "firstName timeSpents { duration } } } }", as_="user",
         variables=main_id, codes=frozenset({"FORBIDDEN"})),
    Case("task_time_spents", "query($id: ID!) { project(id: $id) { shots { tasks { timeSpents { duration "
                             "person { firstName } } } } } }", variables=main_id),
    Case("day_offs_by_role", 'query($id: ID!) { project(id: $id) { team { firstName '
                             'dayOffs(from: "2025-03-01") { date endDate description } } } }', as_="supervisor",
         variables=main_id, codes=frozenset({"FORBIDDEN"})),
    Case("day_offs_manager", "query($id: ID!) { project(id: $id) { team { dayOffs { description person { id } } } } }",
         as_="manager", variables=main_id),
    Case("day_offs_to_filter", 'query($id: ID!) { project(id: $id) { team { dayOffs(to: "2025-03-09") { date } } } }',
         variables=main_id),
    Case("person_departments", "query($id: ID!) { project(id: $id) { team { firstName departments { name } } } }",
         variables=main_id),
    Case("persons_redacted_for_artist", "{ persons(name: \"world\") { totalCount nodes { firstName email phone "
                                        "contractType dailySalary role } } }", as_="user"),
    Case("persons_full_for_manager", "{ persons(role: \"user\", first: 3) { nodes { email contractType "
                                     "dailySalary } } }", as_="manager"),
    Case("persons_for_client", "{ persons { totalCount nodes { firstName } } }", as_="client"),
    Case("persons_filters", "query($d: ID!) { persons(departmentId: $d, active: true) { totalCount "
                            "nodes { firstName departments { name } } } }",
         variables=lambda w: {"d": str(w.departments[0]["id"])}),
    Case("person_outside_teams_for_client", "query($id: ID!) { person(id: $id) { firstName } }", as_="client",
         variables=lambda w: {"id": str(w.people["outsider"]["id"])}, codes=frozenset({"FORBIDDEN"})),
    Case("comments", "query($id: ID!) { project(id: $id) { shots { tasks { comments { text pinned links "
                     "forClient person { firstName } taskStatus { shortName } editor { id } previewFile { id } "
                     "} } } } }", variables=main_id),
    Case("comments_for_client", "query($id: ID!) { project(id: $id) { shots { tasks { comments { text } } } } }",
         as_="client", variables=main_id),
    Case("news", "query($id: ID!) { project(id: $id) { news(limit: 2) { change author { firstName } "
                 "task { name } comment { text } previewFile { id } } } }", variables=main_id),
    Case("news_for_vendor", "query($id: ID!) { project(id: $id) { news { task { id } } } }", as_="vendor",
         variables=main_id),
    Case("notifications_own", "{ me { notifications { type read author { firstName } task { name } "
                              "comment { text } } } }", as_="user"),
    Case("notifications_of_others_forbidden", "query($id: ID!) { project(id: $id) { team { firstName "
                                              "notifications { id } } } }", as_="user", variables=main_id,
         codes=frozenset({"FORBIDDEN"})),
    Case("search_filters", "{ me { searchFilters { name searchQuery group { name } project { name } } "
                           "searchFilterGroups { name color searchFilters { name } } } }", as_="user"),
    Case("search_filters_of_others", "query($id: ID!) { project(id: $id) { team { searchFilters { name } } } }",
         as_="manager", variables=main_id, codes=frozenset({"FORBIDDEN"})),
    Case("metadata_descriptors", "query($id: ID!) { project(id: $id) { metadataDescriptors { name fieldName "
                                 "entityType dataType forClient departments { name } project { name } } } }",
         variables=main_id),
    Case("metadata_for_client_and_vendor", "query($id: ID!) { project(id: $id) { "
                                           "metadataDescriptors(entityType: \"Shot\") { name } } }",
         as_="client", variables=main_id),
    Case("metadata_for_vendor", "query($id: ID!) { project(id: $id) { metadataDescriptors { name } } }",
         as_="vendor", variables=main_id),
    Case("files", "query($id: ID!) { project(id: $id) { shots { previewFile { id } previewFiles { revision "
                  "fileSize annotations isMovie person { firstName } task { taskType { name } } } "
                  "outputFiles { name outputType { name } fileStatus { name } taskType { name } entity { name } } "
                  "tasks { previewFiles { name } workingFiles { name revision software { name } "
                  "person { firstName } } } } } }", variables=main_id),
    Case("files_for_vendor", "query($id: ID!) { project(id: $id) { shots { previewFiles { revision } } } }",
         as_="vendor", variables=main_id),
    Case("asset_instances", "query($id: ID!) { project(id: $id) { shots { assetInstances { name number "
                            "asset { name } } } assets { instances { number } } } }", variables=main_id),
    Case("studio_reference", "{ organisation { name hoursByDay } departments { name salaryScales { position "
                             "salary department { name } } } softwares { name fileExtension } "
                             "outputTypes { shortName } fileStatuses { name } }"),
    Case("salary_scales_forbidden", "{ me { id } salaryScales { salary } }", as_="manager",
         codes=frozenset({"FORBIDDEN"}), data_null=True),
    Case("department_salary_scales_forbidden", "{ departments { name salaryScales { salary } } }", as_="user",
         codes=frozenset({"FORBIDDEN"}), data_null=True),
    Case("entity_type_on_interface", "query($id: ID!) { project(id: $id) { shots { entityType { name } } "
                                     "assets { entityType { name } } } }", variables=main_id),
    Case("task_type_department", '{ taskTypes(forEntity: "Shot") { name department { name } } }'),
    # --- errors
    Case("forbidden_project", "query($id: ID!) { project(id: $id) { name } }", as_="user", variables=other_id,
         codes=frozenset({"FORBIDDEN"})),
    Case("not_found_project", "query($id: ID!) { project(id: $id) { name } }",
         variables=lambda w: {"id": str(uuid.UUID(int=7))}, codes=frozenset({"NOT_FOUND"})),
    Case("malformed_id", '{ project(id: "not-a-uuid") { name } }', codes=frozenset({"BAD_USER_INPUT"})),
    Case("wrong_kind_is_not_found", "query($id: ID!) { shot(id: $id) { name } sequence(id: $id) { name } }",
         variables=lambda w: {"id": str(w.main.sequences[0]["id"])}, codes=frozenset({"NOT_FOUND"})),
    Case("errors_beside_data", "query($a: ID!, $b: ID!) { me { id } mine: project(id: $a) { name } "
                               "theirs: project(id: $b) { name } }", as_="user",
         variables=lambda w: {"a": str(w.main.project["id"]), "b": str(w.other.project["id"])},
         codes=frozenset({"FORBIDDEN"})),
    Case("unauthenticated_nulls_data", "{ projects { totalCount } }", as_=None,
         codes=frozenset({"UNAUTHENTICATED"}), data_null=True),
    Case("unauthenticated_nullable_root", "query($id: ID!) { project(id: $id) { name } }", as_=None,
         variables=main_id, codes=frozenset({"UNAUTHENTICATED"})),
    Case("vendor_casting_nulls_up_to_project", "query($id: ID!) { project(id: $id) { name sequences { "
                                               "shots { name casting { nbOccurences } } } } }",
         as_="vendor", variables=main_id, codes=frozenset({"FORBIDDEN"})),
    Case("vendor_casting_in_list_nulls_root", "query($p: ID!) { me { id } shots(projectId: $p) { "
                                              "nodes { name casting { id } } } }", as_="vendor",
         variables=lambda w: {"p": str(w.main.project["id"])}, codes=frozenset({"FORBIDDEN"}), data_null=True),
    Case("vendor_task_not_assigned", "query($id: ID!) { task(id: $id) { id } }", as_="vendor",
         variables=lambda w: {"id": str(w.main.tasks[5]["id"])}, codes=frozenset({"FORBIDDEN"})),
    Case("vendor_entity_not_assigned", "query($id: ID!) { shot(id: $id) { id } }", as_="vendor",
         variables=lambda w: {"id": str(w.main.shots[6]["id"])}, codes=frozenset({"FORBIDDEN"})),
    Case("bad_cursor", '{ projects(after: "bm9wZQ==") { totalCount } }', codes=frozenset({"BAD_USER_INPUT"}),
         data_null=True),
    Case("negative_first", "{ me { id } projects(first: -1) { totalCount } }",
         codes=frozenset({"BAD_USER_INPUT"}), data_null=True),
    Case("bad_datetime_variable", "query($since: DateTime) { tasks(updatedSince: $since) { totalCount } }",
         variables=lambda w: {"since": "yesterday"}, codes=frozenset({"BAD_USER_INPUT"}), data_null=True),
    Case("missing_variable", "query($id: ID!) { project(id: $id) { name } }", codes=frozenset({"BAD_USER_INPUT"}),
         data_null=True),
    Case("bad_id_in_filter", '{ shots(projectId: "x") { totalCount } }', codes=frozenset({"BAD_USER_INPUT"}),
         data_null=True),
]
