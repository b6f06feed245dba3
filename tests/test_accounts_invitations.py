"""The secretariat invites people to a role; accepting the link grants exactly that role, once."""

import datetime
import hashlib
import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from abierto.accounts import services
from abierto.accounts.models import Invitation, Role
from abierto.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

MAY_INVITE = {
    "anonymous": False,
    "participant": False,
    "implementer": False,
    "other_implementer": False,
    "secretariat": True,
    "forum_member": False,
    "evaluator": False,
}


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


def _person(email):
    user = get_user_model().objects.create_user(email.split("@")[0], email=email, password="clave-segura-123")
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def _token_from(message) -> str:
    found = re.search(r"/cuentas/invitacion/([\w-]+)/", message.body)
    assert found, message.body
    return found.group(1)


@pytest.mark.parametrize("name", list(MAY_INVITE))
def test_who_may_invite(personas, name):
    assert personas[name].has_perm("accounts.invite") is MAY_INVITE[name]


@pytest.mark.parametrize("name", list(MAY_INVITE))
def test_who_may_open_the_invitations_page(client, personas, name):
    if name != "anonymous":
        client.force_login(personas[name])
    response = client.get("/cuentas/invitaciones/")
    if MAY_INVITE[name]:
        assert response.status_code == 200
    elif name == "anonymous":
        assert response.status_code == 302 and response["Location"].startswith("/cuentas/ingresar/")
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("name", [n for n, allowed in MAY_INVITE.items() if not allowed and n != "anonymous"])
def test_the_service_refuses_everyone_but_the_secretariat(personas, name, lead_institution):
    with pytest.raises(PermissionDenied):
        services.invite(email="x@example.org", kind=Role.Kind.FORUM_MEMBER, institution=None, actor=personas[name])
    assert not Invitation.objects.exists()


def test_the_secretariat_invites_an_implementer_by_email(secretariat_client, secretariat, lead_institution):
    response = secretariat_client.post(
        "/cuentas/invitaciones/",
        {"email": "Nuevo.Contraparte@Example.org", "kind": "implementer", "institution": lead_institution.pk},
    )
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert invitation.email == "nuevo.contraparte@example.org"
    assert invitation.institution == lead_institution
    assert invitation.invited_by == secretariat
    assert invitation.expires_at - invitation.created_at == datetime.timedelta(days=14)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    token = _token_from(message)
    assert len(token) >= 40
    # Only a digest is stored: the token itself is nowhere in the row.
    assert invitation.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in str(Invitation.objects.values().get())
    assert message.to == ["nuevo.contraparte@example.org"]
    assert "Contraparte de institución" in message.subject
    assert lead_institution.name in message.body
    assert f"http://testserver/cuentas/invitacion/{token}/" in message.body
    event = AuditEvent.objects.get(object_type="invitation")
    assert event.actor == secretariat and event.action == "create"
    listing = secretariat_client.get("/cuentas/invitaciones/").content.decode()
    assert "nuevo.contraparte@example.org" in listing and "Pendiente" in listing


def test_an_implementer_invitation_without_institution_is_refused(secretariat_client, secretariat):
    response = secretariat_client.post("/cuentas/invitaciones/", {"email": "a@example.org", "kind": "implementer"})
    assert response.status_code == 400
    assert "vinculada a una institución" in response.content.decode()
    assert 'value="a@example.org"' in response.content.decode()
    with pytest.raises(ValidationError):
        services.invite(email="a@example.org", kind="implementer", institution=None, actor=secretariat)
    assert not Invitation.objects.exists()
    assert not mail.outbox


def test_other_invalid_invitations_are_refused(secretariat, lead_institution):
    for email, kind, institution in [
        ("no-es-un-correo", "forum_member", None),
        ("a@example.org", "secretariat", None),
        ("a@example.org", "evaluator", lead_institution),
    ]:
        with pytest.raises(ValidationError):
            services.invite(email=email, kind=kind, institution=institution, actor=secretariat)
    assert not Invitation.objects.exists()


