"""Person resolution on arrival: worker time to score one new report's person.

Run against a demo database (it adds 60 reports to it):
SAMVERKAN_DATA_DIR=<demo dir> .venv/bin/python benchmarks/entities/people_arrival.py
"""

from __future__ import annotations

import os
import statistics
import time

import django


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samverkan.settings")
    django.setup()
    from samverkan.access.models import Organisation
    from samverkan.entities.arrival import report_people_score
    from samverkan.entities.models import PersonRecordRow
    from samverkan.intake.schemas import ReportIn
    from samverkan.intake.services import report_submit

    organisation = Organisation.objects.filter(kind="customs", country="SE").first()
    assert organisation is not None, "load the demo world first"
    stored = PersonRecordRow.objects.exclude(given_group="").values_list("fields", flat=True)
    times = []
    for index, fields in enumerate(stored[:60]):
        name = f"{fields['first_name'] or ''} {fields['last_name'] or ''}".strip().title()
        subject = {
            "ref": "p",
            "role": "courier",
            "mentions": [{"kind": "person_name", "value": name}],
        }
        data = ReportIn.model_validate(
            {
                "kind": "intelligence",
                "external_id": f"bench-{time.time()}-{index}",
                "occurred_at": "2026-05-02T06:40:00+02:00",
                "handling": {"tlp": "AMBER"},
                "subjects": [subject],
            }
        )
        report, _ = report_submit(organisation=organisation, data=data, by=None, via="bench")
        started = time.perf_counter()
        report_people_score(report_id=report.pk)
        times.append(time.perf_counter() - started)
    times.sort()
    p95 = times[int(len(times) * 0.95) - 1]
    print(
        f"n={len(times)} median={statistics.median(times) * 1000:.0f} ms "
        f"p95={p95 * 1000:.0f} ms max={times[-1] * 1000:.0f} ms"
    )


if __name__ == "__main__":
    main()
