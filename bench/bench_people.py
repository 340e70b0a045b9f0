"""The HR roster import (issue 15): 20,000 rows in under 30 s and 300 MB.

The roster is a GBK CSV as Chinese Excel saves it, with Chinese headers, 20,000 people in 60
stations under 6 regions, each with a manager. The first import creates everyone; the second,
with every tenth person moved, updates them. Memory is the process's peak RSS (sampled by
``PeakRss``) during the import.
"""

import io
import os
import tempfile
import time

import psutil
from django.core.management import call_command

from bench.common import PeakRss, report

ROWS = 20_000


def roster(moved: bool = False) -> bytes:
    lines = ["工号,姓名,部门,岗位,主管工号,入职日期,邮箱,手机,状态,角色"]
    for n in range(ROWS):
        station = (n + (1 if moved and n % 10 == 0 else 0)) % 60
        department = f"售后服务部/大区{station % 6}/站点{station}"
        manager = "" if n < 60 else f"P{n % 60:05d}"
        lines.append(
            f"P{n:05d},工程师{n},{department},工程师,{manager},2024/01/02,"
            f"p{n}@example.com,138{n:08d},在职,学员"
        )
    return ("\n".join(lines) + "\n").encode("gbk")


def timed_import(data: bytes, name: str) -> None:
    with tempfile.NamedTemporaryFile(suffix=".csv", delete=False) as handle:
        handle.write(data)
    process = psutil.Process()
    try:
        with PeakRss([process]) as peak:
            start = time.perf_counter()
            call_command("import_people", handle.name, "--format", "json", stdout=io.StringIO())
            seconds = time.perf_counter() - start
    finally:
        os.unlink(handle.name)
    report(f"people import {name} {ROWS:,} rows", seconds, "s", "< 30 s")
    report(f"people import {name} peak memory", peak.peaks[0] / 2**20, "MB", "< 300 MB")


def run():
    timed_import(roster(), "create")
    timed_import(roster(moved=True), "update")
