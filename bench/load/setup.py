"""Load test set-up: 300 signed-in learners and a 30-question certification exam.

Each learner gets a session made on the server (as a login would make it), so the load test
measures the exam and not 300 password hashes; the sessions are written to
``$LOAD_WORK/sessions.json`` for the Locust users. Each scenario of a run (``$LOAD_BATCH``:
normal, fault, hog) has learners of its own; the exam is made once.
"""

import json
import os
import sys
from decimal import Decimal
from importlib import import_module
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import (  # noqa: E402
    BACKEND_SESSION_KEY,
    HASH_SESSION_KEY,
    SESSION_KEY,
    get_user_model,  # noqa: E402
)
from django.contrib.auth.models import Group  # noqa: E402

from exams.models import Choice, Question, QuestionCategory, Quiz, QuizDraw  # noqa: E402

SLUG = "load-certification"


def main() -> None:
    users = int(os.environ.get("LOAD_USERS", "300")) + 1  # + the warm-up learner
    batch = os.environ.get("LOAD_BATCH", "normal")
    work = Path(os.environ["LOAD_WORK"])
    learner_group, _ = Group.objects.get_or_create(name="Learner")
    User = get_user_model()
    accounts = User.objects.bulk_create(
        User(
            username=f"load-{batch}-{i:03d}",
            display_name=f"压测学员{i:03d}",
            employee_id=f"L-{batch}-{i:04d}",
            password="!",  # unusable: these learners never type a password
        )
        for i in range(users)
    )
    User.groups.through.objects.bulk_create(
        User.groups.through(user_id=u.pk, group_id=learner_group.pk) for u in accounts
    )
    store = import_module(settings.SESSION_ENGINE).SessionStore
    sessions = []
    for user in accounts:
        session = store()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        sessions.append({"username": user.username, "session": session.session_key})

    if not Quiz.objects.filter(slug=SLUG).exists():
        make_exam()
    warmup = sessions.pop()  # one learner warms the workers up before the test
    (work / "sessions.json").write_text(
        json.dumps({"slug": SLUG, "learners": sessions, "warmup": warmup})
    )
    print(
        f"  {users - 1} learners signed in (and one to warm up); "
        f"exam “{SLUG}”: 30 questions drawn from 60"
    )


def make_exam() -> None:
    root = QuestionCategory.objects.create(name="压测题库")
    quiz = Quiz.objects.create(
        title="压测认证考试",
        slug=SLUG,
        kind=Quiz.Kind.CERTIFICATION,
        draft=False,
        time_limit_minutes=45,
        attempts_allowed=2,
        pass_mark=Decimal("60"),
        layout=Quiz.Layout.ONE_PER_PAGE,
        shuffle_questions=True,
        shuffle_choices=True,
    )
    for module, count in enumerate([7, 7, 8, 8]):
        category = QuestionCategory.objects.create(name=f"模块{module + 1}", parent=root)
        questions = Question.objects.bulk_create(
            Question(
                category=category,
                kind=Question.Kind.MULTIPLE if i % 4 == 3 else Question.Kind.SINGLE,
                scoring=Question.Scoring.PARTIAL,
                text=f"模块{module + 1} 第 {i + 1} 题：售后工程师在这种情况下应当怎样做？",
                points=Decimal("2"),
                explanation="解析",
            )
            for i in range(count * 2)
        )
        Choice.objects.bulk_create(
            Choice(question=q, text=f"选项 {j + 1}", is_correct=j in (0, 2), sort_order=j)
            if q.kind == Question.Kind.MULTIPLE
            else Choice(question=q, text=f"选项 {j + 1}", is_correct=j == 0, sort_order=j)
            for q in questions
            for j in range(4)
        )
        QuizDraw.objects.create(quiz=quiz, category=category, count=count, sort_order=module)


if __name__ == "__main__":
    main()
