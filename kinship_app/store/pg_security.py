"""The caseload rules again, in PostgreSQL itself: row-level security (issue 12).

The service layer already limits every call (access.py). On a shared server the same rule is also
a policy on every table holding a household's data, so a query that forgot the caseload (a bug, a
new screen) still sees only what the signed-in worker may see:

- ``kinship_may_see(caseload_id)``: true when the store has no accounts yet, when the transaction's
  ``kinship.role`` is ``coordinator``, or when the caseload is shared with ``kinship.account_id``;
- ``households`` is filtered by it; carers, children, assessment runs, letters, notes, actions and
  autosaved answers by "their household is visible" (the households policy applies inside);
- ``FORCE ROW LEVEL SECURITY`` so that the table owner is bound too.

Who is signed in reaches the policies in one of two ways, and they differ in whom they trust:

- **A worker's own database login** (``kinship_worker_<account id>``, a member of the group role
  ``kinship_workers``; README "A shared PostgreSQL server"). The server authenticated it, so the
  policies take the worker from ``session_user``, which SQL cannot change (``SET ROLE`` does not,
  and ``SET SESSION AUTHORIZATION`` needs a superuser), and ignore the settings below entirely.
  Such a login owns nothing and has only the grants of ``grant_workers``: it reads and writes
  household data, adds audit entries and changes its own account's secret, and cannot touch
  caseloads, their members, other accounts, the schema or the policies. This is enforced by the
  server whatever the person at the laptop does with the login.
- **The app's shared login** (the tables' owner), with ``kinship.account_id`` and ``kinship.role``
  set by ``set_session`` at the start of every transaction (``Store._run``) from the account that
  signed in with its own secret. Those settings are the app's word: anyone holding this login can
  set them by hand (and, as owner, could even switch the policies off), so on this login the
  policies guard against the app's own mistakes (a query that forgot the caseload), not against
  the person. Keep it to coordinators and the server's administrator.

Superusers and roles with BYPASSRLS are never bound by policies, so the app must not use one.
"""

from __future__ import annotations

from typing import Any

HOUSEHOLD_TABLES = ("carers", "children", "assessment_runs", "letters", "notes", "actions", "check_progress",
                    "allowance_estimates")

WORKER_PREFIX = "kinship_worker_"
POLICY_VERSION = "kinship policies v2"
WORKERS_GROUP = "kinship_workers"

LOGIN_FUNCTION = r"""
CREATE OR REPLACE FUNCTION kinship_login_account() RETURNS integer
LANGUAGE sql STABLE AS $$
  SELECT CASE WHEN session_user::text ~ '^kinship_worker_[0-9]{1,9}$'
              THEN substr(session_user::text, 16)::integer END
$$
"""

FUNCTION = """
CREATE OR REPLACE FUNCTION kinship_may_see(caseload integer) RETURNS boolean
LANGUAGE sql STABLE AS $$
  -- kinship policies v2 (refresh() replaces an older version: keep this line, raise the number)
  SELECT CASE WHEN kinship_login_account() IS NOT NULL THEN
      -- a worker's own login: the server says who it is; the settings are not asked
      EXISTS (SELECT 1 FROM caseload_members m JOIN accounts a ON a.id = m.account_id
              WHERE m.caseload_id = caseload AND a.id = kinship_login_account() AND a.active)
    ELSE NOT EXISTS (SELECT 1 FROM accounts)
      OR coalesce(current_setting('kinship.role', true), '') = 'coordinator'
      OR EXISTS (SELECT 1 FROM caseload_members m
                 WHERE m.caseload_id = caseload
                   AND m.account_id::text = coalesce(current_setting('kinship.account_id', true), ''))
  END
$$
"""

# What a worker's own login may do (granted to the group role ``kinship_workers``).
WORKER_WRITES = ("households", *HOUSEHOLD_TABLES, "counters")


