"""What the API shows of administrative units, organisations, people and emulation groups."""

from __future__ import annotations

from rest_framework import serializers

from thidua.api.serializers.base import ApiModelSerializer
from thidua.org.models import AdminUnit, EmulationGroup, GroupMembership, Organisation, Person


class AdminUnitSerializer(ApiModelSerializer):
    class Meta:
        model = AdminUnit
        fields: tuple[str, ...] = (
            "id",
            "code",
            "name",
            "short_name",
            "level",
            "kind",
            "parent",
            "valid_from",
            "valid_until",
        )


class OrganisationSerializer(ApiModelSerializer):
    class Meta:
        model = Organisation
        fields: tuple[str, ...] = (
            "id",
            "code",
            "name",
            "short_name",
            "kind",
            "parent",
            "admin_unit",
            "province",
            "established_on",
            "dissolved_on",
        )


class PersonSerializer(ApiModelSerializer):
    """Date of birth and civil-servant code only for those who may see them (can_see_personal_data,
    passed in the context as the set of people's ids); null for everyone else."""

    organisation_name = serializers.CharField(source="organisation.name", read_only=True)
    date_of_birth = serializers.SerializerMethodField()
    civil_servant_code = serializers.SerializerMethodField()

    class Meta:
        model = Person
        fields: tuple[str, ...] = (
            "id",
            "full_name",
            "gender",
            "position",
            "is_active",
            "organisation",
            "organisation_name",
            "date_of_birth",
            "civil_servant_code",
        )

    def _personal(self, person: Person) -> bool:
        check = self.context.get("personal_data")
        return bool(check and check(person))

    def get_date_of_birth(self, person: Person) -> str | None:
        # A date as the rest of the API writes dates (ISO 8601), or null.
        return person.date_of_birth.isoformat() if self._personal(person) and person.date_of_birth else None

    def get_civil_servant_code(self, person: Person) -> str | None:
        return person.civil_servant_code if self._personal(person) else None


class MembershipSerializer(ApiModelSerializer):
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)

    class Meta:
        model = GroupMembership
        fields: tuple[str, ...] = ("organisation", "organisation_name", "order")


class GroupSerializer(ApiModelSerializer):
    head_name = serializers.CharField(source="head.name", read_only=True, allow_null=True, default=None)
    deputy_name = serializers.CharField(source="deputy.name", read_only=True, allow_null=True, default=None)

    class Meta:
        model = EmulationGroup
        fields: tuple[str, ...] = (
            "id",
            "name",
            "kind",
            "year",
            "province",
            "head",
            "head_name",
            "deputy",
            "deputy_name",
            "note",
        )


class GroupDetailSerializer(GroupSerializer):
    members = MembershipSerializer(source="memberships", many=True, read_only=True)

    class Meta(GroupSerializer.Meta):
        fields = (*GroupSerializer.Meta.fields, "previous", "members")
