"""Abbreviations spelled out at first use."""

from __future__ import annotations

import pytest

from generator.analysis.glossary import ABBREVIATIONS, expand_all, expand_first_use, unexpanded


@pytest.mark.parametrize(("text", "expected"), [
    ("New EHC plans.", "New education, health and care (EHC) plans."),
    ("CLA rate. CLA again.", "Children looked after (CLA) rate. CLA again."),
    ("Care leavers NEET.", "Care leavers not in education, employment or training (NEET)."),
    ("Two EHCPs.", "Two education, health and care plans (EHCPs)."),
    ("The Department for Education (DfE) says. DfE.",
     "The Department for Education (DfE) says. DfE."),
    ("The NHS and the UK.", "The NHS and the UK."),  # well known: not spelled out
    ("SEND and SEN.", "Special educational needs and disabilities (SEND) and special educational "
     "needs (SEN)."),
])
def test_expand_first_use(text, expected):
    assert expand_first_use(text, set()) == expected
    assert unexpanded(expected) == []


def test_expansion_carries_over_paragraphs():
    assert expand_all(["About CIN.", "More CIN."]) == ("About child in need (CIN).", "More CIN.")


@pytest.mark.parametrize(("text", "problems"), [
    ("A CLA figure.", ["CLA"]),
    ("Children looked after (CLA). CLA.", []),
    ("The XYZ team.", ["XYZ (not in the glossary)"]),
])
def test_unexpanded(text, problems):
    assert unexpanded(text) == problems


def test_glossary_has_the_abbreviations_committees_use():
    for short in ("CLA", "CPP", "CIN", "EHC", "EHCP", "NEET", "PEP", "SEND", "SEN", "DfE", "OGL",
                  "RAG"):
        assert ABBREVIATIONS[short]
