"""Audience authenticity: P(fake) per follower profile and the audience's fake share with a 95 % interval.

    model = load_model()                      # shipped: InstaFake, CC BY-NC 4.0 (see data/PROVENANCE.md)
    model.predict_proba(profiles)             # FollowerProfile list, dict records or ProfileColumns
    result = score_audience(profiles)         # fake_share, ci_low, ci_high, n, threshold, probabilities
    read_profiles("followers.csv")            # CSV or JSONL; RecordError names the line and column

Scoring needs numpy only; scikit-learn is imported by training alone.
"""

from bot.vetting.audience.columns import ProfileColumns
from bot.vetting.audience.model import AudienceModel, ModelFileError, load_model
from bot.vetting.audience.records import RecordError, read_profiles, read_records, records_from_dicts
from bot.vetting.audience.scoring import AudienceResult, score_audience, wilson_interval

__all__ = [
    "AudienceModel",
    "AudienceResult",
    "ModelFileError",
    "ProfileColumns",
    "RecordError",
    "load_model",
    "read_profiles",
    "read_records",
    "records_from_dicts",
    "score_audience",
    "wilson_interval",
]