def test_accepting_grants_exactly_the_invited_role_and_is_idempotent(client, secretariat, lead_institution):
    invitation = services.invite(
        email="nueva@example.org", kind="implementer", institution=lead_institution, actor=secretariat
    )
    person = _person("nueva@example.org")
    client.force_login(person)
    page = client.get(f"/cuentas/invitacion/{invitation.token}/")
    assert page.status_code == 200 and "Aceptar la invitación" in page.content.decode()
    assert not Role.objects.filter(user=person).exists()  # opening the page grants nothing

    response = client.post(f"/cuentas/invitacion/{invitation.token}/")
    assert response.status_code == 302
    role = Role.objects.get(user=person)
    assert (role.kind, role.institution, role.granted_by) == ("implementer", lead_institution, secretariat)
    invitation.refresh_from_db()
    assert invitation.accepted_by == person and invitation.accepted_at is not None

    again = services.accept(invitation=invitation, user=person)
    assert again == role
    client.post(f"/cuentas/invitacion/{invitation.token}/")
    assert Role.objects.filter(user=person).count() == 1


def test_a_used_token_changes_nothing_for_someone_else(client, secretariat):
    invitation = services.invite(email="nueva@example.org", kind="forum_member", institution=None, actor=secretariat)
    services.accept(invitation=invitation, user=_person("nueva@example.org"))
    intruder = _person("otra@example.org")
    EmailAddress.objects.create(user=intruder, email="nueva@example.org", verified=False)
    with pytest.raises(services.InvitationError, match="ya fue usada"):
        services.accept(invitation=invitation, user=intruder)
    client.force_login(intruder)
    response = client.post(f"/cuentas/invitacion/{invitation.token}/")
    assert response.status_code == 410
    assert "ya fue usada" in response.content.decode()
    assert not Role.objects.filter(user=intruder).exists()


def test_an_expired_token_changes_nothing(client, secretariat):
    invitation = services.invite(email="nueva@example.org", kind="evaluator", institution=None, actor=secretariat)
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    invitation.refresh_from_db()
    person = _person("nueva@example.org")
    with pytest.raises(services.InvitationError, match="venció"):
        services.accept(invitation=invitation, user=person)
    client.force_login(person)
    response = client.post(f"/cuentas/invitacion/{invitation.token}/")
    assert response.status_code == 410 and "venció" in response.content.decode()
    assert not Role.objects.filter(user=person).exists()
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_an_unknown_token_is_not_found(client):
    assert client.get("/cuentas/invitacion/no-existe/").status_code == 404


def test_someone_signed_in_with_another_email_cannot_accept(client, secretariat):
    invitation = services.invite(email="nueva@example.org", kind="evaluator", institution=None, actor=secretariat)
    other = _person("otra@example.org")
    client.force_login(other)
    response = client.post(f"/cuentas/invitacion/{invitation.token}/")
    assert response.status_code == 403
    assert "nueva@example.org" in response.content.decode()
    assert not Role.objects.filter(user=other).exists()


def test_an_invited_stranger_signs_up_verifies_and_gets_the_role(client, secretariat):
    services.invite(email="nueva@example.org", kind="forum_member", institution=None, actor=secretariat)
    token = _token_from(mail.outbox[0])
    page = client.get(f"/cuentas/invitacion/{token}/").content.decode()
    assert "Crear una cuenta" in page and "Ingresar" in page
    password = "una-clave-bastante-larga-2026"
    client.post("/cuentas/registrarse/", {"email": "nueva@example.org", "password1": password, "password2": password})
    confirm = re.search(r"(/cuentas/confirm-email/\S+)", mail.outbox[-1].body).group(1)
    client.post(confirm)
    person = get_user_model().objects.get(email="nueva@example.org")
    assert int(client.session["_auth_user_id"]) == person.pk
    assert list(Role.objects.filter(user=person).values_list("kind", flat=True)) == ["forum_member"]


def test_an_invited_person_with_an_account_signs_in_and_gets_the_role(client, secretariat):
    person = _person("nueva@example.org")
    invitation = services.invite(email="nueva@example.org", kind="evaluator", institution=None, actor=secretariat)
    client.get(f"/cuentas/invitacion/{invitation.token}/")
    client.post("/cuentas/ingresar/", {"login": "nueva@example.org", "password": "clave-segura-123"})
    assert Role.objects.get(user=person).kind == "evaluator"


