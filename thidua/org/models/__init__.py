from thidua.org.models.groups import EmulationGroup, GroupMembership
from thidua.org.models.organisations import Organisation
from thidua.org.models.people import Person, PersonPosition
from thidua.org.models.units import AdminUnit, UnitLineage

__all__ = [
    "AdminUnit",
    "EmulationGroup",
    "GroupMembership",
    "Organisation",
    "Person",
    "PersonPosition",
    "UnitLineage",
]
