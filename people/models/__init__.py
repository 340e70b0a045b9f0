from people.models.placements import Placement, RosterUpload
from people.models.units import OrgUnit

__all__ = ["OrgUnit", "Placement", "RosterUpload"]
