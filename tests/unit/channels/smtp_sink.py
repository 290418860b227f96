#!/usr/bin/python3
"""SMTP sink for tests/unit/channels: a real SMTP server (Debian's
python3-aiosmtpd) on 127.0.0.1 and a port the kernel picks.

    smtp_sink.py OUTDIR

Prints the port on the first line of stdout once it listens. Stores each
message it accepts as OUTDIR/N.eml (the bytes as received) and OUTDIR/N.json:
the envelope, and the message as Python's email package reads it (decoded
header fields, each leaf part's type, charset, encoding, disposition, file
name, and its text or its bytes in hex), so that the C test checks what a
mail client would see. Both files exist before the server answers 250.

Recipients whose local part starts with "reject" get a 550 (with a tab and
a second line in the answer, which the client must clean), "busy" a 451; a
sender whose local part starts with "refused" gets a 553, and a message whose
Subject holds "SPAM" a 554 after its data.
"""
import asyncio
import email
import email.policy
import json
import os
import sys

from aiosmtpd.smtp import SMTP


def leaf_summary(part):
    out = {
        "content_type": part.get_content_type(),
        "charset": part.get_content_charset(),
        "cte": part.get("Content-Transfer-Encoding"),
        "disposition": part.get_content_disposition(),
        "filename": part.get_filename(),
    }
    if part.get_content_maintype() == "text":
        # What a client shows: the decoded text with its own line ends.
        out["text"] = part.get_content().replace("\r\n", "\n")
    else:
        out["data_hex"] = part.get_payload(decode=True).hex()
    return out


def summary(envelope, data):
    msg = email.message_from_bytes(data, policy=email.policy.default)
    date = msg["Date"]
    return {
        "mail_from": envelope.mail_from,
        "rcpt_tos": envelope.rcpt_tos,
        "from": str(msg["From"]),
        "to": str(msg["To"]),
        "subject": str(msg["Subject"]),
        "message_id": str(msg["Message-ID"]),
        "date_valid": date is not None and date.datetime is not None,
        "content_language": msg.get("Content-Language"),
        "auto_submitted": msg.get("Auto-Submitted"),
        "mime_version": msg.get("MIME-Version"),
        "multiparts": [p.get_content_type() for p in msg.walk() if p.is_multipart()],
        "parts": [leaf_summary(p) for p in msg.walk() if not p.is_multipart()],
        "defects": [str(d) for p in msg.walk() for d in p.defects],
    }


def write_atomic(path, data):
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        f.write(data)
    os.rename(tmp, path)


class Sink:
    def __init__(self, outdir):
        self.outdir = outdir
        self.count = 0

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        if address.split("@")[0].startswith("refused"):
            return "553 5.7.1 <%s>: Sender address rejected" % address
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        local = address.split("@")[0]
        if local.startswith("reject"):
            return ("550-5.1.1 <%s>: no such user here\r\n"
                    "550 5.1.1 Recipient\taddress rejected" % address)
        if local.startswith("busy"):
            return "451 4.3.0 Mailbox busy, try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        data = envelope.original_content or envelope.content
        subject = email.message_from_bytes(data, policy=email.policy.default)["Subject"]
        if "SPAM" in str(subject):
            return "554 5.7.1 Message rejected as spam"
        self.count += 1
        base = os.path.join(self.outdir, str(self.count))
        write_atomic(base + ".eml", data)
        text = json.dumps(summary(envelope, data), ensure_ascii=False)
        write_atomic(base + ".json", text.encode("utf-8"))
        return "250 2.0.0 Ok: queued as Q%d" % self.count


async def main(outdir):
    loop = asyncio.get_running_loop()
    handler = Sink(outdir)
    server = await loop.create_server(
        lambda: SMTP(handler, hostname="sink.test"), "127.0.0.1", 0)
    print(server.sockets[0].getsockname()[1], flush=True)
    await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1]))
