"""The diagnosis picker: type to filter by name, abbreviation or synonym; grouped by colour.

Enter in the search picks a diagnosis only when exactly one matches; otherwise it moves into the
list, where Up and Down choose (passing over the colour headings, which are never the current row,
so Enter picks only a diagnosis). An entry narrower than its name searched alone (GBS only with
lupus) says so under the list.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from PySide6 import QtCore
from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtGui import QIcon, QKeyEvent, QPixmap
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from ivigdesk.ui.theme import BADGE_COLOURS

if TYPE_CHECKING:
    from ivigdesk.knowledge.loader import KnowledgeBase
    from ivigdesk.knowledge.model import Indication

CLOSE_HEADING = "Close spellings — check the name"
# Qt.ItemDataRole.UserRole; the number, so the first frame need not build PySide6's Qt namespace
# (about 90 enums, some 12 ms); start-up code touches ``Qt`` only once the user can type
ID_ROLE = 0x0100
CLOSE_ROLE = 0x0101  # the row is in the close spellings, below the matches


@cache
def _swatch(colour: str) -> QIcon:
    """A square of the colour, outlined in its text colour (white and black stay visible). Drawn
    from XPM text: a QPainter would make PySide6 build its Qt enumerations (some 12 ms) before
    the user can type."""
    background, foreground = BADGE_COLOURS[colour]
    edge, inside = "o" * 14, "o" + "i" * 12 + "o"
    return QIcon(QPixmap(["14 14 2 1", f"o c {foreground}", f"i c {background}", edge, *[inside] * 12, edge]))


def _is_heading(item: QListWidgetItem) -> bool:
    return str(item.data(ID_ROLE)).startswith("header:")


def _unselectable(heading: QListWidgetItem) -> None:
    heading.setFlags(QtCore.Qt.ItemFlag.ItemIsEnabled)  # shown in full contrast, never selectable


class IndicationPicker(QWidget):
    """A search box above a list of indications; emits the chosen indication id (or None)."""

    chosen = Signal(object)
    picked = Signal()  # a diagnosis was picked from the keyboard (Enter): move on to the inputs

    def __init__(self) -> None:
        super().__init__()
        self.search = QLineEdit()
        self.search.setObjectName("diagnosisSearch")
        self.search.setPlaceholderText("Search: name, abbreviation (GBS, SLE, ANCA…)")
        self.search.setAccessibleName("Search diagnoses")
        self.list = QListWidget()
        self.list.setObjectName("diagnosisList")
        self.list.setAccessibleName("Diagnoses")
        self.list.setWordWrap(True)  # a long name wraps; the list never scrolls sideways (see finish_setup)
        self.empty = QLabel("No diagnosis matches this search.")
        self.empty.setObjectName("noMatch")
        self.empty.setWordWrap(True)
        self.empty.setVisible(False)
        self.scope = QLabel()
        self.scope.setObjectName("scopeNote")
        self.scope.setWordWrap(True)
        self.scope.setVisible(False)
        title = QLabel("&Diagnosis")
        title.setBuddy(self.search)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(title)
        layout.addWidget(self.search)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty)
        layout.addWidget(self.scope)
        self.search.textChanged.connect(self._filter)
        self.search.returnPressed.connect(self._enter_in_search)
        self.list.itemActivated.connect(lambda _item: self.picked.emit() if self.current_id() else None)
        self.search.installEventFilter(self)
        self.list.installEventFilter(self)
        self.list.currentItemChanged.connect(self._current_changed)
        self._indications: list[Indication] = []
        self._set_up = False

    def populate(self, kb: KnowledgeBase | None) -> None:
        """List the knowledge base's indications (none when ``kb`` is None: it could not be used)."""
        self.list.clear()
        self._indications = []
        if kb is not None:
            self._list(kb)
        self._filter(self.search.text())

    def _list(self, kb: KnowledgeBase) -> None:
        """One row per indication, under a heading for each colour; then the close spellings."""
        from ivigdesk.knowledge.search import search

        self._indications = search(kb.indications, "")
        current_colour = None
        for indication in self._indications:
            if indication.colour != current_colour:
                current_colour = indication.colour
                meaning = kb.colour(current_colour)
                self.list.addItem(self._heading(f"{meaning.word} — {meaning.priority}", f"header:{current_colour}"))
            self._add_item(indication, meaning.word)
        # below every match by name, prefix or word: the close spellings ("kawasaky"), each
        # indication once more, shown only when it matches by spelling alone
        self.list.addItem(self._heading(CLOSE_HEADING, "header:close"))
        for indication in self._indications:
            self._add_item(indication, kb.colour(indication.colour).word, close=True)

    def _heading(self, text: str, key: str) -> QListWidgetItem:
        header = QListWidgetItem(text)
        if self._set_up:
            _unselectable(header)
        font = header.font()
        font.setBold(True)
        header.setFont(font)
        header.setData(ID_ROLE, key)
        return header

    def _add_item(self, indication: Indication, word: str, *, close: bool = False) -> None:
        item = QListWidgetItem(_swatch(indication.colour), f"{indication.name}  [{word}]")
        item.setData(ID_ROLE, indication.id)
        item.setData(CLOSE_ROLE, close)
        item.setToolTip(", ".join(indication.synonyms))
        self.list.addItem(item)

    def finish_setup(self) -> None:
        """What need not delay the first frame the user can type into (PySide6 builds its ~90 Qt
        enumerations when the first is touched, some 12 ms): the clear button, no sideways
        scrolling, and colour headings that cannot be selected. Until then a heading that is
        clicked chooses no diagnosis (``current_id`` skips headings)."""
        self.search.setClearButtonEnabled(True)
        self.list.setHorizontalScrollBarPolicy(QtCore.Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._set_up = True
        for row in range(self.list.count()):
            if str((item := self.list.item(row)).data(ID_ROLE)).startswith("header:"):
                _unselectable(item)

    def clear_choice(self) -> None:
        """No diagnosis chosen and an empty search (New patient), with no undo history."""
        self.search.setText("")  # unlike clear(), nothing for Ctrl+Z to bring back
        self.list.setCurrentRow(-1)  # what setCurrentItem(None) does (row(None) is -1)
        self.list.clearSelection()

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def tab_chain(self) -> list[QWidget]:
        return [self.search, self.list]

    def select(self, indication_id: str) -> None:
        """Make ``indication_id`` current: the row shown for it (else its first row)."""
        rows = [self.list.item(row) for row in range(self.list.count())]
        found = [item for item in rows if item.data(ID_ROLE) == indication_id]
        shown = [item for item in found if not item.isHidden()]
        if found:
            self.list.setCurrentItem((shown or found)[0])

    def current_id(self) -> str | None:
        """The chosen indication id, or None."""
        item = self.list.currentItem()
        key = item.data(ID_ROLE) if item is not None and not item.isHidden() else None
        return key if key and not str(key).startswith("header:") else None

    def visible_ids(self) -> list[str]:
        items = (self.list.item(row) for row in range(self.list.count()))
        return [
            key for item in items if not item.isHidden() and not str(key := item.data(ID_ROLE)).startswith("header:")
        ]

    def _filter(self, text: str) -> None:
        from ivigdesk.knowledge.search import CLOSE_SPELLING, NO_MATCH, rank

        by_id = {indication.id: indication for indication in self._indications}
        ranks = {key: rank(indication, text) for key, indication in by_id.items()}
        shown_colours: set[str] = set()
        for row in range(self.list.count()):
            item = self.list.item(row)
            key = item.data(ID_ROLE)
            if key in by_id:
                found = ranks[key]
                close = bool(item.data(CLOSE_ROLE))
                visible = found == CLOSE_SPELLING if close else found not in (CLOSE_SPELLING, NO_MATCH)
                item.setHidden(not visible)
                if visible:
                    shown_colours.add("close" if close else by_id[key].colour.value)
        for row in range(self.list.count()):
            item = self.list.item(row)
            key = str(item.data(ID_ROLE))
            if key.startswith("header:"):
                item.setHidden(key.removeprefix("header:") not in shown_colours)
        self.empty.setVisible(bool(self._indications) and not shown_colours)
        scoped = [by_id[key] for key in self.visible_ids() if by_id[key].scope] if text.strip() else []
        self.scope.setText("<br>".join(f"<b>{i.name}:</b> {i.scope}" for i in scoped) if len(scoped) <= 2 else "")
        self.scope.setVisible(bool(self.scope.text()))
        current = self.list.currentItem()
        if current is not None and current.isHidden():
            self.list.setCurrentRow(-1)  # what setCurrentItem(None) does (row(None) is -1)

    def _enter_in_search(self) -> None:
        """Pick the one match; with several (or none), go into the list and choose nothing."""
        ids = self.visible_ids()
        if len(ids) == 1:
            self.select(ids[0])
            self.picked.emit()
        elif ids:
            self.list.setFocus()

    def _current_changed(self, current: QListWidgetItem | None, previous: QListWidgetItem | None) -> None:
        if current is not None and _is_heading(current):
            # a heading is never the current row (focus, a click, Home or Page keys): back to
            # the diagnosis that was current, or to none, so Enter can only pick a diagnosis
            if previous is not None and not _is_heading(previous):
                self.list.setCurrentItem(previous)
            else:
                self.list.setCurrentRow(-1)  # what setCurrentItem(None) does (row(None) is -1)
            return
        self.chosen.emit(self.current_id())

    def _step(self, down: bool) -> None:
        """Up or Down in the list: the next diagnosis shown, over the headings."""
        rows = [row for row in range(self.list.count()) if self._is_shown_diagnosis(row)]
        if not rows:
            return
        current = self.list.currentRow() if self.list.currentItem() is not None else None
        if current is None:
            target = rows[0] if down else rows[-1]
        elif down:
            target = next((row for row in rows if row > current), current)
        else:
            target = next((row for row in reversed(rows) if row < current), current)
        self.list.setCurrentRow(target)

    def _is_shown_diagnosis(self, row: int) -> bool:
        item = self.list.item(row)
        return not item.isHidden() and not _is_heading(item)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Up/Down in the search box move into the list, so the keyboard never has to leave it;
        in the list they pass over the headings."""
        arrow = isinstance(event, QKeyEvent) and event.key() in (QtCore.Qt.Key.Key_Down, QtCore.Qt.Key.Key_Up)
        if watched is self.list and arrow and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if not event.modifiers():
                self._step(down=event.key() == QtCore.Qt.Key.Key_Down)  # headings are passed over
                return True
        if not (watched is self.search and event.type() == QEvent.Type.KeyPress and arrow):
            return super().eventFilter(watched, event)
        self.list.setFocus()
        ids = self.visible_ids()
        if self.list.currentItem() is None and ids:
            self.select(ids[0])
        return True
