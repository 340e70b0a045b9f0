"""A real OpenLDAP server (Debian's slapd) for the LDAP sign-in tests.

The session fixture ``ldap_server`` writes a private configuration and an mdb database into a
temporary folder, loads ``DIRECTORY`` with slapadd, serves it on a free loopback port and stops
it when the session ends (about 50 ms to start). ``directory_sign_in`` switches the sign-in
through it on, as the LDAP_* environment variables would (lms/settings/base.py).

Test modules import both fixtures by name.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from dataclasses import dataclass

import ldap
import pytest

SUFFIX = "dc=example,dc=com"
PEOPLE = f"ou=people,{SUFFIX}"
SERVICE_DN = f"cn=academy,{SUFFIX}"
SERVICE_PASSWORD = "service-account-secret"
LOCKED_FILTER = "(pwdAccountLockedTime=*)"
BACKEND = "people.backends.DirectoryBackend"

# One entry per case the tests sign in with (passwords are stored in clear: tests only).
ACCOUNTS = {
    # uid: (employeeNumber, cn, departmentNumber, password, extra lines)
    "zhang.wei": ("E7001", "张伟", "售后服务部/华东大区/上海站", "Directory-Pass-1", ""),
    "wang.fang": ("E7002", "王芳", "售后服务部/华北大区/北京站", "Directory-Pass-2", ""),
    "li.suo": ("E7003", "李锁", "售后服务部/华东大区/上海站", "Directory-Pass-3",
               "pwdAccountLockedTime: 000001010000Z\n"),
    "liu.yang": ("E7005", "刘洋", "售后服务部/华东大区/上海站", "Directory-Pass-5", ""),
    "no.id": ("", "无工号", "售后服务部", "Directory-Pass-6", ""),
    "no.unit": ("E7007", "无部门", "", "Directory-Pass-7", ""),
}  # fmt: skip

SLAPD_CONF = """\
include /etc/ldap/schema/core.schema
include /etc/ldap/schema/cosine.schema
include /etc/ldap/schema/inetorgperson.schema
modulepath /usr/lib/ldap
moduleload back_mdb
# ppolicy only for its schema (pwdAccountLockedTime): the overlay is not switched on, so the
# directory itself still accepts a locked account's password and the academy's
# LDAP_DISABLED_FILTER is what refuses it.
moduleload ppolicy
pidfile {folder}/slapd.pid
database mdb
suffix "{suffix}"
rootdn "cn=admin,{suffix}"
rootpw admin-secret
directory {folder}/data
maxsize 10485760
access to attrs=userPassword by self write by anonymous auth by * none
access to * by * read
"""


def directory_ldif() -> str:
    entries = [
        f"dn: {SUFFIX}\nobjectClass: dcObject\nobjectClass: organization\no: Example\n"
        "dc: example\n",
        f"dn: {PEOPLE}\nobjectClass: organizationalUnit\nou: people\n",
        f"dn: {SERVICE_DN}\nobjectClass: simpleSecurityObject\nobjectClass: organizationalRole\n"
        f"cn: academy\nuserPassword: {SERVICE_PASSWORD}\n",
    ]
    for uid, (employee_id, name, unit, password, extra) in ACCOUNTS.items():
        entry = f"dn: uid={uid},{PEOPLE}\nobjectClass: inetOrgPerson\nuid: {uid}\ncn: {name}\n"
        entry += f"sn: {name[0]}\nmail: {uid}@example.com\nuserPassword: {password}\n"
        entry += f"employeeNumber: {employee_id}\n" if employee_id else ""
        entry += f"departmentNumber: {unit}\n" if unit else ""
        entries.append(entry + extra)
    return "\n".join(entries)


@dataclass(frozen=True)
class LdapServer:
    uri: str


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_until_serving(uri: str, process: subprocess.Popen, seconds: float = 10) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            connection = ldap.initialize(uri, bytes_mode=False)
            connection.simple_bind_s(SERVICE_DN, SERVICE_PASSWORD)
            connection.unbind_s()
            return
        except ldap.SERVER_DOWN:
            if process.poll() is not None or time.monotonic() > deadline:
                raise
            time.sleep(0.01)


@pytest.fixture(scope="session")
def ldap_server(tmp_path_factory) -> LdapServer:
    slapd, slapadd = _sbin("slapd"), _sbin("slapadd")
    if slapd is None or slapadd is None:
        pytest.fail(
            "The LDAP sign-in tests need OpenLDAP's slapd, which is not installed: run "
            "`scripts/system-packages.sh --test` as root (`make test` does), or "
            "`sudo apt-get install slapd ldap-utils`.",
            pytrace=False,
        )
    folder = tmp_path_factory.mktemp("slapd")
    (folder / "data").mkdir()
    conf = folder / "slapd.conf"
    conf.write_text(SLAPD_CONF.format(folder=folder, suffix=SUFFIX))
    ldif = folder / "directory.ldif"
    ldif.write_text(directory_ldif(), encoding="utf-8")
    subprocess.run(  # noqa: S603
        [slapadd, "-q", "-f", str(conf), "-l", str(ldif)],
        check=True,
        capture_output=True,
    )
    uri = f"ldap://127.0.0.1:{_free_port()}/"
    # -d 0: stay in the foreground (the fixture owns the process) and log nothing.
    process = subprocess.Popen(  # noqa: S603
        [slapd, "-f", str(conf), "-h", uri, "-d", "0"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        _wait_until_serving(uri, process)
    except ldap.SERVER_DOWN:
        process.kill()
        pytest.fail(f"slapd did not start: {process.communicate()[1].decode()}", pytrace=False)
    yield LdapServer(uri=uri)
    process.terminate()
    process.wait(timeout=10)


def _sbin(tool: str) -> str | None:
    """Debian installs the server's tools in /usr/sbin, which a user's PATH may lack."""
    return shutil.which(tool) or shutil.which(tool, path="/usr/sbin:/usr/local/sbin")


@pytest.fixture
def directory_sign_in(settings, ldap_server):
    """Sign-in through the test directory switched on, as the LDAP_* variables would."""
    settings.LDAP_SERVER_URI = ldap_server.uri
    settings.LDAP_BIND_DN = SERVICE_DN
    settings.LDAP_BIND_PASSWORD = SERVICE_PASSWORD
    settings.LDAP_USER_SEARCH_BASE = PEOPLE
    settings.LDAP_USER_FILTER = "(uid=%(user)s)"
    settings.LDAP_DISABLED_FILTER = LOCKED_FILTER
    others = [path for path in settings.AUTHENTICATION_BACKENDS if path != BACKEND]
    # After axes, before the local passwords, as lms/settings/base.py puts it.
    settings.AUTHENTICATION_BACKENDS = [others[0], BACKEND, *others[1:]]
    return settings
