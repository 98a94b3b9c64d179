"""Large answers sent as they are built: the selection tree runs over the root rows a chunk at a time (one
statement per level and chunk) and each chunk is encoded and sent before the next is built, so the server
never holds the whole document. Zou's shapes: a JSON array, a JSON object whose `rows` is the array, or
ndjson (`application/x-ndjson`: a header line, then one line per row)."""
from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterable, Sequence
from typing import Any

from starlette.responses import StreamingResponse

from rest_compat import trees, zou
from resolvers.engine import Selection

CHUNK = 2000  # root rows built per engine run
NDJSON = "application/x-ndjson"

Row = dict[str, Any]


async def built(ctx: Any, selection: Selection, roots: Sequence[Row], present: Callable[[Row], Any], *,
                chunk: int | None = None) -> AsyncIterator[list[Any]]:
    """The roots built through `selection` and presented, a chunk at a time (`CHUNK` roots by default)."""
    chunk = chunk or CHUNK
    for start in range(0, len(roots), chunk):
        objects = await trees.build(ctx, selection, roots[start:start + chunk])
        yield [present(o) for o in objects]


async def _array(chunks: AsyncIterator[list[Any]], *, prefix: bytes = b"", suffix: bytes = b"") -> AsyncIterator[bytes]:
    yield prefix + b"["
    first = True
    async for items in chunks:
        if not items:
            continue
        body = b",".join(zou.dumps(item) for item in items)
        yield body if first else b"," + body
        first = False
    yield b"]" + suffix


def json_array(chunks: AsyncIterator[list[Any]], headers: dict[str, str] | None = None) -> StreamingResponse:
    return StreamingResponse(_array(chunks), media_type="application/json", headers=headers)


def json_rows(header: Row, chunks: AsyncIterator[list[Any]],
              headers: dict[str, str] | None = None) -> StreamingResponse:
    """`{...header, "rows": [...]}`."""
    head = zou.dumps(header)
    prefix = head[:-1] + (b',"rows":' if len(head) > 2 else b'"rows":')
    return StreamingResponse(_array(chunks, prefix=prefix, suffix=b"}"), media_type="application/json",
                             headers=headers)


async def _lines(header: Row, chunks: AsyncIterator[list[Any]]) -> AsyncIterator[bytes]:
    yield zou.dumps(header) + b"\n"
    async for items in chunks:
        if items:
            yield b"".join(zou.dumps(item) + b"\n" for item in items)


def ndjson(header: Row, chunks: AsyncIterator[list[Any]], headers: dict[str, str] | None = None) -> StreamingResponse:
    return StreamingResponse(_lines(header, chunks), media_type=NDJSON, headers=headers)


def flatten(rows: Iterable[list[Any]]) -> list[Any]:
    return [item for chunk in rows for item in chunk]
