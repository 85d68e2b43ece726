"""factory_boy factories for the registry. Services are used for state changes under test; the
factories only build the surroundings."""

from __future__ import annotations

import datetime as dt

import factory

from thidua.org.models import AdminUnit, EmulationGroup, GroupMembership, Organisation, Person


class ProvinceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AdminUnit

    code = factory.Sequence(lambda n: f"9{n:02d}")
    name = factory.Sequence(lambda n: f"Tỉnh Thử Nghiệm {n}")
    level = AdminUnit.Level.PROVINCE
    kind = "Tỉnh"


class CommuneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AdminUnit

    code = factory.Sequence(lambda n: f"8{n:04d}")
    name = factory.Sequence(lambda n: f"Xã Thử Nghiệm {n}")
    level = AdminUnit.Level.COMMUNE
    kind = "Xã"
    parent = factory.SubFactory(ProvinceFactory)
    valid_from = dt.date(2025, 7, 1)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    code = factory.Sequence(lambda n: f"ORG-{n}")
    name = factory.Sequence(lambda n: f"Ủy ban nhân dân xã Thử Nghiệm {n}")
    kind = Organisation.Kind.LOCAL_GOVERNMENT


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    full_name = factory.Sequence(lambda n: f"Nguyễn Văn {n}")
    gender = Person.Gender.MALE
    organisation = factory.SubFactory(OrganisationFactory)
    date_of_birth = dt.date(1985, 3, 15)


class GroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EmulationGroup

    name = factory.Sequence(lambda n: f"Cụm Thi đua số {n}")
    kind = EmulationGroup.Kind.CUM
    year = 2026
    province = factory.SubFactory(ProvinceFactory)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GroupMembership

    group = factory.SubFactory(GroupFactory)
    organisation = factory.SubFactory(OrganisationFactory)
