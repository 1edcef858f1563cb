"""Abbreviations and terms used in children's services, their meanings, and first-use expansion.

``ABBREVIATIONS`` is the one list of abbreviations: explanations expand each abbreviation at its
first use ("education, health and care (EHC) plans") and the site's hover glossary is generated
from it. ``TERMS`` defines the words the analysis uses in a particular sense ("expected range").
"""

from __future__ import annotations

import re
from collections.abc import Iterable

ABBREVIATIONS: dict[str, str] = {
    "ASC": "adult social care",
    "CAMHS": "child and adolescent mental health services",
    "CIN": "child in need",
    "CLA": "children looked after",
    "CP": "child protection",
    "CPP": "child protection plan",
    "CSC": "children's social care",
    "DfE": "Department for Education",
    "EET": "in education, employment or training",
    "EHA": "early help assessment",
    "EHC": "education, health and care",
    "EHCP": "education, health and care plan",
    "EYFS": "early years foundation stage",
    "FSM": "free school meals",
    "FTE": "full-time equivalent",
    "GSS": "Government Statistical Service",
    "ICB": "integrated care board",
    "IRO": "independent reviewing officer",
    "KPI": "key performance indicator",
    "LAC": "looked-after children",
    "LADO": "local authority designated officer",
    "LAIT": "Local Authority Interactive Tool",
    "MASH": "multi-agency safeguarding hub",
    "NEET": "not in education, employment or training",
    "OGL": "Open Government Licence",
    "ONS": "Office for National Statistics",
    "PEP": "personal education plan",
    "RAG": "red, amber, green",
    "RHI": "return home interview",
    "SDQ": "strengths and difficulties questionnaire",
    "SEN": "special educational needs",
    "SENCO": "special educational needs coordinator",
    "SEND": "special educational needs and disabilities",
    "SGO": "special guardianship order",
    "SSDA903": "the data return on children looked after",
    "UASC": "unaccompanied asylum-seeking children",
    "YJS": "youth justice service",
}

# Terms the pages use that are not abbreviations, each defined as the analysis applies it
# (docs/methodology-analysis.md says the same at length). The glossary page lists them.
TERMS: dict[str, str] = {
    "amber tolerance": "How far a figure may be from its target on the worse side and still be "
                       "rated amber, not red. It is in the indicator's unit, so in percentage "
                       "points for a percentage. With no amber tolerance, any figure worse than "
                       "the target is red.",
    "could be down to chance": "Said when the gap between our figure and another area's is "
                               "small enough to come from chance alone: the other figure lies "
                               "inside the 95% confidence interval worked out from our counts. "
                               "The site then says which figure is higher, but not that ours "
                               "is better or worse. Chance is only tested when the figure counts "
                               "children, people or events and its counts are published; "
                               "otherwise the page says the gap was not tested for chance.",
    "expected range": "The lowest and highest figures expected for an indicator where neither a "
                      "higher nor a lower figure is better, such as the number of children in "
                      "care. A figure is below, within or above the range; a figure on either end "
                      "is within it.",
    "percentage point": "The unit of the difference between two percentages. A move from 20% "
                        "to 24% is 4 percentage points; the site does not call it a 20% rise.",
    "provisional": "A figure that has not been fully checked yet, so it may change when it is.",
    "rate per 10,000": "How many for every 10,000 people in a group, such as children living in "
                       "the area, so that areas of different sizes can be compared. Rates per "
                       "1,000 and per 100,000 work the same way.",
    "revised": "A figure that has changed since it was first published, for example when "
               "records entered late were added. What changed lists each revision.",
    "statistical neighbours": "Councils that are similar to ours in their population and "
                              "needs. The site compares our figures with the average of the "
                              "group, called \"similar councils\" in the text.",
}


def neighbours_sentence(names: Iterable[str]) -> str:
    """Return the sentence naming this council's statistical neighbours, as the data names them."""
    named = sorted(set(names))
    if not named:
        return ""
    listed = named[0] if len(named) == 1 else f"{', '.join(named[:-1])} and {named[-1]}"
    return f"The neighbours named in our figures are {listed}."


# Abbreviations everyone knows; GOV.UK style does not spell these out.
WELL_KNOWN = frozenset({"UK", "NHS", "GCSE", "GCSEs"})

# A word with at least two capital letters (CLA, DfE, EHCPs, SSDA903) may be an abbreviation.
_CANDIDATE = re.compile(r"\b[A-Z][A-Za-z0-9]*[A-Z0-9][A-Za-z0-9]*\b")
_SENTENCE_START = re.compile(r"(^|[.!?]\s+|\n\s*)$")


def _base(word: str) -> str:
    """Return the abbreviation a word spells, without a plural s ("EHCPs" is "EHCP")."""
    if word in ABBREVIATIONS or word in WELL_KNOWN:
        return word
    if word.endswith("s") and word[:-1] in ABBREVIATIONS:
        return word[:-1]
    return word


def _is_expanded(text: str, start: int, abbreviation: str, word: str) -> bool:
    """Return True when the word at ``start`` sits in brackets right after its expansion."""
    if not (text[start - 1:start] == "(" and text[start + len(word):start + len(word) + 1] == ")"):
        return False
    before = text[:start - 1].rstrip().lower()
    expansion = ABBREVIATIONS[abbreviation].lower()
    return before.endswith(expansion) or before.endswith(expansion + "s")


def expand_first_use(text: str, seen: set[str]) -> str:
    """Spell out each glossary abbreviation at its first use; ``seen`` carries over between calls.

    The first use becomes "expansion (ABBR)"; later uses stay short. ``seen`` is updated.
    """
    pieces: list[str] = []
    position = 0
    for match in _CANDIDATE.finditer(text):
        word = match.group(0)
        abbreviation = _base(word)
        if abbreviation not in ABBREVIATIONS or abbreviation in seen:
            continue
        seen.add(abbreviation)
        if _is_expanded(text, match.start(), abbreviation, word):
            continue
        expansion = ABBREVIATIONS[abbreviation]
        if word != abbreviation:
            expansion += "s"
        if _SENTENCE_START.search(text[:match.start()]):
            expansion = expansion[0].upper() + expansion[1:]
        pieces.append(text[position:match.start()])
        pieces.append(f"{expansion} ({word})")
        position = match.end()
    pieces.append(text[position:])
    return "".join(pieces)


def expand_all(paragraphs: Iterable[str]) -> tuple[str, ...]:
    """Expand abbreviations at their first use across a sequence of paragraphs."""
    seen: set[str] = set()
    return tuple(expand_first_use(paragraph, seen) for paragraph in paragraphs)


def unexpanded(text: str) -> list[str]:
    """Return the abbreviations whose first use is not spelled out, or that the glossary lacks."""
    problems: list[str] = []
    checked: set[str] = set()
    for match in _CANDIDATE.finditer(text):
        word = match.group(0)
        abbreviation = _base(word)
        if abbreviation in WELL_KNOWN or abbreviation in checked:
            continue
        checked.add(abbreviation)
        if abbreviation not in ABBREVIATIONS:
            problems.append(f"{word} (not in the glossary)")
        elif not _is_expanded(text, match.start(), abbreviation, word):
            problems.append(word)
    return problems
