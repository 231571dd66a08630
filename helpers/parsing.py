"""Read NAV's printed participant tables (text converted from PDF) into facts with provenance.

A table is printed in page-sized blocks. Each block has a title, a section name, a period line,
sub-heading lines that name the block's context (status group, gender, age), a column header
that starts with a tab, and data rows. The first data row of every block is the context total
("I alt kvinner", ...). In programme-level sections a group's programme rows come before the
group's own total row, and a page break can fall anywhere between them. See
``docs/design/the-data.md`` for the full description.

The parser is strict: every line must be recognised, every cell must be a number, ``*`` or
(in the one-month table only) empty, and every label must be a known NAV label or a documented
misprint of one. Anything else raises :class:`~helpers.errors.ParseError` naming the line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import vocabulary as vocab
from .errors import DuplicateMismatchError, ParseError

KEY: tuple[str, ...] = ("period", "status_group", "gender", "age_group", "programme_group", "programme", "measure")
T = vocab.TOTAL

ONE_MONTH = "one_month"
TIME_SERIES = "time_series"

TITLE_PREFIX = "Deltakere i arbeidsrettede tiltak."
TABLE_TITLES: dict[str, str] = {
    "Tiltak. En måned": ONE_MONTH,
    "Tiltak og kjønn. Tidsserie måned": TIME_SERIES,
    "Tiltak og alder. Tidsserie måned": TIME_SERIES,
}

# What the rows of each section are, and what the section name itself fixes about the context.
SECTION_ROWS: dict[str, str] = {
    "Hovedgrupper": "status_group",
    "Hovedgrupper og kjønn": "status_group",
    "Alder": "age_group",
    "Alder og hovedgrupper": "age_group",
    "Tiltaksgrupper": "programme_group",
    "Tiltaksgrupper og hovedgrupper": "programme_group",
    "Tiltaksgrupper og kjønn": "programme_group",
    "Tiltaksgrupper og alder": "programme_group",
    "Tiltaksgrupper, alder og hovedgrupper": "programme_group",
    "Tiltak": "programme",
    "Tiltak og hovedgrupper": "programme",
    "Tiltak, hovedgrupper og kjønn": "programme",
    "Arbeidssøkere på tiltak, tiltak og alder": "programme",
    "Nedsatt arbeidsevne, på tiltak, tiltak og alder": "programme",
    "Andre på tiltak, tiltak og alder": "programme",
}
SECTION_CONTEXT: dict[str, dict[str, str]] = {
    "Arbeidssøkere på tiltak, tiltak og alder": {"status_group": "Arbeidssøkere på tiltak"},
    "Nedsatt arbeidsevne, på tiltak, tiltak og alder": {"status_group": "Nedsatt arbeidsevne, på tiltak"},
    "Andre på tiltak, tiltak og alder": {"status_group": "Andre på tiltak"},
}
NOTES_SECTION = "Om tabellene"

MEASURE_COLUMNS = {nb: key for key, nb in vocab.MEASURES_NB.items()}
MONTH_NUMBER = {name.lower(): i + 1 for i, name in enumerate(vocab.MONTHS_NB)}
_MONTH = "|".join(MONTH_NUMBER)
PERIOD_RE = re.compile(
    rf"^(?:(?P<m>{_MONTH}) (?P<y>\d{{4}})|(?P<m1>{_MONTH})(?: (?P<y1>\d{{4}}))? - (?P<m2>{_MONTH}) (?P<y2>\d{{4}}))$",
    re.IGNORECASE,
)
NUMBER_RE = re.compile(r"-?\d{1,3}(?: \d{3})*")
RULE_RE = re.compile(r"^-+(?:\t-+)*\s*$")
MARKUP_RE = re.compile(r"</?b>")

CONTEXT_DIMENSIONS: tuple[tuple[str, dict[str, str]], ...] = (
    ("status_group", vocab.STATUS_GROUPS),
    ("gender", vocab.GENDERS),
    ("age_group", vocab.AGE_GROUPS),
)


@dataclass(frozen=True, slots=True)
class Fact:
    """One published number, with the place it was first printed."""

    period: str
    status_group: str
    gender: str
    age_group: str
    programme_group: str
    programme: str
    measure: str
    value: int | None
    suppressed: bool
    source: str
    line: int
    label: str
    column: str

    @property
    def key(self) -> tuple[str, ...]:
        return tuple(getattr(self, k) for k in KEY)


@dataclass(frozen=True, slots=True)
class LedgerEntry:
    """What became of one printed cell: a new fact, or an identical repeat of an earlier one."""

    source: str
    line: int
    column: int
    raw: str
    key: tuple[str, ...]
    role: str
    first_line: int


@dataclass(frozen=True, slots=True)
class LineRecord:
    """How the parser read one line of the file."""

    source: str
    line: int
    kind: str
    text: str


@dataclass(frozen=True, slots=True)
class Repair:
    """A printed label that was read as a different (correct) label, and why."""

    source: str
    line: int
    printed: str
    meant: str
    why: str


@dataclass
class ParsedTable:
    source: str
    title: str
    kind: str
    facts: list[Fact]
    ledger: list[LedgerEntry]
    lines: list[LineRecord]
    repairs: list[Repair]
    inferred_groups: list[tuple[int, str, str, int]]

    @property
    def suppression_floor(self) -> int:
        """Smallest value a ``*`` can hide: 1 in the one-month table (0 is printed empty), 0 in time series."""
        return 1 if self.kind == ONE_MONTH else 0


@dataclass
class _Row:
    line: int
    printed: str
    name: str
    cells: list[str]
    context: dict[str, str]
    columns: list[tuple[str, dict[str, str]]]


@dataclass
class _Block:
    section: str
    columns: list[tuple[str, dict[str, str]]]
    header_line: int
    heading: str | None
    heading_line: int | None
    context: dict[str, str] | None = None


@dataclass
class _State:
    title: str | None = None
    kind: str | None = None
    periods: tuple[str, ...] = ()
    section: str | None = None
    in_notes: bool = False
    heading: list[tuple[int, str, bool]] = field(default_factory=list)
    block: _Block | None = None
    pending: list[_Row] = field(default_factory=list)
    pending_context: dict[str, str] | None = None
    unresolved: list[_Row] = field(default_factory=list)
    expect_context_total: bool = False
    stray_labels: list[tuple[int, str]] = field(default_factory=list)


def clean_text(line: str) -> str:
    """Strip markdown decoration (#, **) and collapse whitespace in a line without cells."""
    text = line.strip().lstrip("#").strip()
    text = text.replace("**", "")
    return " ".join(text.split())


def parse_context(text: str) -> dict[str, str] | None:
    """Read a status group, gender and age group out of a heading; None if anything is left over."""
    rest = " " + " ".join(text.split()).lower() + " "
    found: dict[str, str] = {}
    for dim, labels in CONTEXT_DIMENSIONS:
        for lab in labels:
            token = lab.lower()
            pattern = re.compile(rf"(?<![\w-]){re.escape(token)}(?![\w-])")
            if pattern.search(rest):
                if dim in found:
                    return None
                found[dim] = lab
                rest = pattern.sub(" ", rest, count=1)
    if rest.strip(" ,"):
        return None
    return found


class TableParser:
    """Turns the text of one NAV table into facts. Use :func:`parse_table`."""

    def __init__(self, text: str, source: str):
        self.source = source
        self.lines = text.split("\n")
        self.state = _State()
        self.facts: dict[tuple[str, ...], Fact] = {}
        self.ledger: list[LedgerEntry] = []
        self.records: list[LineRecord] = []
        self.repairs: list[Repair] = []
        self.inferred: list[tuple[int, str, str, int]] = []
        self.group_evidence: dict[str, tuple[str, int]] = {}
        self.cell_cache: dict[str, tuple[int | None, bool]] = {}

    # -- errors -------------------------------------------------------------------------------
    def fail(self, line: int | None, problem: str, expected: str | None = None) -> ParseError:
        return ParseError(self.source, line, problem, expected)

    # -- driver -------------------------------------------------------------------------------
    def parse(self) -> ParsedTable:
        for number, raw in enumerate(self.lines, start=1):
            self.read_line(number, raw.rstrip("\r"))
        self.close_context(len(self.lines))
        self.resolve_unresolved()
        if self.state.title is None:
            raise self.fail(None, "no table title found", f"a line starting with {TITLE_PREFIX!r}")
        if not self.facts:
            raise self.fail(None, "no data rows found", "at least one block of numbers")
        return ParsedTable(
            source=self.source,
            title=self.state.title,
            kind=self.state.kind or TIME_SERIES,
            facts=list(self.facts.values()),
            ledger=self.ledger,
            lines=self.records,
            repairs=self.repairs,
            inferred_groups=self.inferred,
        )

    def record(self, number: int, kind: str, text: str) -> None:
        self.records.append(LineRecord(self.source, number, kind, text))

    def read_line(self, number: int, line: str) -> None:
        if not line.strip():
            self.record(number, "blank", line)
        elif RULE_RE.match(line) and line.count("-") >= 3:
            self.record(number, "rule", line)
        elif line.startswith("\t"):
            self.read_header(number, line)
        elif "\t" in line:
            self.read_row(number, line)
        else:
            self.read_text(number, line)

    # -- lines without cells --------------------------------------------------------------------
    def read_text(self, number: int, line: str) -> None:
        text = clean_text(line)
        st = self.state
        if text.startswith(TITLE_PREFIX):
            title = text[len(TITLE_PREFIX) :].strip()
            if title not in TABLE_TITLES:
                raise self.fail(number, f"unknown table title {title!r}", f"one of {sorted(TABLE_TITLES)}")
            if st.title is not None and title != st.title:
                raise self.fail(number, f"title changes from {st.title!r} to {title!r} inside one file")
            st.title, st.kind = title, TABLE_TITLES[title]
            self.record(number, "title", text)
            self.end_block()
            return
        if text == NOTES_SECTION:
            st.in_notes = True
            self.record(number, "section", text)
            return
        if text in SECTION_ROWS:
            if st.section is not None and text != st.section:
                self.close_context(number)
            st.section, st.in_notes = text, False
            self.record(number, "section", text)
            self.end_block()
            return
        if st.in_notes:
            self.record(number, "note", text)
            return
        period = self.read_period(text)
        if period is not None:
            if st.periods and period != st.periods:
                raise self.fail(
                    number, f"period {text!r} differs from the table's period", f"{st.periods[0]} to {st.periods[-1]}"
                )
            st.periods = period
            self.record(number, "period", text)
            self.end_block()
            return
        # Inside a block a line without cells is either the heading of a new block (a column
        # header follows) or a label printed without its cells (a data row follows); which one
        # is decided by the next line with cells.
        st.heading.append((number, text, st.block is not None))
        self.record(number, "heading", text)

    def read_period(self, text: str) -> tuple[str, ...] | None:
        match = PERIOD_RE.match(text)
        if not match:
            return None
        if match["m"]:
            return (f"{int(match['y']):04d}-{MONTH_NUMBER[match['m'].lower()]:02d}",)
        year2 = int(match["y2"])
        year1 = int(match["y1"]) if match["y1"] else year2
        if year1 != year2:
            return None
        first, last = MONTH_NUMBER[match["m1"].lower()], MONTH_NUMBER[match["m2"].lower()]
        if last < first:
            return None
        return tuple(f"{year1:04d}-{m:02d}" for m in range(first, last + 1))

    def end_block(self) -> None:
        self.take_strays()
        self.check_stray_labels()
        self.state.block = None

    def take_strays(self) -> None:
        """Lines without cells met inside a block and followed by rows are stray labels."""
        st = self.state
        strays = [(n, text) for n, text, in_block in st.heading if in_block]
        if not strays:
            return
        st.heading = [h for h in st.heading if not h[2]]
        st.stray_labels.extend(strays)
        lines = {n for n, _ in strays}
        self.records = [LineRecord(r.source, r.line, "stray label", r.text) if r.line in lines else r for r in self.records]

    def check_stray_labels(self) -> None:
        if self.state.stray_labels:
            number, text = self.state.stray_labels[0]
            raise self.fail(
                number, f"label {text!r} printed without any cells", "a row of numbers with this label later in the same block"
            )

    # -- column header ----------------------------------------------------------------------------
    def read_header(self, number: int, line: str) -> None:
        st = self.state
        if st.title is None or st.section is None:
            raise self.fail(number, "column header before any table title and section", "a title line and a section name first")
        if not st.periods:
            raise self.fail(number, "column header before the period line", "a period line such as 'November 2016'")
        self.check_stray_labels()
        names = [c.strip() for c in line[1:].split("\t")]
        columns = [self.read_column(number, name) for name in names]
        kinds = {next(iter(dims)) for _, dims in columns}
        if len(kinds) != 1 or len(set(names)) != len(names):
            raise self.fail(number, f"mixed or repeated column headers {names}", "months, measures or status groups")
        heading_line = st.heading[0][0] if st.heading else None
        heading = " ".join(text for _, text, _ in st.heading) if st.heading else None
        st.heading = []
        st.block = _Block(section=st.section, columns=columns, header_line=number, heading=heading, heading_line=heading_line)
        st.expect_context_total = True
        self.record(number, "header", line)

    def read_column(self, number: int, name: str) -> tuple[str, dict[str, str]]:
        lowered = name.lower()
        if lowered in MONTH_NUMBER:
            year = self.state.periods[0][:4]
            period = f"{year}-{MONTH_NUMBER[lowered]:02d}"
            if period not in self.state.periods:
                raise self.fail(
                    number,
                    f"month column {name!r} outside the table's period",
                    f"{self.state.periods[0]} to {self.state.periods[-1]}",
                )
            return name, {"period": period}
        if name in MEASURE_COLUMNS:
            return name, {"measure": MEASURE_COLUMNS[name]}
        if name == T or name in vocab.STATUS_GROUPS:
            return name, {"status_group": name}
        raise self.fail(number, f"unknown column header {name!r}", "a month, 'Antall', 'Endring fra i fjor …' or a status group")

    # -- data rows ------------------------------------------------------------------------------
    def read_row(self, number: int, line: str) -> None:
        st = self.state
        block = st.block
        if block is None:
            raise self.fail(number, "data row outside a block", "a column header line (starting with a tab) before the rows")
        parts = line.split("\t")
        printed = MARKUP_RE.sub("", parts[0]).strip()
        cells = parts[1:]
        if len(cells) != len(block.columns):
            raise self.fail(
                number,
                f"row {printed!r} has {len(cells)} cells",
                f"{len(block.columns)} cells, one per column of the header on line {block.header_line}",
            )
        if st.expect_context_total:
            self.record(number, "context total", line)
            self.read_context_total(number, printed, cells)
            return
        self.take_strays()
        self.settle_stray_labels(printed)
        kind = SECTION_ROWS[block.section]
        assert block.context is not None
        if printed.lower().startswith("i alt "):
            if kind != "programme":
                raise self.fail(number, f"unexpected total row {printed!r}", f"a {kind.replace('_', ' ')} label")
            self.record(number, "group total", line)
            self.read_group_total(number, printed, cells)
            return
        self.record(number, "row", line)
        name, repairs = vocab.repair_label(printed)
        self.note_repairs(number, printed, name, repairs)
        if kind == "programme":
            if name not in vocab.PROGRAMMES:
                raise self.fail(
                    number, f"unknown programme label {printed!r}", "a programme (tiltak) named in helpers/vocabulary.py"
                )
            st.pending.append(_Row(number, printed, name, cells, dict(block.context), block.columns))
            return
        labels = {"status_group": vocab.STATUS_GROUPS, "age_group": vocab.AGE_GROUPS, "programme_group": vocab.PROGRAMME_GROUPS}[
            kind
        ]
        if name not in labels:
            raise self.fail(number, f"unknown {kind.replace('_', ' ')} label {printed!r}", f"one of {list(labels)}")
        self.emit(number, printed, cells, {**block.context, kind: name})

    def settle_stray_labels(self, printed: str) -> None:
        strays = self.state.stray_labels
        if strays and clean_text(strays[-1][1]) == clean_text(printed):
            strays.pop()
        if strays and clean_text(strays[0][1]) == clean_text(printed):
            strays.pop(0)

    def read_context_total(self, number: int, printed: str, cells: list[str]) -> None:
        st = self.state
        block = st.block
        assert block is not None
        if not (printed == T or printed.lower().startswith("i alt ")):
            raise self.fail(
                number, f"first row {printed!r} of the block is not its total", "a row starting with 'I alt' that names the block"
            )
        context = parse_context(printed[len(T) :])
        if context is None:
            raise self.fail(
                number,
                f"total row {printed!r} names no known status group, gender or age",
                "'I alt' followed by status group, gender and/or age",
            )
        if block.heading is not None:
            from_heading = parse_context(block.heading)
            if from_heading is None:
                raise self.fail(
                    block.heading_line, f"cannot read the heading {block.heading!r}", "a status group, gender and/or age group"
                )
            if from_heading != context:
                raise self.fail(
                    number, f"total row {printed!r} does not match the heading {block.heading!r} on line {block.heading_line}"
                )
        for dim, value in SECTION_CONTEXT.get(block.section, {}).items():
            if context.get(dim) != value:
                raise self.fail(
                    number, f"total row {printed!r} does not belong to section {block.section!r}", f"a total for {value!r}"
                )
        if st.pending and context != st.pending_context:
            self.close_context(number)
        block.context = context
        st.pending_context = context
        st.expect_context_total = False
        self.emit(number, printed, cells, dict(context))

    def read_group_total(self, number: int, printed: str, cells: list[str]) -> None:
        st = self.state
        block = st.block
        assert block is not None and block.context is not None
        rest = " ".join(printed[len(T) :].split())
        gender = block.context.get("gender")
        if gender and rest.lower().startswith(gender.lower() + " og "):
            rest = rest[len(gender) + 4 :]
        elif gender:
            raise self.fail(
                number, f"group total {printed!r} does not name the block's gender", f"'I alt {gender.lower()} og <group>'"
            )
        group = self.match_group(number, printed, rest)
        for row in st.pending:
            expected_group = vocab.PROGRAMMES[row.name][0]
            if expected_group != group:
                raise self.fail(
                    row.line,
                    f"programme {row.printed!r} is printed before the total of {group!r} (line {number})",
                    f"a programme of {group!r}; {row.name!r} belongs to {expected_group!r}",
                )
            self.group_evidence.setdefault(row.name, (group, number))
            self.emit(
                row.line, row.printed, row.cells, {**row.context, "programme_group": group, "programme": row.name}, row.columns
            )
        if not st.pending:
            raise self.fail(
                number, f"group total {printed!r} has no programme rows before it", "the group's programme rows above its total"
            )
        st.pending = []
        self.emit(number, printed, cells, {**block.context, "programme_group": group})

    def match_group(self, number: int, printed: str, rest: str) -> str:
        wanted = rest.lower()
        for group in vocab.PROGRAMME_GROUPS:
            if group.lower() == wanted:
                return group
        candidates = [g for g in vocab.PROGRAMME_GROUPS if g.lower().startswith(wanted + " ")]
        if len(candidates) == 1 and len(wanted) >= 5:
            self.repairs.append(Repair(self.source, number, printed, f"{T} … {candidates[0]}", "label cut off"))
            return candidates[0]
        raise self.fail(
            number,
            f"group total {printed!r} names no known programme group",
            f"'I alt <group>' with a group from {list(vocab.PROGRAMME_GROUPS)}",
        )

    def note_repairs(self, number: int, printed: str, name: str, repairs: tuple[str, ...]) -> None:
        for why in repairs:
            self.repairs.append(Repair(self.source, number, printed, name, why))

    # -- programmes whose group total never came ----------------------------------------------------
    def close_context(self, number: int) -> None:
        st = self.state
        if st.pending:
            st.unresolved.extend(st.pending)
            st.pending = []

    def resolve_unresolved(self) -> None:
        self.check_stray_labels()
        for row in self.state.unresolved:
            evidence = self.group_evidence.get(row.name)
            if evidence is None:
                raise self.fail(
                    row.line,
                    f"programme {row.printed!r} has no group total after it",
                    "an 'I alt <group>' row after the group's programmes",
                )
            group, evidence_line = evidence
            self.inferred.append((row.line, row.name, group, evidence_line))
            self.emit(
                row.line, row.printed, row.cells, {**row.context, "programme_group": group, "programme": row.name}, row.columns
            )

    # -- cells -> facts ---------------------------------------------------------------------------------
    def emit(
        self,
        number: int,
        printed: str,
        cells: list[str],
        dims: dict[str, str],
        columns: list[tuple[str, dict[str, str]]] | None = None,
    ) -> None:
        st = self.state
        if columns is None:
            assert st.block is not None
            columns = st.block.columns
        base = {
            "period": st.periods[0],
            "status_group": T,
            "gender": T,
            "age_group": T,
            "programme_group": T,
            "programme": T,
            "measure": "participants",
        }
        base.update(dims)
        facts, ledger = self.facts, self.ledger
        for index, ((column, column_dims), raw) in enumerate(zip(columns, cells), start=1):
            values = base
            if column_dims:
                values = dict(base)
                for dim, value in column_dims.items():
                    if dim != "period" and dims.get(dim, T) != T:
                        raise self.fail(number, f"column {column!r} and the row both set {dim}")
                    values[dim] = value
            value, suppressed = self.read_cell(number, printed, column, raw, values["measure"])
            key = (
                values["period"],
                values["status_group"],
                values["gender"],
                values["age_group"],
                values["programme_group"],
                values["programme"],
                values["measure"],
            )
            first = facts.get(key)
            if first is None:
                facts[key] = Fact(
                    *key, value=value, suppressed=suppressed, source=self.source, line=number, label=printed, column=column
                )
                ledger.append(LedgerEntry(self.source, number, index, raw, key, "fact", number))
            elif first.value != value or first.suppressed != suppressed:
                shown = "*" if first.suppressed else first.value
                raise DuplicateMismatchError(
                    self.source,
                    number,
                    f"{printed!r}, column {column!r}, reads {raw.strip()!r} but the same number was printed as {shown!r} on line {first.line}",
                    "every copy of a published number to agree",
                )
            else:
                ledger.append(LedgerEntry(self.source, number, index, raw, key, "repeat", first.line))

    def read_cell(self, number: int, printed: str, column: str, raw: str, measure: str) -> tuple[int | None, bool]:
        cell = self.cell_cache.get(raw)
        if cell is None:
            cell = self.cell_cache[raw] = read_cell_text(raw)
        value, suppressed = cell
        if suppressed:
            return cell
        if value is None:
            if raw.strip() == "":
                if self.state.kind != ONE_MONTH:
                    raise self.fail(
                        number,
                        f"empty cell in row {printed!r}, column {column!r}",
                        "a number or '*' (only the one-month table prints nobody as an empty cell)",
                    )
                return 0, False
            raise self.fail(
                number,
                f"cell {raw!r} in row {printed!r}, column {column!r} is not a number",
                "digits grouped in threes by spaces, '*', or an empty cell",
            )
        if measure == "participants" and (value < 0 or 0 < value < 4):
            raise self.fail(
                number,
                f"count {value} in row {printed!r}, column {column!r} should have been suppressed or is impossible",
                "a count of 0 or at least 4 (NAV prints 1-3 as '*')",
            )
        return cell


def read_cell_text(raw: str) -> tuple[int | None, bool]:
    """(value, suppressed) for a cell's text; (None, False) when it is empty or not a number."""
    text = MARKUP_RE.sub("", raw).strip().replace("\\*", "*")
    if text == "*":
        return None, True
    if NUMBER_RE.fullmatch(text):
        return int(text.replace(" ", "")), False
    return None, False


def decode_text(data: bytes, source: str) -> str:
    """A raw file's bytes as UTF-8 text; bytes that are not UTF-8 raise a ParseError naming the file and line.

    Why: a file cut inside a multi-byte character (a truncated download) or saved in another
    encoding would otherwise give a bare UnicodeDecodeError that names no file.
    """
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        cut = " (the file ends inside a character: cut short?)" if error.end >= len(data) else ""
        raise ParseError(
            source, line, f"bytes that are not UTF-8 at byte {error.start} ({error.reason}){cut}", "UTF-8 text"
        ) from None


def parse_table(text: str, source: str) -> ParsedTable:
    """Parse the text of one NAV participant table. ``source`` names the file in error messages."""
    return TableParser(text, source).parse()
