"""Revocation-to-visible latency on the revoking node and on another node sharing its database.

Called by run.sh with: DATA_DIRECTORY API_URL OCSP_URL_SAME OCSP_URL_OTHER SAMPLES CERTIFICATE_PEM...
Certificates alternate between the two measurements, so both see the same conditions. For each:
its "good" answer is fetched first from the node that will be asked (so that node has it
pre-signed and cached), then the clock starts, the revoke call goes to the first node over mutual
TLS, and OCSP requests go to the node being measured over one keep-alive connection until the
answer says revoked. Prints one line per sample: "<same|other> <visible ms> <call ms> <polls>".
"""
import http.client
import json
import ssl
import sys
import time
import urllib.parse

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.serialization import Encoding
from cryptography.x509 import ocsp

data, api_url, same_url, other_url = sys.argv[1:5]
samples = int(sys.argv[5])
certificates = sys.argv[6:]

with open(f"{data}/issuing-ca.pem", "rb") as f:
    issuer = x509.load_pem_x509_certificate(f.read())

tls = ssl.create_default_context(cafile=f"{data}/root-ca.pem")
tls.load_cert_chain(f"{data}/admin.pem", f"{data}/admin.key")
api = urllib.parse.urlsplit(api_url)


def connection(url):
    parts = urllib.parse.urlsplit(url)
    return http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)


def status(conn, request):
    conn.request("POST", "/pki/ocsp", request, {"Content-Type": "application/ocsp-request"})
    answer = conn.getresponse().read()
    return ocsp.load_der_ocsp_response(answer).certificate_status


def revoke(serial):
    conn = http.client.HTTPSConnection(api.hostname, api.port, context=tls, timeout=30)
    conn.connect()  # the TLS handshake is not part of the revocation
    started = time.perf_counter()
    conn.request("POST", f"/pki/certificates/{serial:x}/revoke", json.dumps({"reason": "keyCompromise"}),
                 {"Content-Type": "application/json"})
    response = conn.getresponse()
    body = response.read()
    if response.status != 200:
        raise SystemExit(f"revoke {serial:x}: HTTP {response.status} {body[:200]!r}")
    conn.close()
    return started, time.perf_counter()


for k in range(samples):
    with open(certificates[k], "rb") as f:
        certificate = x509.load_pem_x509_certificate(f.read())
    request = ocsp.OCSPRequestBuilder().add_certificate(certificate, issuer, hashes.SHA1()).build()
    request = request.public_bytes(Encoding.DER)
    where = "same" if k % 2 == 0 else "other"
    conn = connection(same_url if where == "same" else other_url)
    for _ in range(2):
        if status(conn, request) != ocsp.OCSPCertStatus.GOOD:
            raise SystemExit(f"certificate {k} is not good before its revocation")

    started, answered = revoke(certificate.serial_number)
    polls = 0
    while True:
        polls += 1
        if status(conn, request) == ocsp.OCSPCertStatus.REVOKED:
            seen = time.perf_counter()
            break
        if time.perf_counter() - started > 30:
            raise SystemExit(f"revocation of certificate {k} not visible on the {where} node after 30 s")
    conn.close()
    print(f"{where} {(seen - started) * 1000:.2f} {(answered - started) * 1000:.2f} {polls}", flush=True)
