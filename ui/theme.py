"""Our own palettes and text size.

Fusion's default selected row is about 3.7:1 against its text, below WCAG 2.2 AA's 4.5:1 (UX.md),
so every theme defines every colour role itself; ``contrast_pairs`` lists the text/background pairs
a person can meet, and tests/ui check each is at least 4.5:1.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication

from kinship_app.i18n import N_

THEMES = {"light": N_("Light"), "dark": N_("Dark"), "high_contrast": N_("High contrast")}
TEXT_SIZES = (100, 125, 150, 175, 200)
BASE_POINT_SIZE = 11.0

# role -> colour. "accent" is Continue's fill; "link" is link text; "warning" the flag border.
_COLOURS = {
    "light": {
        "window": "#f3f2f1", "text": "#0b0c0c", "base": "#ffffff", "alt": "#f8f8f8",
        "button": "#e8e7e5", "button_text": "#0b0c0c", "highlight": "#1d70b8", "highlight_text": "#ffffff",
        "disabled_text": "#505a5f", "link": "#1d5fa0", "accent": "#00703c", "accent_text": "#ffffff",
        "focus": "#ffdd00", "focus_text": "#0b0c0c", "warning": "#d4351c", "error": "#b3261e", "error_text": "#ffffff", "border": "#505a5f",
        "card": "#ffffff", "hint": "#484949", "tooltip": "#0b0c0c", "tooltip_text": "#ffffff",
    },
    "dark": {
        "window": "#1b1b1b", "text": "#f3f2f1", "base": "#262626", "alt": "#2e2e2e",
        "button": "#333333", "button_text": "#f3f2f1", "highlight": "#8cc8ff", "highlight_text": "#0b0c0c",
        "disabled_text": "#a8a8a8", "link": "#8cc8ff", "accent": "#5fd38d", "accent_text": "#0b0c0c",
        "focus": "#ffdd00", "focus_text": "#0b0c0c", "warning": "#ff8a7a", "error": "#ff8a7a", "error_text": "#000000", "border": "#b1b4b6",
        "card": "#262626", "hint": "#c8c8c8", "tooltip": "#f3f2f1", "tooltip_text": "#0b0c0c",
    },
    "high_contrast": {
        "window": "#000000", "text": "#ffffff", "base": "#000000", "alt": "#000000",
        "button": "#000000", "button_text": "#ffffff", "highlight": "#ffff00", "highlight_text": "#000000",
        "disabled_text": "#c0c0c0", "link": "#ffff00", "accent": "#ffff00", "accent_text": "#000000",
        "focus": "#00ffff", "focus_text": "#000000", "warning": "#ffff00", "error": "#ffff00", "error_text": "#000000", "border": "#ffffff",
        "card": "#000000", "hint": "#ffffff", "tooltip": "#ffffff", "tooltip_text": "#000000",
    },
}


def colours(theme: str) -> dict[str, str]:
    return dict(_COLOURS.get(theme, _COLOURS["light"]))


def contrast_pairs(theme: str) -> list[tuple[str, str, str]]:
    """(name, foreground, background) for every text colour shown on every background it meets."""
    c = colours(theme)
    pairs = [
        ("text on window", c["text"], c["window"]), ("text on base", c["text"], c["base"]),
        ("text on alternate rows", c["text"], c["alt"]), ("text on card", c["text"], c["card"]),
        ("button text", c["button_text"], c["button"]),
        ("selected text", c["highlight_text"], c["highlight"]),
        ("disabled text on window", c["disabled_text"], c["window"]),
        ("disabled text on base", c["disabled_text"], c["base"]),
        ("link on window", c["link"], c["window"]), ("link on card", c["link"], c["card"]),
        ("Continue button", c["accent_text"], c["accent"]),
        ("focused control", c["focus_text"], c["focus"]),
        ("hint text on window", c["hint"], c["window"]), ("hint text on card", c["hint"], c["card"]),
        ("error text on card", c["error"], c["card"]), ("error text on window", c["error"], c["window"]),
        ("Hide this screen button", c["error_text"], c["error"]),
        ("tooltip", c["tooltip_text"], c["tooltip"]),
    ]
    return pairs


def relative_luminance(colour: str) -> float:
    q = QColor(colour)

    def channel(v: float) -> float:
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(q.redF()) + 0.7152 * channel(q.greenF()) + 0.0722 * channel(q.blueF())


def contrast_ratio(a: str, b: str) -> float:
    """WCAG 2.2 contrast ratio (1.4.3)."""
    la, lb = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def palette(theme: str) -> QPalette:
    c = colours(theme)
    p = QPalette()
    roles = {
        QPalette.ColorRole.Window: c["window"], QPalette.ColorRole.WindowText: c["text"],
        QPalette.ColorRole.Base: c["base"], QPalette.ColorRole.AlternateBase: c["alt"],
        QPalette.ColorRole.Text: c["text"], QPalette.ColorRole.Button: c["button"],
        QPalette.ColorRole.ButtonText: c["button_text"], QPalette.ColorRole.Highlight: c["highlight"],
        QPalette.ColorRole.HighlightedText: c["highlight_text"], QPalette.ColorRole.Link: c["link"],
        QPalette.ColorRole.LinkVisited: c["link"], QPalette.ColorRole.ToolTipBase: c["tooltip"],
        QPalette.ColorRole.ToolTipText: c["tooltip_text"], QPalette.ColorRole.PlaceholderText: c["hint"],
        QPalette.ColorRole.BrightText: c["warning"],
    }
    for role, value in roles.items():
        p.setColor(role, QColor(value))
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText):
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor(c["disabled_text"]))
    # An inactive window keeps the same selection colours: Qt's paler inactive highlight fails contrast.
    for group in (QPalette.ColorGroup.Inactive,):
        p.setColor(group, QPalette.ColorRole.Highlight, QColor(c["highlight"]))
        p.setColor(group, QPalette.ColorRole.HighlightedText, QColor(c["highlight_text"]))
    return p


def style_sheet(theme: str, scale: int) -> str:
    """Sizes in points scale with the text size, so 200% makes targets grow with the words."""
    c = colours(theme)
    s = scale / 100.0
    pt = lambda v: f"{v * s:.1f}pt"  # noqa: E731
    px = lambda v: f"{round(v * s)}px"  # noqa: E731
    return f"""
