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


def _remap(aq, mapping: dict, choice_refs: dict) -> None:
    """Rename the keys of ``aq``'s snapshot and answer with ``mapping`` (old key -> new key)."""
    aq.choices = [
        {**choice, "key": mapping.get(choice["key"], choice["key"])} for choice in aq.choices
    ]
    aq.correct = [mapping.get(key, key) for key in aq.correct]
    aq.response = [mapping.get(key, key) for key in aq.response or []]
    aq.choice_refs = choice_refs


def _save_in_batches(AttemptQuestion, rows) -> None:
    batch = []
    for aq in rows:
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


def rewrite_choice_keys(apps, schema_editor):
    AttemptQuestion = apps.get_model("exams", "AttemptQuestion")
    rows = (
        AttemptQuestion.objects.filter(kind__in=CHOICE_KINDS, choice_refs={})
        .order_by("attempt_id", "position")
        .only("pk", "attempt_id", "choices", "correct", "response", "choice_refs")
    )

    def rewritten():
        attempt_id, taken = None, set()
        for aq in rows.iterator(chunk_size=2000):
            if not aq.choices:
                continue
            if aq.attempt_id != attempt_id:
                attempt_id, taken = aq.attempt_id, set()
            new = {choice["key"]: _new_key(taken) for choice in aq.choices}
            refs = {new[old]: int(old) if str(old).isdigit() else old for old in new}
            _remap(aq, new, refs)
            yield aq

    _save_in_batches(AttemptQuestion, rewritten())


def restore_id_keys(apps, schema_editor):
    """Backwards: key every choice by its bank id again (as before this migration)."""
    AttemptQuestion = apps.get_model("exams", "AttemptQuestion")
    rows = (
        AttemptQuestion.objects.filter(kind__in=CHOICE_KINDS)
        .exclude(choice_refs={})
        .only("pk", "choices", "correct", "response", "choice_refs")
    )

    def restored():
        for aq in rows.iterator(chunk_size=2000):
            _remap(aq, {key: str(ref) for key, ref in aq.choice_refs.items()}, {})
            yield aq

    _save_in_batches(AttemptQuestion, restored())


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
