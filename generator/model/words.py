"""The word catalogue: every fixed word and phrase of the domain that a reader sees, in English.

Each table is keyed by the enum whose values it puts into words, and holds one entry per member
(``tests/test_words.py`` checks that, and that no such table is defined anywhere else in
``generator/``). Sentences that are built around figures stay with the code that builds them
(``analysis/explain.py``, ``rag.py``, ``rollup.py``); the fixed words they choose between live here.

Where the site words one idea twice (a sentence in the explanation and a shorter phrase on the
indicator page, say), both texts sit side by side below with a comment naming where each is
printed. They are kept exactly as the pages print them; making them agree is a writing decision
for later. ``docs/words.md`` says where a new word goes and how a second language
would be added (not built yet).
"""

from __future__ import annotations

from generator.model.outcomes import (
    Band,
    Chance,
    Comparison,
    Direction,
    Pattern,
    RatingSource,
    RatingStatus,
    Standard,
)

# Period words are defined next to the code that fills them in (model/periods.py sits below this
# catalogue, which keys on its PeriodType) and re-exported here, so this is still the one place
# to find every word.
from generator.model.periods import (
    MONTH_ABBREVIATIONS,
    MONTH_NAMES,
    PERIOD_LABELS,
    PERIOD_SHORT_LABELS,
    PERIOD_SPANS,
    QUARTER_ACROSS_YEARS_LABEL,
)
from generator.model.site import (
    AreaType,
    Counted,
    Flag,
    Frequency,
    Missing,
    Polarity,
    Status,
    Unit,
)

__all__ = [
    "AREA_KIND_WORDS", "AREA_WORDS", "AXIS_NOT_AT_ZERO", "BAND_PHRASE", "BAND_SENTENCE",
    "BAND_WORDS", "BETTER_WORDS", "COUNCIL_MARKS", "DISTRIBUTION_AXIS", "DISTRIBUTION_FIRST",
    "DISTRIBUTION_MARKS",
    "DISTRIBUTION_SUMMARY", "LEFT_OUT_SENTENCES", "RANK_SENTENCES", "CHANCE_PHRASES",
    "CHANCE_SENTENCES", "COMPARATOR_COLUMN_HEADINGS", "COMPARISON_WORDS", "COUNTED_WORDS",
    "DIRECTION_WORDS", "FLAG_WORDS", "FREQUENCY_WORDS", "GAP_MARK_WORDS", "MISSING_WORDS",
    "MONTH_ABBREVIATIONS", "MONTH_NAMES", "NOT_COMPARED_WORDS", "NO_ENGLAND_WORDS",
    "NO_FIGURE_WORDS", "OVERRIDE_CLAUSE", "PATTERN_SENTENCES", "PERIOD_LABELS",
    "PERIOD_SHORT_LABELS", "PERIOD_SPANS", "POLARITY_SENTENCES", "POLARITY_WORDS",
    "QUARTER_ACROSS_YEARS_LABEL", "RANGE_COMPARED", "RATING_CHIP_ICONS", "RATING_MEANINGS",
    "RATING_SOURCE_WORDS", "RATING_WORDS", "SOURCE_SENTENCE", "STANDARD_HEADINGS", "STANDARD_WORDS",
    "STATUS_CAVEATS", "STATUS_WORDS", "SUMMARY_CLAUSES", "UNIT_AXIS_TITLES", "UNIT_HOVER_SUFFIXES",
    "UNIT_TABLE_NOTES", "UNIT_WORDS", "capitalised", "missing_words", "sentence",
]


def capitalised(text: str) -> str:
    """Return text with its first letter in capitals, for sentence starts, table cells and headings."""
    return text[:1].upper() + text[1:]


def sentence(text: str) -> str:
    """Return text closed as a sentence: one full stop added unless it already ends in . ! or ?.

    The one place a text written by someone else (a source, a licence, an officer's reason) is
    closed, so "Open Government Licence v3.0." never becomes "v3.0..".
    """
    text = text.strip()
    return text if not text or text.endswith((".", "!", "?")) else text + "."


# ---------------------------------------------------------------------------------------------
# Figures that are not published

