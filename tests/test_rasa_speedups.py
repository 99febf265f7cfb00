"""Our fixes to Rasa's per-message costs change how fast, never what: same verdicts, same probabilities."""

from __future__ import annotations

import time

import numpy as np
import pytest
import rasa
import scipy.sparse as sp
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction
from rasa.nlu.classifiers.logistic_regression_classifier import LogisticRegressionClassifier
from sklearn.linear_model import LogisticRegression

from bot.rasa import speedups as rasa_speedups

GOOD = {
    "events": [{"event": "slot", "name": "background", "value": "img", "timestamp": None}],
    "responses": [
        {"text": "Which credential are you aiming for?", "buttons": [{"title": "CMA (AAMA)", "payload": "/inform"}]}
    ],
}


@pytest.fixture(scope="module")
def patched():
    rasa_speedups.apply()
    return RemoteAction("action_answer", None)


def test_a_valid_action_server_response_still_passes(patched):
    assert patched._validate_action_result(GOOD) is True


@pytest.mark.parametrize("bad", [{"events": "not a list"}, {"events": [{"no": "event name"}]}])
def test_an_invalid_one_is_still_refused_with_rasas_message(patched, bad):
    with pytest.raises(ValidationError, match="Failed to validate Action server response"):
        patched._validate_action_result(bad)


def test_the_schema_is_not_checked_again_for_every_response(patched):
    patched._validate_action_result(GOOD)
    started = time.perf_counter()
    for _ in range(40):
        patched._validate_action_result(GOOD)
    # Rasa's own check takes ~25 ms a response on 2 cores (the meta-schema check); ours well under 1 ms.
    assert (time.perf_counter() - started) / 40 < 0.005


def test_logistic_regression_gives_the_same_probabilities_with_contiguous_coefficients():
    rng = np.random.default_rng(0)
    X = sp.random(300, 20_000, density=0.002, format="csr", random_state=1)
    y = rng.integers(0, 12, 300)
    clf = LogisticRegression(max_iter=200).fit(X, y)
    before = clf.predict_proba(X[:20])
    rasa_speedups.fortran_coefficients(clf)
    assert clf.coef_.T.flags["C_CONTIGUOUS"]
    np.testing.assert_array_equal(clf.predict_proba(X[:20]), before)


def test_the_classifier_loads_through_the_fix(patched):
    assert LogisticRegressionClassifier.load.__func__.__module__ == "bot.rasa.speedups"


def test_another_rasa_version_is_refused(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(rasa, "__version__", "3.7.0")
    with pytest.raises(RuntimeError, match="relies on Rasa 3.6.21's internals, found Rasa 3.7.0"):
        rasa_speedups.apply()
