"""Reads whose SQL Django compiles once per process (decision 0905).

Django builds a query's SQL anew each time it runs. For the exam's reads, which run on every
question page and answer save, that costs the app server more CPU than the database spends
answering them: 0.7 ms to read an attempt with its quiz (seventy columns), 0.3 ms for a user.
A ``PreparedRead`` is made from a function that returns the queryset for given integer ids. Its
first run compiles that queryset with stand-in ids; every later run sends the same SQL with the
real ids in the stand-ins' places and makes of the rows what the queryset would have made: model
instances (with their ``select_related`` objects) or ``values_list`` tuples.

Only for querysets whose SQL does not depend on the ids' values (``filter(pk=…, user_id=…)``):
each stand-in must reach the SQL's parameters unchanged, which compiling checks.

A ``PreparedUpdate`` is the same for the autosave's writes: ``UPDATE`` of some plain columns of
one row by its primary key, the statement ``filter(pk=pk).update(**values)`` sends, written once.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import QuerySet
from django.db.models.query import (
    ModelIterable,
    RelatedPopulator,
    ValuesListIterable,
    get_related_populators,
)
from django.db.transaction import TransactionManagementError

# Stand-ins for the ids while compiling, never sent: values every integer column accepts (Django
# leaves a value out of a column's range out of the SQL altogether) and no query's constant is
# likely to equal (one that does is refused when compiling, as an id appearing twice).
STAND_INS = (32_749, 32_719, 32_717, 32_713)


@dataclass(frozen=True)
class _Plan:
    sql: str
    params: tuple
    slots: tuple[tuple[int, int], ...]  # (index among the parameters, index of the argument)
    kinds: tuple[str, ...]  # each argument's column type, for its range of values
    converters: tuple  # (column, converters, expression) as Django's compiler applies them
    for_update: bool
    model: type | None  # None: values_list tuples
    columns: tuple[int, int, list[str]] = (0, 0, [])  # the model's columns and their attnames
    populators: tuple[RelatedPopulator, ...] = ()


class PreparedRead:
    """``PreparedRead(lambda pk, user_id: Model.objects.filter(pk=pk, user_id=user_id))``;
    ``read.all(pk, user_id)`` is what ``list(queryset)`` would be, ``read.first(…)`` its first
    item or None."""

    def __init__(self, build: Callable[..., QuerySet]):
        self._build = build
        self._plans: dict[str, _Plan] = {}

    def all(self, *ids: int, using: str = DEFAULT_DB_ALIAS) -> list:
        plan = self._plans.get(using) or self._compile(len(ids), using)
        connection = connections[using]
        if plan.for_update and connection.get_autocommit():  # Django's check
            raise TransactionManagementError(
                "select_for_update cannot be used outside of a transaction."
            )
        ids = [int(value) for value in ids]
        if not all(map(_in_range, ids, plan.kinds, itertools.repeat(connection))):
            return []  # no row has an id its column cannot hold (Django's rule too)
        params = list(plan.params)
        for index, argument in plan.slots:
            params[index] = type(params[index])(ids[argument])
        with connection.cursor() as cursor:
            cursor.execute(plan.sql, params)
            rows = cursor.fetchall()
        if plan.converters:
            rows = _converted(rows, plan.converters, connection)
        if plan.model is None:
            return [tuple(row) for row in rows]
        return [_instance(plan, row, using) for row in rows]

    def first(self, *ids: int, using: str = DEFAULT_DB_ALIAS):
        found = self.all(*ids, using=using)
        return found[0] if found else None

    def _compile(self, arguments: int, using: str) -> _Plan:
        stand_ins = STAND_INS[:arguments]
        queryset = self._build(*stand_ins)
        models = queryset._iterable_class is ModelIterable
        if not models and queryset._iterable_class is not ValuesListIterable:
            raise TypeError("a PreparedRead reads model instances or values_list tuples")
        if queryset._known_related_objects or queryset._prefetch_related_lookups:
            raise TypeError("a PreparedRead is made from a model's manager, without prefetching")
        compiler = queryset.query.get_compiler(using=using)
        sql, params = compiler.as_sql()
        slots = tuple(
            (index, stand_ins.index(param))
            for index, param in enumerate(params)
            # An int, or psycopg's Int4 that Django sends with server-side binding.
            if isinstance(param, int) and not isinstance(param, bool) and param in stand_ins
        )
        if sorted(argument for _, argument in slots) != list(range(arguments)):
            raise ValueError("each id must appear once among the query's parameters, unchanged")
        if models and compiler.annotation_col_map:
            raise TypeError("a PreparedRead of model instances takes no annotations")
        select = compiler.select
        fields = [column[0] for column in select[0 : compiler.col_count]]
        plan = {
            "sql": sql,
            "params": tuple(params),
            "slots": slots,
            "kinds": _column_kinds(queryset.query.where, stand_ins),
            "converters": tuple(
                (position, converters, expression)
                for position, (converters, expression) in compiler.get_converters(fields).items()
            ),
            "for_update": queryset.query.select_for_update
            and connections[using].features.has_select_for_update,
            "model": None,
        }
        if models:
            info = compiler.klass_info
            start, end = info["select_fields"][0], info["select_fields"][-1] + 1
            attnames = [column[0].target.attname for column in select[start:end]]
            populators = tuple(get_related_populators(info, select, using))
            plan.update(model=info["model"], columns=(start, end, attnames), populators=populators)
        self._plans[using] = _Plan(**plan)
        return self._plans[using]


def _column_kinds(where, stand_ins: tuple[int, ...]) -> tuple[str, ...]:
    """The type of the column each stand-in is compared with (``pk=`` → ``BigAutoField``)."""
    kinds: dict[int, str] = {}
    pending = list(where.children)
    while pending:
        node = pending.pop()
        if hasattr(node, "children"):
            pending.extend(node.children)
        elif isinstance(getattr(node, "rhs", None), int) and node.rhs in stand_ins:
            field = node.lhs.output_field
            kinds[node.rhs] = getattr(field, "target_field", field).get_internal_type()
    if len(kinds) != len(stand_ins):
        raise ValueError("each id must be compared with a column: filter(column=id)")
    return tuple(kinds[stand_in] for stand_in in stand_ins)


def _in_range(value: int, kind: str, connection) -> bool:
    try:
        low, high = connection.ops.integer_field_range(kind)
    except KeyError:  # not an integer column
        return True
    return (low is None or value >= low) and (high is None or value <= high)


def _converted(rows: Iterable, converters: tuple, connection) -> list[list]:
    """``rows`` with Django's converters applied (``SQLCompiler.apply_converters``), given the
    connection of this thread rather than the one the query was compiled on."""
    converted = []
    for row in rows:
        row = list(row)
        for position, functions, expression in converters:
            value = row[position]
            for function in functions:
                value = function(value, expression, connection)
            row[position] = value
        converted.append(row)
    return converted


def _instance(plan: _Plan, row, using: str):
    """A model instance of ``row``, with its ``select_related`` objects (``ModelIterable``)."""
    start, end, attnames = plan.columns
    instance = plan.model.from_db(using, attnames, row[start:end])
    for populator in plan.populators:
        populator.populate(row, instance)
    return instance


class PreparedUpdate:
    """``PreparedUpdate(Model, ["a", "b"]).run(pk, a=…, b=…)`` does what
    ``Model.objects.filter(pk=pk).update(a=…, b=…)`` does, for plain values of plain columns
    (no expressions; ``None`` is NULL), and returns the rows it changed (0 or 1)."""

    def __init__(self, model, fields: Iterable[str]):
        self._model = model
        self._fields = tuple(model._meta.get_field(name) for name in fields)
        if any(
            not field.concrete or field.primary_key or hasattr(field, "get_placeholder")
            for field in self._fields
        ):
            raise TypeError("a PreparedUpdate writes a model's plain columns")
        self._sql: dict[str, str] = {}

    def run(self, pk: int, *, using: str = DEFAULT_DB_ALIAS, **values) -> int:
        if values.keys() != {field.name for field in self._fields}:
            raise TypeError(f"a value for each of {[f.name for f in self._fields]}, no other")
        if any(hasattr(value, "resolve_expression") for value in values.values()):
            raise TypeError("a PreparedUpdate writes values, not expressions")
        connection = connections[using]
        pk_field = self._model._meta.pk
        if not _in_range(int(pk), pk_field.get_internal_type(), connection):
            return 0  # no row has it
        params = [field.get_db_prep_save(values[field.name], connection) for field in self._fields]
        params.append(pk_field.get_db_prep_value(int(pk), connection))
        with connection.cursor() as cursor:
            cursor.execute(self._sql.get(using) or self._statement(connection), params)
            return cursor.rowcount

    def _statement(self, connection) -> str:
        sql = update_sql(self._model, [field.name for field in self._fields], connection)
        self._sql[connection.alias] = sql
        return sql


def update_sql(model, fields: Iterable[str], connection) -> str:
    """``UPDATE table SET a = %s, … WHERE id = %s``: ``model``'s columns ``fields`` of one row by
    its primary key, the values (prepared for the database) then the key as parameters."""
    quote = connection.ops.quote_name
    meta = model._meta
    columns = ", ".join(f"{quote(meta.get_field(name).column)} = %s" for name in fields)
    # Only the model's own names, quoted, go into the text; the values are parameters.
    return f"UPDATE {quote(meta.db_table)} SET {columns} WHERE {quote(meta.pk.column)} = %s"  # noqa: S608