# After "the figure for April to June 2024 was ..." (explanations, ratings, what's changed).
MISSING_WORDS = {
    Missing.CONFIDENTIAL: "not published to protect confidentiality",
    Missing.NOT_AVAILABLE: "not available",
    Missing.NOT_APPLICABLE: "not applicable",
    Missing.ROUNDS_TO_ZERO: "fewer than half of one, so it rounds to zero",
    Missing.LOW: "fewer than half of one, so it rounds to zero",
    Missing.LOW_RELIABILITY: "not published because it is not reliable enough",
}
# A row with no value and no DfE symbol to say why.
NO_FIGURE_WORDS = "not available"
# The legend entry of the marks a chart puts at the foot of its axis where the council's figure is
# not published (pages/charts.py): the line has a gap there, never a point at zero.
GAP_MARK_WORDS = {
    Missing.CONFIDENTIAL: "Suppressed",
    Missing.NOT_AVAILABLE: "Not available",
    Missing.NOT_APPLICABLE: "Not applicable",
    Missing.ROUNDS_TO_ZERO: "Rounds to zero",
    Missing.LOW: "Rounds to zero",
    Missing.LOW_RELIABILITY: "Not reliable enough",
}
# A mark on a published figure, after the number in a chart's hover label ("80.1% (provisional)")
# and, capitalised with " figure", the legend entry of its marker (pages/charts.py).
FLAG_WORDS = {
    Flag.PROVISIONAL: "provisional",
    Flag.REVISED: "revised",
    Flag.ESTIMATED: "estimated",
}
# Under a chart's title when its vertical axis does not start at zero (pages/charts.py): a line
# chart may start near its figures so the change shows, but the reader is told.
AXIS_NOT_AT_ZERO = "The vertical axis starts at {start}, not at zero."


def missing_words(missing: Missing | None) -> str:
    """Return why a figure is not published, in words that follow "the figure ... was"."""
    return MISSING_WORDS[missing] if missing is not None else NO_FIGURE_WORDS


# ---------------------------------------------------------------------------------------------
# Indicator facts

# The "Unit" line of an indicator's details.
UNIT_WORDS = {
    Unit.PERCENTAGE: "Percentage",
    Unit.RATE_PER_10000: "Rate per 10,000 children",
    Unit.RATE_PER_1000: "Rate per 1,000",
    Unit.RATE_PER_100000: "Rate per 100,000",
    Unit.COUNT: "Number",
    Unit.DAYS: "Days",
    Unit.WEEKS: "Weeks",
    Unit.NUMBER: "Number",
    Unit.POUNDS: "Pounds",
}
# The opening of the data table's note (pages/tables.py); a rate's {noun} is " children" or "",
# from the indicator's denominator.
UNIT_TABLE_NOTES = {
    Unit.PERCENTAGE: "Figures are percentages.",
    Unit.RATE_PER_10000: "Figures are rates per 10,000{noun}.",
    Unit.RATE_PER_1000: "Figures are rates per 1,000{noun}.",
    Unit.RATE_PER_100000: "Figures are rates per 100,000{noun}.",
    Unit.COUNT: "Figures are counts.",
    Unit.DAYS: "Figures are numbers of days.",
    Unit.WEEKS: "Figures are numbers of weeks.",
    Unit.NUMBER: "Figures are numbers.",
    Unit.POUNDS: "Figures are in pounds (£).",
}
# The chart's y-axis title (pages/charts.py): as UNIT_WORDS, except "Per cent".
UNIT_AXIS_TITLES = {**UNIT_WORDS, Unit.PERCENTAGE: "Per cent"}
# After the number in a chart's hover label (pages/charts.py): "24.0%", "12 days".
UNIT_HOVER_SUFFIXES = {
    Unit.PERCENTAGE: "%",
    Unit.RATE_PER_10000: "",
    Unit.RATE_PER_1000: "",
    Unit.RATE_PER_100000: "",
    Unit.COUNT: "",
    Unit.DAYS: " days",
    Unit.WEEKS: " weeks",
    Unit.NUMBER: "",
    Unit.POUNDS: "",
}

