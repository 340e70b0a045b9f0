"""Certificate PDF figures (issue 7): one certificate warm, the same page without Chinese, and
500 certificates rendered one after another in one process with its peak memory.

The bulk figure is the rendering part of bulk issuing: one process, one core. The budget for
issuing through the worker (500 in < 90 s on 2 cores, < 500 MB) also covers the database.
"""

from __future__ import annotations

import io
import os
import re
import statistics
import time
from dataclasses import replace
from datetime import date
from decimal import Decimal

import psutil
from weasyprint import CSS, HTML

from bench.common import report, time_calls

BULK_COUNT = 500
SURNAMES = "王李张刘陈杨黄赵周吴徐孙胡朱高林何郭马罗"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂"
CJK = re.compile(r"[\u2e80-\u9fff\u3000-\u303f\uff00-\uffef]")


def sample_document(n: int = 1):
    from certificates.pdf import CertificateDocument

    return CertificateDocument(
        serial=f"ASE-2026-{n:06d}",
        holder_name=SURNAMES[n % 20] + GIVEN[(n // 20) % 20] + GIVEN[(n * 7) % 20],
        program_code="ASE",
        program_name="售后工程师问题分析与解决认证",
        grade="distinction" if n % 3 else "pass",
        grade_label_zh="优秀" if n % 3 else "合格",
        grade_label_en="Distinction" if n % 3 else "Pass",
        total_score=Decimal("80.00") + Decimal(n % 2000) / 100,
        issued_on=date(2026, 7, 1),
        valid_until=date(2028, 7, 1),
        verify_url=f"https://academy.example.com/verify/{n:022d}/",
        status="valid",
    )


def latin_only_pdf(document, branding) -> bytes:
    """The same page with every Chinese character removed, set in a Latin font."""
    from certificates import pdf

    html = CJK.sub("", pdf.render_certificate_html(document, branding))
    latin = CSS(string='html { font-family: "DejaVu Serif", "Liberation Serif", serif; }')
    return HTML(string=html, url_fetcher=pdf.BrandingFetcher(branding)).write_pdf(
        stylesheets=[pdf.certificate_stylesheet(), latin],
        font_config=pdf.font_config(),
        cache=pdf.image_cache_for(branding),
    )


def run():
    from certificates import fonts, pdf
    from certificates.demo import load_branding

    load_branding(stdout=io.StringIO())
    branding = pdf.load_branding()
    print(f"HarfBuzz font subsetting: {'yes' if pdf.harfbuzz_subsetting_available() else 'NO'}")
    cut = "yes" if fonts.available_faces() else "NO: run manage.py build_certificate_fonts"
    print(f"Certificate font's common cut (decision 0601): {cut}")

    document = sample_document()
    cpu_before = time.process_time()
    warm = time_calls(lambda: pdf.render_certificate_pdf(document, branding=branding), n=20)
    cpu_ms = (time.process_time() - cpu_before) / 25 * 1000  # 5 warm-up calls + 20
    report("certificate PDF, warm, median of 20", statistics.median(warm), "ms", "< 250 ms")
    report(
        "  CPU time per certificate (what a busy machine does not inflate as much)",
        cpu_ms,
        "ms",
        "< 250 ms",
    )
    print(f"  load average while measuring: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    english = replace(document, holder_name="Wang Xiaoming", program_name="After-sales engineer")
    latin = time_calls(lambda: latin_only_pdf(english, branding), n=20)
    report(
        "same page without Chinese text, median of 20",
        statistics.median(latin),
        "ms",
        "for comparison, about 170 ms on the reference machine",
    )

    process = psutil.Process()
    rss_before = peak_rss = process.memory_info().rss
    rss_at_100 = 0
    start = time.perf_counter()
    for n in range(1, BULK_COUNT + 1):
        data = pdf.render_certificate_pdf(sample_document(n), branding=branding)
        pdf.pdf_sha256(data)
        rss = process.memory_info().rss
        peak_rss = max(peak_rss, rss)
        if n == 100:
            rss_at_100 = rss
    seconds = time.perf_counter() - start
    report(
        f"{BULK_COUNT} certificates, one process",
        seconds,
        "s",
        "< 180 s on one core, i.e. 500 in < 90 s with two workers on 2 cores",
    )
    report("  per certificate", seconds / BULK_COUNT * 1000, "ms", "< 360 ms")
    # This process also holds what earlier benchmarks left (make bench runs them all in one):
    # the worker's own peak is measured by bench_certificates_issue; here, what rendering adds.
    report(
        f"  RSS added while rendering {BULK_COUNT}",
        (peak_rss - rss_before) / 2**20,
        "MB",
        "small against the worker's < 500 MB",
    )
    report(
        f"  RSS growth from the 100th to the {BULK_COUNT}th",
        (process.memory_info().rss - rss_at_100) / 2**20,
        "MB",
        "about 0: no growth per certificate",
    )
