"""Trust on first use for the school server's certificate, as SSH does for a host key.

At first sign-in the laptop reads the certificate the server shows, the teacher sees its
SHA-256 fingerprint (school IT hands it out with the certificate), and the certificate is
pinned: every later connection is verified against that certificate alone, so a
different one (a swapped server, someone in the middle on the school Wi-Fi) is refused
before anything is sent. A planned change is accepted by school IT with
``classroom-desk trust-certificate URL --fingerprint NEW``.

Plain ``http://`` is refused except to this computer (loopback) or where school IT
allowed it on purpose (``classroom-desk allow-plain-http URL``). The pins live in
``trusted-servers.json`` beside the store: certificates are public, nothing there is secret.
"""

from __future__ import annotations

import hashlib
import ipaddress
import json
import socket
import ssl
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from classroom_desk.sync.values import SyncError

TRUST_FILE = "trusted-servers.json"


class TransportRefusedError(SyncError):
    """The connection is not safe to make; nothing was sent. Worded for the teacher."""


class CertificateNotTrustedError(TransportRefusedError):
    """First sign-in to an https server: the teacher must confirm its fingerprint."""

    def __init__(self, url: str, shown: str) -> None:
        half = len(shown) // 2 + 1  # 48 of 95 characters: the split falls after a colon
        super().__init__(
            f"First connection to {origin(url)}. Its certificate's SHA-256 fingerprint is\n"
            f"{shown[:half]}\n{shown[half:]}\n"
            "Check that it is the one school IT gave you, then choose Trust and sign in."
        )
        self.fingerprint = shown


class PlainHttpRefusedError(TransportRefusedError):
    pass


class CertificateChangedError(TransportRefusedError):
    """The server shows another certificate than the one pinned at sign-in."""

    def __init__(self, origin: str, pinned: str, shown: str) -> None:
        super().__init__(
            f"The school server {origin} shows a different certificate from the one this "
            f"laptop trusted when it signed in, so nothing was sent. Pinned: {pinned}; "
            f"shown now: {shown}. If school IT replaced the certificate on purpose, they can "
            f"accept the new one with: classroom-desk trust-certificate {origin} "
            "--fingerprint NEW-FINGERPRINT. Otherwise tell school IT: someone may be "
            "pretending to be the server."
        )
        self.pinned = pinned
        self.shown = shown


class FingerprintMismatchError(TransportRefusedError):
    pass


