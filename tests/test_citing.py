"""Citing: the source line, the "as of" label and a message with what backs it."""

from __future__ import annotations

from types import SimpleNamespace

from bot.citing import Citation, Cited, as_of, source_line, unique, with_source_line

BLS_2021 = Citation("BLS", "2021 data", "secondary", "bls.gov")
GUIDE = Citation("IMG guide", None, "guide", None)


def test_source_line_groups_years_by_source():
    line = source_line(
        [
            Citation("BLS", "2021 data", "secondary", "bls.gov"),
            Citation("BLS", "2021 data", "secondary", "bls.gov"),
            Citation("BLS", "May 2024 data", "secondary", "bls.gov"),
            Citation("IMG guide", None, "guide", None),
        ]
    )
    assert line == ("Sources: BLS (2021 data; May 2024 data; as reported, confirm with bls.gov); IMG guide.")
    assert source_line([]) == ""


def test_source_line_drops_a_year_label_another_label_already_contains():
    line = source_line(
        [
            Citation("AAMA", "policy since 2010, retrieved 2026", "official", None),
            Citation("AAMA", "retrieved 2026", "official", None),
        ]
    )
    assert line == "Source: AAMA (policy since 2010, retrieved 2026)."


def test_as_of_prefers_the_label_and_reads_rows_and_notes_alike():
    assert as_of(SimpleNamespace(as_of=2024, as_of_label="May 2024")) == "May 2024"
    assert as_of(SimpleNamespace(as_of=2021, as_of_label=None)) == "2021"
    assert as_of({"as_of": 2026, "as_of_label": "retrieved 2026"}) == "retrieved 2026"
    assert as_of({"as_of": 2019}) == "2019"  # a roadmap note without a label


def test_a_cited_message_ends_with_its_source_line_only_when_it_cites_something():
    message = Cited("Medical assistants earned a median of $37,190 a year.", (BLS_2021, GUIDE))
    assert message.text == f"{message.body}\n\n{source_line([BLS_2021, GUIDE])}"
    assert message.words == 9  # the source line is not counted
    assert Cited("Hello!").text == "Hello!"
    assert with_source_line("Hello!", []) == "Hello!"


def test_unique_keeps_the_first_citation_of_each_in_order():
    assert unique([GUIDE, BLS_2021, GUIDE, BLS_2021]) == (GUIDE, BLS_2021)
