"""The permission matrix: every REST operation ("GET /data/shots/{shot_id}") and every GraphQL root field
("Query.shot", "Mutation.createShot") names the rule that decides who may call it, as Zou 1.0.97 decides it
(a GraphQL field follows the rule of the REST route reading the same data).

The table drives the checks: `rest_compat.routing.route` and the GraphQL root-field hook look the operation
up before anything runs, refuse an operation that has no row (403), authenticate unless the rule is public,
then run `enforce`: the rule's gate (what can be decided from the caller alone: a person, an admin) and the
API-token scope (a write is refused to a read-only token). What depends on the data (is the caller in the
project's team, a manager there, assigned to the entity, the row's creator) is decided by the resolver the
operation calls, with the `resolvers.access` functions the rule names; tests/test_permission_matrix.py walks
every row with every role and holds the resolvers to the rule.

A rule lists the matrix roles it lets through. The roles are standings towards one production: admin;
manager, supervisor, user, client, vendor (in its team); outsider (an artist not in the team); anonymous
(no token); team_manager (an artist made manager by the team link) and outside_manager (a manager not in
the team), who stand as manager and outsider. The rows asked about are the matrix world's (tests/test_permission_matrix.py): the entity or
task belongs to the production and is assigned to `user` (not to the vendor), the person targeted by
self-only rules is `user` (who shares the supervisor's department), the person read is outside the
client's teams. A refused role gets 403, or the status in `refused` (401 for anonymous).

A new route or root field adds its row to BY_RULE (a /data/<model> route: CRUD_RULES); until then it answers
403 and the matrix test names it. `python -m resolvers.permissions` prints the number of rows and of
(operation, role) cases the matrix test checks."""
from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from domain import errors
from resolvers import access
from resolvers.context import Context

MATRIX_ROLES = ("admin", "manager", "supervisor", "user", "outsider", "client", "vendor", "anonymous",
                "team_manager", "outside_manager")
# An artist whose team link makes them the production's manager stands as its manager; a manager outside
# the team as an outsider (every rule of a production goes by the role held there).
STANDS_AS = {"team_manager": "manager", "outside_manager": "outsider"}
PEOPLE = frozenset({"admin", "manager", "supervisor", "user", "outsider", "client", "vendor"})
TEAM = PEOPLE - {"outsider"}
READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

Gate = Callable[[Context], Awaitable[None]]


async def _nobody_checked(ctx: Context) -> None:
    return None


async def _any_user(ctx: Context) -> None:
    ctx.require_user()


async def _a_person(ctx: Context) -> None:
    access.require_person(ctx)


async def _an_admin(ctx: Context) -> None:
    access.require_admin(ctx)


@dataclass(frozen=True)
class Rule:
    name: str
    doc: str
    allows: frozenset[str]  # matrix roles let through
    gate: Gate = _any_user  # checked before the handler or resolver runs
    refused: Mapping[str, int] = field(default_factory=dict)  # a refused role's status when not 403
    public: bool = False  # no token needed
    token: str = "access"  # the kind of token the route needs

    def status_for(self, role: str) -> int | None:
        """None when `role` is let through, else the status Zou answers it."""
        role = STANDS_AS.get(role, role)
        if role in self.allows:
            return None
        if role == "anonymous":
            return self.refused.get(role, 401)
        return self.refused.get(role, 403)


def _rule(name: str, doc: str, allows: frozenset[str], **kw) -> Rule:
    return Rule(name, doc, frozenset(allows), **kw)


