"""The team's own model: `model train --install` and AUDIENCE_MODEL make /vet use it, and a broken one is said so."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.localslack.standin import SlackStandIn
from bot.vetting.audience import load_model
from bot.vetting.audience.model import INSTALLED_MODEL, model_path_for
from bot.vetting.command import VetRequest
from bot.vetting.score import Recommendation
from bot.vetting.service import vet_snapshot
from bot.vetting.signal import Verdict
from bot.vocabulary import Platform
from storage.db import make_engine
from tests.audience.conftest import OBVIOUS_FAKE, OBVIOUS_REAL, write_csv
from tests.audience.test_training import COLUMNS, team_labels
from tests.harness import SlackHarness, seen, serve_app, single_workspace_settings
from tests.vetting.builders import NOW, sample

REQUEST = VetRequest(targets=[("nina_nano_sample", Platform.instagram)])


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh working directory (where models/ is looked for) and no AUDIENCE_MODEL in the environment."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("AUDIENCE_MODEL", raising=False)
    return tmp_path


def test_install_writes_where_vet_reads_and_score_uses_it(cli, workdir: Path) -> None:
    data = write_csv(workdir / "labels.csv", team_labels(), columns=COLUMNS)
    assert model_path_for(None) is None  # nothing installed: the shipped model

    run = cli("model", "train", "--data", str(data), "--install", "--name", "Team test model")

    assert run.code == 0
    assert f"installed {INSTALLED_MODEL}: /vet and `creatorops audience score` now use it" in run.out
    assert "fake-share error on audits of" in run.out  # measured on its own data, and said so
    assert model_path_for(None) == INSTALLED_MODEL
    installed = load_model(INSTALLED_MODEL)
    assert installed.label == "Team test model"
    scored = cli("audience", "score", str(data)).objects  # no --model: the installed one
    expected = installed.predict_proba(team_labels())
    assert [row["fake_probability"] for row in scored[:-1]] == pytest.approx(expected.tolist(), abs=1e-6)
    report = vet_snapshot(sample("bella_bought_sample"), REQUEST, now=NOW)
    fake = next(s for s in report.signals if s.key == "fake_followers")
    assert "Model: Team test model" in fake.evidence


def test_install_follows_the_setting_and_refuses_out_as_well(cli, workdir: Path, monkeypatch) -> None:
    target = workdir / "shared" / "team.json"
    monkeypatch.setenv("AUDIENCE_MODEL", str(target))

    both = cli("model", "train", "--install", "--out", "x.json")
    run = cli("model", "train", "--install")

    assert both.code == 2 and "not both" in both.err
    assert run.code == 0 and f"installed {target}" in run.out
    assert load_model(target).quantifier.method == "hdy"
    assert not INSTALLED_MODEL.exists()


def test_the_card_names_the_model_and_its_measured_error(workdir: Path) -> None:
    report = vet_snapshot(sample("nina_nano_sample"), REQUEST, now=NOW)

    fake = next(s for s in report.signals if s.key == "fake_followers")
    error = load_model().quantifier.error
    assert error is not None
    assert fake.verdict is not Verdict.unknown
    assert "Model: shipped model (InstaFake, CC BY-NC 4.0)" in fake.evidence
    assert f"off by up to {error.points:.0f} points on synthetic audits" in fake.evidence
    assert "Purba et al. 2020" in fake.evidence


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (None, "no model file at"),
        ("{not json", "is not JSON"),
        ('{"format": "something else"}', "is not an audience model"),
    ],
)
def test_a_missing_or_broken_model_leaves_the_share_unknown_and_no_clean_verdict(
    workdir: Path, content: str | None, expected: str
) -> None:
    path = workdir / "team.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    healthy = vet_snapshot(sample("nina_nano_sample"), REQUEST, now=NOW)

    report = vet_snapshot(sample("nina_nano_sample"), REQUEST, now=NOW, audience_model=str(path))

    fake = next(s for s in report.signals if s.key == "fake_followers")
    assert healthy.verdict is Recommendation.recommended  # what the broken model must not produce
    assert fake.verdict is Verdict.unknown and fake.value is None
    assert expected in fake.evidence and "creatorops model train --install" in fake.evidence
    assert report.verdict is Recommendation.caution
    assert "Fake followers were not checked" in report.verdict_reason


def _shipped_with(**changes: object) -> str:
    return json.dumps(load_model().to_json() | changes)  # json writes NaN and Infinity as Python reads them


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (lambda: _shipped_with(intercept=float("nan")), "intercept must be a finite number"),
        (lambda: _shipped_with(intercept=float("inf")), "intercept must be a finite number"),
        (lambda: _shipped_with(threshold=float("nan")), "threshold between 0 and 1"),
        (lambda: _shipped_with(threshold=1.5), "threshold between 0 and 1"),
        (lambda: _shipped_with(coef=[float("nan"), 1.0, 1.0, 1.0]), "must be finite numbers"),
        (lambda: _shipped_with()[:300], "is not JSON"),  # a truncated file
    ],
)
def test_a_model_with_nan_weights_or_cut_short_is_refused_not_read_as_no_fakes(
    workdir: Path, cli, content, expected: str
) -> None:
    path = workdir / "team.json"
    path.write_text(content(), encoding="utf-8")

    report = vet_snapshot(sample("nina_nano_sample"), REQUEST, now=NOW, audience_model=str(path))
    scored = cli("audience", "score", "--model", str(path), str(write_csv(workdir / "a.csv", [OBVIOUS_REAL])))

    fake = next(s for s in report.signals if s.key == "fake_followers")
    assert fake.display == "unknown: the model cannot be used" and fake.value is None
    assert expected in fake.evidence and "creatorops model train --install" in fake.evidence
    assert report.verdict is Recommendation.caution
    assert scored.code != 0 and expected in scored.err and "Traceback" not in scored.err


def test_a_measured_error_under_one_point_is_not_written_as_1_points(workdir: Path) -> None:
    model = load_model().to_json()
    model["quantification"]["share_error"] = {"over": 0.007, "under": 0.002, "measured_on": "our audits"}
    path = workdir / "team.json"
    path.write_text(json.dumps(model), encoding="utf-8")

    report = vet_snapshot(sample("nina_nano_sample"), REQUEST, now=NOW, audience_model=str(path))

    fake = next(s for s in report.signals if s.key == "fake_followers")
    assert "its estimate was off by up to 0.7 points on our audits (the interval includes that)" in fake.evidence


@pytest.mark.parametrize(
    ("share_error", "says"),
    [
        (
            {"over": "lots", "under": -1},
            "its measured error could not be read (the model file's share_error is damaged), so the interval"
            " covers sampling only",
        ),
        (None, "its error on real audiences was never measured, so the interval covers sampling only"),
        (
            {"over": 0.05, "under": 0.01, "measured_on": "our\naudits\n\n<!channel>"},
            "its estimate was off by up to 5 points on our audits <!channel> (the interval includes that)",
        ),
    ],
)
def test_a_damaged_measured_error_is_not_called_never_measured(workdir: Path, share_error: object, says: str) -> None:
    model = load_model().to_json()
    if share_error is None:
        model["quantification"].pop("share_error", None)
    else:
        model["quantification"]["share_error"] = share_error
    path = workdir / "team.json"
    path.write_text(json.dumps(model), encoding="utf-8")

    report = vet_snapshot(sample("nina_nano_sample"), REQUEST, now=NOW, audience_model=str(path))

    fake = next(s for s in report.signals if s.key == "fake_followers")
    assert says in fake.evidence


@pytest.fixture
def slack_with_model(sqlite_url: str, tmp_path: Path, standin: SlackStandIn) -> Iterator[tuple[SlackHarness, Path]]:
    """The real app over HTTP with AUDIENCE_MODEL pointing at a file the test writes."""
    engine = make_engine(sqlite_url)
    path = tmp_path / "team_model.json"
    with serve_app(single_workspace_settings(sqlite_url, audience_model=str(path)), engine, standin) as harness:
        yield harness, path
    engine.dispose()


def _team_model_file(path: Path, name: str) -> None:
    model = load_model()
    data = model.to_json() | {"name": name}
    path.write_text(json.dumps(data), encoding="utf-8")


def test_vet_in_slack_uses_the_setting_and_says_so_and_a_broken_file_is_explained(slack_with_model) -> None:
    harness, path = slack_with_model
    _team_model_file(path, "Acme's <retrained> model")

    harness.command("/vet", "@nina_nano_sample")
    [card] = harness.wait_for("chat.update")
    path.write_text("{broken", encoding="utf-8")
    harness.command("/vet", "@nina_nano_sample")
    [_, later] = harness.wait_for("chat.update", count=2)

    text = " ".join(seen(card.params).split())
    assert "Recommended" in text
    assert "Fake followers:" in text and "Model: Acme's <retrained> model" in text
    assert "&lt;retrained&gt;" in json.dumps(card.params["blocks"])  # escaped in mrkdwn
    broken = " ".join(seen(later.params).split())
    assert "Fake share unknown:" in broken and "is not JSON" in broken
    assert "Recommended" not in broken and "Caution" in broken


def test_audience_score_without_model_reads_the_setting(cli, workdir: Path, monkeypatch) -> None:
    flipped = load_model().to_json()
    flipped |= {"coef": [-c for c in flipped["coef"]], "intercept": -flipped["intercept"]}
    path = workdir / "flipped.json"
    path.write_text(json.dumps(flipped), encoding="utf-8")
    monkeypatch.setenv("AUDIENCE_MODEL", str(path))
    audience = [OBVIOUS_FAKE, OBVIOUS_REAL]

    rows = cli("audience", "score", str(write_csv(workdir / "a.csv", audience))).objects

    assert [row["fake"] for row in rows[:-1]] == [False, True]


def test_a_model_name_over_several_lines_is_one_line_on_the_card(workdir: Path) -> None:
    shipped = load_model()
    named = type(shipped).from_json({**shipped.to_json(), "name": "  Team\nmodel\t\r\n v2 \n"})

    assert named.label == "Team model v2"
