#!/usr/bin/env bash
# Stops the single-node SLURM that .ci/slurm-up.sh started, by the PIDs in its PID files (slurmd, slurmctld, munged).
# Idempotent: daemons that are not running are skipped.
set -uo pipefail

stop() {
  local pidfile="$1" name="$2"
  if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
    local pid
    pid="$(cat "$pidfile")"
    kill "$pid"
    for _ in $(seq 1 50); do
      kill -0 "$pid" 2>/dev/null || { echo "slurm-down: stopped $name (pid $pid)"; return 0; }
      sleep 0.1
    done
    echo "slurm-down: $name (pid $pid) did not stop within 5 s" >&2
    return 1
  fi
  echo "slurm-down: $name is not running"
}

rc=0
stop /run/slurmd.pid slurmd || rc=1
stop /run/slurmctld.pid slurmctld || rc=1
stop /run/munge/munged.pid munged || rc=1
exit $rc
