"""The rows of a generated TV-show production, built in memory and deterministically: the same seed and
size give the same rows (ids included) whatever the database, so SQLite and PostgreSQL hold the same data.

Values mirror what Zou 1.0.97 writes when the same objects are made through its API (read back from a
real Zou's database): entity `status="running"`, `data={}`, tasks named "main" with difficulty 3, casting
propagated to the episode as `{"auto": true}` links, `nb_entities_out` kept, task `duration` the sum of
its time spents, and so on."""
from __future__ import annotations

import random
import uuid
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Table

from domain.tables import (Budget, BudgetEntry, DayOff, DepartmentLink, Entity, EntityLink, Person, Project,
                           ProjectAssetTypeLink, ProjectPersonLink, ProjectTaskStatusLink, ProjectTaskTypeLink,
                           Task, TaskPersonLink, TimeSpent)


@dataclass(frozen=True)
class Size:
    episodes: int
    sequences: int
    shots: int
    assets: int
    casting: int
    tasks: int
    persons: int
    time_spents: int
    day_offs: int
    budget_entries: int

    def scaled(self, factor: float) -> Size:
        if factor <= 0:
            raise ValueError("the scale must be positive")
        return Size(**{k: max(1, round(v * factor)) for k, v in asdict(self).items()})


SIZES: dict[str, Size] = {
    "studio": Size(episodes=10, sequences=100, shots=5000, assets=1000, casting=50000, tasks=40000,
                   persons=200, time_spents=100000, day_offs=500, budget_entries=200),
    "medium": Size(episodes=4, sequences=20, shots=1000, assets=300, casting=10000, tasks=8000,
                   persons=60, time_spents=20000, day_offs=100, budget_entries=60),
    "small": Size(episodes=2, sequences=4, shots=100, assets=50, casting=1000, tasks=800,
                  persons=20, time_spents=2000, day_offs=20, budget_entries=20),
    "tiny": Size(episodes=1, sequences=2, shots=6, assets=4, casting=12, tasks=20,
                 persons=4, time_spents=30, day_offs=3, budget_entries=2),
}

# (name, short prefix for asset names, share of the assets)
ASSET_TYPES = [("Character", "ch", 30), ("Prop", "pr", 30), ("Environment", "env", 15), ("FX", "fx", 10),
               ("Vehicle", "veh", 10), ("Crowd", "crd", 5)]
# Shot task types in pipeline order. Every shot gets all of them but the last (FX), which only the shots
# needed to reach the task count get; every asset gets the asset task types.
SHOT_TASK_TYPES = ["Storyboard", "Previz", "Layout", "Animation", "Lighting", "Rendering", "Compositing", "FX"]
ASSET_TASK_TYPES = ["Modeling", "Rigging"]
TASK_STATUSES = ["todo", "ready", "wip", "wfa", "retake", "done"]
# Roles of the generated people, by share; "user" takes the rest.
ROLE_SHARES = [("admin", 0.02), ("manager", 0.06), ("supervisor", 0.10), ("vendor", 0.04), ("client", 0.03)]
ASSIGNABLE_ROLES = {"user", "supervisor", "vendor"}
PASSWORD = "mysecretpassword"

FIRST_NAMES = ["Alice", "Bruno", "Chloe", "David", "Emma", "Farid", "Gina", "Hugo", "Ines", "Jules", "Kenji",
               "Lea", "Marco", "Nina", "Oscar", "Paula", "Quentin", "Rosa", "Sami", "Tara", "Ugo", "Vera",
               "Wang", "Xavier", "Yara", "Zoe", "Amir", "Bea", "Carl", "Dana"]
LAST_NAMES = ["Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau",
              "Simon", "Laurent", "Lefebvre", "Michel", "Garcia", "David", "Bertrand", "Roux", "Vincent", "Fournier",
              "Morel", "Girard", "Andre", "Mercier", "Dupont", "Lambert", "Bonnet", "Francois", "Martinez", "Legrand"]

T0 = datetime(2024, 1, 8, 9, 0, 0)
START = date(2024, 1, 8)
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://trackql.invalid/bench")


def ident(seed: int, kind: str, key: Any) -> uuid.UUID:
    """The id of the `key`-th row of `kind`: stable for a seed, whatever else the generator makes."""
    return uuid.uuid5(NAMESPACE, f"{seed}/{kind}/{key}")


