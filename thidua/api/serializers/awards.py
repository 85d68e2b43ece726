"""What the API shows of the awards registry and proposals, and what it accepts to start a proposal and
move it along its workflow. Each serializer parses input only; the services check, save and audit."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from thidua.api.serializers.base import ApiModelSerializer
from thidua.awards.models import Award, AwardDecision, AwardRecipient, Proposal, ProposalItem
from thidua.awards.models.proposals import CommendationKindChoice


class RecipientSerializer(ApiModelSerializer):
    person_name = serializers.CharField(
        source="person.full_name", read_only=True, allow_null=True, default=None
    )
    organisation_name = serializers.CharField(
        source="organisation.name", read_only=True, allow_null=True, default=None
    )

    class Meta:
        model = AwardRecipient
        fields: tuple[str, ...] = ("id", "person", "person_name", "organisation", "organisation_name")


class DecisionSerializer(ApiModelSerializer):
    issuer_name = serializers.CharField(source="issuer.name", read_only=True)

    class Meta:
        model = AwardDecision
        fields: tuple[str, ...] = (
            "id",
            "number",
            "signed_on",
            "issuer",
            "issuer_name",
            "signer_name",
            "signer_title",
            # How it is signed (NĐ 30/2020 Điều 13): "" on rows recorded before the choice existed.
            "signing",
            "head_title",
            "award",
            "period_from_year",
            "period_to_year",
            "summary",
        )


class DecisionDetailSerializer(DecisionSerializer):
    """With the recipients the reader may see (another unit's people are left out for a unit)."""

    recipients = serializers.SerializerMethodField()

    class Meta(DecisionSerializer.Meta):
        fields = (*DecisionSerializer.Meta.fields, "recipients")

    @extend_schema_field(RecipientSerializer(many=True))
    def get_recipients(self, decision: AwardDecision) -> Any:
        return RecipientSerializer(self.context["recipients"], many=True).data


class ProposalItemSerializer(ApiModelSerializer):
    person_name = serializers.CharField(
        source="person.full_name", read_only=True, allow_null=True, default=None
    )
    organisation_name = serializers.CharField(
        source="organisation.name", read_only=True, allow_null=True, default=None
    )
    eligibility = serializers.JSONField(
        read_only=True, help_text="Kết quả xét điều kiện (docs/contracts/eligibility.md)."
    )
    duplicates = serializers.JSONField(
        read_only=True,
        help_text="Khen thưởng trùng (trong sổ khen thưởng, hồ sơ đề nghị khác) tìm thấy khi xét, như trên màn hình.",
    )

    class Meta:
        model = ProposalItem
        fields: tuple[str, ...] = (
            "id",
            "person",
            "person_name",
            "organisation",
            "organisation_name",
            "award",
            "year_from",
            "year_to",
            "note",
            "eligibility",
            "duplicates",
            "checked_on",
        )


class ProposalSerializer(ApiModelSerializer):
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)

    class Meta:
        model = Proposal
        fields: tuple[str, ...] = (
            "id",
            "organisation",
            "organisation_name",
            "title",
            "year",
            "commendation_kind",
            "state",
            "received_on",
            "submitted_at",
            "appraised_at",
            "decided_at",
        )


class ProposalDetailSerializer(ProposalSerializer):
    items = serializers.SerializerMethodField()

    class Meta(ProposalSerializer.Meta):
        fields = (*ProposalSerializer.Meta.fields, "return_reason", "items")

    @extend_schema_field(ProposalItemSerializer(many=True))
    def get_items(self, proposal: Proposal) -> Any:
        return ProposalItemSerializer(self.context["items"], many=True).data


class ProposalCreateSerializer(serializers.Serializer):
    """A new proposal of the officer's own unit (awards.services.proposals.proposal_create checks the
    rest: the unit, the year, the kind)."""

    organisation = serializers.IntegerField(min_value=1, max_value=2**31 - 1)
    title = serializers.CharField(max_length=300)
    year = serializers.IntegerField(min_value=1900, max_value=9999)
    commendation_kind = serializers.ChoiceField(choices=CommendationKindChoice.choices, required=False)


# Ids are bigint columns: a larger number would be a database error, not "not found".
_ID = {"min_value": 1, "max_value": 2**63 - 1}
# A unit's yearly list (Lao động tiên tiến of a large agency) runs to hundreds of people; the request
# body's own cap (API_MAX_BODY_BYTES) bounds it too.
MAX_ITEMS = 1000


# Request serializers carry no docstring: drf-spectacular would publish it in the description.
# One person or collective proposed: exactly one of `person` and `organisation` (the service says so,
# naming the row, when both or neither are given).
class ProposalItemRowSerializer(serializers.Serializer):
    person = serializers.IntegerField(
        **_ID, required=False, allow_null=True, default=None, help_text="Mã cá nhân (people/)."
    )
    organisation = serializers.IntegerField(
        **_ID, required=False, allow_null=True, default=None, help_text="Mã tập thể (organisations/)."
    )
    award = serializers.ChoiceField(choices=Award.choices)
    year_from = serializers.IntegerField(min_value=1945, max_value=2100)
    year_to = serializers.IntegerField(
        min_value=1945, max_value=2100, required=False, allow_null=True, default=None
    )
    note = serializers.CharField(max_length=4000, required=False, allow_blank=True, default="")


class ProposalItemsAddSerializer(serializers.Serializer):
    items = ProposalItemRowSerializer(many=True, max_length=MAX_ITEMS)


class ProposalItemsAddedSerializer(serializers.Serializer):
    items = ProposalItemSerializer(many=True, help_text="Các đề nghị vừa thêm, kèm kết quả xét điều kiện.")


# Withdrawing or returning a proposal: a blank reason reaches the service, which refuses it in its own
# words (keyed "reason").
class ProposalReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=4000, allow_blank=True, help_text="Lý do (bắt buộc).")


class ProposalAppraiseSerializer(serializers.Serializer):
    received_on = serializers.DateField(
        required=False,
        allow_null=True,
        default=None,
        help_text="Ngày tiếp nhận hồ sơ nếu khác ngày gửi (hồ sơ giấy đến ngày khác); để trống: giữ nguyên.",
    )
