from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def plan_index(request: HttpRequest) -> HttpResponse:
    return render(request, "plans/plan_index.html", {})


def plan_detail(request: HttpRequest, plan_slug: str) -> HttpResponse:
    return render(request, "plans/plan_detail.html", {})


def commitment_detail(request: HttpRequest, plan_slug: str, code: str) -> HttpResponse:
    return render(request, "plans/commitment_detail.html", {})