QWidget {{ font-size: {pt(BASE_POINT_SIZE)}; }}
QLabel[role="heading"] {{ font-size: {pt(22)}; font-weight: 700; }}
QLabel[role="subheading"] {{ font-size: {pt(15)}; font-weight: 700; }}
QLabel[role="caption"] {{ color: {c['hint']}; }}
QLabel[role="hint"] {{ color: {c['hint']}; }}
QLabel[role="error"] {{ color: {c['error']}; font-weight: 700; }}
QFrame[role="card"] {{ background: {c['card']}; border: 1px solid {c['border']}; border-radius: 4px; }}
QFrame[role="warning"] {{ background: {c['card']}; border: 4px solid {c['warning']}; }}
QFrame[role="error_summary"] {{ background: {c['card']}; border: 4px solid {c['error']}; }}
QFrame[role="actionbar"] {{ border-top: 1px solid {c['border']}; }}
QFrame[role="panel"] {{ background: {c['card']}; border-left: 6px solid {c['border']}; }}
QFrame[role="topbar"] {{ background: {c['text'] if theme == 'light' else c['base']}; border-bottom: 2px solid {c['border']}; }}
QFrame[role="topbar"] QLabel {{ color: {c['window'] if theme == 'light' else c['text']}; font-weight: 700; }}
QPushButton, QToolButton {{ min-height: {px(40)}; padding: {px(6)} {px(14)}; border: 2px solid {c['border']};
    border-radius: 3px; background: {c['button']}; color: {c['button_text']}; }}
QPushButton[role="primary"] {{ background: {c['accent']}; color: {c['accent_text']}; border-color: {c['accent']}; font-weight: 700; }}
QPushButton[role="link"] {{ background: transparent; border: 2px solid transparent; color: {c['link']};
    text-decoration: underline; padding: {px(2)} {px(4)}; min-height: {px(28)}; text-align: left; }}
QFrame[role="topbar"] QPushButton {{ background: {c['button']}; color: {c['button_text']};
    min-height: {px(28)}; padding: {px(4)} {px(10)}; }}
QFrame[role="topbar"] QPushButton[current="true"] {{ border: 3px solid {c['accent']}; font-weight: 700; }}
QPushButton[role="hide"], QFrame[role="topbar"] QPushButton[role="hide"] {{ background: {c['error']}; color: {c['error_text']}; font-weight: 700; border-color: {c['border']}; }}
QPushButton:focus, QToolButton:focus, QPushButton[role="link"]:focus, QFrame[role="topbar"] QPushButton:focus,
QPushButton[role="primary"]:focus, QFrame[role="topbar"] QPushButton[role="hide"]:focus {{
    background: {c['focus']}; color: {c['focus_text']}; border: 3px solid {c['focus_text']}; }}
