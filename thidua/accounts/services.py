"""Services that change accounts and roles."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from thidua.accounts.models import Role, User
from thidua.accounts.roles import ROLES
from thidua.core.audit import audit_record


def roles_sync(*, using: str = "default") -> None:
    """Create or update one group per role with exactly the permissions its RoleSpec lists.

    Runs after every migrate (signals.py), on the database being migrated. All or nothing, so a role
    never holds half its permissions; durable, since it is never part of a larger change.
    """
    with transaction.atomic(using=using, durable=True):
        _roles_sync(using)


def _roles_sync(using: str) -> None:
    for spec in ROLES.values():
        role = Role.objects.using(using).select_related("group").filter(code=spec.code).first()
        if role is None:
            group, _ = Group.objects.using(using).get_or_create(name=str(spec.name))
            role = Role.objects.using(using).create(code=spec.code, group=group)
        wanted = []
        for dotted in sorted(spec.permissions):
            app_label, codename = dotted.split(".", 1)
            perm = (
                Permission.objects.using(using)
                .filter(content_type__app_label=app_label, codename=codename)
                .first()
            )
            if perm is None:
                raise LookupError(f"Role {spec.code} names permission {dotted}, which does not exist.")
            wanted.append(perm)
        role.group.permissions.set(wanted)


@transaction.atomic
def user_create(
    *,
    actor: User | None,
    username: str,
    password: str | None,
    full_name: str,
    organisation: Any = None,
    roles: list[str] | tuple[str, ...] = (),
    email: str = "",
    is_superuser: bool = False,
    is_demo: bool = False,
) -> User:
    """Create a staff account with its organisation and roles."""
    unknown = [code for code in roles if code not in ROLES]
    if unknown:
        raise ValueError(f"Unknown role(s): {', '.join(unknown)}")
    last, _, first = full_name.rpartition(" ")
    user = User(
        username=username,
        email=email,
        first_name=first,
        last_name=last,
        organisation=organisation,
        is_staff=True,
        is_superuser=is_superuser,
        is_demo=is_demo,
    )
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    user.groups.set(Group.objects.filter(role__code__in=roles))
    audit_record(
        actor=actor, action="accounts.user.create", target=user, changes={"roles": [None, list(roles)]}
    )
    return user