def origin(url: str) -> str:
    """``scheme://host:port`` of a server URL (the key of its pin)."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    port = parts.port or (443 if scheme == "https" else 80)
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    return f"{scheme}://{host}:{port}"


def is_loopback(url: str) -> bool:
    host = urlsplit(url).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def fingerprint(der: bytes) -> str:
    """SHA-256 of the certificate, as ``AB:CD:...`` (what browsers and openssl show)."""
    digest = hashlib.sha256(der).hexdigest().upper()
    return ":".join(digest[i : i + 2] for i in range(0, len(digest), 2))


def normalize_fingerprint(text: str) -> str:
    digits = "".join(ch for ch in text.upper() if ch in "0123456789ABCDEF")
    return ":".join(digits[i : i + 2] for i in range(0, len(digits), 2))


def fetch_certificate(url: str, *, timeout: float = 10.0) -> bytes:
    """The certificate the server at ``url`` shows (DER), read in the TLS handshake
    alone: no request is sent, so nothing can leak to a server not yet trusted."""
    parts = urlsplit(url)
    if parts.scheme.lower() != "https" or not parts.hostname:
        raise TransportRefusedError(f"{url} is not an https:// address")
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    with (
        socket.create_connection((parts.hostname, parts.port or 443), timeout=timeout) as raw,
        context.wrap_socket(raw, server_hostname=parts.hostname) as tls,
    ):
        der = tls.getpeercert(binary_form=True)
    if not der:
        raise TransportRefusedError(f"{url} showed no certificate")
    return der


def pinned_context(pem: str) -> ssl.SSLContext:
    """Verifies the server against the pinned certificate alone (not the system's CAs)."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    context.load_verify_locations(cadata=pem)
    # The pin is the identity: the name in it need not match the address typed, and a
    # pinned certificate from a school CA is trusted without its chain.
    context.check_hostname = False
    context.verify_flags |= ssl.VERIFY_X509_PARTIAL_CHAIN
    return context


@dataclass(frozen=True, slots=True)
class ServerTrust:
    """How this laptop may talk to one server."""

    origin: str
    pem: str | None = None
    fingerprint: str | None = None
    plain_http_allowed: bool = False


class TrustStore:
    """The pins and plain-http permissions, in ``trusted-servers.json`` in ``folder``."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / TRUST_FILE

    def _read(self) -> dict[str, dict[str, object]]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as error:
            raise TransportRefusedError(
                f"{self.path} cannot be read ({error}); sync stays off until school IT "
                "fixes or removes it."
            ) from error
        return data if isinstance(data, dict) else {}

    def _write(self, data: dict[str, dict[str, object]]) -> None:
        work = self.path.with_name(self.path.name + ".new")
        work.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        work.replace(self.path)

    def get(self, url: str) -> ServerTrust:
        entry = self._read().get(origin(url), {})
        pem = entry.get("pem")
        return ServerTrust(
            origin=origin(url),
            pem=pem if isinstance(pem, str) else None,
            fingerprint=(
                fingerprint(ssl.PEM_cert_to_DER_cert(pem)) if isinstance(pem, str) else None
            ),
            plain_http_allowed=entry.get("plain_http_allowed") is True,
        )

    def pin(self, url: str, der: bytes) -> None:
        data = self._read()
        data.setdefault(origin(url), {})["pem"] = ssl.DER_cert_to_PEM_cert(der)
        self._write(data)

    def allow_plain_http(self, url: str) -> None:
        data = self._read()
        data.setdefault(origin(url), {})["plain_http_allowed"] = True
        self._write(data)

    def verify_for(self, url: str) -> ssl.SSLContext | bool:
        """What httpx should verify a connection to ``url`` with; refuses plain http to
        another computer unless allowed, and https to a server never pinned."""
        scheme = urlsplit(url).scheme.lower()
        trust = self.get(url)
        if scheme == "http":
            if not (is_loopback(url) or trust.plain_http_allowed):
                raise PlainHttpRefusedError(
                    f"{url} is not encrypted (http://), so names and notes would cross the "
                    "network in the clear. Use the server's https:// address; school IT can "
                    "set one up with classroom-desk-server make-certificate."
                )
            return True
        if scheme != "https":
            raise TransportRefusedError(f"{url}: use an https:// address")
        if trust.pem is None:
            raise TransportRefusedError(
                f"This laptop has not yet trusted the certificate of {trust.origin}; sign in "
                "again to check its fingerprint."
            )
        return pinned_context(trust.pem)

    def explain_refusal(self, url: str, *, timeout: float = 10.0) -> TransportRefusedError | None:
        """After a failed TLS handshake: the changed-certificate error, if that is why."""
        trust = self.get(url)
        if trust.fingerprint is None or urlsplit(url).scheme.lower() != "https":
            return None
        try:
            shown = fingerprint(fetch_certificate(url, timeout=timeout))
        except (OSError, TransportRefusedError):
            return None
        if shown != trust.fingerprint:
            return CertificateChangedError(trust.origin, trust.fingerprint, shown)
        return None

    def trust_new_certificate(self, url: str, expected: str, *, timeout: float = 10.0) -> str:
        """School IT's planned change: pin what the server shows if its fingerprint is the
        one they give. Returns the fingerprint pinned."""
        der = fetch_certificate(url, timeout=timeout)
        shown = fingerprint(der)
        if shown != normalize_fingerprint(expected):
            raise FingerprintMismatchError(
                f"{origin(url)} shows the certificate {shown}, not "
                f"{normalize_fingerprint(expected)}: nothing was changed."
            )
        self.pin(url, der)
        return shown


def crosses_network_unencrypted(url: str | None) -> bool:
    """True for plain http:// to another computer (allowed by school IT, and said so)."""
    return url is not None and urlsplit(url).scheme.lower() == "http" and not is_loopback(url)
