"""Problems found in input data, collected into one report rather than raised one at a time.

Every problem carries a code (its ``rule``, the code ``check --format json`` gives); the
catalogue at the end of this module declares each code once, with what it means and how to fix
it, and docs/problem-codes.md is its table for readers (tests/test_problem_codes.py keeps the
code, the catalogue and the docs in step).
"""

from __future__ import annotations

import errno
import json
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from enum import Enum


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the input, located as precisely as possible, with a fix."""

    file: str
    row: int | None
    field: str
    message: str
    fix: str = ""
    rule: str = ""

    def location(self) -> str:
        """Return 'file, row N, field "x"' with whichever parts are known."""
        parts = [self.file]
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.field:
            parts.append(f'field "{self.field}"')
        return ", ".join(parts)


class DataError(Exception):
    """Raised by the loader when the input cannot be published; carries every problem found."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = tuple(sorted(problems, key=_sort_key))
        super().__init__(f"{len(self.problems)} problem(s) in the data packages")


def _sort_key(problem: Problem) -> tuple:
    return (problem.file, problem.row or 0, problem.field, problem.rule, problem.message)


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    """Return problems in a stable order: by file, then row, then field."""
    return sorted(problems, key=_sort_key)


def format_text(problems: Iterable[Problem]) -> str:
    """Return a report for people: one block per problem."""
    problems = sort_problems(problems)
    if not problems:
        return "No problems found."
    lines = []
    for problem in problems:
        lines.append(f"{problem.location()}: {problem.message}")
        if problem.fix:
            lines.append(f"    How to fix: {problem.fix}")
    noun = "problem" if len(problems) == 1 else "problems"
    lines.append(f"\n{len(problems)} {noun} found. Nothing was published.")
    return "\n".join(lines)


def format_json(problems: Iterable[Problem]) -> str:
    """Return the problems as a JSON document for other tools."""
    items = [asdict(problem) for problem in sort_problems(problems)]
    return json.dumps({"valid": not items, "problems": items}, indent=2, ensure_ascii=False)