def enable_row_level_security(conn: Any) -> None:
    conn.exec_driver_sql(LOGIN_FUNCTION)
    conn.exec_driver_sql(FUNCTION)
    # Accounts: everyone reads them (signing in); a worker's own login changes only its own row (and,
    # by its grants, only the secret).
    conn.exec_driver_sql("ALTER TABLE accounts ENABLE ROW LEVEL SECURITY")
    conn.exec_driver_sql("ALTER TABLE accounts FORCE ROW LEVEL SECURITY")
    conn.exec_driver_sql("DROP POLICY IF EXISTS kinship_read ON accounts")
    conn.exec_driver_sql("DROP POLICY IF EXISTS kinship_own ON accounts")
    conn.exec_driver_sql("CREATE POLICY kinship_read ON accounts FOR SELECT USING (true)")
    conn.exec_driver_sql("CREATE POLICY kinship_own ON accounts USING (kinship_login_account() IS NULL OR "
                         "id = kinship_login_account()) WITH CHECK (kinship_login_account() IS NULL OR "
                         "id = kinship_login_account())")
    # The audit log: read by all (the chain's last link); a worker's own login adds entries only in
    # its own account's name. (Triggers refuse UPDATE and DELETE to everyone: audit.py.)
    conn.exec_driver_sql("ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY")
    conn.exec_driver_sql("ALTER TABLE audit_log FORCE ROW LEVEL SECURITY")
    conn.exec_driver_sql("DROP POLICY IF EXISTS kinship_read ON audit_log")
    conn.exec_driver_sql("DROP POLICY IF EXISTS kinship_append ON audit_log")
    conn.exec_driver_sql("CREATE POLICY kinship_read ON audit_log FOR SELECT USING (true)")
    conn.exec_driver_sql("CREATE POLICY kinship_append ON audit_log FOR INSERT WITH CHECK ("
                         "kinship_login_account() IS NULL OR account_id = kinship_login_account())")
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


def refresh(conn: Any) -> None:
    """Bring the policies up to date and give ``kinship_workers`` its grants, when this login owns
    the tables (the coordinator's app, at every start: new tables get their grants too). A worker's
    own login owns nothing and does nothing here."""
    owner = conn.exec_driver_sql("SELECT tableowner = current_user FROM pg_tables "
                                 "WHERE schemaname = current_schema() AND tablename = 'households'").scalar()
    if not owner:
        return
    current = conn.exec_driver_sql("SELECT count(*) FROM pg_proc WHERE proname = 'kinship_may_see' "
                                   "AND prosrc LIKE %(v)s", {"v": f"%{POLICY_VERSION}%"}).scalar()
    if not current:
        conn.exec_driver_sql("SELECT pg_advisory_xact_lock(73280002)")
        enable_row_level_security(conn)
    grant_workers(conn)


def grant_workers(conn: Any) -> bool:
    """The grants of the group role ``kinship_workers`` (made by the server's administrator, see the
    README), on the tables this login owns. False when there is no such role."""
    if not conn.exec_driver_sql("SELECT 1 FROM pg_roles WHERE rolname = %(r)s", {"r": WORKERS_GROUP}).scalar():
        return False
    group = f'"{WORKERS_GROUP}"'
    conn.exec_driver_sql(f"GRANT USAGE ON SCHEMA public TO {group}")
    conn.exec_driver_sql(f"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {group}")
    conn.exec_driver_sql(f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {group}")
    conn.exec_driver_sql(f"GRANT INSERT, UPDATE, DELETE ON {', '.join(WORKER_WRITES)} TO {group}")
    conn.exec_driver_sql(f"GRANT INSERT ON audit_log TO {group}")
    conn.exec_driver_sql(f"GRANT UPDATE (secret_hash, secret_kind) ON accounts TO {group}")
    conn.exec_driver_sql(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {group}")
    return True


def login_account(conn: Any) -> int | None:
    """The account whose own database login this is (``kinship_worker_<id>``), else None."""
    return conn.exec_driver_sql("SELECT CASE WHEN session_user::text ~ '^kinship_worker_[0-9]{1,9}$' "
                                "THEN substr(session_user::text, 16)::integer END").scalar()


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
