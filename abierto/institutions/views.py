from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def institution_index(request: HttpRequest) -> HttpResponse:
    return render(request, "institutions/institution_index.html", {})


def institution_detail(request: HttpRequest, slug: str) -> HttpResponse:
    return render(request, "institutions/institution_detail.html", {})
