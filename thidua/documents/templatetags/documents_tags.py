"""Template helpers for the papers' buttons on other apps' screens."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import gettext as _

from thidua.awards.selectors.access import can_manage_decisions
from thidua.documents.forms import ProposalLetterSignerForm
from thidua.documents.selectors.certificates import certificates_count, overprint_layout
from thidua.documents.selectors.proposals import proposal_letter_signer_initial
from thidua.documents.services.certificates import CERTIFICATES_SYNC_MAX
from thidua.emulation.models import Period
from thidua.emulation.selectors.access import can_manage_group

register = template.Library()


@register.simple_tag
def can_draft_article(user: Any, period_id: int) -> bool:
    """The draft article button: a closed period, and the user runs its group (as the service checks)."""
    period = Period.objects.select_related("pact__group").filter(pk=period_id).first()
    if period is None or period.closed_at is None:
        return False
    return can_manage_group(user=user, group=period.pact.group)


@register.simple_tag
def can_print_certificates(user: Any) -> bool:
    return can_manage_decisions(user)


@register.simple_tag
def certificates_print_mode(decision: Any) -> dict[str, Any]:
    """How the decision's certificates are printed: in the request for a small decision, by a background
    job for a large one; and whether the office has set the positions for printing on the blank."""
    count = certificates_count(decision=decision)
    overprint = overprint_layout(decision=decision) is not None
    buttons = [
        (("pdf", False), _("In bằng khen – chạy nền (một tệp PDF, %(count)d bản)") % {"count": count}),
        (("zip", False), _("In bằng khen – chạy nền (tệp zip)")),
    ]
    if overprint:
        buttons.append((("pdf", True), _("In trên phôi – chạy nền (PDF)")))
    return {
        "background": count > CERTIFICATES_SYNC_MAX,
        "overprint": overprint,
        "job_buttons": buttons,
        "count": count,
    }


@register.simple_tag
def proposal_letter_signer_form(proposal: Any) -> ProposalLetterSignerForm:
    """The signer form above the tờ trình's buttons, showing what the letter prints unless changed."""
    # Its own ids: the proposal screen has other forms whose fields could share a name.
    return ProposalLetterSignerForm(
        initial=proposal_letter_signer_initial(proposal=proposal), auto_id="letter_%s"
    )
