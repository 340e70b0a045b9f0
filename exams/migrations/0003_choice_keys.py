"""Opaque choice keys (issue 12): a choice's key in an attempt is random, not the bank's id.

Besides the new fields, ``rewrite_choice_keys`` rewrites every existing snapshot that was keyed
by bank choice ids: each choice of each attempt gets a random key (unique in its attempt), and
``choices``, ``correct`` and the stored ``response`` are rewritten with the same mapping, so old
attempts review and grade exactly as before; ``choice_refs`` keeps the bank ids for item
analysis. True/false keys ("true"/"false") stay. Rows that already have ``choice_refs`` are
left alone, so running it twice changes nothing. See docs/decisions/0200.
"""

import secrets

from django.db import migrations, models

CHOICE_KINDS = ("single", "multiple")
BATCH = 500


def _new_key(taken: set[str]) -> str:
    while True:
        key = secrets.token_urlsafe(12)
        if key not in taken and key not in ("true", "false"):
            taken.add(key)
            return key


def rewrite_choice_keys(apps, schema_editor):
    AttemptQuestion = apps.get_model("exams", "AttemptQuestion")
    rows = (
        AttemptQuestion.objects.filter(kind__in=CHOICE_KINDS, choice_refs={})
        .order_by("attempt_id", "position")
        .only("pk", "attempt_id", "choices", "correct", "response", "choice_refs")
    )
    batch, attempt_id, taken = [], None, set()
    for aq in rows.iterator(chunk_size=2000):
        if not aq.choices:
            continue
        if aq.attempt_id != attempt_id:
            attempt_id, taken = aq.attempt_id, set()
        new = {choice["key"]: _new_key(taken) for choice in aq.choices}
        aq.choice_refs = {new[old]: int(old) if str(old).isdigit() else old for old in new}
        aq.choices = [{**choice, "key": new[choice["key"]]} for choice in aq.choices]
        aq.correct = [new.get(key, key) for key in aq.correct]
        aq.response = [new.get(key, key) for key in aq.response or []]
        batch.append(aq)
        if len(batch) >= BATCH:
            AttemptQuestion.objects.bulk_update(
                batch, ["choices", "correct", "response", "choice_refs"]
            )
            batch = []
    if batch:
        AttemptQuestion.objects.bulk_update(
            batch, ["choices", "correct", "response", "choice_refs"]
        )


def restore_id_keys(apps, schema_editor):
    """Backwards: key every choice by its bank id again (as before this migration)."""
    AttemptQuestion = apps.get_model("exams", "AttemptQuestion")
    rows = (
        AttemptQuestion.objects.filter(kind__in=CHOICE_KINDS)
        .exclude(choice_refs={})
        .only("pk", "choices", "correct", "response", "choice_refs")
    )
    batch = []
    for aq in rows.iterator(chunk_size=2000):
        old = {key: str(ref) for key, ref in aq.choice_refs.items()}
        aq.choices = [
            {**choice, "key": old.get(choice["key"], choice["key"])} for choice in aq.choices
        ]
        aq.correct = [old.get(key, key) for key in aq.correct]
        aq.response = [old.get(key, key) for key in aq.response or []]
        aq.choice_refs = {}
        batch.append(aq)
        if len(batch) >= BATCH:
            AttemptQuestion.objects.bulk_update(
                batch, ["choices", "correct", "response", "choice_refs"]
            )
            batch = []
    if batch:
        AttemptQuestion.objects.bulk_update(
            batch, ["choices", "correct", "response", "choice_refs"]
        )


class Migration(migrations.Migration):
    dependencies = [
        ("exams", "0002_casemarkscore_ordering_by_mark_id"),
    ]

    operations = [
        migrations.AddField(
            model_name="attemptquestion",
            name="choice_refs",
            field=models.JSONField(blank=True, default=dict),
        ),
        migrations.AddField(
            model_name="question",
            name="keep_choice_order",
            field=models.BooleanField(
                default=False,
                help_text=(
                    "Show the choices in the order written here, never shuffled: only for "
                    "choices that refer to each other, such as “all of the above”. Write the "
                    "right answer in no particular place."
                ),
                verbose_name="keep the choice order",
            ),
        ),
        migrations.AlterField(
            model_name="quiz",
            name="shuffle_choices",
            field=models.BooleanField(
                default=True,
                help_text=(
                    "Certification exams always shuffle choices, except those of questions "
                    "that keep their choice order."
                ),
                verbose_name="shuffle choices",
            ),
        ),
        migrations.RunPython(rewrite_choice_keys, restore_id_keys),
    ]
