"""Two costly defects of Rasa 3.6.21 on every message, fixed in our Rasa server process.

Found by profiling one request (README, "Benchmark"); neither changes what the bot
answers, and neither has a configuration switch, so `bot.rasa.run` applies them
before Rasa starts:

- Every action server response is checked with `jsonschema.validate(result, schema)`,
  which first validates the (constant) schema itself against the 2020-12 meta-schema:
  about 23 ms per custom action call, and our every turn calls one or more. We build
  the validator once and keep validating each response against it.
- LogisticRegressionClassifier keeps scikit-learn's `coef_` (45 intents x ~50,000
  n-gram features) in C order; `predict_proba` multiplies by `coef_.T`, and scipy
  copies that non-contiguous 18 MB view on every message (about 10 ms). Stored in
  Fortran order, `coef_.T` is contiguous and the same product takes 0.2 ms, with
  identical probabilities.

`apply()` refuses to run on another Rasa version: these are fixes to 3.6.21's code.
"""

from __future__ import annotations

import functools
from typing import Any

from bot.rasa import require_supported

_applied = False


def _fast_action_result_validation() -> None:
    from jsonschema import ValidationError
    from jsonschema.validators import validator_for
    from rasa.core.actions.action import RemoteAction
    from rasa.shared.constants import DOCS_BASE_URL

    @functools.lru_cache(maxsize=1)
    def validator() -> Any:
        schema = RemoteAction.action_response_format_spec()
        cls = validator_for(schema)
        cls.check_schema(schema)  # once, instead of once per response
        return cls(schema)

    def _validate_action_result(self: RemoteAction, result: dict[str, Any]) -> bool:
        try:
            validator().validate(result)
            return True
        except ValidationError as e:  # the same message as Rasa's own
            e.message += (
                ". Failed to validate Action server response from API, make sure your response "
                f"from the Action endpoint is valid. For more information about the format visit "
                f"{DOCS_BASE_URL}/custom-actions"
            )
            raise e

    RemoteAction._validate_action_result = _validate_action_result


def fortran_coefficients(classifier: Any) -> Any:
    """Store a fitted linear model's `coef_` so that `coef_.T` is contiguous; same values."""
    import numpy as np

    coef = getattr(classifier, "coef_", None)
    if coef is not None:
        classifier.coef_ = np.asfortranarray(coef)
    return classifier


def _contiguous_logistic_regression() -> None:
    from rasa.nlu.classifiers.logistic_regression_classifier import LogisticRegressionClassifier

    original = LogisticRegressionClassifier.load.__func__

    def load(cls, *args: Any, **kwargs: Any) -> LogisticRegressionClassifier:
        component = original(cls, *args, **kwargs)
        fortran_coefficients(getattr(component, "clf", None))
        return component

    LogisticRegressionClassifier.load = classmethod(load)


def apply() -> None:
    """Install both fixes (once); raises on a Rasa version they were not written for."""
    global _applied
    require_supported("bot.rasa.speedups (fixes to two per-message costs)")
    if not _applied:
        _fast_action_result_validation()
        _contiguous_logistic_regression()
        _applied = True
