"""One scenario of generic CRUD requests (tests/fixtures/zou/crud/cases.json) played against a server: the real
Zou when capturing (tests/fixtures/zou/crud/capture.py), TrackQL in tests/rest_compat/test_crud.py. Requests
refer to rows made earlier in the scenario (`{tt.id}`) and to a few per-server values (`{me.id}`,
`{shot_type.id}`, `{closed_status}`), so both servers get the same questions; the answers are compared by
status code and JSON key set (error bodies in full, ids masked)."""
from __future__ import annotations

import json
import re
import uuid
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

CASES_FILE = Path(__file__).resolve().parent.parent / "fixtures" / "zou" / "crud" / "cases.json"
ANSWERS_FILE = CASES_FILE.with_name("answers.json")
_PLACEHOLDER = re.compile(r"\{([a-z_0-9]+(?:\.[a-z_0-9]+)*)\}")
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")

Send = Callable[..., Awaitable[Any]]  # send(method, path, **httpx kwargs) -> httpx.Response


def load_cases() -> list[dict[str, Any]]:
    return json.loads(CASES_FILE.read_text())


def load_answers() -> list[dict[str, Any]]:
    return json.loads(ANSWERS_FILE.read_text())


def _lookup(state: dict[str, Any], dotted: str) -> Any:
    value: Any = state
    for part in dotted.split("."):
        value = value[int(part)] if isinstance(value, list) else value[part]
    return value


def fill(template: Any, state: dict[str, Any]) -> Any:
    """The template with `{name.field}` placeholders replaced from the state (a whole-string placeholder keeps
    the value's JSON type)."""
    if isinstance(template, str):
        whole = _PLACEHOLDER.fullmatch(template)
        if whole:
            return _lookup(state, whole.group(1))
        return _PLACEHOLDER.sub(lambda m: str(_lookup(state, m.group(1))), template)
    if isinstance(template, list):
        return [fill(v, state) for v in template]
    if isinstance(template, dict):
        return {k: fill(v, state) for k, v in template.items()}
    return template


def shape(payload: Any) -> dict[str, Any]:
    """What is compared of a successful answer: its kind, its keys (of the items for a list or a page), and
    the `type` value of an object."""
    if payload is None:
        return {"kind": "empty"}
    if isinstance(payload, dict) and {"data", "total", "nb_pages", "limit", "offset", "page"} <= set(payload):
        items = payload["data"]
        return {"kind": "page", "keys": sorted(payload), "item_keys": _union(items)}
    if isinstance(payload, dict):
        out = {"kind": "object", "keys": sorted(payload)}
        if isinstance(payload.get("type"), str):
            out["type"] = payload["type"]
        return out
    if isinstance(payload, list):
        return {"kind": "list", "item_keys": _union(payload)}
    return {"kind": type(payload).__name__}


def _union(items: list) -> list[str]:
    keys: set[str] = set()
    for item in items:
        if isinstance(item, dict):
            keys |= set(item)
    return sorted(keys)


def sample(payload: Any, items: int = 2) -> Any:
    """A successful answer as recorded: ids masked, lists (and pages) cut to their first items."""
    if isinstance(payload, list):
        payload = payload[:items]
    elif isinstance(payload, dict) and isinstance(payload.get("data"), list):
        payload = {**payload, "data": payload["data"][:items]}
    return masked(payload)


def value_kinds(payload: Any) -> dict[str, str]:
    """{key: JSON kind} of an object, or of the first item of a list or page; null values are left out
    (whether a column is set depends on the data, not on the server)."""
    if isinstance(payload, dict) and isinstance(payload.get("data"), list):
        payload = payload["data"]
    if isinstance(payload, list):
        payload = payload[0] if payload else {}
    if not isinstance(payload, dict):
        return {}
    kinds = {bool: "bool", int: "int", float: "float", str: "str", list: "list", dict: "dict"}
    return {k: kinds.get(type(v), type(v).__name__) for k, v in payload.items() if v is not None}


def masked(payload: Any) -> Any:
    """An error body with ids replaced (they differ between servers)."""
    return json.loads(_UUID.sub("<id>", json.dumps(payload)))


async def play(cases: list[dict[str, Any]], send: Send, state: dict[str, Any]) -> list[dict[str, Any]]:
    """Run the cases in order; returns one answer per case: status, shape, and the masked body of errors."""
    state = {"uniq": uuid.uuid4().hex[:8], "tokens": {}, **state}
    answers = []
    for case in cases:
        path = fill(case["path"], state)
        kwargs: dict[str, Any] = {"headers": {}}
        if "raw" in case:
            kwargs["content"] = case["raw"]
            kwargs["headers"]["Content-Type"] = "text/plain"
        elif "body" in case:
            kwargs["content"] = json.dumps(fill(case["body"], state))
            kwargs["headers"]["Content-Type"] = "application/json"
        if "as" in case:  # a person logged in by an earlier `login` case
            kwargs["headers"]["Authorization"] = f"Bearer {state['tokens'][case['as']]}"
        response = await send(case["method"], path, **kwargs)
        try:
            payload = response.json() if response.content else None
        except ValueError:
            payload = {"non_json": response.text[:200]}
        if case.get("save") and response.status_code < 400:
            picked = payload[case["pick"]] if "pick" in case else payload
            state[case["save"]] = picked
        if case.get("login") and response.status_code == 200:
            state["tokens"][case["login"]] = payload["access_token"]
        answer = {"name": case["name"], "method": case["method"], "path": case["path"],
                  "status": response.status_code, "shape": shape(payload)}
        if case.get("compare") == "status":
            answer["compare"] = "status"
        if response.status_code >= 400 or case.get("compare") == "body":
            answer["body"] = masked(payload)
        else:
            answer["sample"] = sample(payload)
        answers.append(answer)
    return answers


def differences(expected: dict[str, Any], actual: dict[str, Any]) -> list[str]:
    """How an answer differs from Zou's (empty when they agree on status, keys and error bodies)."""
    out = []
    if expected["status"] != actual["status"]:
        out.append(f"status {actual['status']} != zou {expected['status']}")
    if expected.get("compare") == "status":
        return out
    if expected["status"] < 400 and expected["shape"] != actual["shape"]:
        exp, act = expected["shape"], actual["shape"]
        for key in ("keys", "item_keys"):
            if key in exp or key in act:
                missing = sorted(set(exp.get(key, [])) - set(act.get(key, [])))
                extra = sorted(set(act.get(key, [])) - set(exp.get(key, [])))
                if missing or extra:
                    out.append(f"{key}: missing {missing} extra {extra}")
        for key in ("kind", "type"):
            if exp.get(key) != act.get(key):
                out.append(f"{key} {act.get(key)} != zou {exp.get(key)}")
    if "body" in expected and expected.get("body") != actual.get("body"):
        out.append(f"body {actual.get('body')} != zou {expected['body']}")
    if "sample" in expected and "sample" in actual:
        zou_kinds, our_kinds = value_kinds(expected["sample"]), value_kinds(actual["sample"])
        mismatched = sorted(k for k in set(zou_kinds) & set(our_kinds) if zou_kinds[k] != our_kinds[k])
        if mismatched:
            out.append("value kinds: " + ", ".join(f"{k} {our_kinds[k]} != zou {zou_kinds[k]}" for k in mismatched))
    return out
