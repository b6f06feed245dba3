"""My account page, the secretariat's invitations, and accepting an invitation."""

from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from abierto.accounts import services, tokens
from abierto.accounts.forms import ApiTokenForm, InvitationForm
from abierto.accounts.models import ApiToken, Invitation, Role

PENDING_INVITATION = "abierto_pending_invitation"


@login_required
def home(request):
    roles = Role.objects.active().filter(user=request.user).select_related("institution")
    return render(
        request,
        "accounts/home.html",
        {
            "roles": roles,
            "has_totp": is_mfa_enabled(request.user, [Authenticator.Type.TOTP]),
            "may_invite": request.user.has_perm("accounts.invite"),
            "may_have_tokens": tokens.may_have_tokens(request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def api_tokens(request):
    """The person's API keys: create one (its value is shown once), see when each was used, revoke."""
    if not tokens.may_have_tokens(request.user):
        raise PermissionDenied(_("Solo las contrapartes y la secretaría pueden crear claves de API."))
    form = ApiTokenForm(request.POST or None)
    created = None
    status = 200
    if request.method == "POST":
        if "revoke" in request.POST:
            token = get_object_or_404(ApiToken, pk=request.POST.get("revoke"), user=request.user)
            tokens.revoke(token=token, user=request.user)
            messages.success(request, _("Se revocó la clave «%(name)s».") % {"name": token.name})
            return HttpResponseRedirect(reverse("accounts_api_tokens"))
        if form.is_valid():
            try:
                token, created = tokens.create(
                    user=request.user, name=form.cleaned_data["name"], days=form.cleaned_data["days"]
                )
            except ValidationError as error:
                form.add_error(None, error)
                status = 400
            else:
                form = ApiTokenForm()
        else:
            status = 400
    listing = ApiToken.objects.filter(user=request.user)
    response = render(
        request,
        "accounts/api_tokens.html",
        {"form": form, "created": created, "tokens": listing, "form_attrs": {"form": form}},
        status=status,
    )
    response["Cache-Control"] = "no-store"
    return response


@require_http_methods(["GET", "POST"])
def invitations(request):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not request.user.has_perm("accounts.invite"):
        raise PermissionDenied(_("Solo la secretaría ejecutiva puede invitar."))
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            invitation = services.invite(
                email=form.cleaned_data["email"],
                kind=form.cleaned_data["kind"],
                institution=form.cleaned_data["institution"],
                actor=request.user,
                request=request,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Se envió la invitación a %(email)s.") % {"email": invitation.email})
            return HttpResponseRedirect(reverse("accounts_invitations"))
    sent = Invitation.objects.select_related("institution", "accepted_by", "invited_by")[:200]
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "accounts/invitations.html",
        {"form": form, "form_attrs": {"form": form}, "invitations": sent},
        status=status,
    )


@require_http_methods(["POST"])
def invitation_manage(request, pk, action):
    """The secretariat cancels a pending invitation or sends it again with a new link."""
    if not request.user.is_authenticated:
        return redirect_to_login(reverse("accounts_invitations"))
    if not request.user.has_perm("accounts.invite"):
        raise PermissionDenied(_("Solo la secretaría ejecutiva puede gestionar invitaciones."))
    invitation = get_object_or_404(Invitation, pk=pk)
    try:
        if action == "revoke":
            services.revoke(invitation=invitation, actor=request.user)
            messages.success(request, _("Se anuló la invitación a %(email)s.") % {"email": invitation.email})
        else:
            services.resend(invitation=invitation, actor=request.user, request=request)
            messages.success(request, _("Se reenvió la invitación a %(email)s.") % {"email": invitation.email})
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return HttpResponseRedirect(reverse("accounts_invitations"))


@require_http_methods(["GET", "POST"])
def invitation_accept(request, token):
    invitation = Invitation.objects.select_related("institution").by_token(token)
    user = request.user if request.user.is_authenticated else None
    try:
        services.check(invitation, user)
    except services.InvitationError as error:
        request.session.pop(PENDING_INVITATION, None)
        status = 404 if invitation is None else 410
        return render(request, "accounts/invitation_accept.html", {"error": str(error)}, status=status)

    context = {"invitation": invitation, "accept_path": request.path}
    if user is None:
        # Remember the invitation: once this browser signs in (or verifies a new account) it is accepted.
        request.session[PENDING_INVITATION] = invitation.pk
        return render(request, "accounts/invitation_accept.html", {**context, "state": "anonymous"})
    if invitation.is_accepted:
        return render(request, "accounts/invitation_accept.html", {**context, "state": "accepted"})
    if not services.email_matches(invitation, user):
        return render(request, "accounts/invitation_accept.html", {**context, "state": "other_email"}, status=403)
    if request.method == "POST":
        try:
            role = services.accept(invitation=invitation, user=user)
        except services.InvitationError as error:
            return render(request, "accounts/invitation_accept.html", {"error": str(error)}, status=410)
        request.session.pop(PENDING_INVITATION, None)
        messages.success(request, _("Listo: ahora tienes el rol «%(role)s».") % {"role": role})
        return HttpResponseRedirect(reverse("accounts_home"))
    return render(request, "accounts/invitation_accept.html", {**context, "state": "confirm"})


def accept_pending_invitation(sender, request, user, **kwargs) -> None:
    """On sign-in, accept the invitation this browser opened before, if it is for this person's email."""
    session = getattr(request, "session", None)
    pending = session.get(PENDING_INVITATION) if session is not None else None
    if not isinstance(pending, int):
        return
    invitation = Invitation.objects.filter(pk=pending).first()
    if invitation is None or not services.email_matches(invitation, user):
        return
    try:
        role = services.accept(invitation=invitation, user=user)
    except services.InvitationError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Aceptaste la invitación: ahora tienes el rol «%(role)s».") % {"role": role})
    session.pop(PENDING_INVITATION, None)
