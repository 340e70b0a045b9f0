import pytest
from django.contrib.auth.models import Group

from lms import roles
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_four_role_groups_exist_after_migrate():
    names = set(Group.objects.values_list("name", flat=True))
    assert {"Learner", "Trainer", "Assessor", "Administrator"} <= names


def test_wagtails_default_groups_are_removed_unless_someone_is_in_them(learner):
    assert not Group.objects.filter(name__in=["Editors", "Moderators"]).exists()
    editors = Group.objects.create(name="Editors")
    Group.objects.create(name="Moderators")
    editors.user_set.add(learner)
    roles.sync_role_permissions()
    assert list(Group.objects.filter(name__in=["Editors", "Moderators"])) == [editors]


def test_trainers_and_assessors_may_open_the_cms_and_learners_may_not(learner, trainer, assessor):
    assert trainer.has_perm("wagtailadmin.access_admin")
    assert assessor.has_perm("wagtailadmin.access_admin")
    assert not learner.has_perm("wagtailadmin.access_admin")


def test_administrators_hold_every_permission(administrator):
    assert administrator.has_perm("lms.delete_user")
    assert administrator.has_perm("auth.change_group")


def test_collection_permissions_are_granted_on_the_root_collection(administrator, assessor):
    """Wagtail checks images and documents per collection, not by the group's permissions."""
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.permissions import policy_registry

    documents = policy_registry.get_by_type(get_document_model())
    images = policy_registry.get_by_type(get_image_model())

    for action in ["add", "change", "choose", "delete"]:
        assert images.user_has_permission(administrator, action)
        assert documents.user_has_permission(administrator, action)
    declared = roles.declared_role_collection_permissions()
    assert "wagtailimages.choose_image" in declared["Assessor"]
    assert images.user_has_permission(assessor, "choose")


def test_syncing_collection_permissions_again_adds_nothing():
    from wagtail.models import GroupCollectionPermission

    count = GroupCollectionPermission.objects.count()
    roles.sync_role_permissions()
    assert GroupCollectionPermission.objects.count() == count


@pytest.mark.parametrize(
    ("fixture", "landing"),
    [
        ("learner", "/dashboard/learner/"),
        ("trainer", "/dashboard/trainer/"),
        ("assessor", "/dashboard/assessor/"),
        ("administrator", "/dashboard/assessor/"),
    ],
)
def test_home_lands_on_the_dashboard_of_the_role(client, request, fixture, landing):
    client.force_login(request.getfixturevalue(fixture))
    response = client.get("/")
    assert response.status_code == 302
    assert response.url == landing
    assert client.get(landing).status_code == 200


def test_a_learner_cannot_open_the_assessor_or_trainer_dashboard(learner_client):
    assert learner_client.get("/dashboard/assessor/").status_code == 404
    assert learner_client.get("/dashboard/trainer/").status_code == 404


def test_anonymous_visitors_are_sent_to_login(client):
    response = client.get("/dashboard/learner/")
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


def test_a_user_without_role_is_told_so(client):
    client.force_login(UserFactory(username="norole"))
    response = client.get("/")
    assert response.status_code == 200
    assert "还没有角色" in response.content.decode()


def test_navigation_depends_on_the_role(client, learner, assessor):
    client.force_login(learner)
    page = client.get("/dashboard/learner/").content.decode()
    assert "/cms/" not in page
    client.force_login(assessor)
    page = client.get("/dashboard/assessor/").content.decode()
    assert "/cms/" in page


def test_administrator_sees_every_dashboard(administrator):
    assert roles.dashboards_for(administrator) == ["assessor", "trainer", "manager", "learner"]


def test_django_admin_is_not_exposed(client, administrator):
    client.force_login(administrator)
    assert client.get("/admin/").status_code == 404