RULES: dict[str, Rule] = {r.name: r for r in (
    _rule("public", "No token; anyone.", PEOPLE | {"anonymous"}, gate=_nobody_checked, public=True),
    _rule("refresh_token", "A valid refresh token.", PEOPLE, token="refresh"),
    _rule("authenticated", "Any valid token; what is answered is narrowed to the caller's projects.", PEOPLE),
    _rule("person", "A person's own token (a bot or API token is refused: 403).", PEOPLE, gate=_a_person),
    _rule("admin", "Admins only (checked before anything else).", frozenset({"admin"}), gate=_an_admin),
    _rule("admin_after_lookup", "Admins only, checked by the resolver after the target is looked up (unknown: "
          "404) and the body read, in Zou's order.",
          frozenset({"admin"})),
    _rule("project_member", "access.check_project_access: admin, or in the project's team.", TEAM),
    _rule("project_member_not_vendor", "Project access, and not a vendor there (casting).", TEAM - {"vendor"}),
    _rule("entity_member", "access.check_entity_access: project access; a vendor only on an entity or task "
          "assigned to them.", TEAM - {"vendor"}),
    _rule("project_manager", "access.check_manager_project_access: admin, or manager of the project's team "
          "(the team link's role wins over the global one).", frozenset({"admin", "manager"})),
    _rule("manager_or_creator", "A manager of the project, or the row's creator.", frozenset({"admin", "manager"})),
    _rule("task_assignee_or_manager", "Time spents: the person logged is an assignee of the task, and the caller "
          "is that person, an admin or a manager of the project.", frozenset({"admin", "manager", "user"})),
    _rule("task_updater", "Tasks: admin, manager of the project, or a supervisor of the task type's department "
          "changing planning fields.", frozenset({"admin", "manager", "supervisor"})),
    _rule("entity_updater", "Entities: admin, manager or creator; a supervisor only for the metadata of their "
          "departments.", frozenset({"admin", "manager"})),
    _rule("task_action", "Files of a task: admin, manager or client of the project, an assignee, a supervisor "
          "of the department, or the entity's creator.", frozenset({"admin", "manager", "supervisor", "client", "user"})),
    _rule("preview_updater", "Previews: project access, then admin, manager, an assignee or a supervisor of the "
          "department.", frozenset({"admin", "manager", "supervisor", "user"})),
    _rule("person_self_or_admin", "A person's own row, or an admin.", frozenset({"admin", "user"})),
    _rule("own_api_token", "A person's own API token, or any by an admin (a bot or API token is refused).",
          frozenset({"admin", "user"}), gate=_a_person),
    _rule("client_team_people", "Anyone; a client only the people of their teams.", PEOPLE - {"client"}),
    _rule("day_off_owner", "Day offs: their person, or an admin.", frozenset({"admin", "user"})),
    _rule("day_off_reader", "A day off: its person, an admin, a manager of a project the person is in, a "
          "supervisor of such a project sharing a department.", frozenset({"admin", "manager", "supervisor", "user"})),
    _rule("not_vendor", "Anyone but a vendor (global role).", PEOPLE - {"vendor"}),
    _rule("own_rows", "Anyone, on their own rows (saved searches, ...).", PEOPLE),
)}


@dataclass(frozen=True)
class Operation:
    key: str  # "GET /data/shots/{shot_id}" or "Query.shot"
    rule: Rule
    write: bool  # a write: not GET, or a mutation (a read-only API token is refused)

    @property
    def public(self) -> bool:
        return self.rule.public


