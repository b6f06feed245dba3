"""Telling people what happened: the one entry point other apps call.

Other apps call :func:`notify` inside their write transaction; the message is queued and sent by a
background job after the transaction commits, according to the person's preferences.
"""

from typing import Any

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from abierto.jobs import services as jobs
from abierto.notifications.models import Follow, Notification, Preference

UNSUBSCRIBE_SALT = "abierto.notifications.unsubscribe"
SEND_TASK = "notifications.send_notification"
DIGEST_TASK = "notifications.send_digest"


def notify(
    *,
    user: Any,
    kind: str,
    subject: str,
    body: str,
    url: str = "",
    dedupe_key: str = "",
    context: dict[str, Any] | None = None,
) -> Notification | None:
    """Queue a notification for ``user``.

    ``kind`` names the event ("report_returned", "report_published", "deadline_reminder",
    "milestone_overdue", "report_overdue", "commitment_update"); ``subject`` and ``body`` are plain text
    in the recipient's language; ``url`` is an absolute path on the site; ``dedupe_key`` makes the
    call idempotent (the same key is never sent twice to the same person).

    Returns the stored notification, or None when ``dedupe_key`` was already used for this person.
    The email goes out at once (through a job) or in the daily digest, or not at all, as the person
    chose; the notice is stored in every case.
    """
    if dedupe_key and Notification.objects.filter(user=user, dedupe_key=dedupe_key).exists():
        return None
    notification = Notification(
        user=user,
        kind=kind,
        subject=subject[:300],
        body=body,
        url=url,
        dedupe_key=dedupe_key,
        context=context or {},
    )
    try:
        with transaction.atomic():  # a savepoint: a lost race on the key leaves the caller's transaction usable
            notification.save()
    except IntegrityError:
        if dedupe_key:
            return None
        raise
    if frequency_for(user) == Preference.Frequency.IMMEDIATE and user.email:
        jobs.enqueue(SEND_TASK, {"notification_id": notification.pk}, dedupe_key=f"notification:{notification.pk}")
    return notification


def notify_many(messages: list[dict[str, Any]]) -> int:
    """Queue many notices at once, with the rules of :func:`notify` (keyword arguments per message).

    For the scheduled reminders, which may tell thousands of people at once: one query finds the keys already
    used, one insert per 500 notices stores the rest, and their emails are queued the same way. A concurrent
    writer that takes one of the keys in between makes that chunk fall back to :func:`notify`, one by one.
    Returns how many notices were stored."""
    fresh: dict[tuple[int, str], dict[str, Any]] = {}
    loose: list[dict[str, Any]] = []
    for message in messages:
        key = message.get("dedupe_key", "")
        if key:
            fresh.setdefault((message["user"].pk, key), message)
        else:
            loose.append(message)
    pairs = list(fresh)
    for start in range(0, len(pairs), 500):
        chunk = pairs[start : start + 500]
        taken = Notification.objects.filter(
            user_id__in={user_id for user_id, _key in chunk}, dedupe_key__in={key for _user, key in chunk}
        ).values_list("user_id", "dedupe_key")
        for pair in taken:
            fresh.pop(pair, None)
    pending = list(fresh.values()) + loose
    stored: list[Notification] = []
    for start in range(0, len(pending), 500):
        chunk = pending[start : start + 500]
        rows = [
            Notification(
                user=message["user"],
                kind=message["kind"],
                subject=message["subject"][:300],
                body=message["body"],
                url=message.get("url", ""),
                dedupe_key=message.get("dedupe_key", ""),
                context=message.get("context") or {},
            )
            for message in chunk
        ]
        try:
            with transaction.atomic():
                created = Notification.objects.bulk_create(rows)
        except IntegrityError:
            created = [notice for notice in (notify(**message) for message in chunk) if notice is not None]
            stored.extend(created)
            continue  # notify() queued their emails already
        stored.extend(created)
        jobs.enqueue_many(
            SEND_TASK,
            [
                ({"notification_id": notice.pk}, f"notification:{notice.pk}")
                for notice in created
                if frequency_for(notice.user) == Preference.Frequency.IMMEDIATE and notice.user.email
            ],
        )
    return len(stored)


def notify_followers(commitment: Any, *, exclude: Any = None, **message: Any) -> int:
    """``notify`` every follower of ``commitment`` ("commitment_update" unless ``kind`` is given).
    Returns how many notices were stored."""
    message.setdefault("kind", "commitment_update")
    message.setdefault("url", commitment.get_absolute_url())
    followers = Follow.objects.filter(commitment=commitment).select_related("user", "user__notification_preference")
    stored = 0
    for follow in followers:
        if exclude is not None and follow.user_id == exclude.pk:
            continue
        if notify(user=follow.user, **message) is not None:
            stored += 1
    return stored


# ---------------------------------------------------------------- preferences and follows


