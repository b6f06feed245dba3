"""The secretariat's back office for co-creation: processes with their stages and themes; proposals read-only."""

import datetime

from abierto.audit.models import AuditEvent
from abierto.cocreation.testing import make_process, make_proposal


def test_the_secretariat_edits_a_stage_in_the_admin_and_it_is_audited(secretariat_client, make_plan, participant):
    process = make_process(make_plan(number=5, start=2020, end=2022), start=datetime.date(2026, 3, 1))
    assert secretariat_client.get("/admin/cocreation/cocreationprocess/").status_code == 200
    assert secretariat_client.get(f"/admin/cocreation/cocreationprocess/{process.pk}/change/").status_code == 200
    proposal = make_proposal(process, participant)
    response = secretariat_client.get(f"/admin/cocreation/proposal/{proposal.pk}/change/")
    assert response.status_code == 200 and b'name="_save"' not in response.content  # read-only
    assert AuditEvent.objects.filter(object_type="stage").count() == 14  # 7 created, 7 dated
