"""Team (a coordinator's screen in an organisation's store): workers and their PINs or passphrases,
caseloads and who they are shared with, and the audit log with its hash-chain check.

Every rule is the store's (kinship_app/store/access.py): a worker who somehow reached this screen
would get the store's "Only a coordinator can do that" in words, nothing else.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QLineEdit, QTableWidget, QTableWidgetItem, QWidget,
)

from kinship_app.i18n import _
from ui.widgets import ErrorSummary, button, heading, label, page_in, set_button_text

AUDIT_ROWS = 200


def _table(columns: int, name: str) -> QTableWidget:
    table = QTableWidget(0, columns)
    table.setObjectName(name)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.verticalHeader().hide()
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    table.setMinimumHeight(160)
    return table


def _fill(table: QTableWidget, rows: list[list[str]]) -> None:
    table.setRowCount(len(rows))
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            table.setItem(r, c, QTableWidgetItem(value))


class TeamScreen(QWidget):
    def __init__(self, ctx: Any, ops: Any, window: Any):
        super().__init__()
        self.ctx, self.ops, self.window_ = ctx, ops, window
        self.page = page_in(self)
        b = self.page.body
        self.errors = ErrorSummary()
        b.addWidget(self.errors)
        self.heading = heading()
        b.addWidget(self.heading)
        self.message = label("")
        self.message.setObjectName("team_message")
        b.addWidget(self.message)

        self.workers_heading = heading("", 2)
        b.addWidget(self.workers_heading)
        self.workers = _table(3, "workers")
        b.addWidget(self.workers)
        form = QHBoxLayout()
        self.new_name = QLineEdit()
        self.new_name.setObjectName("new_worker_name")
        self.new_role = QComboBox()
        self.new_role.setObjectName("new_worker_role")
        self.new_secret = QLineEdit()
        self.new_secret.setObjectName("new_worker_secret")
        self.new_secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.add_worker = button("", "", self._add_worker)
        self.add_worker.setObjectName("add_worker")
        for w in (self.new_name, self.new_role, self.new_secret, self.add_worker):
            form.addWidget(w)
        b.addLayout(form)
        self.secret_hint = label("", "hint")
        b.addWidget(self.secret_hint)

        self.caseloads_heading = heading("", 2)
        b.addWidget(self.caseloads_heading)
        self.caseloads = _table(3, "caseloads")
        b.addWidget(self.caseloads)
        form2 = QHBoxLayout()
        self.new_caseload = QLineEdit()
        self.new_caseload.setObjectName("new_caseload_name")
        self.add_caseload = button("", "", self._add_caseload)
        self.add_caseload.setObjectName("add_caseload")
        form2.addWidget(self.new_caseload)
        form2.addWidget(self.add_caseload)
        form2.addStretch(1)
        b.addLayout(form2)
        self.new_caseload.setMinimumWidth(320)
        form3 = QHBoxLayout()
        self.share_caseload = QComboBox()
        self.share_caseload.setObjectName("share_caseload")
        self.share_worker = QComboBox()
        self.share_worker.setObjectName("share_worker")
        self.share = button("", "", self._share)
        self.share.setObjectName("share")
        for combo in (self.share_caseload, self.share_worker):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            combo.setMinimumWidth(220)
        for w in (self.share_caseload, self.share_worker, self.share):
            form3.addWidget(w)
        form3.addStretch(1)
        b.addLayout(form3)

        self.audit_heading = heading("", 2)
        b.addWidget(self.audit_heading)
        self.chain = label("")
        self.chain.setObjectName("audit_chain")
        b.addWidget(self.chain)
        self.audit = _table(4, "audit_log")
        self.audit.setMinimumHeight(320)
        b.addWidget(self.audit)
        self.page.finish()
        self.retranslate_ui()

    def title(self) -> str:
        return _("Team")

    def retranslate_ui(self) -> None:
        self.heading.setText(_("Team"))
        self.heading.setAccessibleName(_("Team"))
        self.page.setAccessibleName(_("Team"))
        self.workers_heading.setText(_("Workers and coordinators"))
        self.workers.setHorizontalHeaderLabels([_("Name"), _("Role"), _("Caseloads")])
        self.workers.setAccessibleName(_("Workers and coordinators"))
        self.new_name.setPlaceholderText(_("Name"))
        self.new_name.setAccessibleName(_("New worker's name"))
        current = self.new_role.currentData()
        self.new_role.clear()
        self.new_role.addItem(_("Support worker"), "worker")
        self.new_role.addItem(_("Coordinator"), "coordinator")
        if current:
            self.new_role.setCurrentIndex(max(0, self.new_role.findData(current)))
        self.new_role.setAccessibleName(_("Role"))
        self.new_secret.setPlaceholderText(_("PIN or passphrase"))
        self.new_secret.setAccessibleName(_("Their PIN or passphrase"))
        set_button_text(self.add_worker, _("Add"))
        self.secret_hint.setText(_("A PIN is at least 6 digits; a passphrase at least 8 characters. Tell it to the "
                                   "person in person; only a hash of it is kept."))
        self.caseloads_heading.setText(_("Caseloads"))
        self.caseloads.setHorizontalHeaderLabels([_("Caseload"), _("Households"), _("Shared with")])
        self.caseloads.setAccessibleName(_("Caseloads"))
        self.new_caseload.setPlaceholderText(_("New caseload's name"))
        self.new_caseload.setAccessibleName(_("New caseload's name"))
        set_button_text(self.add_caseload, _("Add caseload"))
        self.share_caseload.setAccessibleName(_("Caseload to share"))
        self.share_worker.setAccessibleName(_("Worker to share it with"))
        set_button_text(self.share, _("Share"))
        self.audit_heading.setText(_("Audit log: who viewed, changed, exported, printed or erased what"))
        self.audit.setHorizontalHeaderLabels([_("When (UTC)"), _("Who"), _("Household"), _("What")])
        self.audit.setAccessibleName(_("Audit log"))

    def on_shown(self) -> None:
        self.refresh()

    def clear_sensitive(self) -> None:
        for table in (self.workers, self.caseloads, self.audit):
            table.setRowCount(0)
        self.chain.setText("")

    # -- data ----------------------------------------------------------------------------------

    def refresh(self) -> None:
        def load() -> dict[str, Any]:
            store = self.ctx.store()
            return {"accounts": store.accounts(), "caseloads": store.caseloads(),
                    "audit": store.audit_log(limit=AUDIT_ROWS), "chain": store.verify_audit(),
                    "first": not store.has_accounts, "server": store.backend == "postgresql"}

        self.ops.run(load, self._show, on_error=self._failed)

    def _failed(self, error: Exception) -> None:
        self.clear_sensitive()
        self.message.setText(str(error))

    def _show(self, data: dict[str, Any]) -> None:
        self.message.setText(_("No one has an account yet. Add the first coordinator: from then on everyone "
                               "signs in with their own name and PIN or passphrase, and each support worker sees "
                               "only the caseloads shared with them.") if data["first"] else "")
        if data["first"]:
            self.new_role.setCurrentIndex(self.new_role.findData("coordinator"))
        names = {a.id: a.name for a in data["accounts"]}
        caseload_names = {c.id: c.name for c in data["caseloads"]}
        roles = {"worker": _("Support worker"), "coordinator": _("Coordinator")}
        # On a shared server each worker may have a database login of their own (README): its name.
        login = (lambda a: f" (kinship_worker_{a.id})" if data.get("server") and a.role == "worker" else "")
        _fill(self.workers, [[a.name + login(a) + ("" if a.active else " " + _("(closed)")), roles.get(a.role, a.role),
                              ", ".join(caseload_names.get(i, str(i)) for i in a.caseload_ids)]
                             for a in data["accounts"]])
        _fill(self.caseloads, [[c.name, str(c.households), ", ".join(names.get(i, str(i)) for i in c.member_ids)]
                               for c in data["caseloads"]])
        self.share_caseload.clear()
        for c in data["caseloads"]:
            self.share_caseload.addItem(c.name, c.id)
        self.share_worker.clear()
        for a in data["accounts"]:
            if a.role == "worker" and a.active:
                self.share_worker.addItem(a.name, a.id)
        _fill(self.audit, [[e.at.strftime("%Y-%m-%d %H:%M:%S"), e.worker, e.reference, e.what]
                           for e in data["audit"]])
        chain = data["chain"]
        if chain.ok:
            self.chain.setText(_("The log is complete and unaltered: {n} entries checked, each linked to the "
                                 "one before it. Latest link: {head} (note it to check later that no newer "
                                 "entry was removed).").format(n=chain.entries, head=chain.head[:16]))
        else:
            self.chain.setText(_("Warning: the audit log has been changed or has entries missing. {problems}")
                               .format(problems=" ".join(chain.problems[:3])))

    def _add_worker(self) -> None:
        name, secret = self.new_name.text().strip(), self.new_secret.text()
        role = self.new_role.currentData() or "worker"
        kind = "pin" if secret.isdigit() else "passphrase"

        def done(record: Any) -> None:
            self.new_name.clear()
            self.new_secret.clear()
            self.errors.clear()
            self.window_.account_changed(self.ctx.store().account)
            self.refresh()

        self.ops.run(lambda: self.ctx.store().create_account(name, role, secret, kind=kind), done,
                     on_error=lambda e: self.errors.show_errors([(str(e), self.new_name)]))

    def _add_caseload(self) -> None:
        name = self.new_caseload.text().strip()

        def done(_record: Any) -> None:
            self.new_caseload.clear()
            self.errors.clear()
            self.refresh()

        self.ops.run(lambda: self.ctx.store().create_caseload(name), done,
                     on_error=lambda e: self.errors.show_errors([(str(e), self.new_caseload)]))

    def _share(self) -> None:
        caseload, account = self.share_caseload.currentData(), self.share_worker.currentData()
        if caseload is None or account is None:
            self.errors.show_errors([(_("Choose a caseload and a worker"), self.share_caseload)])
            return
        self.ops.run(lambda: self.ctx.store().share_caseload(caseload, account), lambda _r: self.refresh(),
                     on_error=lambda e: self.errors.show_errors([(str(e), self.share_caseload)]))

