"""Word's automatic numbers, counted as Word counts them: "5.2.1", "b)", "[3]", "iv.".

People cite a heading or a list item by the number Word shows ("punkt 5.2.1", "bokstav b"), and that
number is in no run of text: Word computes it from the numbering part as it lays the document out.
This module does the same, one numbered paragraph at a time, in document order:

* Counters belong to the abstract list definition, so lists (w:num) that share one continue each
  other, and headings and list items that share one count together. A list's w:startOverride
  restarts its levels at the list's first paragraph.
* A level starts again when a shallower level advances, or only after the level its w:lvlRestart
  names (0: never).
* The level's w:lvlText says what is shown: "%1.%2" is the numbers of levels 1 and 2, each in its
  own level's format (all decimal on a w:isLgl level); a level not used yet shows its start value.

Each paragraph costs a dictionary lookup and at most nine levels, however many lists a file has.
"""
from __future__ import annotations

import re

from hoering.consultations.docx_index import Level, NumberingIndex
from hoering.lettered_lists import letters, roman

LEVELS = 9
# Word's dialog takes a few words ("Kapittel %1", "Artikkel %1.%2"); a longer level text is no
# number anyone cites, and a hostile one ("%1" ten thousand times) would be repeated on every item.
MAX_LEVEL_TEXT = 100
BULLET_FORMATS = frozenset({"bullet", "none"})
_PLACEHOLDER = re.compile(r"%([1-9])")
_LETTER_CYCLE = 780  # Word writes a … z, aa … zz and so on up to 30 letters, then starts again


class ListNumbers:
    """The numbers Word shows, for the numbered paragraphs of one document read in order."""

    def __init__(self, index: NumberingIndex) -> None:
        self.index = index
        self._counters: dict[str, list[int | None]] = {}  # by abstractNumId: each level's last number
        self._started: set[str] = set()  # lists whose start overrides were applied

    def level_for_style(self, num_id: int, style_id: str | None) -> int | None:
        """The level a list links to a paragraph style (w:pStyle in its definition), if any."""
        abstract_id = self.index.abstract_ids.get(str(num_id))
        found = self.index.styled_levels.get((abstract_id, style_id)) if style_id else None
        return int(found) if found is not None and found.isdigit() else None

    def level(self, num_id: int, level: int) -> Level | None:
        return self.index.level(str(num_id), str(level))

    def next(self, num_id: int, level: int) -> str | None:
        """Count a paragraph of list ``num_id`` at ``level``; what Word shows before it.

        None when the list or level is not defined, or the level has no w:lvlText (or a very long one).
        """
        num = str(num_id)
        abstract_id = self.index.abstract_ids.get(num)
        definition = self.level(num_id, level)
        if abstract_id is None or definition is None or not 0 <= level < LEVELS:
            return None
        counters = self._counters.setdefault(abstract_id, [None] * LEVELS)
        if num not in self._started:
            self._started.add(num)
            for overridden, start in self.index.start_overrides.get(num, {}).items():
                if overridden < LEVELS:
                    counters[overridden] = start - 1
                    _restart_below(counters, overridden, self._definitions(num))
        counters[level] = definition.start if counters[level] is None else counters[level] + 1
        _restart_below(counters, level, self._definitions(num))
        if definition.text is None or len(definition.text) > MAX_LEVEL_TEXT:
            return None
        return self._text(num, definition, counters)

    def _definitions(self, num: str):
        return lambda level: self.index.level(num, str(level))

    def _text(self, num: str, definition: Level, counters: list[int | None]) -> str:
        def number(match: re.Match) -> str:
            shown = int(match.group(1)) - 1
            level = self.index.level(num, str(shown)) or Level()
            value = counters[shown] if counters[shown] is not None else level.start
            return format_number(value, "decimal" if definition.legal else level.number_format)

        return _PLACEHOLDER.sub(number, definition.text)


def _restart_below(counters: list[int | None], advanced: int, definitions) -> None:
    """Reset the levels below ``advanced`` that restart when it advances."""
    for deeper in range(advanced + 1, LEVELS):
        if counters[deeper] is None:
            continue
        definition = definitions(deeper)
        restart = definition.restart if definition is not None and definition.restart is not None else deeper
        if advanced < restart:
            counters[deeper] = None


def format_number(value: int, number_format: str | None) -> str:
    """``value`` written in a w:numFmt; an unknown format is decimal, as Word falls back to."""
    if number_format in BULLET_FORMATS:
        return ""
    if number_format == "decimalZero":
        return f"{value:02d}"
    if number_format in ("lowerLetter", "upperLetter") and value > 0:
        written = letters((value - 1) % _LETTER_CYCLE + 1)
        return written.upper() if number_format == "upperLetter" else written
    if number_format in ("lowerRoman", "upperRoman") and value > 0:
        written = roman(value)
        return written.upper() if number_format == "upperRoman" else written
    return str(value)
