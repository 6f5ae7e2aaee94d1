"""The transport refuses what it should before anything uses the answer."""

import pytest

from smedesk.core.errors import ValidationError
from smedesk.sync.transport import Transport, TransportError, check_base_url


@pytest.mark.parametrize("url", ["http://tienda.example.pe", "ftp://x.pe", "tienda.pe", "",
                                 "https://ck:cs@tienda.example.pe", "http://127.0.0.1:8080", "http://localhost"])
def test_unsafe_or_unusable_addresses_are_refused(url):
    with pytest.raises(ValidationError):
        check_base_url(url)


def test_plain_http_is_refused_with_the_reason():
    # WooCommerce takes Basic auth only when is_ssl() (class-wc-rest-authentication.php):
    # over http the keys are ignored, so the owner is told why, not just "refused".
    with pytest.raises(ValidationError) as refused:
        check_base_url("http://tienda.example.pe")
    assert "OAuth 1.0a" in str(refused.value) and "https://" in str(refused.value)


@pytest.mark.parametrize("url", ["https://tienda.example.pe/", "https://127.0.0.1:8443"])
def test_https_addresses_are_accepted(url):
    assert check_base_url(url) == url.rstrip("/")


def transport(shop):
    from requests.auth import HTTPBasicAuth

    return Transport(shop.url, auth=HTTPBasicAuth("ck_test", "cs_test"), timeout=(2.0, 0.5), max_bytes=100_000)


def test_redirect_on_the_same_host_is_followed_for_reading(shop):
    shop.fault("redirect_same", "/products")
    reply = transport(shop).request("GET", "wp-json/wc/v3/products")
    assert reply.data == []


def test_redirect_to_another_host_is_refused_and_not_retried(shop):
    shop.fault("redirect", "/products")
    with pytest.raises(TransportError) as refused:
        transport(shop).request("GET", "wp-json/wc/v3/products")
    assert not refused.value.retryable
    assert "evil.example" in str(refused.value)


def test_huge_body_is_refused(shop):
    shop.fault("huge", "/products")
    with pytest.raises(TransportError) as refused:
        transport(shop).request("GET", "wp-json/wc/v3/products")
    assert not refused.value.retryable


def test_html_instead_of_data_is_refused_but_may_be_retried(shop):
    shop.fault("html", "/products")
    with pytest.raises(TransportError) as refused:
        transport(shop).request("GET", "wp-json/wc/v3/products")
    assert refused.value.retryable and "text/html" in str(refused.value)


def test_error_body_message_is_shown_with_the_status(shop):
    with pytest.raises(TransportError) as refused:
        transport(shop).request("GET", "wp-json/wc/v3/nothing-here")
    assert refused.value.status == 404 and not refused.value.retryable
    assert "No route was found" in str(refused.value)


def test_server_error_is_retryable(shop):
    shop.fault("500", "/products")
    with pytest.raises(TransportError) as refused:
        transport(shop).request("GET", "wp-json/wc/v3/products")
    assert refused.value.retryable and refused.value.status == 500


def test_bytes_sent_are_counted(shop):
    t = transport(shop)
    t.request("POST", "wp-json/wc/v3/products/batch", json_body={"create": []})
    # URL + body '{"create":[]}': { " create " : [ ] } = 1+1+6+1+1+2+1 = 13 bytes
    assert t.bytes_sent == len(t.url("wp-json/wc/v3/products/batch")) + 13
