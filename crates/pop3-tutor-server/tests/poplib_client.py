"""Python's poplib against pop3-tutor-server's dovecot-reference scenario (run by tests/python_poplib.rs).

Usage: poplib_client.py PORT FIXTURE_DIR [plain|ssl|stls CA_FILE]
Connects in plain text (the default), over implicit TLS (`POP3_SSL`: PORT is the TLS listener's) or with
`stls()`, verifying the server's certificate against CA_FILE for the name `localhost`. Logs in, lists, retrieves each message and compares it to the fixture, deletes message 1 and quits; then a
second login must see two messages. Exits non-zero with a message on any difference.
"""

import pathlib
import poplib
import ssl
import sys

port = int(sys.argv[1])
fixtures = [(pathlib.Path(sys.argv[2]) / f"msg{n}.eml").read_bytes() for n in (1, 2, 3)]
mode = sys.argv[3] if len(sys.argv) > 3 else "plain"
context = ssl.create_default_context(cafile=sys.argv[4]) if mode != "plain" else None


def lines_of(message: bytes) -> list:
    # poplib returns the lines without their CRLF (and un-dot-stuffed).
    assert message.endswith(b"\r\n")
    return message[:-2].split(b"\r\n")


def login() -> poplib.POP3:
    if mode == "ssl":
        pop = poplib.POP3_SSL("localhost", port, timeout=30, context=context)
    else:
        pop = poplib.POP3("localhost", port, timeout=30)
    if mode == "stls":
        print(pop.stls(context=context).decode())
    pop.user("tester@example.com")
    pop.pass_("secret")
    return pop


pop = login()
count, size = pop.stat()
assert (count, size) == (3, sum(map(len, fixtures))), (count, size)
_, listing, _ = pop.list()
assert listing == [f"{n} {len(f)}".encode() for n, f in enumerate(fixtures, 1)], listing
for n, fixture in enumerate(fixtures, 1):
    _, lines, octets = pop.retr(n)
    assert lines == lines_of(fixture), f"message {n} differs"
print(pop.dele(1).decode())
print(pop.quit().decode())

pop = login()
count, size = pop.stat()
assert (count, size) == (2, len(fixtures[1]) + len(fixtures[2])), (count, size)
_, lines, _ = pop.retr(1)
assert lines == lines_of(fixtures[1]), "after the deletion message 1 is the old message 2"
pop.quit()
print("poplib ok")
