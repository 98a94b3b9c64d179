"""`trackql demo-data`: a small TV-show production to try TrackQL on. Deterministic: the same seed gives the
same ids, names, casting, statuses, assignments and time spents. Needs the default rows (`trackql init-db`)."""
from __future__ import annotations

import random
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import insert, select

from domain import accounts, errors
from domain.base import utcnow
from domain.db import Db
from domain.tables import (Budget, BudgetEntry, DayOff, Department, Entity, EntityLink,
                           EntityType, Project, ProjectAssetTypeLink, ProjectPersonLink,
                           ProjectStatus, ProjectTaskStatusLink, ProjectTaskTypeLink, Task, TaskPersonLink,
                           TaskStatus, TaskType, TimeSpent)

PROJECT_NAME = "Lighthouse Keepers"
MINUTES_PER_DAY = 8 * 60

# (first name, last name, role, position, seniority, departments, daily salary)
PEOPLE = [
    ("Alice", "Martin", "manager", "supervisor", "senior", [], 450),
    ("Bruno", "Keller", "supervisor", "supervisor", "senior", ["Animation", "Layout"], 420),
    ("Chloe", "Dubois", "user", "artist", "mid", ["Modeling", "Concept"], 300),
    ("David", "Okafor", "user", "artist", "junior", ["Animation"], 240),
    ("Emma", "Larsen", "user", "lead", "senior", ["Compositing"], 360),
    ("Farid", "Haddad", "user", "artist", "mid", ["Layout", "FX"], 290),
    ("Grace", "Chen", "client", "artist", "mid", [], 0),
]

EPISODES = {"E01": ["SQ010", "SQ020"], "E02": ["SQ010", "SQ020"]}
SHOTS_PER_SEQUENCE = 5

# (asset type, name, description)
ASSETS = [
    ("Character", "Maya", "The young keeper"),
    ("Character", "Old Tom", "Maya's grandfather"),
    ("Character", "Gull", "A nosy seagull"),
    ("Prop", "Lantern", "Storm lantern"),
    ("Prop", "Rowboat", "Tom's rowboat"),
    ("Prop", "Spyglass", "Brass spyglass"),
    ("Prop", "Logbook", "The keepers' logbook"),
    ("Environment", "Lighthouse", "Lighthouse, outside and lamp room"),
    ("Environment", "Harbour", "Fishing harbour at dusk"),
    ("Environment", "Cliff Path", "Path along the cliffs"),
    ("FX", "Storm Rain", "Heavy rain sheets"),
    ("FX", "Sea Spray", "Spray on the rocks"),
]

ASSET_TASK_TYPES = {"Character": ["Concept", "Modeling", "Shading", "Rigging"],
                    "Prop": ["Concept", "Modeling", "Shading"],
                    "Environment": ["Concept", "Modeling", "Shading"],
                    "FX": ["Concept", "Modeling"]}
SHOT_TASK_TYPES = ["Layout", "Animation", "Lighting", "Compositing"]
PROJECT_STATUSES = ["todo", "ready", "wip", "wfa", "retake", "done"]

PROJECT_START = date(2025, 1, 6)
TODAY = date(2025, 3, 21)  # the demo's "now": statuses and time spents are as of this Friday
DAY_OFF = ("David", date(2025, 3, 10), date(2025, 3, 14), "Holidays")

Progress = Callable[[str], None]


@dataclass
class DemoSummary:
    project_id: uuid.UUID | None
    created: bool
    counts: dict[str, int] = field(default_factory=dict)


class _Ids:
    """Ids drawn from the seeded generator, so two demo databases share them."""

    def __init__(self, rng: random.Random):
        self.rng = rng

    def __call__(self) -> uuid.UUID:
        return uuid.UUID(int=self.rng.getrandbits(128), version=4)


async def _by_name(db: Db, column_name, column_id) -> dict:
    return dict((await db.execute(select(column_name, column_id))).all())


def _workdays(start: date, end: date) -> list[date]:
    return [start + timedelta(n) for n in range((end - start).days + 1) if (start + timedelta(n)).weekday() < 5]