# rule name -> the operations it decides. REST keys are "<METHOD> <path as routed, without /api>", GraphQL
# keys "<root type>.<field>".
BY_RULE: dict[str, list[str]] = {
    "public": [
        "GET /", "POST /auth/login", "POST /auth/reset-password", "PUT /auth/reset-password",
        "GET /auth/email-otp", "GET /auth/fido", "GET /config",
        "Mutation.refreshToken",  # the refresh token travels as an argument
    ],
    "refresh_token": ["GET /auth/refresh-token"],
    "authenticated": [
        "GET /auth/authenticated", "GET /auth/logout", "GET /data/projects/all",
        "Query.projectStatuses",
    ],
    "person": [
        "POST /auth/change-password",
        "PUT /auth/totp", "POST /auth/totp", "DELETE /auth/totp",
        "PUT /auth/email-otp", "POST /auth/email-otp", "DELETE /auth/email-otp",
        "PUT /auth/fido", "POST /auth/fido", "DELETE /auth/fido",
        "PUT /auth/recovery-codes",
        "GET /data/user/context", "GET /data/user/tasks/{task_id}/time-spents/{date}",
    ],
    "admin": ["GET /data/projects/{project_id}/budgets/time-spents"],
    "admin_after_lookup": ["DELETE /actions/persons/{person_id}/disable-two-factor-authentication"],
    "project_member": [
        "GET /data/projects/{project_id}/shots", "GET /data/projects/{project_id}/tasks",
        "GET /data/projects/{project_id}/edits",
        "GET /data/entities/{entity_id}/working-files",
        "GET /data/shots", "GET /data/shots/all",  # a project_id criterion (anyone but an admin must give one)
        "GET /data/shots/with-tasks", "GET /data/assets/with-tasks", "GET /data/sequences/with-tasks",
        "GET /data/edits/with-tasks",
    ],
    "project_member_not_vendor": [
        "GET /data/projects/{project_id}/entities/{entity_id}/casting",
        "GET /data/projects/{project_id}/sequences/all/casting",
        "GET /data/projects/{project_id}/sequences/{sequence_id}/casting",
        "GET /data/projects/{project_id}/episodes/casting",
        "GET /data/projects/{project_id}/episodes/{episode_id}/sequences/all/casting",
        "GET /data/projects/{project_id}/asset-types/{asset_type_id}/casting",
    ],
    "entity_member": [
        "GET /data/shots/{shot_id}", "GET /data/shots/{shot_id}/asset-instances",
        "GET /data/shots/{shot_id}/task-types", "GET /data/shots/{shot_id}/preview-files",
        "GET /data/scenes/{scene_id}", "GET /data/episodes/{episode_id}/tasks", "GET /data/episodes/{episode_id}/edits",
        "GET /data/entities/{entity_id}/news",
        "GET /movies/originals/preview-files/{preview_id}.mp4",
        "GET /actions/tasks/{task_id}/time-spents", "GET /actions/tasks/{task_id}/time-spents/{date}",
    ],
    "project_manager": [
        "PUT /data/projects/{project_id}/entities/{entity_id}/casting",
        "PUT /data/shots/{shot_id}", "POST /data/projects/{project_id}/shots",
        "GET /data/projects/{project_id}/budgets", "POST /data/projects/{project_id}/budgets",
        "GET /data/projects/{project_id}/budgets/{budget_id}", "PUT /data/projects/{project_id}/budgets/{budget_id}",
        "DELETE /data/projects/{project_id}/budgets/{budget_id}",
        "GET /data/projects/{project_id}/budgets/{budget_id}/entries",
        "POST /data/projects/{project_id}/budgets/{budget_id}/entries",
        "GET /data/projects/{project_id}/budgets/{budget_id}/entries/{entry_id}",
        "PUT /data/projects/{project_id}/budgets/{budget_id}/entries/{entry_id}",
        "DELETE /data/projects/{project_id}/budgets/{budget_id}/entries/{entry_id}",
        "Mutation.createTask",  # as Zou's task creation actions (its bare POST /data/tasks checks nothing)
    ],
    "manager_or_creator": ["DELETE /data/edits/{edit_id}"],
    "task_assignee_or_manager": [
        "POST /actions/tasks/{task_id}/time-spents/{date}/persons/{person_id}",
        "POST /actions/tasks/{task_id}/time-spents/{date}/persons/{person_id}/add",
        "DELETE /actions/tasks/{task_id}/time-spents/{date}/persons/{person_id}",
    ],
    "own_api_token": [
        "POST /actions/persons/{person_id}/api-token",  # TrackQL's own: a person's token, or any by an admin
    ],
    "own_rows": [  # saved searches: no REST row of the matrix reads them
        "Mutation.createSearchFilter", "Mutation.updateSearchFilter", "Mutation.deleteSearchFilter",
        "Mutation.createSearchFilterGroup", "Mutation.updateSearchFilterGroup", "Mutation.deleteSearchFilterGroup",
    ],
}

ENTITY_KINDS = ("Episode", "Sequence", "Shot", "Scene", "Edit", "Asset")

