"""`japan-trade unload LOAD_ID`: take a load out of every build, recorded and reversible.

Nothing is deleted: ``raw.load_withdrawals`` is an append-only log of ``withdraw`` / ``restore``
actions per load, numbered 1, 2, … per load; the highest number says whether the load is
withdrawn. Withdrawn loads are left out of vintage selection (dbt ``int_loads_withdrawn``) and out
of the load guard's comparison (``coverage.py``); their raw rows stay.
"""

from __future__ import annotations

import duckdb

from .loaders import LoadError

#: load_id of every load whose latest action is ``withdraw`` (the dbt model int_loads_withdrawn says the same).
WITHDRAWN_LOADS_SQL = """
    select load_id from raw.load_withdrawals
    qualify row_number() over (partition by load_id order by action_number desc) = 1
        and action_kind = 'withdraw'
"""


def is_withdrawn(connection: duckdb.DuckDBPyConnection, load_id: int) -> bool:
    return bool(connection.execute(
        f"select count(*) from ({WITHDRAWN_LOADS_SQL}) where load_id = ?", [load_id]).fetchone()[0])


def withdrawn_note(connection: duckdb.DuckDBPyConnection, load_id: int) -> str:
    """For the "already loaded" message: how to bring back a load that was withdrawn."""
    if is_withdrawn(connection, load_id):
        return f" (it is withdrawn: `japan-trade unload --undo {load_id}` brings it back)"
    return ""


def _file_name(connection: duckdb.DuckDBPyConnection, load_id: int) -> str:
    row = connection.execute("select file_name from raw.file_loads where load_id = ?", [load_id]).fetchone()
    if row is None:
        raise LoadError(f"no load {load_id} in this warehouse; the loads are listed by "
                        "`select load_id, file_name, loaded_at from raw.file_loads`")
    return row[0]


def _record(connection: duckdb.DuckDBPyConnection, load_id: int, action: str, reason: str) -> None:
    connection.execute("""
        insert into raw.load_withdrawals (load_id, action_number, action_kind, reason)
        select ?, coalesce(max(action_number), 0) + 1, ?, ? from raw.load_withdrawals where load_id = ?
    """, [load_id, action, reason, load_id])


def withdraw(connection: duckdb.DuckDBPyConnection, load_id: int, reason: str) -> str:
    """Leave a load out of every later build; returns the message for the user."""
    file_name = _file_name(connection, load_id)
    if is_withdrawn(connection, load_id):
        return f"load {load_id} ({file_name}) is already withdrawn; nothing changed"
    _record(connection, load_id, "withdraw", reason)
    return (f"load {load_id} ({file_name}) withdrawn: the next `japan-trade build` leaves it out "
            f"(its rows are kept; `japan-trade unload --undo {load_id}` brings it back)")


def restore(connection: duckdb.DuckDBPyConnection, load_id: int, reason: str) -> str:
    """Undo a withdrawal; returns the message for the user."""
    file_name = _file_name(connection, load_id)
    if not is_withdrawn(connection, load_id):
        return f"load {load_id} ({file_name}) is not withdrawn; nothing changed"
    _record(connection, load_id, "restore", reason)
    return f"load {load_id} ({file_name}) restored: the next `japan-trade build` uses it again"
