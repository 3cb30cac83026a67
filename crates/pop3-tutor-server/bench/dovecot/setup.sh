#!/bin/sh
# Prepares a scratch tree for the benchmark's Dovecot (run as root): the mail user, the configuration, and
# the reference maildrop (the three fixture messages with UIDVALIDITY 1700000000 and UIDs 1-3, as in
# shared/reference/dovecot/fill-maildir.sh, so Dovecot serves what the simulator's dovecot-reference serves).
# Usage: sh bench/dovecot/setup.sh ROOT PORT     Then: dovecot -c ROOT/dovecot.conf   (stop: ... stop)
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=${1:?usage: $0 ROOT PORT}
PORT=${2:?usage: $0 ROOT PORT}
FIXTURES=${FIXTURES:-$HERE/../../../pop3-sim/scenarios/reference}
MAILUSER=${MAILUSER:-vmail}
id "$MAILUSER" >/dev/null 2>&1 || useradd -r -U -d /nonexistent -s /usr/sbin/nologin "$MAILUSER"
UID_=$(id -u "$MAILUSER"); GID_=$(id -g "$MAILUSER")
mkdir -p "$ROOT/run" "$ROOT/state" "$ROOT/mail/tester" "$ROOT/mail/empty"
chmod 755 "$ROOT" "$ROOT/mail"
sed -e "s|@ROOT@|$ROOT|g" -e "s|@PORT@|$PORT|g" -e "s|@FIRST_UID@|$UID_|g" "$HERE/dovecot-bench.conf.in" > "$ROOT/dovecot.conf"
sed -e "s|@ROOT@|$ROOT|g" -e "s|@UID@|$UID_|g" -e "s|@GID@|$GID_|g" "$HERE/users.in" > "$ROOT/users"
chmod 644 "$ROOT/users"
for user in tester empty; do
  md="$ROOT/mail/$user/Maildir"
  rm -rf "$md"
  mkdir -p "$md/cur" "$md/new" "$md/tmp"
done
md="$ROOT/mail/tester/Maildir"
echo "3 V1700000000 N4" > "$md/dovecot-uidlist"
i=1
for f in "$FIXTURES/msg1.eml" "$FIXTURES/msg2.eml" "$FIXTURES/msg3.eml"; do
  size=$(wc -c < "$f" | tr -d ' ')
  base="$((1700000000 + i)).M${i}P1000.pop3ref,S=$size,W=$size"
  cp "$f" "$md/cur/$base:2,"
  echo "$i :$base" >> "$md/dovecot-uidlist"
  i=$((i + 1))
done
chmod 700 "$ROOT/mail/tester/Maildir" "$ROOT/mail/empty/Maildir"
chown -R "$UID_:$GID_" "$ROOT/mail"
