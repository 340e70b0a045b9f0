"""Personal data's part of ``load_demo_data``: the first privacy notice, published, in Chinese
and English (what docs/privacy.md says), acknowledged by the demo accounts.

Why acknowledged: the demo's accounts stand for people who have been using the site, and the
walks through every page (tests, screenshots) sign them in; the rule itself is unchanged: a new
version published in /cms/ is put before every one of them at their next sign-in. Idempotent.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.utils import timezone

from lms import demo as lms_demo
from privacy.models import NoticeAcknowledgement, PrivacyNotice

TITLE = "服务学院个人信息保护告知书"
TITLE_EN = "Service Academy privacy notice"
BODY = """\
本告知书依据《中华人民共和国个人信息保护法》说明服务学院如何处理您的个人信息。

我们保存什么：您的账号信息（姓名、工号、用户名、邮箱、部门、区域、入职日期、所在单位、岗\
位和手机号，来自公司人事名册或公司登录）；学习进度；考试作答（含问答题答案）与成绩；案例\
报告及其附件和评分；工作指标（如满意度、一次修复率）；同事互评与主管评价的分数；成绩单、\
证书、申诉；以及审计记录（谁在何时做了什么决定，员工查看他人成绩的访问记录）。

为什么：为了培训、考核与认证（公平公正地评定成绩、颁发和验证证书），向您反馈结果，并让每\
一项决定可追溯、可申诉。

保存多久：按管理员设定的保留期限（考试作答、案例报告、访问记录、已停用人员）。期满后自由\
文字和附件被删除，分数保留但不再与您的姓名关联；已停用人员按期限注销。未设定期限的数据在\
您任职期间保留。

谁能看到：您本人；您的培训师和考评员（为评分与反馈）；您的主管（团队的进度和证书）；管理\
员。同事互评中，评分人不会被告知给被评人。证书验证页面只显示证书本身的信息。

您的权利：您可以在“我的账户与数据”页面随时下载您的全部数据（JSON 和 Excel）\
。您可以请管理员注销您的个人信息：姓名、联系方式、您写的文字和上传的文件将被删除，证书仍\
可验证但不显示姓名；有未结申诉或法律保全时暂不能注销。"""
BODY_EN = """\
This notice explains, under China's Personal Information Protection Law (PIPL), how the \
Service Academy handles your personal information.

What we store: your account (name, employee ID, user name, email, department, region, hire \
date, unit, position and mobile number, from the company's HR roster or company sign-on); your \
learning progress; your exam attempts with your answers (essays included) and results; your \
case reports with their files and marks; your on-the-job metrics (such as satisfaction and \
first-time fix rate); the peer and supervisor ratings you received; your scorecards, \
certificates and appeals; and the audit trail (who decided what and when, and when staff \
viewed another person's records).

Why: to train, assess and certify you fairly, to issue and verify certificates, to give you \
feedback on your results, and to make every decision traceable and open to appeal.

For how long: as long as the retention periods set by the administrators (exam attempts, case \
reports, the access log, deactivated people). Past its period, free text and files are removed; \
scores are kept without your name; deactivated people are erased. Data without a period is kept \
while you work for the company.

Who sees it: you; your trainers and assessors (to mark and give feedback); your manager (your \
team's progress and certificates); the administrators. Peer ratings never tell you who rated. \
The public verification page shows only the certificate.

Your rights: download all your data at any time from "My account and data" (JSON and Excel). \
Ask an administrator to erase your personal data: your name, contact data, the text you wrote \
and the files you uploaded are removed; your certificates keep verifying without your name. \
Erasure waits while you have an open appeal or a legal hold applies."""


def load(*, password: str | None, stdout) -> None:
    notice = PrivacyNotice.objects.filter(version=1).first()
    if notice is None:
        notice = PrivacyNotice.objects.create(
            title=TITLE, title_en=TITLE_EN, body=BODY, body_en=BODY_EN
        )
        notice.publish()
    usernames = [a.username for a in lms_demo.STAFF + lms_demo.MANAGERS + lms_demo.LEARNERS]
    people = get_user_model().objects.filter(username__in=usernames)
    done = set(
        NoticeAcknowledgement.objects.filter(notice=notice).values_list("user_id", flat=True)
    )
    NoticeAcknowledgement.objects.bulk_create(
        NoticeAcknowledgement(user=person, notice=notice, acknowledged_at=timezone.now())
        for person in people
        if person.pk not in done
    )
    stdout.write(
        f"  privacy: notice v{notice.version} published, acknowledged by the demo accounts"
    )
