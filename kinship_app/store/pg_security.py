"""The caseload rules again, in PostgreSQL itself: row-level security (issue 12).

The service layer already limits every call (access.py). On a shared server the same rule is also
a policy on every table holding a household's data, so a query that forgot the caseload (a bug, a
new screen) still sees only what the signed-in worker may see:

- ``kinship_may_see(caseload_id)``: true when the store has no accounts yet, when the transaction's
  ``kinship.role`` is ``coordinator``, or when the caseload is shared with ``kinship.account_id``;
- ``households`` is filtered by it; carers, children, assessment runs, letters, notes, actions and
  autosaved answers by "their household is visible" (the households policy applies inside);
- ``FORCE ROW LEVEL SECURITY`` so that the table owner is bound too.

The app sets ``kinship.account_id`` and ``kinship.role`` with ``set_config(..., true)`` at the start
of every transaction (``Store._run``), from the account that signed in with its own secret. Those
settings come from the app: a person holding the app's database login and writing SQL by hand
could set them too, so that login must be kept from people (README, "A shared PostgreSQL server");
superusers and roles with BYPASSRLS are never bound by policies, so the app must not use one.
"""

from __future__ import annotations

from typing import Any

HOUSEHOLD_TABLES = ("carers", "children", "assessment_runs", "letters", "notes", "actions", "check_progress",
                    "allowance_estimates")

FUNCTION = """
CREATE OR REPLACE FUNCTION kinship_may_see(caseload integer) RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT NOT EXISTS (SELECT 1 FROM accounts)
      OR coalesce(current_setting('kinship.role', true), '') = 'coordinator'
      OR EXISTS (SELECT 1 FROM caseload_members m
                 WHERE m.caseload_id = caseload
                   AND m.account_id::text = coalesce(current_setting('kinship.account_id', true), ''))
$$
"""


def enable_row_level_security(conn: Any) -> None:
    conn.exec_driver_sql(FUNCTION)
    conn.exec_driver_sql("ALTER TABLE households ENABLE ROW LEVEL SECURITY")
    conn.exec_driver_sql("ALTER TABLE households FORCE ROW LEVEL SECURITY")
    conn.exec_driver_sql("DROP POLICY IF EXISTS kinship_caseload ON households")
    conn.exec_driver_sql("CREATE POLICY kinship_caseload ON households USING (kinship_may_see(caseload_id)) "
                         "WITH CHECK (kinship_may_see(caseload_id))")
    for table in HOUSEHOLD_TABLES:
        # A schema revision enables the tables there are at that revision (a later one, its own).
        if conn.exec_driver_sql(f"SELECT to_regclass('{table}')").scalar() is None:
            continue
        conn.exec_driver_sql(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
        conn.exec_driver_sql(f"ALTER TABLE {table} FORCE ROW LEVEL SECURITY")
        conn.exec_driver_sql(f"DROP POLICY IF EXISTS kinship_caseload ON {table}")
        conn.exec_driver_sql(f"CREATE POLICY kinship_caseload ON {table} "
                             f"USING (EXISTS (SELECT 1 FROM households h WHERE h.id = {table}.household_id)) "
                             f"WITH CHECK (EXISTS (SELECT 1 FROM households h WHERE h.id = {table}.household_id))")


def set_session(conn: Any, account_id: int | None, role: str) -> None:
    """Tell the policies who is signed in, for this transaction only."""
    conn.exec_driver_sql("SELECT set_config('kinship.account_id', %(a)s, true), set_config('kinship.role', %(r)s, true)",
                         {"a": "" if account_id is None else str(account_id), "r": role})


# A server with TLS: connection addresses that leave this computer must ask for it.
TLS_MODES = ("require", "verify-ca", "verify-full")
LOOPBACK = ("localhost", "127.0.0.1", "::1", "")


def needs_tls(host: str | None, query: dict[str, Any]) -> bool:
    """True when the address goes over the network without asking for TLS (sslmode)."""
    host = (host or "").strip("[]")
    if host in LOOPBACK or host.startswith("/"):
        return False
    mode = query.get("sslmode")
    if isinstance(mode, (tuple, list)):
        mode = mode[-1] if mode else None
    return mode not in TLS_MODES
