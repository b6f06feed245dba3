"""Every list of the back office opens without an error: for a superuser, all of them; for the secretariat,
those its role gives (others answer 403, never an error); for a participant, none."""

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model

MODELS = sorted(
    f"{model._meta.app_label}/{model._meta.model_name}"
    for model in admin.site._registry
    if model.__module__.startswith("abierto.")
)


@pytest.fixture
def superuser_client(client, db):
    user = get_user_model().objects.create_superuser(username="raiz", email="raiz@example.cl", password="x")
    client.force_login(user)
    return client


@pytest.mark.parametrize("path", MODELS)
def test_a_superuser_opens_every_list(superuser_client, path):
    assert superuser_client.get(f"/admin/{path}/").status_code == 200


def test_the_secretariat_opens_its_lists_and_is_refused_the_others(secretariat_client):
    answers = {path: secretariat_client.get(f"/admin/{path}/").status_code for path in MODELS}
    assert set(answers.values()) <= {200, 403}
    for path in ("cocreation/proposal", "consultation/consultationcomment", "plans/commitment"):
        assert answers[path] == 200, path


def test_a_participant_opens_none(client, participant):
    client.force_login(participant)
    for path in MODELS:
        assert client.get(f"/admin/{path}/").status_code in (302, 403), path