class _Builder:
    def __init__(self, db: Db, seed: int, password: str | None, rounds: int):
        self.db = db
        self.rng = random.Random(seed)
        self.new_id = _Ids(random.Random(seed + 1))
        self.password = password
        self.rounds = rounds
        self.now = utcnow()
        self.counts: dict[str, int] = {}

    def stamp(self, row: dict) -> dict:
        return {"id": self.new_id(), "created_at": self.now, "updated_at": self.now, **row}

    async def insert(self, table, rows: list[dict], label: str | None = None) -> list[dict]:
        if rows:
            await self.db.execute(insert(table.__table__), rows)
        if label:
            self.counts[label] = self.counts.get(label, 0) + len(rows)
        return rows

    async def reference(self) -> None:
        self.entity_types = await _by_name(self.db, EntityType.name, EntityType.id)
        self.departments = await _by_name(self.db, Department.name, Department.id)
        self.statuses = await _by_name(self.db, TaskStatus.short_name, TaskStatus.id)
        rows = (await self.db.execute(select(TaskType.name, TaskType.for_entity, TaskType.id))).all()
        self.task_types = {(n, f): i for n, f, i in rows}
        self.open_status = (await _by_name(self.db, ProjectStatus.name, ProjectStatus.id)).get("Open")
        needed = ["Episode", "Sequence", "Shot", *ASSET_TASK_TYPES]
        if self.open_status is None or any(t not in self.entity_types for t in needed):
            raise errors.InvalidInput("The default rows are missing: run `trackql init-db` first.")

    async def people(self) -> None:
        self.person = {}
        for first, last, role, position, seniority, depts, salary in PEOPLE:
            row = await accounts.create_person(
                self.db, email=f"{first.lower()}.{last.lower()}@example.com", password=self.password,
                first_name=first, last_name=last, role=role, desktop_login=first.lower(),
                departments=[self.departments[d] for d in depts if d in self.departments], rounds=self.rounds,
                id=self.new_id(), position=position, seniority=seniority, daily_salary=salary)
            self.person[first] = row["id"]
        self.counts["people"] = len(PEOPLE)

    async def project(self) -> None:
        row = self.stamp(_project(self.open_status))
        await self.insert(Project, [row], "projects")
        self.project_id = row["id"]
        team = [{"project_id": self.project_id, "person_id": pid, "shotgun_id": None, "role": None}
                for pid in self.person.values()]
        await self.insert(ProjectPersonLink, team, "team members")
        used_types = {(n, "Asset") for ts in ASSET_TASK_TYPES.values() for n in ts}
        used_types |= {(n, "Shot") for n in SHOT_TASK_TYPES}
        await self.insert(ProjectTaskTypeLink, [
            self.stamp({"project_id": self.project_id, "task_type_id": self.task_types[key], "priority": None,
                        "hd_bitrate_compression": None, "ld_bitrate_compression": None,
                        "is_client_visible": True})
            for key in sorted(used_types) if key in self.task_types])
        await self.insert(ProjectTaskStatusLink, [
            self.stamp({"project_id": self.project_id, "task_status_id": self.statuses[s], "priority": n + 1,
                        "roles_for_board": ["user", "admin", "supervisor", "manager", "vendor"],
                        "is_client_allowed": None})
            for n, s in enumerate(PROJECT_STATUSES) if s in self.statuses])
        await self.insert(ProjectAssetTypeLink, [
            {"project_id": self.project_id, "asset_type_id": self.entity_types[t]} for t in ASSET_TASK_TYPES])

    def entity(self, type_name: str, name: str, **extra) -> dict:
        return self.stamp({
            "name": name, "code": None, "description": None, "shotgun_id": None, "canceled": False,
            "nb_frames": None, "nb_entities_out": 0, "is_casting_standby": False, "is_shared": False,
            "status": "running", "project_id": self.project_id, "entity_type_id": self.entity_types[type_name],
            "parent_id": None, "source_id": None, "preview_file_id": None, "data": {}, "ready_for": None,
            "created_by": self.person["Alice"], **extra})

    async def breakdown(self) -> None:
        episodes, sequences, shots = [], [], []
        for ep_name, seq_names in EPISODES.items():
            ep = self.entity("Episode", ep_name, description=f"Episode {ep_name[1:]}")
            episodes.append(ep)
            for seq_name in seq_names:
                seq = self.entity("Sequence", seq_name, parent_id=ep["id"])
                sequences.append(seq)
                frame_in = 101
                for n in range(1, SHOTS_PER_SEQUENCE + 1):
                    nb = self.rng.choice([48, 60, 72, 96, 120, 144])
                    shots.append(self.entity("Shot", f"SH{n * 10:03d}", parent_id=seq["id"], nb_frames=nb,
                                             data={"frame_in": frame_in, "frame_out": frame_in + nb - 1,
                                                   "fps": "25"}))
        await self.insert(Entity, episodes, "episodes")
        await self.insert(Entity, sequences, "sequences")
        assets = [self.entity(t, name, description=desc) for t, name, desc in ASSETS]
        links = []
        for shot in shots:
            cast = self.rng.sample(assets, self.rng.randint(2, 4))
            shot["nb_entities_out"] = len(cast)
            for asset in cast:
                is_character = asset["entity_type_id"] == self.entity_types["Character"]
                links.append(self.stamp({
                    "entity_in_id": shot["id"], "entity_out_id": asset["id"], "data": {},
                    "nb_occurences": self.rng.choice([1, 1, 1, 2]) if not is_character else 1,
                    "label": "animate" if is_character else "fixed"}))
        await self.insert(Entity, shots, "shots")
        await self.insert(Entity, assets, "assets")
        await self.insert(EntityLink, links, "casting links")
        self.shots, self.assets = shots, assets

    def _assignee(self, task_type: str) -> uuid.UUID | None:
        department_of = {"Concept": "Concept", "Modeling": "Modeling", "Shading": "Modeling",
                         "Rigging": "Animation", "Layout": "Layout", "Animation": "Animation",
                         "Lighting": "Compositing", "Compositing": "Compositing"}
        dept = department_of[task_type]
        candidates = [p[0] for p in PEOPLE if dept in p[5] and p[2] == "user"]
        return self.person[self.rng.choice(candidates)] if candidates else None

    def _task(self, entity: dict, task_type: str, for_entity: str, step: int, nb_steps: int) -> tuple[dict, bool]:
        """A task row, and whether work on it has started."""
        # Earlier steps of the pipeline are further along.
        progress = self.rng.random() + (nb_steps - step) / nb_steps
        status = ("done" if progress > 1.35 else "wfa" if progress > 1.15 else "retake" if progress > 1.05
                  else "wip" if progress > 0.8 else "ready" if progress > 0.6 else "todo")
        start = PROJECT_START + timedelta(weeks=step * 2 + self.rng.randint(0, 2))
        estimation_days = self.rng.choice([1, 2, 3, 5])
        started = status not in ("todo", "ready")
        return self.stamp({
            "name": "main", "description": None, "priority": 0, "difficulty": self.rng.randint(1, 5),
            "duration": 0.0, "estimation": float(estimation_days * MINUTES_PER_DAY), "completion_rate": 0,
            "retake_count": 1 if status == "retake" else 0, "sort_order": 0,
            "start_date": datetime.combine(start, datetime.min.time()),
            "due_date": datetime.combine(start + timedelta(days=estimation_days * 2), datetime.min.time()),
            "real_start_date": datetime.combine(start, datetime.min.time()) if started else None,
            "end_date": None, "done_date": datetime.combine(TODAY - timedelta(days=self.rng.randint(1, 20)),
                                                            datetime.min.time()) if status == "done" else None,
            "last_comment_date": None, "nb_assets_ready": 0, "data": {}, "nb_drawings": 0, "shotgun_id": None,
            "last_preview_file_id": None, "project_id": self.project_id,
            "task_type_id": self.task_types[(task_type, for_entity)], "task_status_id": self.statuses[status],
            "entity_id": entity["id"], "assigner_id": self.person["Alice"]}), started

    async def tasks(self) -> None:
        planned = []  # (task row, task type name, started)
        type_name = {v: k for k, v in self.entity_types.items()}
        for asset in self.assets:
            steps = ASSET_TASK_TYPES[type_name[asset["entity_type_id"]]]
            planned += [(*self._task(asset, t, "Asset", n, len(steps)), t) for n, t in enumerate(steps)]
        for shot in self.shots:
            planned += [(*self._task(shot, t, "Shot", n, len(SHOT_TASK_TYPES)), t)
                        for n, t in enumerate(SHOT_TASK_TYPES)]
        assignments, spents = [], []
        day_off_person = self.person[DAY_OFF[0]]
        off_days = set(_workdays(DAY_OFF[1], DAY_OFF[2]))
        recent = _workdays(TODAY - timedelta(weeks=4), TODAY)
        for task, started, task_type in planned:
            person = self._assignee(task_type)
            if person is None:
                continue
            assignments.append({"task_id": task["id"], "person_id": person})
            if not started:
                continue
            days = [d for d in self.rng.sample(recent, self.rng.randint(1, 3))
                    if not (person == day_off_person and d in off_days)]
            for day in sorted(days):
                minutes = float(self.rng.choice([60, 120, 180, 240, 300, 360, 420, 480]))
                spents.append(self.stamp({"duration": minutes, "date": day, "task_id": task["id"],
                                          "person_id": person}))
                task["duration"] += minutes
        await self.insert(Task, [task for task, _, _ in planned], "tasks")
        await self.insert(TaskPersonLink, assignments, "assignments")
        await self.insert(TimeSpent, spents, "time spents")

    async def day_off(self) -> None:
        who, start, end, description = DAY_OFF
        await self.insert(DayOff, [self.stamp({"date": start, "end_date": end, "description": description,
                                               "person_id": self.person[who]})], "days off")

    async def budget(self) -> None:
        budget = self.stamp({"project_id": self.project_id, "revision": 1, "name": "Initial budget",
                             "currency": "EUR"})
        await self.insert(Budget, [budget], "budgets")
        entries = []
        for first, _, role, position, seniority, depts, salary in PEOPLE:
            if role == "client" or not depts:
                continue
            entries.append(self.stamp({
                "budget_id": budget["id"], "department_id": self.departments[depts[0]],
                "person_id": self.person[first], "start_date": PROJECT_START,
                "months_duration": self.rng.choice([6, 9, 12]), "daily_salary": float(salary),
                "position": position, "seniority": seniority, "exceptions": {}}))
        entries.append(self.stamp({  # a seat not filled yet
            "budget_id": budget["id"], "department_id": self.departments["Animation"], "person_id": None,
            "start_date": date(2025, 4, 1), "months_duration": 6, "daily_salary": 280.0,
            "position": "artist", "seniority": "mid", "exceptions": {"2025-08": 0}}))
        await self.insert(BudgetEntry, entries, "budget entries")


