"""The fitted audience model: logistic-regression parameters in a JSON file, scored with numpy alone.

No pickle and no scikit-learn at run time: the file is plain numbers a person can read (standardised
coefficients, so their sizes compare), and scoring 100,000 profiles is a handful of numpy array operations.
"""

from __future__ import annotations

import copy
import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from bot.sources.models import FollowerProfile
from bot.vetting.audience.columns import ProfileColumns, columns_from_profiles
from bot.vetting.audience.features import FEATURE_NAMES, feature_matrix
from bot.vetting.audience.quantify import Quantifier

if TYPE_CHECKING:
    from typing_extensions import TypeIs  # in typing from Python 3.13; only the type checker needs it

MODEL_FORMAT = "creatorops.audience.logistic/1"
SHIPPED_MODEL = "audience_model.json"  # in bot/vetting/audience/data/

Profiles = ProfileColumns | Sequence[FollowerProfile] | Sequence[Mapping[str, Any]]


class ModelFileError(ValueError):
    """The model file is missing or is not an audience model; the message says which and what to do."""


@dataclass(frozen=True, eq=False)
class AudienceModel:
    features: tuple[str, ...]
    mean: np.ndarray  # training mean of each feature; also the value a missing feature is imputed with
    scale: np.ndarray  # training standard deviation
    coef: np.ndarray  # per standardised feature
    intercept: float
    threshold: float  # fake_probability >= threshold -> fake
    metadata: dict[str, Any] = field(default_factory=dict)  # training data, attribution, recipe
    _columns: npt.NDArray[np.intp] = field(init=False, repr=False)  # where each feature is in feature_matrix

    def __post_init__(self) -> None:
        columns = np.array([FEATURE_NAMES.index(name) for name in self.features], dtype=np.intp)
        object.__setattr__(self, "_columns", columns)  # frozen: computed once here

    def logit(self, profiles: Profiles) -> np.ndarray:
        x = feature_matrix(to_columns(profiles))[:, self._columns]
        z = (x - self.mean) / self.scale
        z[np.isnan(z)] = 0.0  # unknown -> the training mean: it pulls neither way
        return z @ self.coef + self.intercept

    def predict_proba(self, profiles: Profiles) -> np.ndarray:
        """P(fake) per profile, in input order."""
        return 0.5 * (1.0 + np.tanh(0.5 * self.logit(profiles)))  # the logistic function, without overflow

    def predict(self, profiles: Profiles) -> np.ndarray:
        return self.predict_proba(profiles) >= self.threshold

    @property
    def quantifier(self) -> Quantifier:
        """How the fake share is estimated from P(fake); a model without one counts flags."""
        return Quantifier.from_json(self.metadata.get("quantification"))

    @property
    def label(self) -> str:
        """What a person calls this model: its name, else what it was trained on."""
        name = self.metadata.get("name")
        if isinstance(name, str) and name.strip():
            return " ".join(name.split())[:80]  # one line on the card, whatever the file holds
        sets = self.metadata.get("training_data")
        if isinstance(sets, list):
            names = [str(s.get("name")) for s in sets if isinstance(s, Mapping) and s.get("name")]
            if names:
                return ("trained on " + ", ".join(names))[:80]
        return "unnamed model"

    def to_json(self) -> dict[str, Any]:
        return {
            "format": MODEL_FORMAT,
            "features": list(self.features),
            "mean": [float(v) for v in self.mean],
            "scale": [float(v) for v in self.scale],
            "coef": [float(v) for v in self.coef],
            "intercept": float(self.intercept),
            "threshold": float(self.threshold),
            **copy.deepcopy(self.metadata),  # loaded models are cached and shared: a caller's edit must not reach them
        }

    def save(self, path: str | Path) -> Path:
        path = Path(path)
        path.write_text(json.dumps(self.to_json(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        return path

    @classmethod
    def from_json(cls, data: Mapping[str, Any], source: str = "model") -> AudienceModel:
        if not isinstance(data, Mapping) or data.get("format") != MODEL_FORMAT:
            raise ModelFileError(
                f'{source} is not an audience model (expected "format": "{MODEL_FORMAT}");'
                " make one with: creatorops model train"
            )
        try:
            features = tuple(str(name) for name in data["features"])
            unknown = [name for name in features if name not in FEATURE_NAMES]
            if unknown:
                raise ModelFileError(f"{source} uses features this version does not know: {', '.join(unknown)}")
            arrays = [np.asarray(data[key], dtype=float) for key in ("mean", "scale", "coef")]
            if any(a.shape != (len(features),) for a in arrays):
                raise ModelFileError(f"{source}: mean, scale and coef must each have one number per feature")
            if not (np.isfinite(arrays).all() and (arrays[1] > 0).all()):
                raise ModelFileError(f"{source}: mean, scale and coef must be finite numbers, scale above 0")
            intercept, threshold = float(data["intercept"]), float(data["threshold"])
            if not (math.isfinite(intercept) and 0 < threshold < 1):  # NaN fails both: it would read as 0 % fake
                raise ModelFileError(f"{source}: intercept must be a finite number and threshold between 0 and 1")
            core = {"format", "features", "mean", "scale", "coef", "intercept", "threshold"}
            return cls(
                features=features,
                mean=arrays[0],
                scale=arrays[1],
                coef=arrays[2],
                intercept=intercept,
                threshold=threshold,
                metadata={k: v for k, v in data.items() if k not in core},
            )
        except (KeyError, TypeError, ValueError) as exc:
            if isinstance(exc, ModelFileError):
                raise
            raise ModelFileError(f"{source} is damaged ({exc!r}); retrain with: creatorops model train") from exc


def to_columns(profiles: Profiles) -> ProfileColumns:
    if isinstance(profiles, ProfileColumns):
        return profiles
    if _are_profiles(profiles):
        return columns_from_profiles(profiles)
    from bot.vetting.audience.records import columns_from_records

    return columns_from_records(profiles)


def _are_profiles(
    profiles: Sequence[FollowerProfile] | Sequence[Mapping[str, Any]],
) -> TypeIs[Sequence[FollowerProfile]]:
    """A sequence holds one kind of item, so the first decides; an empty one is (vacuously) profiles."""
    return not len(profiles) or isinstance(profiles[0], FollowerProfile)


INSTALLED_MODEL = Path("models") / SHIPPED_MODEL  # where `creatorops model train --install` writes by default


def model_path_for(setting: str | None) -> Path | None:
    """The model a team uses: AUDIENCE_MODEL when set (it must exist), else the installed one, else None (shipped)."""
    if setting is not None and setting.strip():
        return Path(setting.strip()).expanduser()
    return INSTALLED_MODEL if INSTALLED_MODEL.exists() else None


def install_path_for(setting: str | None) -> Path:
    """Where `--install` writes: the AUDIENCE_MODEL path when set, so /vet reads what was written."""
    return model_path_for(setting) or INSTALLED_MODEL


def shipped_model_path() -> Path:
    return Path(str(resources.files("bot.vetting.audience") / "data" / SHIPPED_MODEL))


@lru_cache(maxsize=8)
def _load(path: Path, _version: tuple[int, int]) -> AudienceModel:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise ModelFileError(f"{path} is not JSON ({exc.msg} at line {exc.lineno})") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise ModelFileError(f"{path} cannot be read ({exc}); retrain with: creatorops model train") from exc
    return AudienceModel.from_json(data, source=str(path))


def load_model(path: str | Path | None = None) -> AudienceModel:
    """The model at `path`, or the one shipped in the package (trained on InstaFake).

    Cached per path and file version, so a model retrained in place is read again.
    """
    resolved = Path(path).resolve() if path is not None else shipped_model_path()
    try:
        stat = resolved.stat()
    except FileNotFoundError as exc:
        raise ModelFileError(f"no model file at {resolved}; make one with: creatorops model train") from exc
    except OSError as exc:
        raise ModelFileError(f"cannot read the model file at {resolved} ({exc.strerror or exc})") from exc
    return _load(resolved, (stat.st_mtime_ns, stat.st_size))