# Which way is better, said twice:
# - the second paragraph of the explanation opens with this (analysis/explain.py);
POLARITY_SENTENCES = {
    Polarity.HIGHER: "A higher figure is better.",
    Polarity.LOWER: "A lower figure is better.",
    Polarity.NONE: "Neither a higher nor a lower figure is better.",
}
# - the "Which way is better" line of an indicator's details (pages/views.py), followed by
#   RANGE_COMPARED when an expected range is in force for the latest figure.
POLARITY_WORDS = {
    Polarity.HIGHER: "A higher figure is better.",
    Polarity.LOWER: "A lower figure is better.",
    Polarity.NONE: "Neither higher nor lower is better.",
}
RANGE_COMPARED = "The figure is compared with an expected range."

# The "How often" line of an indicator's details (pages/views.py).
FREQUENCY_WORDS = {
    Frequency.MONTHLY: "Every month",
    Frequency.QUARTERLY: "Every quarter",
    Frequency.ANNUAL: "Every year",
}

# Where an indicator is in its life, said three ways:
# - the "Status" line of an indicator's details (pages/views.py);
STATUS_WORDS = {
    Status.ESTABLISHED: "Established indicator.",
    Status.NEW: "New indicator: only a few periods have been published.",
    Status.IN_DEVELOPMENT: "In development: the way it is measured may still change.",
    Status.RETIRED: "Retired: no longer reported.",
}
# - the sentences that end the explanation's caveats (analysis/explain.py);
# - and the notice at the top of the page, still written in pages/templates/_notices.md.j2.
STATUS_CAVEATS: dict[Status, tuple[str, ...]] = {
    Status.ESTABLISHED: (),
    Status.NEW: ("This is a new measure, so there are few past figures to compare with.",),
    Status.IN_DEVELOPMENT: ("This measure is still being developed.",
                            "How it is counted may change."),
    Status.RETIRED: ("This measure is no longer updated.",),
}

# ---------------------------------------------------------------------------------------------
# Ratings

# The rating's name: chips, tables, "2 red, 3 amber" (lower-cased), what's changed.
RATING_WORDS = {
    RatingStatus.RED: "Red",
    RatingStatus.AMBER: "Amber",
    RatingStatus.GREEN: "Green",
    RatingStatus.BELOW_RANGE: "Below expected range",
    RatingStatus.WITHIN_RANGE: "Within expected range",
    RatingStatus.ABOVE_RANGE: "Above expected range",
    RatingStatus.NOT_RATED: "Not rated",
}
# What the colour means, for labels such as "Red — worse than target" (``Rating.label``; no page
# prints it yet: the home page's legend writes its own meanings in pages/templates/home.md.j2).
RATING_MEANINGS = {
    RatingStatus.RED: "worse than target",
    RatingStatus.AMBER: "close to target",
    RatingStatus.GREEN: "meets or beats target",
    RatingStatus.BELOW_RANGE: "lower than expected",
    RatingStatus.WITHIN_RANGE: "as expected",
    RatingStatus.ABOVE_RANGE: "higher than expected",
    RatingStatus.NOT_RATED: "no target",
}
# The symbol before the words in a rating chip (templates/_macros.md.j2), so colour is never the only cue.
RATING_CHIP_ICONS = {
    RatingStatus.RED: "\u2716",  # heavy multiplication x
    RatingStatus.AMBER: "\u25C6",  # black diamond
    RatingStatus.GREEN: "\u2714",  # heavy check mark
    RatingStatus.BELOW_RANGE: "\u25BC",  # black down-pointing triangle
    RatingStatus.WITHIN_RANGE: "\u25CF",  # black circle
    RatingStatus.ABOVE_RANGE: "\u25B2",  # black up-pointing triangle
    RatingStatus.NOT_RATED: "\u2013",  # en dash
}
# The end of the chart title's main message: "Re-referrals rose to 24.0%, missing the target by
# 2.0 percentage points, within the amber band" (built in analysis/rag.py, printed by
# analysis/explain.py). {gap} is the distance from the target in the indicator's unit.
SUMMARY_CLAUSES = {
    RatingStatus.RED: ", missing the target by {gap}",
    RatingStatus.AMBER: ", missing the target by {gap}, within the amber band",
    RatingStatus.GREEN: ", meeting the target",
    RatingStatus.BELOW_RANGE: ", below the expected range",
    RatingStatus.WITHIN_RANGE: ", within the expected range",
    RatingStatus.ABOVE_RANGE: ", above the expected range",
    RatingStatus.NOT_RATED: "",
}
# The same clause when the service's rating replaces the calculated one (analysis/rag.py).
OVERRIDE_CLAUSE = ", rated {rating} by the service"
# Beside the rating chip when the service set the rating (templates/_macros.md.j2
# ``rating_chip``): the chip shows the rating in force, this says whose it is.
RATING_SOURCE_WORDS = {
    RatingSource.CALCULATED: "",
    RatingSource.OFFICER: "(the service's rating)",
    RatingSource.NONE: "",
}
# What the chart draws a figure against, after "The chart shows ...'s figures ..., with England
# and other comparisons and" (pages/views.py).
STANDARD_WORDS = {
    Standard.TARGET: "the target",
    Standard.RANGE: "the expected range",
}
# The heading of the "About this indicator" line that says what is in force (pages/views.py), so a
# page with only an expected range never speaks of a target.
STANDARD_HEADINGS = {
    Standard.TARGET: "Target",
    Standard.RANGE: "Expected range",
}

