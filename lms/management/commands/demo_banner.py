"""Print the demo logins (used by ``make run``)."""

from django.core.management.base import BaseCommand

from lms import demo


class Command(BaseCommand):
    help = "Print the demo logins and the address of the site."

    def add_arguments(self, parser):
        parser.add_argument("--port", default="8000")

    def handle(self, *args, port, **options):
        self.stdout.write("")
        self.stdout.write(
            self.style.SUCCESS(f"Service Academy 售后服务学院: http://127.0.0.1:{port}/")
        )
        self.stdout.write("Demo logins (username / password / role):")
        for username, password, role in demo.logins(None):
            self.stdout.write(f"  {username:<22} {password:<12} {role}")
        self.stdout.write("CMS (trainers, assessors, admin): /cms/   Health: /healthz")
        self.stdout.write("")
