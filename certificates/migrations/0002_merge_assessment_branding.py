# The scheme/scorecards and the certificate-branding work each began the app's migrations.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("certificates", "0001_assessment"),
        ("certificates", "0001_certificate_branding"),
    ]

    operations = []