# ---------------------------------------------------------------------------------------------
# Direction of travel and comparisons

# The direction of travel: indicator facts, area and priority tables, the roll-up table.
DIRECTION_WORDS = {
    Direction.IMPROVING: "Getting better",
    Direction.WORSENING: "Getting worse",
    Direction.LITTLE_CHANGE: "Little change",
    Direction.RISING: "Going up",
    Direction.FALLING: "Going down",
    Direction.NOT_KNOWN: "Not enough figures to say",
}
# The shape of the recent figures, after "Since ..., it has been between ..." (analysis/explain.py).
PATTERN_SENTENCES = {
    Pattern.RISING: "It has gone up over this time.",
    Pattern.FALLING: "It has gone down over this time.",
    Pattern.STEADY: "It has stayed about the same.",
    Pattern.MIXED: "It has gone up and down.",
}
# The council against another area: which figure is higher, as published. Both the sentence of
# the explanation (analysis/explain.py comparison_sentence) and the short phrase of the key
# facts and the area, priority and home tables (comparison_phrase) start with these words.
COMPARISON_WORDS = {
    Comparison.HIGHER: "Higher than {area}",
    Comparison.LOWER: "Lower than {area}",
    Comparison.SAME: "The same as {area}",
}
# What the test for chance found, after the figures: "...(43.4% against 46.4%); the gap could be
# down to chance." (comparison_sentence).
CHANCE_SENTENCES = {
    Chance.COULD_BE_CHANCE: "the gap could be down to chance",
    Chance.NOT_CHANCE: "the gap is too large to be down to chance",
    Chance.NOT_TESTED: "the gap was not tested for chance",
}
# The same in the short phrase: "Lower than England, could be chance (2024/25)" (comparison_phrase).
CHANCE_PHRASES = {
    Chance.COULD_BE_CHANCE: "could be chance",
    Chance.NOT_CHANCE: "not down to chance",
    Chance.NOT_TESTED: "not tested for chance",
}
# Whether the council's figure is the better one by polarity, in both forms ("which is worse").
BETTER_WORDS = {True: "better", False: "worse"}
# The area in those texts: "Higher than {area}".
AREA_WORDS = {
    AreaType.ENGLAND: "England",
    AreaType.REGION: "the {name} region",
    AreaType.STATISTICAL_NEIGHBOURS: "the average for similar councils",
    AreaType.NEIGHBOUR: "{name}",
    AreaType.COUNCIL: "{name}",
}
# The kinds of comparator area in the sentence naming their source (pages/views.py
# comparator_sources): "Source of the England and regional figures: Department for Education."
AREA_KIND_WORDS = {
    AreaType.ENGLAND: "England",
    AreaType.REGION: "regional",
    AreaType.STATISTICAL_NEIGHBOURS: "statistical neighbour",  # the average and each neighbour
    AreaType.NEIGHBOUR: "statistical neighbour",
    AreaType.COUNCIL: "other councils'",
}
SOURCE_SENTENCE = "Source of the {kinds} figures: {source}."
# Where the council stands among every council (analysis/explain.py standing_sentences):
# "Ranked 34th of 153 councils in 2024/25, where 1st is the lowest figure because a lower figure
# is better." With no preferred direction it is a position, never "best".
RANK_SENTENCES = {
    Polarity.HIGHER: "Ranked {place} of {count} councils {when}, where 1st is the highest figure "
                     "because a higher figure is better.",
    Polarity.LOWER: "Ranked {place} of {count} councils {when}, where 1st is the lowest figure "
                    "because a lower figure is better.",
    Polarity.NONE: "The {place} highest figure of {count} councils {when}. Neither a higher nor a "
                   "lower figure is better, so this is a position, not a ranking from best to "
                   "worst.",
}
# The quarter of councils each quartile band is, in the sentence and the short phrase.
BAND_WORDS = {
    Band.A: "first quarter",
    Band.B: "second quarter",
    Band.C: "third quarter",
    Band.D: "fourth quarter",
}
BAND_SENTENCE = ("That is quartile band {band}, the {quarter} of councils, where band A is the "
                 "best quarter and band D the worst.")
