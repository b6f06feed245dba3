"""Loads Chile's record (government, plans, roadmap, commitments, milestones, assessments) from the
data modules of this package, through the audited services.

Every row is found by its natural key and only written when a field differs, so a second run creates
nothing and records no audit event. The whole load is one transaction, with progress recomputed once
at the end (``services.bulk``).
"""

from collections import defaultdict
from typing import Any

from django.db import models, transaction
from django.utils.text import slugify

from abierto.assessments.models import Assessment
from abierto.audit import services as audit
from abierto.institutions.models import Government, Institution
from abierto.monitoring.models import ProgressReport
from abierto.plans import services
from abierto.plans.chile import ACTOR_LABEL, cl0046, cl0050, fourth_plan, sources
from abierto.plans.chile.institutions import INSTITUTIONS
from abierto.plans.chile.ogp_commitments import OGP_COMMITMENTS, PLAN_NUMBER_BY_YEAR, POLICY_AREAS, STARRED_PREFIX
from abierto.plans.chile.plans import GOVERNMENT, NATIONAL_PLANS, ROADMAP_PLAN
from abierto.plans.chile.roadmap import ACTIONS
from abierto.plans.models import ActionPlan, Commitment, CommitmentValue, Evidence, Milestone, PolicyArea

# The roadmap report's words for an activity's state, and what they mean for a milestone.
ROADMAP_STATUS = {
    "Completo": (Milestone.Status.COMPLETED, 100),
    "No iniciado": (Milestone.Status.NOT_STARTED, 0),
}

# Kinds of rows counted, in the order the summary shows them, with their Spanish names.
KINDS = {
    "government": "Gobiernos",
    "institution": "Instituciones",
    "policy_area": "Áreas de política",
    "plan": "Planes de acción",
    "commitment": "Compromisos y acciones",
    "milestone": "Hitos y actividades",
    "evidence": "Medios de verificación",
    "commitment_value": "Valores OGP de compromisos",
    "assessment": "Evaluaciones IRM",
    "progress_report": "Reportes de avance",
    "relation": "Vínculos (áreas, instituciones de apoyo)",
}
OUTCOMES = ("created", "updated", "unchanged")


