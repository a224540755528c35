#!/usr/bin/python3
"""Parses the messages smtp_server.py stored in a Maildir with Python's email package, an
implementation independent of bpv's, and prints them as a JSON array in order of arrival.

usage: /usr/bin/python3 parse_mail.py MAILDIR
"""

import datetime
import email
import email.policy
import email.utils
import json
import os
import sys


def mailbox(header):
    address = header.addresses[0] if header is not None and header.addresses else None
    return {"name": address.display_name, "email": address.addr_spec} if address else None


def parse(path):
    with open(path, "rb") as source:
        raw = source.read()
    message = email.message_from_bytes(raw, policy=email.policy.default)
    head, _, body = raw.partition(b"\r\n\r\n")
    lines = raw.split(b"\r\n")
    date = message["Date"]
    return {
        "file": os.path.basename(path),
        "mail_from": message["X-MailFrom"],
        "rcpt_to": message["X-RcptTo"],
        "from": mailbox(message["From"]),
        "to": mailbox(message["To"]),
        "subject": str(message["Subject"]) if message["Subject"] is not None else None,
        "date": str(date) if date is not None else None,
        "date_utc": (date.datetime.astimezone(datetime.timezone.utc).isoformat()
                     if date is not None and date.datetime is not None else None),
        "message_id": str(message["Message-ID"]) if message["Message-ID"] is not None else None,
        "mime_version": message["MIME-Version"],
        "content_type": message.get_content_type(),
        "charset": message.get_content_charset(),
        "transfer_encoding": message["Content-Transfer-Encoding"],
        "extra": {name: str(value) for name, value in message.items() if name.startswith("X-Bpv-")},
        "body": message.get_content().replace("\r\n", "\n"),
        "raw_headers": head.decode("ascii", "replace"),
        "raw_body": body.decode("ascii", "replace"),
        "ascii_only": all(byte < 128 for byte in raw),
        "bare_lf": b"\n" in raw.replace(b"\r\n", b""),
        "max_line": max(len(line) for line in lines),
        "defects": [type(defect).__name__ for defect in message.defects],
    }


def main():
    folder = os.path.join(sys.argv[1], "new")
    names = sorted(os.listdir(folder)) if os.path.isdir(folder) else []
    json.dump([parse(os.path.join(folder, name)) for name in names], sys.stdout)


if __name__ == "__main__":
    main()
