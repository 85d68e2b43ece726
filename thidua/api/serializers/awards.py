"""What the API shows of the awards registry and proposals, and what it accepts to start a proposal."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from thidua.api.serializers.base import ApiModelSerializer
from thidua.awards.models import AwardDecision, AwardRecipient, Proposal, ProposalItem
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
