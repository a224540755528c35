#!/usr/bin/python3
"""A real SMTP server for bpv's mail tests and benchmark, built on Debian's python3-aiosmtpd.

Listens on 127.0.0.1, on a free port unless --port is given, and prints `ready PORT` on stdout
once it accepts connections. Runs until SIGTERM or SIGINT, or with --until-stdin-closes until
its standard input reaches end of file (so it never outlives the test that started it).

Every received message is stored in --maildir DIR as DIR/new/NNNNNN.bpv-test (numbered in the
order of arrival), its content as received preceded by X-MailFrom and X-RcptTo headers, the way
aiosmtpd's Mailbox handler does. Files appear atomically (written in DIR/tmp, then renamed).

Run it with Debian's interpreter, /usr/bin/python3: the first python3 on PATH may lack aiosmtpd.
"""

import argparse
import asyncio
import logging
import os
import signal
import ssl
import sys
import warnings

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=0, help="port to listen on (default: a free one)")
    parser.add_argument("--maildir", help="store each received message in this Maildir")
    tls = parser.add_mutually_exclusive_group()
    tls.add_argument("--starttls", nargs=2, metavar=("CERT", "KEY"),
                     help="offer STARTTLS with this certificate and require it before MAIL")
    tls.add_argument("--smtps", nargs=2, metavar=("CERT", "KEY"),
                     help="implicit TLS (smtps://) with this certificate")
    parser.add_argument("--auth", metavar="USER:PASSWORD",
                        help="require AUTH (PLAIN or LOGIN), over TLS or plain")
    parser.add_argument("--refuse", action="append", default=[], metavar="ADDRESS",
                        help="answer 550 to RCPT TO for this address (repeatable)")
    parser.add_argument("--idle-timeout", type=float, default=60, metavar="SECONDS",
                        help="close a connection idle this long (default 60)")
    parser.add_argument("--hang", action="store_true",
                        help="accept connections and never answer (for timeout tests)")
    parser.add_argument("--connections-log", metavar="FILE",
                        help="append one line per accepted connection")
    parser.add_argument("--until-stdin-closes", action="store_true",
                        help="exit when standard input reaches end of file")
    args = parser.parse_args()
    if args.auth is not None and ":" not in args.auth:
        parser.error("--auth takes USER:PASSWORD")
    return args


def tls_context(cert_and_key):
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert_and_key[0], cert_and_key[1])
    return context


class Handler:
    """Refuses the addresses it was told to, stores everything else."""

    def __init__(self, maildir, refused):
        self.maildir = maildir
        self.refused = {address.lower() for address in refused}
        self.count = 0
        if maildir:
            for sub in ("tmp", "new", "cur"):
                os.makedirs(os.path.join(maildir, sub), exist_ok=True)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower() in self.refused:
            return f"550 5.1.1 <{address}>: Recipient address rejected: User unknown"
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 OK"

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        if self.maildir:
            name = f"{self.count:06d}.bpv-test"
            content = envelope.original_content or b""
            head = (f"X-MailFrom: {envelope.mail_from}\r\n"
                    f"X-RcptTo: {', '.join(envelope.rcpt_tos)}\r\n").encode()
            temporary = os.path.join(self.maildir, "tmp", name)
            with open(temporary, "wb") as out:
                out.write(head + content)
            os.rename(temporary, os.path.join(self.maildir, "new", name))
        return "250 2.0.0 OK: queued"


def make_authenticator(user, password):
    def authenticate(server, session, envelope, mechanism, auth_data):
        ok = (isinstance(auth_data, LoginPassword) and auth_data.login == user.encode()
              and auth_data.password == password.encode())
        # handled=False: aiosmtpd itself answers 535 on a failure.
        return AuthResult(success=ok, handled=False)
    return authenticate


class Silent(asyncio.Protocol):
    """A connection that is accepted and never answered."""

    def connection_made(self, transport):
        self.transport = transport


async def main():
    args = parse_args()
    # aiosmtpd warns about the test setups themselves (AUTH allowed without TLS, ...).
    logging.getLogger("mail.log").setLevel(logging.ERROR)
    loop = asyncio.get_running_loop()
    handler = Handler(args.maildir, args.refuse)
    smtp_options = {"hostname": "bpv-test-smtp", "timeout": args.idle_timeout}
    if args.starttls:
        smtp_options.update(tls_context=tls_context(args.starttls), require_starttls=True)
    if args.auth is not None:
        user, password = args.auth.split(":", 1)
        # With --starttls, AUTH only after STARTTLS; without it (plain, or --smtps, which
        # aiosmtpd does not count as TLS) AUTH is allowed as is.
        smtp_options.update(authenticator=make_authenticator(user, password), auth_required=True,
                            auth_require_tls=bool(args.starttls))
        warnings.filterwarnings("ignore", "Requiring AUTH while not requiring TLS")
    log = open(args.connections_log, "a", buffering=1) if args.connections_log else None

    def accept():
        if log:
            log.write("connection\n")
        if args.hang:
            return Silent()
        return SMTP(handler, loop=loop, **smtp_options)

    server = await loop.create_server(
        accept, host="127.0.0.1", port=args.port,
        ssl=tls_context(args.smtps) if args.smtps else None)
    stop = loop.create_future()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, lambda: stop.done() or stop.set_result(None))
    if args.until_stdin_closes:
        def on_stdin():
            if not os.read(sys.stdin.fileno(), 4096) and not stop.done():
                stop.set_result(None)
        loop.add_reader(sys.stdin.fileno(), on_stdin)
    print(f"ready {server.sockets[0].getsockname()[1]}", flush=True)
    await stop
    server.close()


if __name__ == "__main__":
    asyncio.run(main())