def test_an_invitation_to_a_role_already_held_is_refused(secretariat, forum_member):
    with pytest.raises(ValidationError, match="ya tiene ese rol"):
        services.invite(email=forum_member.email, kind="forum_member", institution=None, actor=secretariat)


def test_an_unverified_copy_of_the_invited_email_is_not_enough(secretariat):
    invitation = services.invite(email="nueva@example.org", kind="evaluator", institution=None, actor=secretariat)
    person = get_user_model().objects.create_user("sin-verificar", email="nueva@example.org", password="x")
    EmailAddress.objects.create(user=person, email="nueva@example.org", verified=False, primary=True)
    with pytest.raises(services.InvitationError, match=re.escape("nueva@example.org")):
        services.accept(invitation=invitation, user=person)
    assert not Role.objects.filter(user=person).exists()


def test_the_secretariat_cancels_a_pending_invitation_and_its_link_stops_working(
    client, secretariat_client, secretariat
):
    invitation = services.invite(email="nueva@example.org", kind="evaluator", institution=None, actor=secretariat)
    response = secretariat_client.post(f"/cuentas/invitaciones/{invitation.pk}/anular/")
    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.revoked_by == secretariat and invitation.revoked_at is not None
    assert AuditEvent.objects.filter(object_type="invitation", action="update", actor=secretariat).exists()
    assert "Anulada" in secretariat_client.get("/cuentas/invitaciones/").content.decode()
    person = _person("nueva@example.org")
    client.force_login(person)
    response = client.post(f"/cuentas/invitacion/{invitation.token}/")
    assert response.status_code == 410 and "anulada" in response.content.decode()
    assert not Role.objects.filter(user=person).exists()
    assert not Invitation.objects.pending().exists()


def test_resending_mails_a_new_link_and_the_old_one_stops_working(client, secretariat_client, secretariat):
    invitation = services.invite(email="nueva@example.org", kind="evaluator", institution=None, actor=secretariat)
    old_token = _token_from(mail.outbox[0])
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - datetime.timedelta(days=1))
    response = secretariat_client.post(f"/cuentas/invitaciones/{invitation.pk}/reenviar/")
    assert response.status_code == 302
    assert len(mail.outbox) == 2
    new_token = _token_from(mail.outbox[1])
    assert new_token != old_token
    invitation.refresh_from_db()
    assert invitation.expires_at > timezone.now() + datetime.timedelta(days=13)
    person = _person("nueva@example.org")
    client.force_login(person)
    assert client.post(f"/cuentas/invitacion/{old_token}/").status_code == 404
    assert client.post(f"/cuentas/invitacion/{new_token}/").status_code == 302
    assert Role.objects.get(user=person).kind == "evaluator"


def test_an_accepted_invitation_cannot_be_cancelled_or_resent(secretariat_client, secretariat):
    invitation = services.invite(email="nueva@example.org", kind="evaluator", institution=None, actor=secretariat)
    services.accept(invitation=invitation, user=_person("nueva@example.org"))
    for action in ("anular", "reenviar"):
        page = secretariat_client.post(f"/cuentas/invitaciones/{invitation.pk}/{action}/", follow=True)
        assert page.status_code == 200
    invitation.refresh_from_db()
    assert invitation.revoked_at is None and len(mail.outbox) == 1


@pytest.mark.parametrize("name", [n for n, allowed in MAY_INVITE.items() if not allowed])
@pytest.mark.parametrize("action", ["anular", "reenviar"])
def test_only_the_secretariat_may_cancel_or_resend(client, personas, secretariat, name, action):
    invitation = services.invite(email="nueva@example.org", kind="evaluator", institution=None, actor=secretariat)
    if name != "anonymous":
        client.force_login(personas[name])
    response = client.post(f"/cuentas/invitaciones/{invitation.pk}/{action}/")
    assert response.status_code == (302 if name == "anonymous" else 403)
    invitation.refresh_from_db()
    assert invitation.revoked_at is None and len(mail.outbox) == 1