def _escape_annotation(text: str, property_value: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property_value:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def format_github(problems: Iterable[Problem]) -> str:
    """Return GitHub Actions workflow commands that annotate each problem on its file and line.

    For CSV files the line is the row number (row 1 is the header), which matches the file's line
    unless a cell holds a line break.
    """
    lines = []
    for problem in sort_problems(problems):
        properties = [f"file={_escape_annotation(problem.file, True)}"]
        if problem.row is not None:
            properties.append(f"line={problem.row}")
        title = f"{problem.field or 'package'}: {problem.rule or 'data'}"
        properties.append(f"title={_escape_annotation(title, True)}")
        message = problem.message + (f" How to fix: {problem.fix}" if problem.fix else "")
        lines.append(f"::error {','.join(properties)}::{_escape_annotation(message)}")
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------------
# Failures of the operating system (a full disk, a folder the user may not write to)

#: The code of each operating-system failure an officer can act on; any other is "system-error".
SYSTEM_CODES = {
    errno.ENOSPC: "disk-full", errno.EDQUOT: "disk-full",
    errno.EACCES: "no-permission", errno.EPERM: "no-permission",
    errno.EROFS: "read-only-disk",
    errno.ENOTDIR: "file-in-the-way", errno.EEXIST: "file-in-the-way",
    errno.EISDIR: "file-in-the-way", errno.ENOTEMPTY: "file-in-the-way",
    errno.ENOENT: "path-missing",
}
_SYSTEM_SAYS = {
    "disk-full": "the disk is full, so this could not be written",
    "no-permission": "you do not have permission to read or write this",
    "read-only-disk": "this is on a disk that cannot be written to",
    "path-missing": "this file or folder does not exist (it may have been moved or deleted "
                    "while the command ran)",
    errno.ENOTDIR: "part of this path is a file, where a folder is needed",
    errno.EEXIST: "something is already here: a file where a folder is needed",
    errno.EISDIR: "this is a folder, where a file is needed",
    errno.ENOTEMPTY: "a folder that is not empty is in the way",
}
# shutil.copytree collects its failures as text: the errno is only in the words.
_ERRNO_IN_TEXT = re.compile(r"\[Errno (\d+)\] ([^:']*)")


def system_problem(error: OSError, path: str | None = None) -> Problem:
    """Return an operating-system failure as a problem naming the path, the reason and a fix.

    ``path`` overrides the path the error names (the writer gives the published folder's path
    instead of its staging folder's).
    """
    number, reason = error.errno, error.strerror
    if number is None and error.args and isinstance(error.args[0], list) and error.args[0]:
        # shutil.Error: a list of (source, destination, reason) for every file it failed on.
        _source, destination, text = error.args[0][0]
        found = _ERRNO_IN_TEXT.search(str(text))
        number, reason = (int(found[1]), found[2]) if found else (None, str(text))
        path = path or str(destination)
    code = SYSTEM_CODES.get(number or 0, "system-error")
    reason = reason or str(error) or type(error).__name__
    says = _SYSTEM_SAYS.get(number if code == "file-in-the-way" else code,
                            "the computer could not read or write this")
    where = path or error.filename or "(no file named)"
    return Problem(str(where), None, "", f"{says} ({reason})", CODES[code].fix, code)


# ---------------------------------------------------------------------------------------------
# The catalogue of problem codes


class Stage(Enum):
    """Where a problem is found: the catalogue, and its table in the docs, follow this order."""

    DESCRIPTOR = "package descriptor"
    TABLES = "tables"
    ROWS = "rows"
    CROSS_TABLE = "cross-table rules"
    SETTINGS = "settings"
    IMPORT = "import"
    BUILD = "build"


@dataclass(frozen=True)
class Code:
    """One kind of problem: its code, what it means and, in general, how to fix it.

    A problem's own fix may be more precise (it can name the file, column or allowed values);
    where it needs no detail, the code that reports it uses this one.
    """

    code: str
    stage: Stage
    meaning: str
    fix: str
    # Frictionless' own error type, which input/messages.py passes on under the same code.
    frictionless: bool = False


_D, _T, _R, _X = Stage.DESCRIPTOR, Stage.TABLES, Stage.ROWS, Stage.CROSS_TABLE
_S, _I, _B = Stage.SETTINGS, Stage.IMPORT, Stage.BUILD
_UTF8 = "Save the file as UTF-8 (in Excel: CSV UTF-8)."
_NO_OBSERVATION = "Add the observation first, or correct the period."

CATALOGUE: tuple[Code, ...] = (
    Code("package-missing", _D, "The data package folder does not exist.",
         "Check the path, or the package list under extra.generator.packages in mkdocs.yml."),
    Code("descriptor-missing", _D, "The package folder has no datapackage.json.",
         "Every package folder needs a datapackage.json that lists its tables; copy one from "
         "datapackages/."),
    Code("descriptor-encoding", _D, "datapackage.json is not saved as UTF-8 text.",
         "Save the file as UTF-8."),
    Code("descriptor-json", _D, "datapackage.json is not valid JSON; the row is the line where "
         "reading stopped.", "Fix the JSON syntax (a missing comma or quote is the usual cause)."),
    Code("descriptor-resources", _D, "datapackage.json has no list of resources.",
         'Add "resources": [...] naming each table.'),
    Code("descriptor-name", _D, "The package has no name.", 'Add "name": "..." to datapackage.json.'),
    Code("descriptor-name-id", _D, "The package name is not an id: it becomes the file name of "
         "the package's download.", "Use lower case letters, digits and hyphens, at most 64 "
         "characters, like \"northbridge-childrens\"."),
    Code("descriptor-title", _D, "The package has no title.",
         'Add "title": "..." to datapackage.json.'),
    Code("resource-unknown", _D, "A resource's name is not one of the format's tables.",
         "Use the name of a table in the data package reference (a typo is the usual cause)."),
    Code("resource-duplicate", _D, "The same table is listed twice.", "List each table once."),
    Code("resource-path", _D, "A resource has no path.",
         "Give the file name of the table, e.g. observations.csv."),
    Code("schema-differs", _D, "A resource declares a Table Schema that differs from the "
         "format's.", "Replace it with the output of `python -m generator schema NAME` or remove "
         "it (the format's schema is used)."),
    Code("resource-required", _D, "The package lacks a table the format requires.",
         "Add a resource with that table's name."),
    Code("descriptor-size", _D, "datapackage.json is over the 1 MB limit (the examples are "
         "about 30 KB).", "Keep figures in the tables, not in datapackage.json; see Limits in "
         "docs/data-package.md."),
    Code("descriptor-depth", _D, "datapackage.json nests lists and objects more than 32 deep.",
         "Copy the descriptor of an example package and change its values."),
    Code("descriptor-type", _D, "A property of datapackage.json has the wrong kind of value (text "
         "where a list belongs, for example).", "Write the kind of value the problem names; see "
         "docs/data-package.md."),
    Code("descriptor-format", _D, "A property of datapackage.json is not written in the form it "
         "needs (a path with a NUL character, for example).", "Write the file name as it is in the "
         "package folder."),
    Code("not-indicator-package", _D, "datapackage.json names none of the format's tables: it is "
         "not an indicator data package (another kind of Frictionless package, perhaps).",
         "Check the folder is the one you meant; docs/data-package.md describes the tables an "
         "indicator data package has."),
    Code("resource-outside", _T, "The file is outside the package folder (an absolute path, '..' "
         "or a symbolic link that points elsewhere).", "Keep every table inside the package folder."),
    Code("resource-missing", _T, "The file named in datapackage.json does not exist.",
         "Create the file or correct its path in datapackage.json."),
    Code("resource-format", _T, "The file is neither CSV nor Excel .xlsx.",
         "Save the table as CSV (UTF-8) or Excel .xlsx."),
    Code("resource-empty", _T, "The file is empty.", "A table needs at least its header row."),
    Code("resource-size", _T, "The file is over the 200 MB limit.",
         "Split the table or remove unused rows."),
    Code("resource-unreadable", _T, "The table could not be read: it is not UTF-8 text (often "
         "Excel's Windows 'CSV' format), or not a file a spreadsheet can open.",
         _UTF8 + " Check the file opens in a spreadsheet."),
    Code("unknown-column", _T, "The header row has a column the table does not have (often a "
         "typo or a capital letter).", "Correct the spelling or remove the column."),
    Code("missing-column", _T, "The header row lacks a column the table requires.",
         "Add the column to the header row."),
    Code("file-special", _T, "The path names a folder, a named pipe, a device or a socket (or a "
         "symbolic link to one), not an ordinary file.", "Point the path at the file itself, saved "
         "on disk."),
    Code("too-many-columns", _T, "The header row has more than 200 columns (the widest table has "
         "27).", "Save only the table's own columns; see Limits in docs/data-package.md."),
    Code("xlsx-unpacked", _T, "The .xlsx file unpacks to more than 200 MB, or is packed far more "
         "tightly than a spreadsheet is (a 'zip bomb').", "Save the table again from Excel, or as "
         "CSV UTF-8; see Limits in docs/data-package.md."),
    Code("type-error", _R, "A cell is not a valid value of its column's type (number, whole "
         "number, date, true/false or web address).", "Write a plain number without %, commas or "
         "words, a date as YYYY-MM-DD, or true or false.", frictionless=True),
    Code("required", _R, "A required cell is empty.", "Fill in the cell."),
    Code("enum", _R, "A cell is not one of its column's allowed values.",
         "Use one of the allowed values (the fix lists them)."),
    Code("id-too-long", _R, "An id is longer than 64 characters: ids become folder and file "
         "names and parts of page addresses.", "Shorten the id to 64 characters or fewer (ids "
         "of a few words read best in an address, like re-referrals)."),
    Code("pattern", _R, "A cell is not written in the form its column needs, such as an id or "
         "a list of flags.", "Ids use lower case letters, digits and single hyphens only, e.g. "
         "re-referrals."),
    Code("constraint-error", _R, "A cell breaks another rule of its column, such as a minimum or "
         "maximum.", "Change the value so it meets the rule.", frictionless=True),
    Code("symbol-in-value", _R, "A missing-value symbol (such as c or x) is in a number column.",
         "Leave this cell empty and put the symbol in the 'missing' column."),
    Code("excel-cell-type", _R, "Excel stored a value of a text column (such as a period) as a "
         "number or a date.", "In Excel, format the column as Text and type the value again (or "
         "start it with an apostrophe, e.g. '2024)."),
    Code("unique-error", _R, "A value appears twice in a column that must be unique.",
         "Each value in this column must be different; remove or rename the duplicate.",
         frictionless=True),
    Code("primary-key", _R, "The row repeats another row's key (such as the same indicator and "
         "period).", "Remove the duplicate row or correct it.", frictionless=True),
    Code("blank-row", _R, "The row is empty.", "Delete the empty row.", frictionless=True),
    Code("extra-cell", _R, "The row has more cells than the header.",
         "The row has more cells than the header; remove the extra cells or fix quoting.",
         frictionless=True),
    Code("missing-cell", _R, "The row has fewer cells than the header.",
         "The row has fewer cells than the header; fill in the missing cells.", frictionless=True),
    Code("period-form", _R, "The period is not written in the form of its indicator's period type.",
         "Write the period in that form (see Periods in the data package reference)."),
    Code("frequency-period", _R, "The indicator's period type does not fit its frequency.",
         "Choose a period type that fits the frequency (for example quarterly with quarter, "
         "annual with financial_year)."),
    Code("counts-people-unit", _R, "A percentage indicator is marked as counting people.",
         "Set counts_people to false; percentages are suppressed through their numerator."),
    Code("period-frequency", _R, "A quarterly indicator has a period that does not end with a "
         "quarter.", "Use periods ending in March, June, September or December."),
    Code("value-and-missing", _R, "The row has both a value and a missing-value symbol.",
         "Keep one: the number, or the symbol with value left empty."),
    Code("value-empty", _R, "The value is empty and no missing-value symbol says why.",
         "Enter the value, or put a DfE symbol in 'missing' (x if not available, c if "
         "suppressed)."),
    Code("breakdown-value", _R, "A breakdown row has both a value and a missing-value symbol, or "
         "neither.", "Fill in value, or leave it empty and put a symbol in 'missing'."),
    Code("percentage-range", _R, "A percentage is outside 0 to 100.",
         "Percentages are written as 0-100 (22.6, not 0.226 or 226)."),
    Code("negative", _R, "A count, rate, number of days or number of weeks (or its target or "
         "expected range) is negative; only 'number' and 'pounds' indicators can be.",
         "Correct the value."),
    Code("numerator-above-denominator", _R, "A percentage's numerator is larger than its "
         "denominator.", "Check the two counts have not been swapped."),
    Code("value-fraction", _R, "The value does not match numerator ÷ denominator at the "
         "indicator's decimal places.", "Correct the value, the numerator or the denominator."),
    Code("target-polarity", _R, "An indicator with no preferred direction has a target.",
         "Give an expected range (expected_low, expected_high) instead, or set the indicator's "
         "polarity."),
    Code("target-missing", _R, "An indicator with a preferred direction has a targets row with "
         "no target.", "Enter the target; expected ranges are for indicators with no preferred "
         "direction."),
    Code("range-incomplete", _R, "An expected range has only one end.",
         "Fill in both expected_low and expected_high."),
    Code("range-order", _R, "An expected range is upside down (its low end is above its high "
         "end).", "Swap expected_low and expected_high."),
    Code("target-range", _R, "A percentage target is outside 0 to 100.",
         "Write the target as a percentage between 0 and 100."),
    Code("text-formula", _R, "A text cell starts with =, +, -, @, a tab or a carriage return, "
         "so a spreadsheet opening the downloads would run it as a formula.",
         "Start the text with a word or a number; spreadsheet programs run text that starts with "
         "= + - @ as a formula. Start a Markdown list's items with '* ', not '- '."),
    Code("number-not-finite", _R, "A number cell holds NaN or infinity (what a spreadsheet shows "
         "when a calculation fails), not a figure.", "Write the figure as a plain number; if there "
         "is no figure, leave the cell empty (and, for a value, put a DfE symbol in 'missing')."),
    Code("number-too-large", _R, "A number is more than 1,000,000,000,000 (a million million) "
         "either side of zero, more than any council figure.", "Check the figure: a number this "
         "large is usually a unit or export mistake (pounds written as pence, a cell that was a "
         "formula). Write it in the indicator's unit."),
    Code("number-too-small", _R, "A number is not zero but closer to it than 0.000001, smaller "
         "than the site can show.", "Write 0, or the figure rounded to the indicator's decimal "
         "places."),
    Code("date-window", _R, "A date or period is before 1970-01-01 or after 2099-12-31, outside "
         "the dates the site publishes.", "Check the year (a missing or extra digit, or 0001 from "
         "an empty spreadsheet date, is the usual cause) and write the date as YYYY-MM-DD."),
    Code("text-control", _R, "A text cell holds an invisible control character (such as NUL or "
         "escape), usually from copying out of another system.", "Delete the character: retype "
         "the text, or paste it as plain text (in Excel, Paste Special, Values)."),
    Code("cell-too-long", _R, "A cell holds more than 10,000 characters.",
         "Shorten the text: commentary and notes are read on a web page; see Limits in "
         "docs/data-package.md."),
    Code("foreign-key", _X, "An id is not in the table it refers to (such as an unknown "
         "indicator or service area).", "Use an id that exists in the referenced table, or add "
         "it there.", frictionless=True),
    Code("previous-id-invalid", _X, "A previous id of an indicator is not an id: it becomes the "
         "address of a redirect page.", "Use lower case letters, digits and hyphens, at most 64 "
         "characters, separating ids with ';'."),
    Code("unknown-priority", _X, "An indicator names a priority that is not in the priorities "
         "table.", "Use an id from the priorities table, or add the priority there."),
    Code("commentary-period", _X, "Commentary is for a period the indicator has no observation "
         "of.", _NO_OBSERVATION),
    Code("ratings-period", _X, "An officer rating is for a period the indicator has no "
         "observation of.", _NO_OBSERVATION),
    Code("rating-without-target", _X, "An indicator is rated but has no target or expected "
         "range.", "Add its target (or expected range) to the targets table so readers can see "
         "what the rating is judged against."),
    Code("package-name", _X, "Two packages have the same name.", "Give each package its own name."),
    Code("duplicate-id", _X, "Two packages use the same indicator id.",
         "Ids must be unique across all packages; rename one."),
    Code("previous-id-reused", _X, "An indicator's id is listed as a previous id of another "
         "indicator.", "An old id cannot be reused: its address redirects to the new indicator."),
    Code("unknown-related", _X, "related or replaced_by names an indicator that is in no "
         "package.", "Use the id of an indicator in one of the packages."),
    Code("service-area-conflict", _X, "A service area has another title or item number in "
         "another package.", "Give the area the same title and item number in every package."),
    Code("no-published-release", _X, "No release in releases.csv is published, so the site has "
         "no release to build.", "Set the status of the release the site shows now to "
         "'published' (a site needs at least one); keep later ones 'planned'."),
    Code("link-unknown", _X, "numerator_from or denominator_from names an indicator that is in "
         "no package.", "Use the id of the count indicator whose value is this indicator's "
         "numerator or denominator, or leave the cell empty."),
    Code("link-unit", _X, "numerator_from or denominator_from names an indicator that is not a "
         "count (or the indicator itself), so its value cannot be a numerator or denominator.",
         "Name the indicator that counts what the top or bottom of the fraction counts, or leave "
         "the cell empty."),
    Code("link-period", _X, "numerator_from or denominator_from links indicators whose periods "
         "can never be the same (a snapshot linked to a count over a quarter, a month linked to "
         "a year).", "Link to an indicator reported by snapshot or by the same kind of period, "
         "or leave the cell empty."),
    Code("link-mismatch", _X, "A numerator or denominator differs from the value of the "
         "indicator its numerator_from or denominator_from names, for the same period: the data "
         "contradicts itself.", "Correct whichever figure is wrong (the message names both "
         "rows); if the two rightly count different things, remove the link."),
    Code("comparator-unit", _X, "A comparator row is for an indicator whose unit cannot be "
         "compared with another area's, such as a count: a council's count and England's differ "
         "mostly by the size of the place, and an average of councils' counts means nothing.",
         "Remove the comparator rows of this indicator, or compare a rate or a percentage "
         "instead (a rate per 10,000 children can be set against England's)."),
    Code("council-code", _X, "A row of every council's figures (area_type council) has an "
         "area_code that is not a council's GSS code (E06, E08, E09 or E10 and six digits).",
         "Give the council's current GSS code, as in the importer's council table; England, "
         "regions and the neighbours' average are other area types."),
    Code("council-own", _X, "The row for the package's own council (the descriptor's "
         "area_code) among every council's figures differs from the council's observation for "
         "the same period.",
         "Make the two agree (the observation is the figure the site shows and ranks), or leave "
         "the council's own row out."),
    Code("settings-missing", _S, "The site settings file (mkdocs.yml) does not exist.",
         "Run the command from the project folder, or pass --config."),
    Code("settings-yaml", _S, "mkdocs.yml is not valid YAML.", "Fix the indentation or quoting."),
    Code("settings-type", _S, "A setting has the wrong kind of value (text where a number or a "
         "list belongs, for example).", "Write the kind of value the problem names; see "
         "docs/site-settings.md."),
    Code("settings-empty", _S, "A setting is given with no value, or an empty one.",
         "Write a value after the colon, or leave an optional key out to use its default."),
    Code("settings-key", _S, "mkdocs.yml has a key under extra.generator that the generator does "
         "not know.", "Correct the spelling (the fix names the nearest known key) or remove it."),
    Code("settings-required", _S, "A required setting is missing (the data packages, for "
         "example).", "Add the key; docs/site-settings.md lists the required ones."),
    Code("settings-format", _S, "A setting does not have the form it needs (an address that does "
         "not start with http, a colour that is not #RRGGBB).", "Write it in the form the fix "
         "shows."),
    Code("settings-range", _S, "A number in the settings is out of range (a negative suppression "
         "threshold, for example).", "Use a number within the range the fix gives."),
    Code("settings-colour", _S, "A colour is too light: text on it would be hard to read (under "
         "4.5:1 contrast).", "Choose a darker colour: check it with a contrast checker against "
         "white."),
    Code("workers-setting", _S, "The environment variable PERFSITE_WORKERS is not a whole number.",
         "Set it to the number of processes the build may use (1 for one), or unset it."),
    Code("settings-encoding", _S, "The site settings file (mkdocs.yml) is not saved as UTF-8 "
         "text.", "Save the file as UTF-8 (any code editor can; Notepad: Save as, Encoding "
         "UTF-8)."),
    Code("settings-contact", _S, "A warning, not a refusal: the accessibility statement's "
         "contact (extra.generator.contact) holds no email address, telephone number or web "
         "address, so a reader who meets a barrier cannot report it.", "Set extra.generator."
         "contact in mkdocs.yml to words that follow \"contact\", with an address, e.g. the "
         "performance team at performance@council.gov.uk."),
    Code("council-unknown", _I, "No English council has the name or code given with --council.",
         "Give the council's name as DfE writes it (e.g. Trafford), its three-digit LA number "
         "(358) or its GSS code (E08000009)."),
    Code("council-abolished", _I, "The council given with --council was abolished in a "
         "reorganisation (2019 to 2023); the message names the councils that took over its area.",
         "Import one of the successor councils the message names; DfE publishes the abolished "
         "council's figures only up to the year it was abolished."),
    Code("council-absent", _I, "The files hold no rows for the council.",
         "DfE publishes every council's figures; check you downloaded the national files (not a "
         "filtered extract) and that they are the ones the mapping names."),
    Code("project-exists", _I, "perfsite new was asked to write a project into a folder that "
         "already exists; it never writes over one.",
         "Give --out a folder that does not exist yet, or move the old one away first."),
    Code("project-sources", _I, "perfsite new cannot find the generator's MkDocs sources "
         "(site_src/) to copy into the project.",
         "Run it from the generator installed from its repository (pip install -e), where "
         "site_src/ sits beside generator/."),
    Code("neighbours-unreadable", _I, "The statistical neighbours file could not be read.",
         "Give DfE's statistical neighbours .xlsx file."),
    Code("neighbours-layout", _I, "The statistical neighbours file does not have DfE's layout.",
         "Give DfE's statistical neighbours workbook as published."),
    Code("neighbours-council", _I, "The council is not in the statistical neighbours file.",
         "Give DfE's current statistical neighbours file."),
    Code("mapping-missing", _I, "The mapping file does not exist.",
         "Check the --mapping path, or leave it out to use the shipped one."),
    Code("mapping-yaml", _I, "The mapping is not valid YAML.",
         "Fix the YAML (indentation and colons are the usual cause)."),
    Code("mapping-key", _I, "The mapping has a key the importer does not know.",
         "Correct the spelling (the fix names the nearest known key) or remove it; see "
         "docs/importing-dfe-data.md)."),
    Code("mapping-required", _I, "An indicator in the mapping lacks a required key.",
         "Add the key to the indicator."),
    Code("mapping-enum", _I, "An indicator's unit, polarity, frequency or period_type is not an "
         "allowed value.", "Use one of the allowed values (the fix lists them)."),
    Code("mapping-type", _I, "A value in the mapping has the wrong kind (text where a number "
         "belongs, such as decimal_places: two).", "Write the kind of value the problem names; "
         "see docs/importing-dfe-data.md."),
    Code("mapping-empty", _I, "A key in the mapping has no value, or an empty list.",
         "Write a value after the colon, or leave an optional key out."),
    Code("mapping-format", _I, "A value in the mapping does not have the form it needs (an id "
         "with capitals or spaces, an address that does not start with http).",
         "Write it in the form the fix shows; ids use lower case letters, digits and hyphens."),
    Code("mapping-range", _I, "A number in the mapping is out of range (decimal places above 3, "
         "an item number below 1).", "Use a number within the range the fix gives."),
    Code("mapping-service-area", _I, "An indicator names a service area the mapping does not "
         "list.", "Use an id listed under service_areas."),
    Code("mapping-period-end", _I, "A snapshot or rolling 12-month indicator has no period_end.",
         "Give the day of the year as MM-DD (03-31) or the month as MM."),
    Code("mapping-duplicate", _I, "Two indicators in the mapping have the same id.",
         "Give each indicator its own id."),
    Code("source-missing", _I, "A file given to the importer does not exist.", "Check the path."),
    Code("ees-unmapped", _I, "No indicator in the mapping uses this file.",
         "Leave the file out, or add an indicator with an ees section whose file pattern matches "
         "its name."),
    Code("ees-archive", _I, "A .zip given to import-ees could not be read, or unpacks to more "
         "than the importer reads (500 MB of CSV files, 200 MB per file, 100 files).",
         "Give DfE's download as it came, or unzip it and give the .csv files or their folder."),
    Code("ees-layout", _I, "The file is not a DfE tidy CSV (it lacks the geography columns).",
         "Give the CSV files as downloaded from explore education statistics, or import LAIT "
         "files with import-lait."),
    Code("ees-missing-column", _I, "A column an indicator's ees section needs is not in the file.",
         "DfE may have renamed it: correct the indicator's ees section in the mapping."),
    Code("ees-time-identifier", _I, "The file's time_identifier cannot be read as the indicator's "
         "period type.", "Correct the indicator's period_type in the mapping."),
    Code("ees-period", _I, "A time_period in the file cannot be read.",
         "Check the file is DfE's tidy CSV as published."),
    Code("ees-cell", _I, "A figure in the file is neither a number nor a DfE symbol.",
         "Check the file is DfE's CSV as published."),
    Code("ees-duplicate", _I, "More than one row of the file matches an indicator for the same "
         "area and period.", "Add filters to the indicator's ees section so one row matches."),
    Code("lait-unreadable", _I, "The LAIT file could not be read.",
         "Give LAIT's long file as .parquet or .csv."),
    Code("lait-layout", _I, "The file is not LAIT's long-format file.",
         "Give LAIT's long-format file, or import tidy CSVs with import-ees."),
    Code("lait-period", _I, "A LAIT period (the Years column) cannot be read as the indicator's "
         "period type.", "Leave the measure out of the mapping: the importer cannot read it."),
    Code("lait-cell", _I, "A LAIT value is neither a number nor a DfE symbol.",
         "Check the file is LAIT's as published."),
    Code("import-incomplete", _I, "With --strict: a mapped indicator was not imported (its file "
         "is missing, the file has no rows for the council, or every figure is a symbol); the "
         "problem gives the reason.", "Download the file the problem names (or rename it as the "
         "mapping's pattern), or import without --strict to publish the others."),
    Code("import-duplicate", _I, "Two files give a figure for the same indicator, area and period.",
         "Give each file once, or add filters in the mapping so one row matches."),
    Code("path-outside", _B, "A file the build would write has a path outside the site's "
         "folder (an id or name with '/' or '..' that the checks missed).",
         "Report it: the checks should have refused the id first. Nothing was written."),
    Code("mkdocs", _B, "MkDocs could not build the site.",
         "Read the MkDocs warnings above; the previous site is unchanged."),
    Code("publish", _B, "A release could not be published: git failed, the release is not in "
         "releases.csv, or the previous release could not be read back.",
         "Follow the fix given with the problem; see docs/publishing.md."),
    Code("release-published", _B, "The release is already published in the branch, and "
         "publishing it again would change its pages: a published release is never replaced.",
         "Put changed figures in the next release (its What changed page records them), or "
         "correct this release with publish --correct RELEASE --note ... --rows FILE."),
    Code("release-planned", _B, "The release is still planned in releases.csv, so it cannot be "
         "published.", "When its figures are ready, set its status to published in every "
         "package's releases.csv, then publish again."),
    Code("release-not-newest", _B, "The release is not the newest published release in the "
         "data, or the branch already holds a newer one: a release is only built from the data "
         "of its own time.", "Publish the newest release (leave out --release), or correct an "
         "older one with publish --correct."),
    Code("correction-rows", _B, "The corrected rows given to publish --correct do not match "
         "figures the release published, or change none of them.", "Give rows with "
         "observations.csv's columns, each with the indicator_id and period of a figure the "
         "release published and its corrected value."),
    Code("push-rejected", _B, "git could not push the Pages branch to the remote; the problem "
         "gives git's whole reason.", "If someone else published meanwhile, run the command "
         "again; if a hook refused it, read its message; otherwise check that you may push."),
    Code("withdraw-refused", _B, "The release cannot be withdrawn: it is not in the branch, or "
         "it is the only release there.", "Give the id of a deployed release (see versions.json "
         "on the branch); a site keeps at least one release."),
    Code("disk-full", _B, "A file could not be written because the disk is full.",
         "Free some space on the disk, or write to another disk (--site-dir, --out), then run "
         "the command again."),
    Code("no-permission", _B, "The computer refused to read or write a file or folder: you do "
         "not have permission.", "Choose a folder you may write to, or ask whoever manages the "
         "computer for permission on the folder named, then run the command again."),
    Code("read-only-disk", _B, "A file could not be written because its disk or folder is "
         "read-only.", "Choose a folder on a disk you can write to (--site-dir, --out), or ask "
         "for the disk to be made writable."),
    Code("file-in-the-way", _B, "A file is where a folder is needed (or a folder where a file "
         "is needed).", "Move or rename what is in the way, or choose another path."),
    Code("path-missing", _B, "A file or folder the command needs does not exist, or was moved "
         "or deleted while the command ran.", "Check the path; if the file was being saved or "
         "moved, run the command again."),
    Code("system-error", _B, "The computer could not read or write a file (the problem gives "
         "its own reason).", "Check the disk and the path named, then run the command again; "
         "if it keeps happening, ask whoever manages the computer."),
    Code("port-in-use", _B, "The preview could not start: another program is using its port.",
         "Stop the other program (perhaps another preview), or choose another port with --port."),
    Code("internal-error", _B, "The generator failed because of a bug in it, not a problem in "
         "your data.", "Report it with the file of details the message names."),
)

#: Each code's entry, by code.
CODES: dict[str, Code] = {entry.code: entry for entry in CATALOGUE}
