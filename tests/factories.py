"""factory_boy factories shared by the whole suite."""

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from lms import roles

PASSWORD = "correct-horse-battery"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n:04d}")
    display_name = factory.Sequence(lambda n: f"测试用户{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.com")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    role = factory.PostGeneration(lambda user, create, extracted, **kw: _add_role(user, extracted))


def _add_role(user, group_name):
    if group_name:
        user.groups.add(Group.objects.get_or_create(name=group_name)[0])
    user.save()


def _role_hook(default):
    return factory.PostGeneration(
        lambda user, create, extracted, **kw: _add_role(user, extracted or default)
    )


class LearnerFactory(UserFactory):
    employee_id = factory.Sequence(lambda n: f"E{5000 + n}")
    region = "华东·上海"
    department = "售后服务部"
    role = _role_hook(roles.LEARNER)


class TrainerFactory(UserFactory):
    role = _role_hook(roles.TRAINER)


class AssessorFactory(UserFactory):
    role = _role_hook(roles.ASSESSOR)


class AdministratorFactory(UserFactory):
    role = _role_hook(roles.ADMINISTRATOR)


def signed_in(user, *, language: str = "en"):
    """A test client signed in as ``user``, reading pages in ``language``."""
    from django.test import Client

    client = Client()
    client.force_login(user)
    client.cookies["lms_language"] = language
    return client
