"""Who the client is, with and without reverse proxies in front of the app."""

from django.test import RequestFactory

from lms.client_ip import client_ip


def request(remote="10.0.0.5", forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_without_a_proxy_the_connection_is_the_client_and_the_header_is_ignored(settings):
    settings.PROXY_COUNT = 0
    assert client_ip(request("203.0.113.9", forwarded="198.51.100.1")) == "203.0.113.9"


def test_behind_one_proxy_the_entry_it_appended_is_the_client(settings):
    settings.PROXY_COUNT = 1
    assert client_ip(request(forwarded="203.0.113.9")) == "203.0.113.9"
    # What the client wrote itself, further left, is not believed.
    assert client_ip(request(forwarded="1.2.3.4, 203.0.113.9")) == "203.0.113.9"


def test_behind_two_proxies_the_outermost_ones_entry_counts(settings):
    settings.PROXY_COUNT = 2
    assert client_ip(request(forwarded="forged, 203.0.113.9, 10.0.0.2")) == "203.0.113.9"
    assert client_ip(request(forwarded="2001:db8::1 , 10.0.0.2")) == "2001:db8::1"


def test_a_missing_or_garbled_address_is_none(settings):
    settings.PROXY_COUNT = 1
    assert client_ip(request(forwarded="")) is None
    assert client_ip(request(forwarded="not-an-ip")) is None
    settings.PROXY_COUNT = 2
    assert client_ip(request(forwarded="203.0.113.9")) is None


def test_a_port_the_load_balancer_appended_is_dropped(settings):
    settings.PROXY_COUNT = 1
    assert client_ip(request(forwarded="203.0.113.9:5123")) == "203.0.113.9"
    assert client_ip(request(forwarded="[2001:db8::1]:443")) == "2001:db8::1"
    assert client_ip(request(forwarded="[2001:db8::1]")) == "2001:db8::1"
    assert client_ip(request(forwarded="203.0.113.9:80:81")) is None
