"""Addresses are kept only as a keyed hash that rotates; IPv6 is reduced to its /64."""

import hashlib

import pytest
from django.test import RequestFactory

from serai.moderation.privacy import client_ip, ip_hash

DAY = 86400
T = 1_000 * DAY + 10  # early in some rotation period


def test_the_same_address_in_the_same_period_gives_the_same_hash():
    assert ip_hash("203.0.113.77", now=T) == ip_hash("203.0.113.77", now=T + DAY - 20)


def test_the_hash_changes_with_the_period():
    assert ip_hash("203.0.113.77", now=T) != ip_hash("203.0.113.77", now=T + DAY)


def test_the_period_length_is_a_setting(settings):
    settings.SERAI_IP_HASH_ROTATION_SECONDS = 3600
    assert ip_hash("203.0.113.77", now=T) != ip_hash("203.0.113.77", now=T + 3600)


def test_different_addresses_give_different_hashes():
    assert ip_hash("203.0.113.77", now=T) != ip_hash("203.0.113.78", now=T)


def test_ipv6_addresses_in_the_same_64_share_a_hash():
    a = ip_hash("2001:db8:85a3:42::8a2e:370:7334", now=T)
    assert a == ip_hash("2001:db8:85a3:42:ffff:ffff:ffff:1", now=T)
    assert a == ip_hash("2001:0DB8:85A3:0042:0000:0000:0000:0001", now=T)
    assert a != ip_hash("2001:db8:85a3:43::1", now=T)


def test_an_ipv4_mapped_address_hashes_as_the_ipv4_address():
    assert ip_hash("::ffff:203.0.113.77", now=T) == ip_hash("203.0.113.77", now=T)


def test_the_hash_depends_on_the_secret_key(settings):
    before = ip_hash("203.0.113.77", now=T)
    settings.SECRET_KEY = "another-secret-key-" * 3
    assert ip_hash("203.0.113.77", now=T) != before


def test_the_hash_is_keyed_not_a_plain_digest_anyone_could_recompute():
    value = ip_hash("203.0.113.77", now=T)
    assert len(value) == 64 and set(value) <= set("0123456789abcdef")
    assert value not in {
        hashlib.sha256(b"203.0.113.77").hexdigest(),
        hashlib.md5(b"203.0.113.77").hexdigest(),
    }


@pytest.mark.parametrize("empty", ["", None])
def test_no_address_gives_no_hash(empty):
    assert ip_hash(empty) == ""


class TestClientIp:
    def test_the_socket_address_is_used_by_default(self):
        request = RequestFactory().get(
            "/", REMOTE_ADDR="203.0.113.77", HTTP_X_FORWARDED_FOR="198.51.100.1"
        )
        assert client_ip(request) == "203.0.113.77"

    def test_a_trusted_proxy_header_is_used_when_configured(self, settings):
        settings.SERAI_TRUSTED_PROXY_HEADER = "HTTP_X_FORWARDED_FOR"
        request = RequestFactory().get(
            "/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.77, 10.0.0.1"
        )
        assert client_ip(request) == "203.0.113.77"
