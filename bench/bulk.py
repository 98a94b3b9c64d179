"""Writing many rows fast: PostgreSQL's COPY (asyncpg `copy_records_to_table`) when the connection is
asyncpg, SQLAlchemy Core `executemany` in chunks otherwise; both inside the caller's transaction."""
from __future__ import annotations

import sys
import time
from collections.abc import Sequence
from typing import Any, TextIO

import orjson
from sqlalchemy import Table, insert, text
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlalchemy.sql import sqltypes

CHUNK = 10_000


class Progress:
    """One bar on stderr for the whole load: rows written out of the total, the table being written."""

    def __init__(self, total: int, stream: TextIO | None = None, enabled: bool = True):
        self.total, self.done = max(total, 1), 0
        self.stream = stream or sys.stderr
        self.enabled = enabled
        self.tty = enabled and self.stream.isatty()
        self.started = time.perf_counter()
        self._last_draw = 0.0
        self.label = ""

    def table(self, label: str) -> None:
        self.label = label

    def advance(self, n: int) -> None:
        self.done += n
        now = time.perf_counter()
        if self.tty and (now - self._last_draw > 0.1 or self.done >= self.total):
            self._last_draw = now
            frac = min(1.0, self.done / self.total)
            bar = "#" * int(frac * 30)
            self.stream.write(f"\r[{bar:<30}] {frac:4.0%} {self.done:>9,}/{self.total:,} rows "
                              f"{now - self.started:6.1f}s  {self.label:<36}")
            self.stream.flush()

    def table_done(self, label: str, rows: int, seconds: float) -> None:
        if self.enabled and not self.tty:
            self.stream.write(f"  {label:<36} {rows:>9,} rows {seconds:7.2f}s\n")
            self.stream.flush()

    def close(self) -> None:
        if self.tty:
            self.stream.write("\n")
            self.stream.flush()


def _chunks(rows: Sequence[Any], size: int):
    for i in range(0, len(rows), size):
        yield rows[i:i + size]


async def write_rows(conn: AsyncConnection, table: Table, rows: Sequence[dict[str, Any]], progress: Progress,
                     chunk: int = CHUNK) -> None:
    if not rows:
        return
    columns = list(rows[0].keys())
    if conn.dialect.driver == "asyncpg":
        await _copy(conn, table, columns, rows, progress, chunk)
        return
    for part in _chunks(rows, chunk):
        await conn.execute(insert(table), list(part))
        progress.advance(len(part))


def _json_columns(conn: AsyncConnection, table: Table, columns: list[str]) -> list[int]:
    """Positions of the columns that are JSON(B) on this dialect (asyncpg takes them as text)."""
    out = []
    for i, name in enumerate(columns):
        impl = table.c[name].type.dialect_impl(conn.dialect)
        if isinstance(impl, sqltypes.JSON):
            out.append(i)
    return out


async def _copy(conn: AsyncConnection, table: Table, columns: list[str], rows: Sequence[dict[str, Any]],
                progress: Progress, chunk: int) -> None:
    # The transaction is begun by the first statement SQLAlchemy sends; COPY must run inside it.
    await conn.execute(text("SELECT 1"))
    raw = await conn.get_raw_connection()
    driver = raw.driver_connection
    json_at = _json_columns(conn, table, columns)
    for part in _chunks(rows, chunk):
        records = []
        for row in part:
            rec = [row[c] for c in columns]
            for i in json_at:
                if rec[i] is not None:
                    rec[i] = orjson.dumps(rec[i]).decode()
            records.append(rec)
        await driver.copy_records_to_table(table.name, records=records, columns=columns)
        progress.advance(len(part))


async def analyze(conn: AsyncConnection) -> None:
    """Fresh planner statistics: the benchmark's query plans depend on them."""
    await conn.execute(text("ANALYZE"))
