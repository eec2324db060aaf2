"""The versioned model file loads, and scores and resolves records as a person would."""

from __future__ import annotations

from dataclasses import replace

from samverkan.resolution.clustering import Thresholds
from samverkan.resolution.model import MODEL_VERSION, bundled_model_path, load_model, model_fields
from samverkan.resolution.records import PersonRecord
from samverkan.resolution.resolve import Judgements, resolve
from samverkan.resolution.scoring import pairs_of, score_pairs
from samverkan.resolution.table import records_table

KARL = PersonRecord(
    ref="a",
    organisation="se-customs",
    country="SE",
    first_name="karl",
    last_name="andersson",
    full_name="karl andersson",
    given_group="karl",
    birth_date="1985-03-02",
    phones=("+46701234567",),
)
KALLE_TYPO = replace(
    KARL,
    ref="b",
    organisation="se-region-syd",
    first_name="kalle",
    last_name="andresson",
    full_name="kalle andresson",
)
ERIK = replace(
    KARL,
    ref="c",
    first_name="erik",
    last_name="lind",
    full_name="erik lind",
    given_group="erik",
    birth_date="1990-01-01",
    phones=("+46739876543",),
)


def test_the_bundled_model_is_versioned_and_compares_the_report_fields() -> None:
    model = load_model()
    assert bundled_model_path().name == f"{MODEL_VERSION}.json"
    assert model["linker_uid"] == MODEL_VERSION
    assert {"name", "birth", "phone", "address", "nickname", "reporter"} <= model_fields(model)


def test_the_model_scores_a_nickname_with_a_typo_as_the_same_person() -> None:
    scored = score_pairs(records_table([KARL, KALLE_TYPO, ERIK]), load_model(), threshold=0.01)
    probability = {(p.left, p.right): p.probability for p in pairs_of(scored)}
    assert probability[(0, 1)] > 0.99
    assert (0, 2) not in probability or probability[(0, 2)] < 0.01


def test_records_sharing_a_personal_number_are_one_person_whatever_the_model_says() -> None:
    one = replace(ERIK, ref="d", personal_number="se:199001011239")
    other = replace(KARL, ref="e", personal_number="se:199001011239")
    result = resolve([one, other, KARL], model=load_model())
    assert result.cluster_of[0] == result.cluster_of[1]


def test_a_negative_judgement_keeps_two_likely_records_apart() -> None:
    records = [KARL, KALLE_TYPO, replace(KARL, ref="f")]
    linked = resolve(records, model=load_model())
    assert len(set(linked.cluster_of)) == 1
    judged = resolve(
        records,
        model=load_model(),
        judgements=Judgements(negative=frozenset({("a", "b")})),
        thresholds=Thresholds(),
    )
    assert judged.cluster_of[0] != judged.cluster_of[1]