class _Loader:
    def __init__(self) -> None:
        self.counts: dict[str, dict[str, int]] = {kind: dict.fromkeys(OUTCOMES, 0) for kind in KINDS}
        self.government: Government | None = None
        self._institutions: dict[str, Institution] = {}
        self._policy_areas: dict[str, PolicyArea] = {}
        self._plans: dict[int, ActionPlan] = {}
        self.commitments: dict[str, Commitment] = {}

    # Writing -------------------------------------------------------------------------------------

    def put(self, kind: str, instance: models.Model, fields: dict[str, Any]) -> models.Model:
        """Set ``fields`` on ``instance`` and save it through the services if it is new or changed."""
        is_new = instance.pk is None
        before = None if is_new else audit.snapshot(instance)
        for name, value in fields.items():
            setattr(instance, name, value)
        if is_new:
            outcome = "created"
        elif audit.snapshot(instance) != before:
            outcome = "updated"
        else:
            outcome = "unchanged"
        if outcome != "unchanged":
            services.save(instance, actor=None, actor_label=ACTOR_LABEL)
        self.counts[kind][outcome] += 1
        return instance

    def relate(self, instance: models.Model, field: str, values: list[models.Model]) -> None:
        """Replace a many-to-many field through the services when it differs."""
        current = set(getattr(instance, field).values_list("pk", flat=True))
        wanted = {value.pk for value in values}
        if current == wanted:
            outcome = "unchanged"
        else:
            outcome = "created" if not current else "updated"
            services.set_related(instance, field, values, actor=None, actor_label=ACTOR_LABEL)
        self.counts["relation"][outcome] += 1

    # Reference rows ------------------------------------------------------------------------------

    def load_government(self) -> None:
        government = Government.objects.filter(code=GOVERNMENT["code"]).first() or Government()
        self.government = self.put("government", government, GOVERNMENT)

    def institution(self, key: str) -> Institution:
        """The institution of ``INSTITUTIONS[key]``, reused by name (never duplicated)."""
        if key in self._institutions:
            return self._institutions[key]
        data = INSTITUTIONS[key]
        name = data["name"]
        institution = (
            Institution.objects.filter(government=self.government, name=name).first()
            or Institution.objects.filter(government__isnull=True, name=name).first()
        )
        fields: dict[str, Any] = {"government": self.government, "branch": data["branch"]}
        if data.get("acronym"):
            fields["acronym"] = data["acronym"]
        if institution is None:
            institution = Institution(name=name, slug=self._free_slug(name))
        self._institutions[key] = self.put("institution", institution, fields)
        return self._institutions[key]

    @staticmethod
    def _free_slug(name: str) -> str:
        base = slugify(name)[:120].rstrip("-")
        slug, n = base, 2
        while Institution.objects.filter(slug=slug).exists():
            suffix = f"-{n}"
            slug = f"{base[: 120 - len(suffix)].rstrip('-')}{suffix}"
            n += 1
        return slug

    def policy_area(self, name: str) -> PolicyArea:
        if name in self._policy_areas:
            return self._policy_areas[name]
        area = PolicyArea.objects.filter(name=name).first()
        if area is None:
            area = PolicyArea(name=name, slug=slugify(name))
        # The Spanish name is shared vocabulary: filled when missing, never overwritten.
        fields = {} if area.name_es else {"name_es": POLICY_AREAS[name]}
        self._policy_areas[name] = self.put("policy_area", area, fields)
        return self._policy_areas[name]

    # Plans ---------------------------------------------------------------------------------------

    def load_plans(self) -> None:
        for data in NATIONAL_PLANS:
            number = data["number"]
            slug = str(number)
            plan = (
                ActionPlan.objects.filter(government=self.government, kind=ActionPlan.Kind.NATIONAL, number=number)
                .order_by("pk")
                .first()
                or ActionPlan.objects.filter(slug=slug).first()
                or ActionPlan()
            )
            fields = {"government": self.government, "kind": ActionPlan.Kind.NATIONAL, "slug": slug, **data}
            self._plans[number] = self.put("plan", plan, fields)

    # The roadmap ---------------------------------------------------------------------------------

    def load_roadmap(self) -> None:
        plan = ActionPlan.objects.filter(slug=ROADMAP_PLAN["slug"]).first() or ActionPlan()
        fields = {"government": self.government, "kind": ActionPlan.Kind.ROADMAP, "number": None, **ROADMAP_PLAN}
        plan = self.put("plan", plan, fields)
        for position, action in enumerate(ACTIONS, start=1):
            responsibles = list(dict.fromkeys(activity["responsibles"] for activity in action["activities"]))
            commitment = Commitment.objects.filter(plan=plan, code=action["code"]).first() or Commitment()
            commitment = self.put(
                "commitment",
                commitment,
                {
                    "plan": plan,
                    "code": action["code"],
                    "number": action["code"],
                    "title": action["title"],
                    "horizon": action["horizon"],
                    "position": position,
                    "responsibles_text": "\n\n".join(responsibles),
                    "source": sources.ROADMAP_REPORT,
                },
            )
            self.relate(
                commitment, "supporting_institutions", [self.institution(key) for key in action["institutions"]]
            )
            for activity_position, activity in enumerate(action["activities"], start=1):
                status, percentage = ROADMAP_STATUS[activity["status"]]
                self.milestone(
                    commitment,
                    activity["code"],
                    {
                        "position": activity_position,
                        "description": activity["description"],
                        "responsibles_text": activity["responsibles"],
                        "progress_description": activity["progress_description"],
                        "duration_text": activity["duration"],
                        "status": status,
                        "progress": percentage,
                    },
                )

    def milestone(self, commitment: Commitment, code: str, fields: dict[str, Any]) -> Milestone:
        milestone = Milestone.objects.filter(commitment=commitment, code=code).first()
        if milestone is None:
            milestone = Milestone.objects.filter(commitment=commitment, code="", position=fields["position"]).first()
        return self.put("milestone", milestone or Milestone(), {"commitment": commitment, "code": code, **fields})

    # OGP commitments -----------------------------------------------------------------------------

    def load_commitments(self) -> None:
        enriched = {
            cl0046.OGP_ID: {**cl0046.COMMITMENT, "lead_institution": self.institution(cl0046.LEAD)},
            cl0050.OGP_ID: {**cl0050.COMMITMENT, "lead_institution": self.institution(cl0050.LEAD)},
        }
        for ogp_id, data in fourth_plan.COMMITMENTS.items():
            enriched[ogp_id] = {**data["fields"], "lead_institution": self.institution(data["lead"])}

        positions: dict[int, int] = defaultdict(int)
        for ogp_id, year, area, title_en in sorted(OGP_COMMITMENTS):
            plan = self._plans[PLAN_NUMBER_BY_YEAR[year]]
            positions[plan.number] += 1
            starred = title_en.startswith(STARRED_PREFIX)
            commitment = (
                Commitment.objects.filter(ogp_id=ogp_id).first()
                or Commitment.objects.filter(plan=plan, code=ogp_id).first()
                or Commitment()
            )
            fields = {
                "plan": plan,
                "code": ogp_id,
                "ogp_id": ogp_id,
                "title_en": title_en.removeprefix(STARRED_PREFIX),
                "year": year,
                "position": positions[plan.number],
                "source": sources.OGP_COMMITMENTS_PAGE,
                **enriched.get(ogp_id, {}),
            }
            commitment = self.put("commitment", commitment, fields)
            self.commitments[ogp_id] = commitment
            areas = cl0050.POLICY_AREAS if ogp_id == cl0050.OGP_ID else [area]
            self.relate(commitment, "policy_areas", [self.policy_area(name) for name in areas])
            if starred:
                self.assessment(commitment, {"irm_starred": True, "source": sources.OGP_COMMITMENTS_PAGE})

    def assessment(self, commitment: Commitment, fields: dict[str, Any]) -> Assessment:
        assessment = Assessment.objects.filter(commitment=commitment).first() or Assessment()
        return self.put("assessment", assessment, {"commitment": commitment, **fields})

    # Enrichment from the templates and the IRM -------------------------------------------------

    def load_cl0046(self) -> None:
        commitment = self.commitments[cl0046.OGP_ID]
        self.relate(commitment, "supporting_institutions", [self.institution(key) for key in cl0046.SUPPORTING])
        data = cl0046.PROGRESS_REPORT
        report = (
            ProgressReport.objects.filter(commitment=commitment, period_label=data["period_label"]).first()
            or ProgressReport()
        )
        self.put("progress_report", report, {"commitment": commitment, **data})

    def load_cl0050(self) -> None:
        commitment = self.commitments[cl0050.OGP_ID]
        self.relate(commitment, "supporting_institutions", [self.institution(key) for key in cl0050.SUPPORTING])
        for value in cl0050.VALUES:
            row = CommitmentValue.objects.filter(commitment=commitment, value=value).first() or CommitmentValue()
            self.put("commitment_value", row, {"commitment": commitment, "value": value})
        milestones = {}
        for position, data in enumerate(cl0050.MILESTONES, start=1):
            fields = {key: value for key, value in data.items() if key != "code"}
            milestones[data["code"]] = self.milestone(commitment, data["code"], {"position": position, **fields})
        for data in cl0050.EVIDENCE:
            evidence = Evidence.objects.filter(commitment=commitment, url=data["url"]).first() or Evidence()
            fields = {key: value for key, value in data.items() if key != "milestone"}
            self.put(
                "evidence",
                evidence,
                {"commitment": commitment, "milestone": milestones[data["milestone"]], **fields},
            )
        self.assessment(commitment, cl0050.ASSESSMENT)

    def load_fourth_plan_examples(self) -> None:
        for ogp_id, data in fourth_plan.COMMITMENTS.items():
            commitment = self.commitments[ogp_id]
            self.relate(commitment, "supporting_institutions", [self.institution(key) for key in data["supporting"]])


def load_chile(*, stdout=None) -> dict[str, dict[str, int]]:
    """Load (or bring up to date) Chile's record; returns {kind: {created, updated, unchanged}}."""
    loader = _Loader()
    with transaction.atomic(), services.bulk():
        loader.load_government()
        loader.load_plans()
        loader.load_roadmap()
        loader.load_commitments()
        loader.load_cl0046()
        loader.load_cl0050()
        loader.load_fourth_plan_examples()
    if stdout is not None:
        for line in summary_lines(loader.counts):
            stdout.write(line)
    return loader.counts


def summary_lines(counts: dict[str, dict[str, int]]) -> list[str]:
    """The counts as short Spanish lines, one per kind of row."""
    lines = []
    for kind, label in KINDS.items():
        row = counts[kind]
        lines.append(
            f"{label}: {row['created']} creados, {row['updated']} actualizados, {row['unchanged']} sin cambios"
        )
    return lines
