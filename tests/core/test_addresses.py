"""Addresses are kept only as a keyed hash that rotates; IPv6 is reduced to its /64; the reader's
address is the one the outermost trusted proxy saw, never what the reader wrote in a header."""

import hashlib

import pytest
from django.test import RequestFactory

from serai.core.addresses import client_ip, ip_hash, trusted_proxies

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
    def test_the_socket_address_is_used_by_default(self, settings):
        settings.SERAI_TRUSTED_PROXIES = ""
        request = RequestFactory().get("/", REMOTE_ADDR="203.0.113.77", HTTP_X_FORWARDED_FOR="198.51.100.1")
        assert client_ip(request) == "203.0.113.77"

    def test_behind_one_proxy_the_address_it_saw_is_the_readers(self, settings):
        """nginx appends the address it was connected from: that hop, not the leftmost one."""
        settings.SERAI_TRUSTED_PROXIES = "1"
        request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.77")
        assert client_ip(request) == "203.0.113.77"

    def test_an_address_a_reader_writes_into_the_header_is_ignored(self, settings):
        """A reader who sends X-Forwarded-For of their own cannot choose the address rate limits see."""
        settings.SERAI_TRUSTED_PROXIES = "1"
        request = RequestFactory().get(
            "/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.9, 203.0.113.77"
        )
        assert client_ip(request) == "203.0.113.77"

    def test_behind_two_proxies_the_hop_before_them_is_the_readers(self, settings):
        settings.SERAI_TRUSTED_PROXIES = "2"
        request = RequestFactory().get(
            "/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.9, 203.0.113.77, 10.0.0.2"
        )
        assert client_ip(request) == "203.0.113.77"

    def test_a_request_that_bypassed_a_proxy_gives_the_farthest_known_hop(self, settings):
        settings.SERAI_TRUSTED_PROXIES = "2"
        request = RequestFactory().get("/", REMOTE_ADDR="203.0.113.77")
        assert client_ip(request) == "203.0.113.77"

    def test_listed_proxies_are_skipped_from_the_socket_leftwards(self, settings):
        settings.SERAI_TRUSTED_PROXIES = "10.0.0.1, 10.0.1.0/24"
        request = RequestFactory().get(
            "/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.9, 203.0.113.77, 10.0.1.7"
        )
        assert client_ip(request) == "203.0.113.77"

    def test_a_header_from_an_unlisted_peer_is_not_believed(self, settings):
        settings.SERAI_TRUSTED_PROXIES = "10.0.0.1"
        request = RequestFactory().get("/", REMOTE_ADDR="203.0.113.77", HTTP_X_FORWARDED_FOR="198.51.100.9")
        assert client_ip(request) == "203.0.113.77"

    @pytest.mark.parametrize("value", ["", "0", 0, [], " "])
    def test_no_proxy_configured_means_no_proxy(self, value):
        assert trusted_proxies(value) == 0 or trusted_proxies(value) == []

    def test_a_mistyped_proxy_list_says_what_to_write(self):
        from django.core.exceptions import ImproperlyConfigured

        with pytest.raises(ImproperlyConfigured, match="SERAI_TRUSTED_PROXIES"):
            trusted_proxies("nginx.local")