def frequency_for(user: Any) -> str:
    try:
        return user.notification_preference.frequency
    except Preference.DoesNotExist:
        return Preference.Frequency.IMMEDIATE


def set_frequency(user: Any, frequency: str) -> Preference:
    if frequency not in Preference.Frequency.values:
        raise ValueError(frequency)
    preference, _created = Preference.objects.update_or_create(user=user, defaults={"frequency": frequency})
    user.notification_preference = preference
    return preference


def follow(user: Any, commitment: Any) -> Follow:
    return Follow.objects.get_or_create(user=user, commitment=commitment)[0]


def unfollow(user: Any, commitment: Any) -> None:
    Follow.objects.filter(user=user, commitment=commitment).delete()


def is_following(user: Any, commitment: Any) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return Follow.objects.filter(user=user, commitment=commitment).exists()


# ---------------------------------------------------------------- unsubscribe links


def unsubscribe_token(user: Any) -> str:
    # No timestamp: the link in an old email keeps working, and the same person always gets the same link.
    return signing.Signer(salt=UNSUBSCRIBE_SALT).sign_object({"u": user.pk})


def user_id_from_token(token: str) -> int | None:
    """The person a token was made for, or None when it was not made by this site."""
    try:
        data = signing.Signer(salt=UNSUBSCRIBE_SALT).unsign_object(token)
    except (signing.BadSignature, ValueError):
        return None
    user_id = data.get("u") if isinstance(data, dict) else None
    return user_id if isinstance(user_id, int) else None


def absolute(path: str) -> str:
    if not path or path.startswith(("http://", "https://")):
        return path
    return settings.ABIERTO_SITE_URL + path


def unsubscribe_url(user: Any) -> str:
    return absolute(reverse("notifications:unsubscribe", kwargs={"token": unsubscribe_token(user)}))


# ---------------------------------------------------------------- emails


def _email(user: Any, subject: str, template: str, context: dict[str, Any]) -> EmailMultiAlternatives:
    unsubscribe = unsubscribe_url(user)
    context = {
        **context,
        "user": user,
        "site_name": settings.ABIERTO_SITE_NAME,
        "site_url": settings.ABIERTO_SITE_URL,
        "unsubscribe_url": unsubscribe,
        "preferences_url": absolute(reverse("notifications:preferences")),
    }
    with translation.override(settings.LANGUAGE_CODE):
        text = render_to_string(f"notifications/email/{template}.txt", context)
        html = render_to_string(f"notifications/email/{template}.html", context)
    message = EmailMultiAlternatives(
        subject=f"[{settings.ABIERTO_SITE_NAME}] {subject}",
        body=text,
        to=[user.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated",
        },
    )
    message.attach_alternative(html, "text/html")
    return message


def send_notification(notification_id: int) -> bool:
    """Email one notification now, if its person still wants immediate emails. Returns True if sent."""
    notification = (
        Notification.objects.select_related("user", "user__notification_preference")
        .filter(pk=notification_id, sent_at__isnull=True)
        .first()
    )
    if notification is None:
        return False
    user = notification.user
    if frequency_for(user) != Preference.Frequency.IMMEDIATE or not user.email or not user.is_active:
        return False  # the daily digest picks it up, or the person asked for no email
    message = _email(
        user,
        notification.subject,
        "message",
        {"notification": notification, "url": absolute(notification.url)},
    )
    message.send()
    Notification.objects.filter(pk=notification.pk, sent_at__isnull=True).update(sent_at=timezone.now())
    return True


def send_digest(user_id: int) -> bool:
    """One email with every unsent notice of a person who chose the daily digest."""
    preference = Preference.objects.select_related("user").filter(user_id=user_id).first()
    if preference is None or preference.frequency != Preference.Frequency.DAILY:
        return False
    user = preference.user
    if not user.email or not user.is_active:
        return False
    pending = list(Notification.objects.filter(user=user, sent_at__isnull=True).order_by("created_at", "id"))
    if not pending:
        return False
    items = [(n, absolute(n.url)) for n in pending]
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Resumen diario: %(count)s avisos") % {"count": len(pending)}
    _email(user, subject, "digest", {"items": items}).send()
    now = timezone.now()
    Notification.objects.filter(pk__in=[n.pk for n in pending], sent_at__isnull=True).update(sent_at=now, digest_at=now)
    return True


def queue_daily_digests(today: Any = None) -> int:
    """Queue one digest job per person on the daily digest who has unsent notices."""
    today = today or timezone.localdate()
    user_ids = (
        Notification.objects.filter(
            sent_at__isnull=True, user__notification_preference__frequency=Preference.Frequency.DAILY
        )
        .values_list("user_id", flat=True)
        .distinct()
    )
    queued = 0
    for user_id in user_ids:
        if jobs.enqueue(DIGEST_TASK, {"user_id": user_id}, dedupe_key=f"digest:{user_id}:{today.isoformat()}"):
            queued += 1
    return queued