# A GraphQL root field follows the rule of the REST operation reading (or writing) the same data.
FOLLOWS: dict[str, str] = {
    "Query.me": "GET /auth/authenticated",
    "Query.project": "GET /data/projects/{instance_id}", "Query.projects": "GET /data/projects",
    "Query.entity": "GET /data/entities/{instance_id}", "Query.episode": "GET /data/entities/{instance_id}",
    "Query.sequence": "GET /data/entities/{instance_id}", "Query.shot": "GET /data/shots/{shot_id}",
    "Query.scene": "GET /data/scenes/{scene_id}", "Query.edit": "GET /data/entities/{instance_id}",
    "Query.asset": "GET /data/entities/{instance_id}",
    "Query.episodes": "GET /data/entities", "Query.sequences": "GET /data/entities", "Query.shots": "GET /data/entities",
    "Query.assets": "GET /data/entities", "Query.scenes": "GET /data/entities", "Query.edits": "GET /data/entities",
    "Query.task": "GET /data/tasks/{instance_id}", "Query.tasks": "GET /data/tasks",
    "Query.taskType": "GET /data/task-types/{instance_id}", "Query.taskTypes": "GET /data/task-types",
    "Query.taskStatus": "GET /data/task-status/{instance_id}", "Query.taskStatuses": "GET /data/task-status",
    "Query.assetTypes": "GET /data/entity-types", "Query.organisation": "GET /data/organisations",
    "Query.departments": "GET /data/departments", "Query.softwares": "GET /data/softwares",
    "Query.outputTypes": "GET /data/output-types", "Query.fileStatuses": "GET /data/file-status",
    "Query.salaryScales": "GET /data/salary-scales",
    "Query.person": "GET /data/persons/{instance_id}", "Query.persons": "GET /data/persons",
    **{f"Mutation.create{kind}": "POST /data/entities" for kind in ENTITY_KINDS},
    **{f"Mutation.update{kind}": "PUT /data/entities/{instance_id}" for kind in ENTITY_KINDS},
    **{f"Mutation.delete{kind}": "DELETE /data/entities/{instance_id}" for kind in ENTITY_KINDS},
    "Mutation.updateTask": "PUT /data/tasks/{instance_id}", "Mutation.deleteTask": "DELETE /data/tasks/{instance_id}",
    **{f"Mutation.{verb.lower()}{kind}": f"{method} /data/{route}{'' if verb == 'Create' else '/{instance_id}'}"
       for kind, route in (("TaskType", "task-types"), ("TaskStatus", "task-status"), ("OutputType", "output-types"),
                           ("MetadataDescriptor", "metadata-descriptors"))
       for verb, method in (("Create", "POST"), ("Update", "PUT"), ("Delete", "DELETE"))},
    "Mutation.createBudget": "POST /data/projects/{project_id}/budgets",
    "Mutation.updateBudget": "PUT /data/projects/{project_id}/budgets/{budget_id}",
    "Mutation.deleteBudget": "DELETE /data/projects/{project_id}/budgets/{budget_id}",
    "Mutation.createBudgetEntry": "POST /data/projects/{project_id}/budgets/{budget_id}/entries",
    "Mutation.updateBudgetEntry": "PUT /data/projects/{project_id}/budgets/{budget_id}/entries/{entry_id}",
    "Mutation.deleteBudgetEntry": "DELETE /data/projects/{project_id}/budgets/{budget_id}/entries/{entry_id}",
    "Mutation.setShotCasting": "PUT /data/projects/{project_id}/entities/{entity_id}/casting",
    "Mutation.setTimeSpent": "POST /actions/tasks/{task_id}/time-spents/{date}/persons/{person_id}",
    "Mutation.login": "POST /auth/login", "Mutation.logout": "GET /auth/logout",
    "Mutation.sendEmailOtp": "GET /auth/email-otp",
    "Mutation.preEnableTotp": "PUT /auth/totp", "Mutation.enableTotp": "POST /auth/totp",
    "Mutation.disableTotp": "DELETE /auth/totp",
    "Mutation.preEnableEmailOtp": "PUT /auth/email-otp", "Mutation.enableEmailOtp": "POST /auth/email-otp",
    "Mutation.disableEmailOtp": "DELETE /auth/email-otp", "Mutation.newRecoveryCodes": "PUT /auth/recovery-codes",
    "Mutation.issueApiToken": "POST /actions/persons/{person_id}/api-token",
}

