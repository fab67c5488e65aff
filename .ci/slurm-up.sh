#!/usr/bin/env bash
# Installs (only when missing) and starts a single-node SLURM on this machine, as java-ecosystem.md §5 describes:
# munge, slurmctld and slurmd as root, one partition "debug" with one node that has a fake GPU (gres gpu:1 backed by
# /dev/null), no accounting database (finished jobs are recorded by jobcomp/filetxt in /var/log/slurm/jobcomp.log).
#
# Idempotent: when the node already answers idle/mixed/allocated, it only says so. Needs root and apt-get for the
# install. Exits non-zero with one line saying why when SLURM cannot be started.
set -euo pipefail

die() { echo "slurm-up: $*" >&2; exit 1; }
export PATH="$PATH:/usr/sbin:/sbin"

node_state() { sinfo -h -N -o %T 2>/dev/null | head -1 || true; }
alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

# Ask sinfo only when the daemons run: with no controller it retries for about 10 s before failing.
if command -v sinfo >/dev/null 2>&1 && alive /run/slurmctld.pid && alive /run/slurmd.pid; then
  case "$(node_state)" in
    idle*|mixed*|allocated*|completing*) echo "slurm-up: already running (node $(node_state))"; exit 0 ;;
  esac
fi

[ "$(id -u)" = 0 ] || die "must run as root to install and start SLURM"

if ! command -v slurmctld >/dev/null 2>&1 || ! command -v slurmd >/dev/null 2>&1 \
    || ! command -v sbatch >/dev/null 2>&1 || ! command -v munged >/dev/null 2>&1; then
  command -v apt-get >/dev/null 2>&1 || die "slurmctld/slurmd/munge are not installed and apt-get is not available"
  echo "slurm-up: installing slurmctld slurmd slurm-client munge"
  export DEBIAN_FRONTEND=noninteractive
  if ! apt-get install -y -qq --no-install-recommends slurmctld slurmd slurm-client munge >/dev/null 2>&1; then
    apt-get update -qq >/dev/null 2>&1 || die "apt-get update failed"
    apt-get install -y -qq --no-install-recommends slurmctld slurmd slurm-client munge >/dev/null \
      || die "apt-get install of slurmctld slurmd slurm-client munge failed"
  fi
fi

host="$(hostname -s)"
nproc="$(nproc)"
mem=$(( $(awk '/^MemTotal:/ {print int($2/1024)}' /proc/meminfo) - 1024 ))
[ "$mem" -gt 256 ] || mem=256

mkdir -p /var/spool/slurmctld /var/spool/slurmd /var/log/slurm /run/munge /etc/slurm
chown munge:munge /run/munge 2>/dev/null || true
[ -f /etc/munge/munge.key ] || die "/etc/munge/munge.key is missing (munge's package should have created it)"

conf=/etc/slurm/slurm.conf
cat > "$conf.new" <<EOF
# Written by .ci/slurm-up.sh (single-node SLURM for GraphIDS CI).
ClusterName=ci
SlurmctldHost=${host}(127.0.0.1)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
StateSaveLocation=/var/spool/slurmctld
SlurmdSpoolDir=/var/spool/slurmd
SlurmctldPidFile=/run/slurmctld.pid
SlurmdPidFile=/run/slurmd.pid
SlurmctldLogFile=/var/log/slurm/slurmctld.log
SlurmdLogFile=/var/log/slurm/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SchedulerType=sched/backfill
SchedulerParameters=sched_interval=1
ReturnToService=2
MpiDefault=none
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
JobCompType=jobcomp/filetxt
JobCompLoc=/var/log/slurm/jobcomp.log
MinJobAge=3600
GresTypes=gpu
NodeName=${host} NodeAddr=127.0.0.1 CPUs=${nproc} RealMemory=${mem} Gres=gpu:1 State=UNKNOWN
PartitionName=debug Nodes=${host} Default=YES MaxTime=INFINITE State=UP
EOF
mv "$conf.new" "$conf"
echo "NodeName=${host} Name=gpu File=/dev/null" > /etc/slurm/gres.conf

if ! alive /run/munge/munged.pid; then
  runuser -u munge -- "$(command -v munged)" || die "munged did not start"
fi
for _ in $(seq 1 50); do
  munge -n 2>/dev/null | unmunge >/dev/null 2>&1 && break
  sleep 0.1
done
munge -n 2>/dev/null | unmunge >/dev/null 2>&1 || die "munge does not answer (munge -n | unmunge fails)"

alive /run/slurmctld.pid || "$(command -v slurmctld)" -i || die "slurmctld did not start (see /var/log/slurm/slurmctld.log)"
alive /run/slurmd.pid || "$(command -v slurmd)" || die "slurmd did not start (see /var/log/slurm/slurmd.log)"

for _ in $(seq 1 300); do
  case "$(node_state)" in
    idle*|mixed*|allocated*) echo "slurm-up: node ${host} is $(node_state) (partition debug, ${nproc} CPUs, ${mem} MiB, gres gpu:1)"; exit 0 ;;
  esac
  sleep 0.1
done
die "the node did not become idle within 30 s (state: $(node_state); see /var/log/slurm/)"
