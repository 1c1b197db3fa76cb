"""HTTPS for a school without its own certificate authority: a self-signed certificate.

``classroom-desk-server make-certificate --host NAME`` writes ``server.crt`` and
``server.key`` (readable by the owner only) and prints the SHA-256 fingerprint that
school IT hands to teachers: each laptop shows it at first sign-in and pins it.
"""

from __future__ import annotations

import ipaddress
import os
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from classroom_desk.sync.pinning import fingerprint

DEFAULT_DAYS = 825  # the longest validity clients accept for a server certificate


@dataclass(frozen=True, slots=True)
class MadeCertificate:
    certificate: Path
    key: Path
    fingerprint: str
    not_after: datetime


def certificate_fingerprint(pem_or_der: bytes) -> str:
    """SHA-256 over the certificate's DER bytes, as ``AB:CD:...``: the laptop's own
    computation, so the fingerprint school IT hands out is the one a laptop shows."""
    if pem_or_der.lstrip().startswith(b"-----BEGIN"):
        der = x509.load_pem_x509_certificate(pem_or_der).public_bytes(serialization.Encoding.DER)
    else:
        der = pem_or_der
    return fingerprint(der)


def make_certificate(
    folder: Path, *, hosts: list[str], days: int = DEFAULT_DAYS, now: datetime | None = None
) -> MadeCertificate:
    """A P-256 key and a self-signed certificate naming ``hosts`` (names or addresses)."""
    if not hosts:
        raise ValueError("give at least one --host: the name or address laptops use")
    folder.mkdir(parents=True, exist_ok=True)
    key = ec.generate_private_key(ec.SECP256R1())
    names: list[x509.GeneralName] = []
    for host in hosts:
        try:
            names.append(x509.IPAddress(ipaddress.ip_address(host)))
        except ValueError:
            names.append(x509.DNSName(host))
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, hosts[0])])
    start = (now or datetime.now(UTC)) - timedelta(minutes=5)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(start + timedelta(days=days))
        .add_extension(x509.SubjectAlternativeName(names), critical=False)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.SERVER_AUTH]), critical=False
        )
        .sign(key, hashes.SHA256())
    )
    certificate_path, key_path = folder / "server.crt", folder / "server.key"
    key_bytes = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    descriptor = os.open(key_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "wb") as file:
        file.write(key_bytes)
    certificate_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    return MadeCertificate(
        certificate=certificate_path,
        key=key_path,
        fingerprint=certificate_fingerprint(certificate.public_bytes(serialization.Encoding.DER)),
        not_after=certificate.not_valid_after_utc,
    )
