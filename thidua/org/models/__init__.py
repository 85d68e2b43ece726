from thidua.org.models.groups import EmulationGroup, GroupMembership
from thidua.org.models.organisations import Organisation
from thidua.org.models.people import Person, PersonPosition
from thidua.org.models.units import LEVEL_ORDER, AdminUnit, UnitLineage

__all__ = [
    "LEVEL_ORDER",
    "AdminUnit",
    "EmulationGroup",
    "GroupMembership",
    "Organisation",
    "Person",
    "PersonPosition",
    "UnitLineage",
]
