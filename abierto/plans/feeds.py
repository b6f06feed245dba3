"""Atom feeds of a plan's and a commitment's public history: every recorded change (the audit
log) and every published progress report, newest first. A fixed number of queries per feed."""

import datetime
from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

from abierto.audit.models import AuditEvent
from abierto.plans import selectors
from abierto.plans.models import ActionPlan, Commitment

FEED_LIMIT = 50


@dataclass
class Entry:
    guid: str
    title: str
    description: str
    link: str
    date: datetime.datetime
    author: str = ""


def _published_reports():
    """Published progress reports, if the monitoring app has them; None otherwise."""
    try:
        from abierto.monitoring.models import ProgressReport
    except ImportError:
        return None
    reports = ProgressReport.objects.filter(published_on__isnull=False)
    status = getattr(ProgressReport, "Status", None)
    if status is not None and hasattr(status, "PUBLISHED"):
        reports = reports.filter(status=status.PUBLISHED)
    return reports


def _changes_html(changes: dict) -> str:
    if not isinstance(changes, dict) or not changes:
        return ""
    rows = []
    for name, values in changes.items():
        if isinstance(values, list) and len(values) == 2:
            rows.append((name, values[0] if values[0] not in (None, "") else "—", values[1] or "—"))
        else:
            rows.append((name, "—", values))
    return format_html("<ul>{}</ul>", format_html_join("", "<li>{}: {} → {}</li>", rows))


def _event_entry(event: AuditEvent, link: str) -> Entry:
    return Entry(
        guid=f"urn:abierto:audit:{event.pk}",
        title=f"{event.actor_label} {event.get_action_display()} {event.object_repr}",
        description=_changes_html(event.changes),
        link=f"{link}#historial-{event.pk}",
        date=event.created_at,
        author=event.actor_label,
    )


def _report_entry(report, commitment: Commitment) -> Entry:
    published = datetime.datetime.combine(report.published_on, datetime.time(), tzinfo=timezone.get_current_timezone())
    summary = report.results_description or report.next_steps
    return Entry(
        guid=f"urn:abierto:progress-report:{report.pk}",
        title=_("Reporte de avance publicado: %(code)s · %(period)s")
        % {"code": commitment.code, "period": report.period_label},
        description=format_html(
            "<p>{}: {}</p>{}",
            _("Cumplimiento autorreportado"),
            report.get_completion_display(),
            format_html("<p>{}</p>", summary) if summary else "",
        ),
        link=f"{commitment.get_absolute_url()}#reporte-{report.pk}",
        date=published,
        author=commitment.lead_institution.name if commitment.lead_institution_id else "",
    )


def _newest(entries: list[Entry]) -> list[Entry]:
    return sorted(entries, key=lambda entry: entry.date, reverse=True)[:FEED_LIMIT]


class _HistoryFeed(Feed):
    feed_type = Atom1Feed

    def items(self, obj) -> list[Entry]:
        return obj.feed_entries

    def item_title(self, item: Entry) -> str:
        return item.title

    def item_description(self, item: Entry) -> str:
        return item.description

    def item_link(self, item: Entry) -> str:
        return item.link

    def item_guid(self, item: Entry) -> str:
        return item.guid

    item_guid_is_permalink = False

    def item_pubdate(self, item: Entry) -> datetime.datetime:
        return item.date

    def item_updateddate(self, item: Entry) -> datetime.datetime:
        return item.date

    def item_author_name(self, item: Entry) -> str:
        return item.author


class PlanFeed(_HistoryFeed):
    def get_object(self, request, plan_slug: str) -> ActionPlan:
        plan = selectors.plan_by_slug(plan_slug)
        events = AuditEvent.objects.filter(plan=plan).select_related("commitment").order_by("-created_at", "-id")
        entries = []
        for event in events[:FEED_LIMIT]:
            link = plan.get_absolute_url()
            if event.commitment is not None:
                event.commitment.plan = plan
                link = event.commitment.get_absolute_url()
            entries.append(_event_entry(event, link))
        reports = _published_reports()
        if reports is not None:
            reports = reports.filter(commitment__plan=plan).select_related("commitment__lead_institution")
            for report in reports.order_by("-published_on", "-id")[:FEED_LIMIT]:
                report.commitment.plan = plan
                entries.append(_report_entry(report, report.commitment))
        plan.feed_entries = _newest(entries)
        return plan

    def title(self, plan: ActionPlan) -> str:
        return _("Historial público: %(plan)s") % {"plan": plan.title}

    def subtitle(self, plan: ActionPlan) -> str:
        return _("Cambios registrados y reportes de avance publicados del plan %(plan)s.") % {"plan": plan.title}

    def link(self, plan: ActionPlan) -> str:
        return plan.get_absolute_url()


class CommitmentFeed(_HistoryFeed):
    def get_object(self, request, plan_slug: str, code: str) -> Commitment:
        plan = selectors.plan_by_slug(plan_slug)
        commitment = Commitment.objects.select_related("lead_institution").filter(plan=plan, code=code).first()
        if commitment is None:
            raise Http404(_("No existe un compromiso con ese código en este plan."))
        commitment.plan = plan
        link = commitment.get_absolute_url()
        events = AuditEvent.objects.filter(commitment=commitment).order_by("-created_at", "-id")
        entries = [_event_entry(event, link) for event in events[:FEED_LIMIT]]
        reports = _published_reports()
        if reports is not None:
            for report in reports.filter(commitment=commitment).order_by("-published_on", "-id")[:FEED_LIMIT]:
                entries.append(_report_entry(report, commitment))
        commitment.feed_entries = _newest(entries)
        return commitment

    def title(self, commitment: Commitment) -> str:
        return _("Historial público del compromiso %(code)s · %(title)s") % {
            "code": commitment.code,
            "title": commitment.display_title,
        }

    def subtitle(self, commitment: Commitment) -> str:
        return _("Cambios registrados y reportes de avance publicados del compromiso %(code)s.") % {
            "code": commitment.code
        }

    def link(self, commitment: Commitment) -> str:
        return commitment.get_absolute_url()