# The generic model routes /data/<model>[/{instance_id}]: (list, create, read, update, delete) rules, as
# resolvers/crud.py's POLICIES apply them (crud.md §7).
# Zou looks the row up and validates the body before its admin check, so the admin rule is the resolver's here.
ADMIN = "admin_after_lookup"
STUDIO = ("authenticated", ADMIN, "authenticated", ADMIN, ADMIN)
ADMIN_ONLY = (ADMIN,) * 5
CRUD_RULES: dict[str, tuple[str, str, str, str, str]] = {
    "task-types": STUDIO, "task-status": STUDIO, "departments": STUDIO, "file-status": STUDIO,
    "softwares": STUDIO, "output-types": STUDIO, "entity-types": STUDIO, "organisations": STUDIO,
    "day-offs": (ADMIN, "day_off_owner", "day_off_reader", "day_off_owner", "day_off_owner"),
    "metadata-descriptors": ("authenticated", ADMIN, ADMIN, ADMIN, ADMIN),
    "projects": ("authenticated", ADMIN, "project_member", "project_manager", ADMIN),
    "persons": ("authenticated", ADMIN, "client_team_people", "person_self_or_admin", ADMIN),
    "entities": ("authenticated", "project_manager", "entity_member", "entity_updater", "manager_or_creator"),
    "tasks": ("authenticated", "authenticated", "entity_member", "task_updater", "project_manager"),
    "time-spents": (ADMIN, ADMIN, ADMIN, ADMIN, "task_assignee_or_manager"),
    "preview-files": ("authenticated", ADMIN, "entity_member", "preview_updater", "project_manager"),
    "working-files": ("not_vendor", ADMIN, "entity_member", "task_action", ADMIN),
    "search-filter-groups": ADMIN_ONLY, "entity-links": ADMIN_ONLY, "budgets": ADMIN_ONLY,
    "budget-entries": ADMIN_ONLY, "salary-scales": ADMIN_ONLY, "news": ADMIN_ONLY,
}


def _crud_rows() -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for model, (lst, create, read, update, delete) in CRUD_RULES.items():
        one = f"/data/{model}/{{instance_id}}"
        for rule, key in ((lst, f"GET /data/{model}"), (create, f"POST /data/{model}"), (read, f"GET {one}"),
                          (update, f"PUT {one}"), (delete, f"DELETE {one}")):
            out.setdefault(rule, []).append(key)
    return out


def _is_write(key: str) -> bool:
    if key.startswith("Mutation."):
        return True
    if key.startswith(("Query.", "Subscription.")):
        return False
    return key.split(" ", 1)[0] not in READ_METHODS


def _build() -> Mapping[str, Operation]:
    table: dict[str, Operation] = {}

    def add(key: str, rule: Rule) -> None:
        if key in table:
            raise ValueError(f"{key} has two rows in the permission table")
        table[key] = Operation(key, rule, _is_write(key))

    for source in (BY_RULE, _crud_rows()):
        for rule_name, keys in source.items():
            for key in keys:
                add(key, RULES[rule_name])
    for key, rest in FOLLOWS.items():
        add(key, table[rest].rule)
    return MappingProxyType(table)


OPERATIONS: Mapping[str, Operation] = _build()


def rest_key(method: str, path: str) -> str:
    return f"{'GET' if method == 'HEAD' else method} {path}"


def graphql_key(parent_type: str, field_name: str) -> str:
    return f"{parent_type}.{field_name}"


def operation(key: str) -> Operation | None:
    return OPERATIONS.get(key)


def is_write(key: str) -> bool:
    """Whether an operation writes (what a read-only API token may not call); an unknown one counts as a write."""
    op = OPERATIONS.get(key)
    return True if op is None else op.write


async def enforce(ctx: Context, op: Operation | None, key: str) -> None:
    """The checks every operation passes before its handler or resolver runs (after authentication)."""
    if op is None:
        raise errors.PermissionDenied(f"No permission rule for {key}.")
    await op.rule.gate(ctx)
    if not op.public:
        await access.check_token_scope(ctx, op.write)


def matrix_size() -> dict[str, int]:
    """Rows of the table and the (operation, role) cases the matrix test checks."""
    rest = sum(1 for k in OPERATIONS if not k.startswith(("Query.", "Mutation.", "Subscription.")))
    return {"rows": len(OPERATIONS), "rest_rows": rest, "graphql_rows": len(OPERATIONS) - rest,
            "cases": len(OPERATIONS) * len(MATRIX_ROLES)}


if __name__ == "__main__":  # python -m resolvers.permissions
    print(matrix_size())
