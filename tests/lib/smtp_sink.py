#!/usr/bin/env python3
"""smtp_sink.py — a local SMTP sink for the tests (Python 3 standard library only, asyncio).

    python3 tests/lib/smtp_sink.py serve DIR [--reject ADDR]...
        Listens on 127.0.0.1, port chosen by the system; prints the port on one line of
        stdout, then writes each message received to DIR/NNNN.eml (the envelope first, as
        X-Sink-Mail-From / X-Sink-Rcpt-To lines, then the message as sent, dot-unstuffed).
        RCPT TO:<ADDR> of a --reject address is answered 550 (a failure to test).  Runs
        until killed.  Nothing leaves the machine: it never relays.
    python3 tests/lib/smtp_sink.py summary DIR
        One line per message, in the order received: its envelope recipients, the From
        header, the decoded Subject; then the first lines of the decoded body, indented.
"""
import asyncio
import email
import email.policy
import os
import sys

MAX_LINE = 4096           # bytes in one command line
MAX_MESSAGE = 1 << 20     # bytes in one message


class Session:
    def __init__(self, outdir, reject, counter):
        self.outdir, self.reject, self.counter = outdir, reject, counter
        self.reset()

    def reset(self):
        self.mail_from, self.rcpts = None, []

    async def run(self, reader, writer):
        def say(line):
            writer.write(line.encode() + b"\r\n")

        say("220 jixiao-test-sink ESMTP")
        try:
            while True:
                raw = await reader.readline()
                if not raw:
                    break
                if len(raw) > MAX_LINE:
                    say("500 line too long")
                    continue
                line = raw.decode("utf-8", "replace").rstrip("\r\n")
                verb = line[:4].upper()
                arg = line[5:] if len(line) > 4 else ""
                if verb == "EHLO":
                    say("250-jixiao-test-sink")
                    say("250-8BITMIME")
                    say("250 SMTPUTF8")
                elif verb == "HELO":
                    say("250 jixiao-test-sink")
                elif verb == "MAIL":
                    self.reset()
                    self.mail_from = arg.partition(":")[2].strip()
                    say("250 ok")
                elif verb == "RCPT":
                    to = arg.partition(":")[2].strip()
                    addr = to.split()[0].strip("<>") if to else ""
                    if addr in self.reject:
                        say("550 5.1.1 no such mailbox here")
                    elif self.mail_from is None:
                        say("503 MAIL first")
                    else:
                        self.rcpts.append(addr)
                        say("250 ok")
                elif verb == "DATA":
                    if not self.rcpts:
                        say("503 no recipients")
                        continue
                    say("354 end with .")
                    await writer.drain()
                    lines, size = [], 0
                    while True:
                        l = await reader.readline()
                        if not l:
                            return
                        size += len(l)
                        if l in (b".\r\n", b".\n"):
                            break
                        if l.startswith(b".."):
                            l = l[1:]
                        lines.append(l)
                    if size > MAX_MESSAGE:
                        say("552 too big")
                    else:
                        self.counter[0] += 1
                        path = os.path.join(self.outdir, "%04d.eml" % self.counter[0])
                        env = "X-Sink-Mail-From: %s\r\nX-Sink-Rcpt-To: %s\r\n" % (self.mail_from, ", ".join(self.rcpts))
                        with open(path + ".part", "wb") as f:
                            f.write(env.encode() + b"".join(lines))
                        os.rename(path + ".part", path)
                        say("250 ok: queued as %04d" % self.counter[0])
                    self.reset()
                elif verb == "RSET":
                    self.reset()
                    say("250 ok")
                elif verb == "NOOP":
                    say("250 ok")
                elif verb == "QUIT":
                    say("221 bye")
                    await writer.drain()
                    break
                else:
                    say("502 not implemented")
                await writer.drain()
        finally:
            writer.close()


async def serve(outdir, reject):
    counter = [0]
    server = await asyncio.start_server(lambda r, w: Session(outdir, reject, counter).run(r, w), "127.0.0.1", 0,
                                        limit=MAX_LINE * 4)
    print(server.sockets[0].getsockname()[1], flush=True)
    async with server:
        await server.serve_forever()


def summary(outdir):
    for name in sorted(n for n in os.listdir(outdir) if n.endswith(".eml")):
        with open(os.path.join(outdir, name), "rb") as f:
            msg = email.message_from_binary_file(f, policy=email.policy.default)
        print("to: %s | from: %s | subject: %s" % (msg["X-Sink-Rcpt-To"], msg["From"], msg["Subject"]))
        for h in ("Date", "Message-ID"):
            if not msg[h]:
                print("  missing header %s" % h)
        body = msg.get_content()
        for line in body.splitlines()[:8]:
            if line.strip():
                print("    " + line)


def main():
    if len(sys.argv) >= 3 and sys.argv[1] == "serve":
        reject = set()
        args = sys.argv[3:]
        while args:
            if args[0] == "--reject" and len(args) > 1:
                reject.add(args[1])
                args = args[2:]
            else:
                sys.exit("usage: smtp_sink.py serve DIR [--reject ADDR]...")
        os.makedirs(sys.argv[2], exist_ok=True)
        try:
            asyncio.run(serve(sys.argv[2], reject))
        except KeyboardInterrupt:
            pass
    elif len(sys.argv) == 3 and sys.argv[1] == "summary":
        summary(sys.argv[2])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