QRadioButton, QCheckBox {{ min-height: {px(44)}; spacing: {px(10)}; padding: 0 {px(6)}; }}
QRadioButton::indicator, QCheckBox::indicator {{ width: {px(24)}; height: {px(24)};
    border: {px(2)} solid {c['text']}; background: {c['base']}; }}
QRadioButton::indicator {{ border-radius: {px(13)}; }}
QRadioButton::indicator:checked {{ background: qradialgradient(cx:0.5, cy:0.5, radius:0.5, fx:0.5, fy:0.5,
    stop:0 {c['text']}, stop:0.55 {c['text']}, stop:0.6 {c['base']}, stop:1 {c['base']}); }}
QCheckBox::indicator:checked {{ background: qlineargradient(x1:0, y1:0, x2:1, y2:1,
    stop:0 {c['base']}, stop:0.2 {c['base']}, stop:0.21 {c['text']}, stop:0.79 {c['text']}, stop:0.8 {c['base']}, stop:1 {c['base']}); }}
QRadioButton::indicator:disabled, QCheckBox::indicator:disabled {{ border-color: {c['disabled_text']}; }}
QRadioButton:focus, QCheckBox:focus {{ background: {c['focus']}; color: {c['focus_text']}; }}
QFrame[role="choice"] {{ border: 2px solid transparent; }}
QFrame[role="choice"][focused="true"] {{ background: {c['focus']}; border: 2px solid {c['focus_text']}; }}
QFrame[role="choice"][focused="true"] QLabel {{ color: {c['focus_text']}; }}
QLineEdit, QSpinBox, QComboBox, QPlainTextEdit, QListWidget, QListView, QTreeView, QTableView {{
    border: 2px solid {c['border']}; background: {c['base']}; color: {c['text']}; padding: {px(4)};
    selection-background-color: {c['highlight']}; selection-color: {c['highlight_text']}; }}
QLineEdit, QSpinBox, QComboBox {{ min-height: {px(36)}; }}
QLineEdit:focus, QSpinBox:focus, QComboBox:focus, QPlainTextEdit:focus, QListWidget:focus, QListView:focus,
QTreeView:focus, QTableView:focus {{ border: 3px solid {c['focus_text'] if theme == 'light' else c['focus']}; outline: 3px solid {c['focus']}; }}
QListWidget::item, QListView::item {{ min-height: {px(32)}; }}
QListWidget::item:selected, QListView::item:selected, QTreeView::item:selected, QTableView::item:selected {{
    background: {c['highlight']}; color: {c['highlight_text']}; }}
QScrollArea {{ border: {px(3)} solid transparent; }}
QScrollArea:focus {{ border: {px(3)} solid {c['focus_text'] if theme == 'light' else c['focus']}; }}
QToolTip {{ background: {c['tooltip']}; color: {c['tooltip_text']}; border: 1px solid {c['border']}; }}
"""


FUSION_PROPERTY = "kinshipFusionStyle"

# The font families for the language in force, first choice first (ui.fonts sets them). They are a
# rule of the style sheet, because widgets the sheet styles do not take the application font's.
FAMILIES: list[str] = []


def family_rule() -> str:
    if not FAMILIES:
        return ""
    names = ", ".join('"' + f.replace('"', "") + '"' for f in FAMILIES)
    return f"\nQWidget {{ font-family: {names}; }}\n"


def apply(app: QApplication, theme: str, scale: int) -> None:
    # Each call re-polishes every widget, so skip what is already in force. ui.app starts Qt with
    # "-style Fusion" and says so in FUSION_PROPERTY: asking app.style() would build PySide6's QStyle
    # class (about 9 ms of start-up) only to learn what we already know.
    if not app.property(FUSION_PROPERTY):
        if app.style().name().lower() != "fusion":
            app.setStyle("Fusion")
        app.setProperty(FUSION_PROPERTY, True)
    new_palette = palette(theme)
    if app.palette() != new_palette:
        app.setPalette(new_palette)
    size = BASE_POINT_SIZE * scale / 100.0
    if app.font().pointSizeF() != size:
        font = QFont(app.font())
        font.setPointSizeF(size)
        app.setFont(font)
    sheet = style_sheet(theme, scale) + family_rule()
    if app.styleSheet() != sheet:
        app.setStyleSheet(sheet)
