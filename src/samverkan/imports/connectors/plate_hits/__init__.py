"""Number-plate hits from automatic readers (ANPR): plate, camera, time, place."""

from samverkan.imports.connectors.plate_hits.connector import PlateHits

__all__ = ["PlateHits"]
