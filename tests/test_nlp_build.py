"""The spaCy pipeline generated from the knowledge base tags what the KB names."""

from __future__ import annotations

import spacy

from bot.kb.queries import KnowledgeBase
from bot.tools.nlp_build import patterns_from, write_if_changed


def test_ruler_tags_credentials_roles_bodies_and_accreditors(kb: KnowledgeBase, tmp_path):
    out = tmp_path / "pipeline"
    assert write_if_changed(patterns_from(kb.aliases()), out)
    nlp = spacy.load(out)
    doc = nlp(
        "How often do I renew an rma, and is CMA (AAMA) better than an LPN? Is my CAAHEP program ok with AMT? "
        "Do RMAs earn more?"
    )
    found = {(e.text, e.label_, e.ent_id_) for e in doc.ents}
    assert ("rma", "credential", "rma") in found
    assert ("CMA (AAMA)", "credential", "cma") in found  # the longest name wins
    assert ("LPN", "role", "lpn") in found
    assert ("CAAHEP", "accreditor", "caahep") in found
    assert ("AMT", "certifying_body", "amt") in found
    assert ("RMAs", "credential", "rma") in found  # plurals, without a lemmatizer


def test_pipeline_is_rewritten_only_when_names_change(kb: KnowledgeBase, tmp_path):
    out = tmp_path / "pipeline"
    patterns = patterns_from(kb.aliases())
    assert write_if_changed(patterns, out)
    stamp = (out / "meta.json").stat().st_mtime_ns
    assert not write_if_changed(patterns, out)
    assert (out / "meta.json").stat().st_mtime_ns == stamp
    patterns.append({"label": "credential", "pattern": "registered med assistant", "id": "rma"})
    assert write_if_changed(patterns, out)
    doc = spacy.load(out)("is a registered med assistant paid well")
    assert [(e.text, e.ent_id_) for e in doc.ents] == [("registered med assistant", "rma")]


def test_ruler_tags_states_backgrounds_program_types_and_years(kb: KnowledgeBase, tmp_path):
    out = tmp_path / "pipeline"
    write_if_changed(patterns_from(kb.aliases()), out)
    nlp = spacy.load(out)
    doc = nlp(
        "I'm a foreign doctor in Washington state with 3 years as an MA; associate degree or certificate? "
        "Or should a veteran in New Jersey with two yrs wait? I'm in Indiana, or maybe Maine."
    )
    found = {(e.text, e.label_, e.ent_id_) for e in doc.ents}
    assert {
        ("foreign doctor", "background", "img"),
        ("Washington state", "us_state", "washington"),
        ("3 years", "experience_years", ""),
        ("associate degree", "program_type", "associate"),
        ("certificate", "program_type", "certificate"),
        ("veteran", "background", "military"),
        ("New Jersey", "us_state", "new_jersey"),
        ("two yrs", "experience_years", ""),
        ("Indiana", "us_state", "indiana"),
        ("Maine", "us_state", "maine"),
    } <= found
    # two-letter state codes are never matched: "in", "or" and "MA" are ordinary words here
    assert not [e for e in doc.ents if e.label_ == "us_state" and len(e.text) == 2]
    assert ("MA", "role", "medical_assistant") in found


def test_a_state_code_has_no_plural_and_no_word_names_a_state(kb: KnowledgeBase, tmp_path):
    """ "WA" + "s" is "was"; "MD" is a doctor's degree: neither may tag a state."""
    out = tmp_path / "pipeline"
    write_if_changed(patterns_from(kb.aliases()), out)
    doc = spacy.load(out)("I was an MD in Lagos, now in Seattle, and my friend works in NY")
    assert [(e.text, e.ent_id_) for e in doc.ents if e.label_ == "us_state"] == [
        ("Seattle", "washington"),
        ("NY", "new_york"),
    ]


def test_a_metro_area_s_short_name_tags_its_state(kb: KnowledgeBase, tmp_path):
    """ "dfw pay?" after a question about the army: Dallas-Fort Worth, whose pay the Texas answer gives."""
    out = tmp_path / "pipeline"
    write_if_changed(patterns_from(kb.aliases()), out)
    doc = spacy.load(out)("dfw pay? or dallas-fort worth in general")
    assert [(e.text, e.ent_id_) for e in doc.ents if e.label_ == "us_state"] == [
        ("dfw", "texas"),
        ("dallas-fort worth", "texas"),
    ]


def test_a_contraction_names_no_state(kb: KnowledgeBase, tmp_path):
    """spaCy cuts "can't" and "cant" into "ca" + "n't": that "ca" is no California, while "CA" typed
    as a state still is."""
    out = tmp_path / "pipeline"
    write_if_changed(patterns_from(kb.aliases()), out)
    nlp = spacy.load(out)
    for said in ("someone swore you can't sit for the CMA until the diploma is in hand", "i cant afford school"):
        assert not [e for e in nlp(said).ents if e.label_ == "us_state"], said
    doc = nlp("in CA can i give shots? and in ca do i need a cert")
    assert [(e.text, e.ent_id_) for e in doc.ents if e.label_ == "us_state"] == [
        ("CA", "california"),
        ("ca", "california"),
    ]
