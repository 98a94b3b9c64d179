"""Every query of the corpus answers the same through the breadth-first executor and through Strawberry's
stock execution (field resolvers through DataLoaders), on the same data: data and errors (message, path,
locations, extensions), errors compared in path order."""
from __future__ import annotations

import orjson
import pytest

from corpus import CASES, Case
from executions import run_breadth, run_stock
from world import build_world


def canonical(body) -> bytes:
    return orjson.dumps(body, option=orjson.OPT_SORT_KEYS)


def test_corpus_is_large_enough():
    assert len(CASES) >= 60
    assert len({c.name for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
async def test_breadth_first_answers_like_stock_execution(db, settings, case: Case):
    world = await build_world(db)
    person = world.people[case.as_] if case.as_ else None
    variables = case.variables(world)
    stock = await run_stock(db, settings, person, case.query, variables, case.operation_name)
    fast = await run_breadth(db, settings, person, case.query, variables, case.operation_name)
    assert fast == stock
    assert canonical(fast) == canonical(stock)  # 0 and 0.0 differ on the wire
    codes = {e["extensions"]["code"] for e in stock.get("errors", [])}
    assert codes == set(case.codes), stock.get("errors")
    assert (stock.get("data") is None) == case.data_null