def _project(open_status: uuid.UUID) -> dict:
    return {
        "name": PROJECT_NAME, "code": "LHK", "description": "A 2-episode TV show (TrackQL demo data).",
        "shotgun_id": None, "file_tree": None, "data": {}, "has_avatar": False, "fps": "25", "ratio": "16:9",
        "resolution": "1920x1080", "production_type": "tvshow", "production_style": "2d3d",
        "start_date": PROJECT_START, "end_date": date(2025, 12, 19), "man_days": 400, "nb_episodes": 2,
        "episode_span": 0, "max_retakes": 0, "is_clients_isolated": False, "is_preview_download_allowed": False,
        "is_set_preview_automated": False, "homepage": "assets", "is_publish_default_for_artists": False,
        "hd_bitrate_compression": None, "ld_bitrate_compression": None, "project_status_id": open_status,
        "default_preview_background_file_id": None, "from_schedule_version_id": None,
        "is_bot_collaboration_enabled": False, "is_single_preview_per_revision": False, "revision_padding": 0,
        "is_frame_in_numbering": False, "is_client_stats_visible": True, "is_client_task_list_visible": True,
        "is_client_task_panel_visible": True,
    }


async def load_demo(db: Db, *, people_password: str | None = None, rounds: int = 12, seed: int = 7,
                    progress: Progress = lambda _msg: None) -> DemoSummary:
    """Insert the demo production (flushes; the caller commits). Does nothing when a project of that name
    exists already. Demo people log in with `people_password`; without one they cannot log in."""
    existing = (await db.execute(select(Project.id).where(Project.name == PROJECT_NAME))).scalar()
    if existing is not None:
        progress(f"project {PROJECT_NAME!r} is already there: nothing to do")
        return DemoSummary(existing, created=False)
    b = _Builder(db, seed, people_password, rounds)
    await b.reference()
    for step, label in [(b.people, "people and departments"), (b.project, "project and team"),
                        (b.breakdown, "episodes, sequences, shots, assets, casting"),
                        (b.tasks, "tasks, assignments, time spents"), (b.day_off, "day off"),
                        (b.budget, "budget")]:
        await step()
        progress(label)
    return DemoSummary(b.project_id, created=True, counts=b.counts)
