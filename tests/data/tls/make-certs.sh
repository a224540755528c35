#!/usr/bin/env bash
# Regenerates the test-only TLS material in this folder: a throwaway CA (ca.pem, its key is not
# kept), a server certificate for 127.0.0.1 and localhost signed by it (server.pem,
# server-key.pem), and a second, unrelated CA (other-ca.pem) for the "wrong CA" tests.
# Valid for 100 years. Never use any of it outside the tests.
#
# usage: tests/data/tls/make-certs.sh
set -euo pipefail
cd "$(dirname "$0")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
days=36500

openssl req -x509 -newkey rsa:2048 -nodes -days "$days" -sha256 \
  -subj "/CN=bpv test CA (test only)" \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
  -keyout "$work/ca-key.pem" -out ca.pem 2>/dev/null
openssl req -x509 -newkey rsa:2048 -nodes -days "$days" -sha256 \
  -subj "/CN=bpv other test CA (test only)" \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
  -keyout "$work/other-ca-key.pem" -out other-ca.pem 2>/dev/null

openssl req -new -newkey rsa:2048 -nodes -sha256 -subj "/CN=localhost" \
  -keyout server-key.pem -out "$work/server.csr" 2>/dev/null
cat >"$work/server.ext" <<'EXT'
basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=serverAuth
subjectAltName=IP:127.0.0.1,DNS:localhost
EXT
openssl x509 -req -in "$work/server.csr" -CA ca.pem -CAkey "$work/ca-key.pem" -CAcreateserial \
  -CAserial "$work/ca.srl" -days "$days" -sha256 -extfile "$work/server.ext" -out server.pem 2>/dev/null
chmod 644 server-key.pem
echo "wrote ca.pem, other-ca.pem, server.pem and server-key.pem"
