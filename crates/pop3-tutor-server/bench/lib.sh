# Shell helpers shared by the benchmark scripts (sourced, not run).

wait_port() { # wait until something accepts on 127.0.0.1:$1
  for _ in $(seq 100); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  echo "nothing listens on port $1" >&2; return 1
}

stop() { # stop a background process by pid, if it was started
  [ -n "$1" ] && kill "$1" 2>/dev/null && wait "$1" 2>/dev/null || true
}

stop_dovecot_and_clean() { # stop the Dovecot configured under $1/dovecot and remove $1
  [ -f "$1/dovecot/dovecot.conf" ] && dovecot -c "$1/dovecot/dovecot.conf" stop 2>/dev/null || true
  rm -rf "$1"
}