@dataclass
class Refs:
    """Ids of the rows the production points at that exist before it (defaults and the admin)."""
    admin_id: uuid.UUID
    open_status_id: uuid.UUID
    entity_types: dict[str, uuid.UUID]  # Episode, Sequence, Shot and the asset type names
    task_types: dict[str, uuid.UUID]  # the names of SHOT_TASK_TYPES + ASSET_TASK_TYPES
    task_type_departments: dict[str, uuid.UUID | None]
    task_statuses: dict[str, uuid.UUID]  # by short name
    departments: dict[str, uuid.UUID]
    password_hash: bytes


@dataclass
class Batch:
    label: str  # the table name, or "table: what" when a table is written in several batches
    table: Table
    rows: list[dict[str, Any]]


@dataclass
class Production:
    """Rows in batches, in an order that satisfies the foreign keys."""
    project_id: uuid.UUID
    batches: list[Batch] = field(default_factory=list)

    def add(self, model, rows: list[dict[str, Any]], what: str | None = None) -> None:
        name = model.__table__.name
        self.batches.append(Batch(f"{name}: {what}" if what else name, model.__table__, rows))

    def counts(self) -> dict[str, int]:
        """Rows by batch label."""
        return {b.label: len(b.rows) for b in self.batches}

    def table_counts(self) -> dict[str, int]:
        """Rows by table."""
        out: dict[str, int] = {}
        for b in self.batches:
            out[b.table.name] = out.get(b.table.name, 0) + len(b.rows)
        return out


def validate(size: Size) -> None:
    """Refuse a size whose counts cannot be laid out (a clear message, before anything is written)."""
    problems = []
    if size.sequences < size.episodes:
        problems.append("fewer sequences than episodes")
    if size.shots < size.sequences:
        problems.append("fewer shots than sequences")
    if size.casting > size.shots * min(size.assets, _POOL):
        problems.append(f"more casting links than {size.shots} shots can hold")
    capacity = size.assets * len(ASSET_TASK_TYPES) + size.shots * len(SHOT_TASK_TYPES)
    if size.tasks > capacity:
        problems.append(f"more tasks than the {capacity} (entity, task type) pairs")
    if problems:
        raise ValueError("size cannot be generated: " + "; ".join(problems))


_POOL = 60  # assets a sequence draws its shots' casting from