# Beside the rating on area and home pages, with the period ranked, which may be older than the
# latest figure: "Band B among councils, A best (2024/25)".
BAND_PHRASE = "Band {band} among councils, A best ({period})"
# The distribution chart of every council's figure (pages/distribution.py): its summary, where
# first place is, its horizontal axis title and what is marked on it.
DISTRIBUTION_SUMMARY = ("Each dot is one council's figure {when}: {count} councils, in order from "
                        "{first} on the left. {council}'s figure, {figure}, is {place} of {count}. "
                        "The figures run from {low} to {high}.")
DISTRIBUTION_FIRST = {
    Polarity.HIGHER: "the highest (best)",
    Polarity.LOWER: "the lowest (best)",
    Polarity.NONE: "the highest",
}
DISTRIBUTION_AXIS = {
    Polarity.HIGHER: "Councils, best (highest) first",
    Polarity.LOWER: "Councils, best (lowest) first",
    Polarity.NONE: "Councils, highest first",
}
DISTRIBUTION_MARKS = {
    "neighbours": "Triangles mark the statistical neighbours.",
    "england": "The dashed line is England's figure, {figure}.",
}
# After a council's name in the table of every council's figure.
COUNCIL_MARKS = {"ours": "this council", "neighbour": "statistical neighbour"}
# Councils with a row but no figure that can be ranked, singular and plural.
LEFT_OUT_SENTENCES = (
    "Another council is not ranked: its figure was suppressed, not published or based on small "
    "numbers.",
    "Another {count} councils are not ranked: their figures were suppressed, not published or "
    "based on small numbers.",
)
# Where there is nothing to compare with England: a count, or no England figure.
NOT_COMPARED_WORDS = "Not compared: a count depends on the size of the place"
NO_ENGLAND_WORDS = "No England figure"
# What an indicator's numerator counts, singular and plural: "based on only 12 children"
# (analysis/explain.py caveats).
COUNTED_WORDS = {
    Counted.CHILDREN: ("child", "children"),
    Counted.YOUNG_PEOPLE: ("young person", "young people"),
    Counted.CARE_LEAVERS: ("care leaver", "care leavers"),
    Counted.PEOPLE: ("person", "people"),
    Counted.REFERRALS: ("referral", "referrals"),
    Counted.ASSESSMENTS: ("assessment", "assessments"),
    Counted.PLANS: ("plan", "plans"),
    Counted.EVENTS: ("event", "events"),
    Counted.SESSIONS: ("half-day session", "half-day sessions"),
    Counted.POSTS: ("full-time-equivalent post", "full-time-equivalent posts"),
}
# The comparator columns of an indicator's data table, in order (pages/tables.py). Not one entry
# per area type on purpose: a named neighbour gets no column, and None means "the area's name"
# (a region is headed by its name, such as "North West").
COMPARATOR_COLUMN_HEADINGS = {
    AreaType.ENGLAND: "England",
    AreaType.REGION: None,
    AreaType.STATISTICAL_NEIGHBOURS: "Statistical neighbours (average)",
}


# ---------------------------------------------------------------------------------------------
# Redirects from old addresses

# The title of a redirect from a service area's old address when no data names the area any
# more (it went more than one release ago): "This service area has moved".
FORMER_AREA_WORDS = "This service area"
