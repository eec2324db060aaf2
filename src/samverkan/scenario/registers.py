"""``vehicle_register.csv``: the vehicle registers' entry for every car of the world.

Sweden's vägtrafikregister and Norway's motorvognregister name each plate's
keeper; the police and customs of both countries look plates up in them.
One line per vehicle: the plate as registered, and the keeper's personal
or organisation number with its mention kind (both empty for a keeper
without one, a foreigner).
"""

from __future__ import annotations

from pathlib import Path

from samverkan.scenario.output import FileDigest, LineWriter
from samverkan.scenario.population import Population

HEADER = "plate,keeper_kind,keeper"


def write_vehicle_register(folder: Path, population: Population) -> FileDigest:
    with LineWriter(folder / "vehicle_register.csv") as writer:
        writer.write(HEADER)
        for vehicle in population.vehicles:
            kind, number = _keeper(population, vehicle.keeper)
            writer.write(f"{vehicle.plate},{kind},{number}")
        return writer.close()


def _keeper(population: Population, ref: str) -> tuple[str, str]:
    table, _, number = ref.partition(":")
    if table == "company":
        company = population.company(int(number))
        return company.org_number_kind, company.org_number
    person = population.person(int(number))
    if person.personal_number is None or person.personal_number_kind is None:
        return "", ""
    return person.personal_number_kind, person.personal_number
