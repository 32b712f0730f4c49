"""*Estimate the allowance*: plain questions about income and outgoings (weekly or monthly, "I'm
not sure" kept), then the estimate as a range with every step in words and figures.

Opened from a special guardianship or child arrangements result, or from a household's page. The
sums are the core's (``kinship_app.estimate``); this dialog only asks and shows. The council
decides, and the dialog says so before the figure. For a saved household's child it is given a
``saver``: *Save with the household* then keeps the answers and the estimate (the store works it
out again from the answers: ``Store.save_estimate``).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any, Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (QButtonGroup, QCheckBox, QComboBox, QDialog, QHBoxLayout, QLayout, QLineEdit, QSizePolicy,
                               QRadioButton, QVBoxLayout, QWidget)

from kinship_app.i18n import N_, _, format_date, format_money
from kinship_app.result import PERIODS
from ui.widgets import Card, ErrorSummary, button, heading, label, page_in

# (group, key in finances, question, hint); group None = a top-level finances field.
QUESTIONS = (
    ("income", "earnings", N_("Take-home pay from work"), N_("After tax and National Insurance, for you and your partner")),
    ("income", "universal_credit", N_("Universal Credit"), ""),
    ("income", "other_benefits", N_("Other benefits"), N_("Not Child Benefit, which is asked below")),
    ("income", "pensions", N_("Pensions"), ""),
    ("income", "other", N_("Any other income"), N_("For example savings interest or rent from a property")),
    ("income", "child_disability_living_allowance", N_("Disability Living Allowance paid for the child"), ""),
    ("outgoings", "housing", N_("Rent or mortgage"), ""),
    ("outgoings", "council_tax", N_("Council Tax"), ""),
    ("outgoings", "childcare", N_("Childcare"), ""),
    ("outgoings", "other", N_("Other essential outgoings"), ""),
    (None, "income_support_rate", N_("The Income Support rate for your family"),
     N_("The council's assessment form shows it; GOV.UK lists the rates under 'Benefit and pension rates'")),
    (None, "child_benefit", N_("Child Benefit for this child"), N_("Your Child Benefit award letter shows it")),
    (None, "council_fostering_allowance", N_("Your council's fostering allowance for this child, if you know it"),
     N_("Leave empty to use the national minimum for the child's age and area")),
)
# Left empty, these are "not given" (the estimate asks), not "none".
ASK_WHEN_EMPTY = {"income_support_rate", "child_benefit"}
OPTIONAL = {"council_fostering_allowance"}


def parse_amount(text: str) -> Decimal | None:
    """'£1,200.50' -> Decimal('1200.50'); None for text that is not an amount of 0 or more."""
    cleaned = text.strip().replace("£", "").replace(",", "").strip()
    try:
        value = Decimal(cleaned)
    except (InvalidOperation, ValueError):
        return None
    if not value.is_finite() or value < 0 or value > 10_000_000 or value.as_tuple().exponent < -2:
        return None
    return value


def _in_period(value: dict[str, Any], period: str) -> Any:
    amount = value.get("amount")
    if not isinstance(amount, (int, float)) or isinstance(amount, bool):
        return amount
    weeks = {"week": Decimal(52), "month": Decimal(12)}
    own = weeks.get(value.get("period", period), weeks["month"])
    return float((Decimal(str(amount)) * own / weeks.get(period, weeks["month"])).quantize(Decimal("0.01")))


class _Row(QWidget):
    """One question: the question, its hint, the amount and "I'm not sure" (GOV.UK order)."""

    def __init__(self, group: str | None, key: str, question: str, hint: str):
        super().__init__()
        self.group, self.key, self.question = group, key, question
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 4)
        lay.setSpacing(4)
        self.label = label(_(question))
        lay.addWidget(self.label)
        if hint:
            lay.addWidget(label(_(hint), "hint"))
        row = QHBoxLayout()
        row.setSpacing(16)
        self.edit = QLineEdit()
        self.edit.setObjectName(f"estimate_{group or 'finances'}_{key}")
        self.edit.setAccessibleName(_(question))
        if hint:
            self.edit.setAccessibleDescription(_(hint))
        self.edit.setPlaceholderText("£")
        self.edit.setMaximumWidth(self.edit.fontMetrics().horizontalAdvance("£10,000,000.00") * 2)
        self.label.setBuddy(self.edit)
        self.unsure = QCheckBox(_("I'm not sure"))
        self.unsure.setObjectName(f"estimate_unsure_{group or 'finances'}_{key}")
        self.unsure.setAccessibleName(_("I'm not sure: {question}").format(question=_(question)))
        self.unsure.toggled.connect(lambda on: self.edit.setEnabled(not on))
        row.addWidget(self.edit, 1)
        row.addWidget(self.unsure)
        row.addStretch(1)
        lay.addLayout(row)

    def value(self) -> tuple[Any, bool]:
        """(value for finances or None to leave out, ok)."""
        if self.unsure.isChecked():
            return "unknown", True
        text = self.edit.text().strip()
        if not text:
            return None, True
        amount = parse_amount(text)
        return (float(amount), True) if amount is not None else (None, False)


class EstimateDialog(QDialog):
    """The questions, then the estimate. ``case`` is contract JSON (flow.answers_to_case)."""

    def __init__(self, case: dict[str, Any], as_of: dt.date, parent: QWidget | None = None,
                 finances: dict[str, Any] | None = None,
                 saver: Callable[[dict[str, Any], Callable[[Any], None]], None] | None = None):
        super().__init__(parent)
        self.setObjectName("estimate_dialog")
        self.case, self.as_of = dict(case), as_of
        # saver(finances, on_saved): keeps the answers and the estimate with the household (off the UI
        # thread), then calls on_saved(EstimateRecord). None: a quick check, nothing is saved.
        self.saver = saver
        self.saved: Any = None
        self.result: dict[str, Any] | None = None
        self.setWindowTitle(_("Estimate the allowance"))
        self.resize(900, 760)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        holder = QWidget()
        outer.addWidget(holder)
        self.page = page_in(holder)
        # Size the page by its height at the dialog's width: its minimum size (all that text wrapped
        # at the narrowest width) would leave a long empty stretch below the estimate.
        inner = self.page.widget()
        inner.layout().setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        inner.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Ignored)
        b = self.page.body
        b.addWidget(heading(_("Estimate the allowance")))
        b.addWidget(label(_("Councils work out special guardianship and child arrangements allowances with a means "
                            "test. Answer what you can; if you are not sure of a figure, tick 'I'm not sure' and the "
                            "estimate shows a range.")))
        self.errors = ErrorSummary()
        b.addWidget(self.errors)
        b.addWidget(heading(_("Do you want to give amounts each week or each month?"), 2))
        period_row = QHBoxLayout()
        self.weekly = QRadioButton(_("Each week"))
        self.weekly.setObjectName("estimate_weekly")
        self.monthly = QRadioButton(_("Each month"))
        self.monthly.setObjectName("estimate_monthly")
        self.monthly.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.weekly)
        group.addButton(self.monthly)
        period_row.addWidget(self.weekly)
        period_row.addWidget(self.monthly)
        period_row.addStretch(1)
        b.addLayout(period_row)

        # The version of the means test: the council's own where one is known, else the national
        # model; another only if the council said it uses it (kept as finances.variant).
        from kinship_app.estimate import variants

        variant_label = heading(_("Version of the means test"), 2)
        b.addWidget(variant_label)
        b.addWidget(label(_("Leave this as it is unless your council told you it uses another version."), "hint"))
        self.variant = QComboBox()
        self.variant.setObjectName("estimate_variant")
        self.variant.addItem(_("Your council's, or the national model if it has none"), None)
        for v in variants.load().all():
            self.variant.addItem(v.name, v.code)
        self.variant.setAccessibleName(_("Version of the means test"))
        variant_label.setBuddy(self.variant)
        self.variant.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.variant.setMinimumContentsLength(20)
        b.addWidget(self.variant)

        self.rows: list[_Row] = []
        for title, group_code in ((N_("Money coming in"), "income"), (N_("Money going out"), "outgoings"),
                                  (N_("For the means test"), None)):
            b.addWidget(heading(_(title), 2))
            for q in QUESTIONS:
                if q[0] == group_code:
                    self.rows.append(_Row(*q))
                    b.addWidget(self.rows[-1])
        self.work_out = button(_("Work out the estimate"), "primary", self.calculate)
        self.work_out.setObjectName("estimate_work_out")
        b.addWidget(self.work_out)
        self.result_card = Card()
        self.result_card.setObjectName("estimate_result")
        self.result_card.hide()
        b.addWidget(self.result_card)
        self.save_button = button(_("Save with the household"), "primary", self.save)
        self.save_button.setObjectName("estimate_save")
        self.save_button.hide()
        b.addWidget(self.save_button)
        self.saved_note = label("", "subheading")
        self.saved_note.setObjectName("estimate_saved")
        self.saved_note.hide()
        b.addWidget(self.saved_note)
        self.page.finish()
        if finances:
            self.set_finances(finances)
        # The first question has the keyboard when the dialog opens (not the page around it).
        (self.weekly if self.weekly.isChecked() else self.monthly).setFocus(Qt.FocusReason.OtherFocusReason)

    # -- answers -----------------------------------------------------------------------------------
    def set_finances(self, finances: dict[str, Any]) -> None:
        (self.weekly if finances.get("period") == "week" else self.monthly).setChecked(True)
        chosen = self.variant.findData(finances.get("variant")) if finances.get("variant") else 0
        self.variant.setCurrentIndex(max(chosen, 0))
        for row in self.rows:
            source = finances.get(row.group, {}) if row.group else finances
            value = source.get(row.key) if isinstance(source, dict) else None
            if isinstance(value, dict):  # {"amount": n, "period": "week"} (an imported estimate): in this period
                value = _in_period(value, finances.get("period", "month"))
            row.unsure.setChecked(value == "unknown")
            row.edit.setText("" if value in (None, "unknown") else f"{Decimal(str(value)):.2f}")

    def finances(self) -> tuple[dict[str, Any], list[tuple[str, QWidget]]]:
        out: dict[str, Any] = {"period": "week" if self.weekly.isChecked() else "month", "income": {}, "outgoings": {}}
        if self.variant.currentData():
            out["variant"] = self.variant.currentData()
        errors = []
        for row in self.rows:
            value, ok = row.value()
            if not ok:
                errors.append((_("Enter an amount in pounds, like 120.50, for: {question}").format(
                    question=_(row.question)), row.edit))
                continue
            if value is None:
                continue
            (out[row.group] if row.group else out)[row.key] = value
        return out, errors

    # -- the estimate ------------------------------------------------------------------------------
    def calculate(self) -> None:
        from kinship_app.case import CaseError
        from kinship_app.estimate import estimate_case

        finances, errors = self.finances()
        if errors:
            self.errors.show_errors(errors)
            return
        self.errors.clear()
        try:
            self.result = estimate_case({**self.case, "finances": finances}, self.as_of).to_json()
        except CaseError as exc:
            self.errors.show_errors([(exc.message, None)])
            return
        self.finances_given = finances
        self._show(self.result)
        self.saved_note.hide()
        self.save_button.setVisible(self.saver is not None)
        self.save_button.setEnabled(True)

    def save(self) -> None:
        """Keep these answers and the estimate with the household (the answers as they were when the
        estimate was worked out, so what is saved is what is shown)."""
        if self.saver is None or self.result is None:
            return
        self.save_button.setEnabled(False)
        self.saver(dict(self.finances_given), self._saved)

    def _saved(self, record: Any) -> None:
        from kinship_app.estimate.saved import figure_text

        self.saved = record
        self.save_button.hide()
        self.saved_note.setText(_("Saved with the household: {figure}, worked out for {date}.").format(
            figure=figure_text(record.result), date=format_date(record.as_of)))
        self.saved_note.show()
        QTimer.singleShot(0, lambda: self.page.ensureWidgetVisible(self.saved_note))

    def _show(self, r: dict[str, Any]) -> None:
        card = self.result_card
        card.hide()  # shown again at the end, with the new figures (children added to a shown card stay hidden)
        while card.layout_.count():
            item = card.layout_.takeAt(0)
            if item.widget():
                item.widget().hide()  # gone from view now, deleted when control returns to Qt
                item.widget().deleteLater()
        per = _(PERIODS[r["result"]["period"]])
        res = r["result"]
        card.add(heading(_("Your estimate"), 2))
        if res["exact"]:
            text = _("About {amount} {period}").format(amount=format_money(res["min"]), period=per)
        else:
            text = _("Between {low} and {high} {period}").format(low=format_money(res["min"]),
                                                               high=format_money(res["max"]), period=per)
        figure = label(text, "subheading")
        figure.setObjectName("estimate_figure")
        card.add(figure)
        warning = Card("warning")
        warning.setObjectName("estimate_council_decides")
        warning.add(label("⚠  " + r["council_decides"]))  # not colour alone
        card.add(warning)
        card.add(label(_("Worked out with: {name} (read on {date}).").format(
            name=r["variant"]["name"], date=format_date(dt.date.fromisoformat(r["variant"]["read_on"]))), "hint"))
        card.add(heading(_("How this was worked out"), 2))
        for step in r["steps"]:
            if step["amount"] is not None:
                figure_text = format_money(step["amount"])
            elif step["min"] is None and step["max"] is None:
                figure_text = _("not known")
            elif step["min"] is None:
                figure_text = _("up to {high}").format(high=format_money(step["max"]))
            elif step["max"] is None:
                figure_text = _("{low} or more").format(low=format_money(step["min"]))
            else:
                figure_text = _("{low} to {high}").format(low=format_money(step["min"]), high=format_money(step["max"]))
            line = label(f"{step['label']}: {figure_text} {per}")
            line.setObjectName(f"estimate_step_{step['code']}")
            card.add(line)
            notes = [step["note"]] if step["note"] else []
            if step["source"]:
                notes.append(_("Source: {title}").format(title=step["source"]["title"]))
            if notes:
                card.add(label(" ".join(notes), "hint"))
        if r["asked"]:
            card.add(heading(_("To make the estimate closer, find out"), 2))
            for item in r["asked"]:
                card.add(label("•  " + _("{what}. Where to find it: {where}").format(
                    what=item["what"], where=item["where_to_find"])))
        pilot = r.get("kinship_allowance_pilot")
        if pilot:
            card.add(heading(pilot["name"], 2))
            card.add(label(pilot["note"]))
            card.add(label(_("The pilot pays {amount} a week for this child (the national minimum fostering "
                             "allowance).").format(amount=format_money(pilot["min"])) if pilot["min"] == pilot["max"]
                           else _("The pilot pays the national minimum fostering allowance for the child's age.")))
            if not pilot["amount_confirmed_for_this_year"]:
                card.add(label(_("This year's figure is not confirmed yet: this is the last confirmed one."), "hint"))
        card.show()
        QTimer.singleShot(0, lambda: self.page.ensureWidgetVisible(figure))


def open_estimate(parent: QWidget, case: dict[str, Any], as_of: dt.date, *, finances: dict[str, Any] | None = None,
                  saver: Callable[[dict[str, Any], Callable[[Any], None]], None] | None = None) -> EstimateDialog:
    dialog = EstimateDialog(case, as_of, parent, finances=finances, saver=saver)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog
