"""The scoring arithmetic behind the held-out figures and the cross-validation report."""

from bot.tools.nlu_eval import Prediction, report, summary, table


def test_report_counts_precision_recall_and_confusions():
    preds = [
        Prediction("ask_fee", "ask_fee", 0.9, "a"),
        Prediction("ask_fee", "ask_renewal", 0.6, "b"),
        Prediction("ask_renewal", "ask_renewal", 0.8, "c"),
        Prediction("out_of_scope", "nlu_fallback", 0.3, "d"),  # "not sure" is right for out of scope
        Prediction("out_of_scope", "ask_fee", 0.5, "e"),
    ]
    rep = report(preds)
    assert rep["intent_accuracy"] == 0.6
    assert rep["out_of_scope_recall"] == 0.5
    assert rep["per_intent"]["ask_fee"] == {"precision": 0.5, "recall": 0.5, "f1": 0.5, "support": 2}
    assert rep["per_intent"]["ask_renewal"]["precision"] == 0.5
    assert rep["confusion_pairs"][0]["count"] == 1
    assert {(p["expected"], p["predicted"]) for p in rep["confusion_pairs"]} == {
        ("ask_fee", "ask_renewal"),
        ("out_of_scope", "ask_fee"),
    }
    assert [m["text"] for m in rep["misses"]] == ["b", "e"]
    assert "ask_fee→ask_renewal ×1" in summary(rep, "t")
    assert "| ask_renewal | 0.50 | 1.00 | 0.67 | 1 |" in table(rep)
