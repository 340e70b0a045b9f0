import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


def test_refuses_with_debug_off_unless_forced(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("load_demo_data")


def test_creates_the_demo_accounts_and_is_idempotent(settings):
    settings.DEBUG = True
    call_command("load_demo_data", verbosity=0)
    User = get_user_model()
    count = User.objects.count()
    call_command("load_demo_data", verbosity=0)
    assert User.objects.count() == count

    for username in ["admin", "trainer", "trainer2", "assessor"]:
        assert User.objects.get(username=username).check_password("demo-2026")
    learners = User.objects.filter(groups__name="Learner").order_by("employee_id")
    assert [u.employee_id for u in learners] == [f"E{1001 + i}" for i in range(12)]
    first = learners[0]
    assert (first.username, first.display_name) == ("learner", "王小明")
    assert all(u.region and u.hire_date and u.display_name for u in learners)
    assert len({u.display_name for u in learners}) == 12
    assert User.objects.get(username="admin").is_superuser


def test_password_option_sets_every_demo_password():
    call_command("load_demo_data", "--force", "--password", "another-pass-9", verbosity=0)
    User = get_user_model()
    assert User.objects.get(username="learner07").check_password("another-pass-9")
    assert User.objects.get(username="assessor").check_password("another-pass-9")