class _Builder:
    def __init__(self, size: Size, refs: Refs, seed: int):
        self.size, self.refs, self.seed = size, refs, seed
        self.rng = random.Random(seed)
        self.prod = Production(project_id=ident(seed, "project", 0))
        self._clock = 0

    def id(self, kind: str, key: Any) -> uuid.UUID:
        return ident(self.seed, kind, key)

    def stamp(self) -> datetime:
        """Increasing creation times, so listings ordered by created_at are stable."""
        self._clock += 1
        return T0 + timedelta(seconds=self._clock)

    # ------------------------------------------------------------------ people
    def persons(self) -> list[dict[str, Any]]:
        n = self.size.persons
        names = [(f, lst) for f in FIRST_NAMES for lst in LAST_NAMES]
        self.rng.shuffle(names)
        roles = []
        for role, share in ROLE_SHARES:
            roles += [role] * int(n * share)
        roles += ["user"] * (n - len(roles))
        self.rng.shuffle(roles)
        departments = self._weighted_departments()
        rows, self.person_department = [], {}
        for i in range(n):
            first, last = names[i % len(names)]
            suffix = "" if i < len(names) else f".{i}"
            role = roles[i]
            seniority = self.rng.choice(["junior", "mid", "mid", "senior"])
            position = {"supervisor": "supervisor", "manager": "lead"}.get(role, "artist")
            pid = self.id("person", i)
            if role != "client":
                self.person_department[pid] = departments[i % len(departments)]
            ts = self.stamp()
            rows.append(person_row(pid, first, last, f"{first}.{last}{suffix}@example.com".lower(), role,
                                   self.refs.password_hash, ts, position=position, seniority=seniority,
                                   daily_salary={"junior": 200, "mid": 300, "senior": 400}[seniority]))
        self.person_rows = rows
        self.prod.add(Person, rows)
        self.prod.add(DepartmentLink, [{"person_id": p, "department_id": d}
                                       for p, d in self.person_department.items()])
        return rows

    def _weighted_departments(self) -> list[uuid.UUID]:
        """Departments in proportion to the task types they work on, so every task type finds artists."""
        out: list[uuid.UUID] = []
        for name in SHOT_TASK_TYPES + ASSET_TASK_TYPES:
            dep = self.refs.task_type_departments.get(name)
            if dep is not None:
                out.append(dep)
        return out or list(self.refs.departments.values())

    # ----------------------------------------------------------------- project
    def project(self) -> None:
        pid, ts = self.prod.project_id, self.stamp()
        s = self.size
        self.prod.add(Project, [{
            "id": pid, "name": "Bench Show", "code": None, "description": None, "shotgun_id": None,
            "file_tree": None, "data": None, "has_avatar": False, "fps": "25", "ratio": "16:9",
            "resolution": "1920x1080", "production_type": "tvshow", "production_style": "2d3d",
            "start_date": START, "end_date": START + timedelta(days=540), "man_days": None,
            "nb_episodes": s.episodes, "episode_span": 0, "max_retakes": 0, "is_clients_isolated": False,
            "is_preview_download_allowed": False, "is_set_preview_automated": False, "homepage": "assets",
            "is_publish_default_for_artists": False, "hd_bitrate_compression": None,
            "ld_bitrate_compression": None, "project_status_id": self.refs.open_status_id,
            "default_preview_background_file_id": None, "from_schedule_version_id": None,
            "created_at": ts, "updated_at": ts, "is_bot_collaboration_enabled": False,
            "is_single_preview_per_revision": False, "revision_padding": 0, "is_frame_in_numbering": False,
            "is_client_stats_visible": True, "is_client_task_list_visible": True,
            "is_client_task_panel_visible": True,
        }])
        self.prod.add(ProjectPersonLink, [{"project_id": pid, "person_id": p["id"], "shotgun_id": None, "role": None}
                                          for p in self.person_rows])
        self.prod.add(ProjectTaskTypeLink, [
            {"id": self.id("project_task_type_link", name), "project_id": pid, "task_type_id": tid,
             "priority": None, "created_at": ts, "updated_at": ts, "hd_bitrate_compression": None,
             "ld_bitrate_compression": None, "is_client_visible": True}
            for name, tid in self.refs.task_types.items()])
        self.prod.add(ProjectTaskStatusLink, [
            {"id": self.id("project_task_status_link", short), "project_id": pid,
             "task_status_id": self.refs.task_statuses[short], "priority": None,
             "roles_for_board": ["user", "admin", "supervisor", "manager", "vendor"],
             "created_at": ts, "updated_at": ts, "is_client_allowed": None}
            for short in TASK_STATUSES])
        self.prod.add(ProjectAssetTypeLink, [{"project_id": pid, "asset_type_id": self.refs.entity_types[name]}
                                             for name, _, _ in ASSET_TYPES])

    # ---------------------------------------------------------------- entities
    def _entity(self, eid, name, type_name, parent_id, *, description=None, nb_frames=None, data=None):
        ts = self.stamp()
        return {
            "id": eid, "name": name, "code": None, "description": description, "shotgun_id": None,
            "canceled": False, "nb_frames": nb_frames, "nb_entities_out": 0, "is_casting_standby": False,
            "is_shared": False, "status": "running", "project_id": self.prod.project_id,
            "entity_type_id": self.refs.entity_types[type_name], "parent_id": parent_id, "source_id": None,
            "preview_file_id": None, "data": data if data is not None else {}, "ready_for": None,
            "created_by": self.refs.admin_id, "created_at": ts, "updated_at": ts,
        }

    def entities(self) -> None:
        s = self.size
        self.episodes = [self._entity(self.id("episode", i), f"E{i + 1:02d}", "Episode", None, description="")
                         for i in range(s.episodes)]
        self.sequences = []
        per_episode: dict[int, int] = {}
        for i in range(s.sequences):
            ep = i * s.episodes // s.sequences
            k = per_episode[ep] = per_episode.get(ep, 0) + 1
            row = self._entity(self.id("sequence", i), f"SQ{k * 10:03d}", "Sequence", self.episodes[ep]["id"],
                               description="")
            row["_episode"] = ep
            self.sequences.append(row)
        self.shots = []
        per_sequence: dict[int, int] = {}
        for i in range(s.shots):
            sq = i * s.sequences // s.shots
            k = per_sequence[sq] = per_sequence.get(sq, 0) + 1
            frames = self.rng.randrange(24, 240)
            row = self._entity(self.id("shot", i), f"SH{k * 10:04d}", "Shot", self.sequences[sq]["id"],
                               nb_frames=frames, data={"frame_in": 1001, "frame_out": 1001 + frames - 1})
            row["_sequence"] = sq
            self.shots.append(row)
        self.assets = []
        kinds = [(name, prefix) for name, prefix, share in ASSET_TYPES for _ in range(share)]
        per_type: dict[str, int] = {}
        for i in range(s.assets):
            name, prefix = kinds[i * len(kinds) // s.assets]
            k = per_type[name] = per_type.get(name, 0) + 1
            self.assets.append(self._entity(self.id("asset", i), f"{prefix}_{k:04d}", name, None,
                                            description=f"{name} {k}"))

    # ----------------------------------------------------------------- casting
    def casting(self) -> None:
        s = self.size
        counts = _spread(s.casting, s.shots, min(s.assets, _POOL), self.rng)
        asset_ids = [a["id"] for a in self.assets]
        pools = [self.rng.sample(asset_ids, min(len(asset_ids), _POOL)) for _ in self.sequences]
        links, by_episode = [], {}
        for i, (shot, k) in enumerate(zip(self.shots, counts)):
            chosen = self.rng.sample(pools[shot["_sequence"]], k)
            shot["nb_entities_out"] = k
            ep = self.sequences[shot["_sequence"]]["_episode"]
            seen = by_episode.setdefault(ep, {})
            for j, asset_id in enumerate(chosen):
                links.append(self._link(self.id("casting", (i, j)), shot["id"], asset_id,
                                        self.rng.choice([1, 1, 1, 2, 3]), None))
                seen.setdefault(asset_id, None)
        auto = []
        for ep, assets in sorted(by_episode.items()):
            self.episodes[ep]["nb_entities_out"] = len(assets)
            auto += [self._link(self.id("episode_casting", (ep, j)), self.episodes[ep]["id"], a, 1,
                                {"auto": True}) for j, a in enumerate(assets)]
        self.casting_links, self.episode_links = links, auto

    def _link(self, lid, in_id, out_id, nb, data):
        ts = self.stamp()
        return {"id": lid, "entity_in_id": in_id, "entity_out_id": out_id, "data": data, "nb_occurences": nb,
                "label": "", "created_at": ts, "updated_at": ts}

    # ------------------------------------------------------------------- tasks
    def tasks(self) -> None:
        s = self.size
        asset_tasks = min(s.tasks, s.assets * len(ASSET_TASK_TYPES))
        shot_tasks = s.tasks - asset_tasks
        plan: list[tuple[dict, int, str]] = []  # (entity, stage in its pipeline, task type)
        for entity, types in _lay_out(self.assets, ASSET_TASK_TYPES, asset_tasks, self.rng):
            plan += [(entity, stage, t) for stage, t in types]
        for entity, types in _lay_out(self.shots, SHOT_TASK_TYPES, shot_tasks, self.rng):
            plan += [(entity, stage, t) for stage, t in types]
        assignable = [p["id"] for p in self.person_rows if p["role"] in ASSIGNABLE_ROLES] \
            or [p["id"] for p in self.person_rows]
        by_department: dict[uuid.UUID, list[uuid.UUID]] = {}
        for pid in assignable:
            dep = self.person_department.get(pid)
            if dep is not None:
                by_department.setdefault(dep, []).append(pid)
        progress_of = self._progress()
        tasks, assignments = [], []
        for n, (entity, stage, type_name) in enumerate(plan):
            nb_stages = len(SHOT_TASK_TYPES) if entity.get("_sequence") is not None else len(ASSET_TASK_TYPES)
            score = progress_of(entity) * 1.3 - stage / nb_stages + self.rng.uniform(-0.25, 0.25)
            status = _status_for(score, self.rng)
            tid = self.id("task", n)
            start = T0 + timedelta(days=stage * 21 + self.rng.randrange(0, 60))
            started = status not in ("todo", "ready")
            ts = self.stamp()
            tasks.append({
                "id": tid, "name": "main", "description": None, "priority": 0, "difficulty": 3,
                "duration": 0.0, "estimation": float(self.rng.choice([1, 2, 3, 5]) * 8 * 60),
                "completion_rate": 0, "retake_count": 1 if status == "retake" else 0, "sort_order": 0,
                "start_date": start, "due_date": start + timedelta(days=14),
                "real_start_date": start if started else None,
                "end_date": start + timedelta(days=12) if status == "done" else None,
                "done_date": start + timedelta(days=12) if status == "done" else None,
                "last_comment_date": None, "nb_assets_ready": 0, "data": None, "nb_drawings": 0,
                "shotgun_id": None, "last_preview_file_id": None, "project_id": self.prod.project_id,
                "task_type_id": self.refs.task_types[type_name], "task_status_id": self.refs.task_statuses[status],
                "entity_id": entity["id"], "assigner_id": self.refs.admin_id, "created_at": ts, "updated_at": ts,
            })
            pool = by_department.get(self.refs.task_type_departments.get(type_name)) or assignable
            k = min(len(pool), 1 if self.rng.random() < 0.7 else 2)
            for person_id in self.rng.sample(pool, k):
                assignments.append({"task_id": tid, "person_id": person_id, "_started": started})
        self.task_rows, self.assignments = tasks, assignments

    def _progress(self):
        """How far along an entity's work is, 1.0 (earliest sequences, first assets) to 0.0."""
        seq_count, asset_pos = max(1, len(self.sequences)), {a["id"]: i for i, a in enumerate(self.assets)}
        n_assets = max(1, len(self.assets))

        def of(entity: dict) -> float:
            if entity.get("_sequence") is not None:
                return 1.0 - entity["_sequence"] / seq_count
            return 1.0 - asset_pos[entity["id"]] / n_assets
        return of

    # ------------------------------------------------------------ time & money
    def time_spents(self) -> None:
        pairs = [a for a in self.assignments if a["_started"]] or self.assignments
        self.rng.shuffle(pairs)
        task_by_id = {t["id"]: t for t in self.task_rows}
        rows = []
        for i in range(self.size.time_spents if pairs else 0):
            pair = pairs[i % len(pairs)]
            task = task_by_id[pair["task_id"]]
            day = task["start_date"].date() + timedelta(days=i // len(pairs))
            duration = float(self.rng.choice([60, 120, 180, 240, 300, 360, 420, 480]))
            task["duration"] += duration
            ts = self.stamp()
            rows.append({"id": self.id("time_spent", i), "duration": duration, "date": day,
                         "task_id": pair["task_id"], "person_id": pair["person_id"],
                         "created_at": ts, "updated_at": ts})
        self.time_spent_rows = rows

    def day_offs(self) -> list[dict[str, Any]]:
        people = [p["id"] for p in self.person_rows]
        rows = []
        for i in range(self.size.day_offs):
            window = i // len(people)
            first = START + timedelta(days=window * 20 + self.rng.randrange(0, 11))
            ts = self.stamp()
            rows.append({"id": self.id("day_off", i), "date": first,
                         "end_date": first + timedelta(days=self.rng.randrange(0, 5)),
                         "description": self.rng.choice(["holiday", "sick leave", "training", None]),
                         "person_id": people[i % len(people)], "created_at": ts, "updated_at": ts})
        return rows

    def budget(self) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        ts = self.stamp()
        budget_id = self.id("budget", 0)
        budget = [{"id": budget_id, "project_id": self.prod.project_id, "revision": 1, "name": "Budget",
                   "currency": "EUR", "created_at": ts, "updated_at": ts}]
        staffed = [p for p in self.person_rows if p["id"] in self.person_department]
        departments = list(self.refs.departments.values())
        entries = []
        for i in range(self.size.budget_entries):
            person = staffed[i] if i < len(staffed) else None  # beyond the staff: positions to hire
            department = (self.person_department[person["id"]] if person
                          else departments[i % len(departments)])
            seniority = person["seniority"] if person else self.rng.choice(["junior", "mid", "senior"])
            ts = self.stamp()
            entries.append({
                "id": self.id("budget_entry", i), "budget_id": budget_id, "department_id": department,
                "person_id": person["id"] if person else None,
                "start_date": START + timedelta(days=30 * self.rng.randrange(0, 6)),
                "months_duration": self.rng.randrange(3, 13),
                "daily_salary": float({"junior": 200, "mid": 300, "senior": 400}[seniority]
                                      + 10 * self.rng.randrange(0, 10)),
                "position": person["position"] if person else "artist", "seniority": seniority,
                "exceptions": {}, "created_at": ts, "updated_at": ts})
        return budget, entries

    def build(self) -> Production:
        validate(self.size)
        self.persons()
        self.project()
        self.entities()
        self.casting()
        self.tasks()
        self.time_spents()
        self.prod.add(Entity, _clean(self.episodes), "episodes")
        self.prod.add(Entity, _clean(self.sequences), "sequences")
        self.prod.add(Entity, _clean(self.shots), "shots")
        self.prod.add(Entity, _clean(self.assets), "assets")
        self.prod.add(EntityLink, self.casting_links, "shot casting")
        self.prod.add(EntityLink, self.episode_links, "episode casting (auto)")
        self.prod.add(Task, self.task_rows)
        self.prod.add(TaskPersonLink, _clean(self.assignments))
        self.prod.add(TimeSpent, self.time_spent_rows)
        self.prod.add(DayOff, self.day_offs())
        budget, entries = self.budget()
        self.prod.add(Budget, budget)
        self.prod.add(BudgetEntry, entries)
        return self.prod


def build_production(size: Size, refs: Refs, seed: int = 1) -> Production:
    return _Builder(size, refs, seed).build()


def person_row(pid: uuid.UUID, first: str, last: str, email: str, role: str, password: bytes | None,
               ts: datetime, *, position: str = "artist", seniority: str = "mid", daily_salary: int = 0
               ) -> dict[str, Any]:
    """A person as Zou's `create-admin` / `POST /data/persons` writes one."""
    return {
        "id": pid, "first_name": first, "last_name": last, "email": email, "phone": None,
        "contract_type": "open-ended", "active": True, "archived": False, "last_presence": None,
        "password": password, "desktop_login": None, "login_failed_attemps": 0, "last_login_failed": None,
        "totp_enabled": False, "totp_secret": None, "email_otp_enabled": False, "email_otp_secret": None,
        "fido_enabled": False, "fido_credentials": None, "otp_recovery_codes": None,
        "preferred_two_factor_authentication": None, "shotgun_id": None, "timezone": "Europe/Paris",
        "locale": "en_US", "data": None, "role": role, "position": position, "seniority": seniority,
        "daily_salary": daily_salary, "has_avatar": False, "notifications_enabled": False,
        "notifications_slack_enabled": False, "notifications_slack_userid": "",
        "notifications_mattermost_enabled": False, "notifications_mattermost_userid": "",
        "notifications_discord_enabled": False, "notifications_discord_userid": "", "is_bot": False,
        "jti": None, "expiration_date": None, "studio_id": None, "is_generated_from_ldap": False,
        "ldap_uid": None, "created_at": ts, "updated_at": ts, "is_guest": False, "country": None,
        "use_12_hour_clock": False, "display_date_format": "YYYY-MM-DD", "oidc_issuer": None,
        "oidc_subject": None, "saml_issuer": None, "saml_subject": None, "preview_project_id": None,
        "preview_opened_at": None, "preview_open_until": None,
    }


def _clean(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The rows without the builder's own `_` keys."""
    return [{k: v for k, v in r.items() if not k.startswith("_")} for r in rows]


def _spread(total: int, slots: int, cap: int, rng: random.Random) -> list[int]:
    """`total` split over `slots`, each at most `cap`, unevenly but summing exactly to `total`."""
    base, rem = divmod(total, slots)
    counts = [base + (1 if i < rem else 0) for i in range(slots)]
    for i in range(0, slots - 1, 2):
        d = rng.randint(0, base // 2)
        d = min(d, cap - counts[i], counts[i + 1])
        counts[i] += d
        counts[i + 1] -= d
    spill = 0
    for i, c in enumerate(counts):
        if c > cap:
            spill += c - cap
            counts[i] = cap
    i = 0
    while spill:
        if counts[i] < cap:
            counts[i] += 1
            spill -= 1
        i = (i + 1) % slots
    return counts


def _lay_out(entities: list[dict], types: list[str], total: int, rng: random.Random
             ) -> Iterator[tuple[dict, list[tuple[int, str]]]]:
    """Which task types each entity gets so that there are `total` tasks: every entity the same prefix of
    the pipeline, and the next type for as many entities as needed, picked at random."""
    if not entities:
        return
    base, rem = divmod(total, len(entities))
    extra = set(rng.sample(range(len(entities)), rem))
    for i, entity in enumerate(entities):
        n = base + (1 if i in extra else 0)
        yield entity, list(enumerate(types[:n]))


def _status_for(score: float, rng: random.Random) -> str:
    if score > 0.55:
        return "done"
    if score > 0.35:
        return "retake" if rng.random() < 0.25 else "wfa"
    if score > 0.15:
        return "wip"
    if score > 0.0:
        return "ready"
    return "todo"
