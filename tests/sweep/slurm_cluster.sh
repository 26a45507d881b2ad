# A throw-away single-node Slurm for tests (sourced by test_slurm_sweep.sh): munged, slurmctld and slurmd
# run as root from a temporary folder, with their own munge key, socket, ports, state and logs, so nothing
# of the machine's own configuration is read or changed. No cgroups: proctrack/linuxproc, task/none.
#   start_slurm_cluster DIR   -> 0 when the node is idle; exports SLURM_CONF
#   stop_slurm_cluster DIR    -> ends the daemons it started (by their pid files) and their jobs

slurm_free_port() {
  local port
  for port in $(shuf -i 20000-60000 -n 50); do
    if ! (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null; then echo "$port"; return 0; fi
  done
  return 1
}

start_slurm_cluster() {
  local dir=$1 host node cpus memory ctl_port node_port
  mkdir -p "$dir/state" "$dir/spool" "$dir/log"
  chmod 700 "$dir"
  host=$(hostname -s)
  # The node as slurmd sees it; half its memory, so the test never asks for what the machine lacks.
  node=$(slurmd -C 2>/dev/null | head -1) || return 1
  cpus=$(sed -n 's/.*CPUs=\([0-9]*\).*/\1/p' <<<"$node")
  memory=$(sed -n 's/.*RealMemory=\([0-9]*\).*/\1/p' <<<"$node")
  [ -n "$cpus" ] && [ -n "$memory" ] || return 1
  memory=$((memory / 2))
  ctl_port=$(slurm_free_port) && node_port=$(slurm_free_port) || return 1

  head -c 1024 /dev/urandom >"$dir/munge.key"
  chmod 400 "$dir/munge.key"
  munged --force --socket="$dir/munge.socket" --key-file="$dir/munge.key" --pid-file="$dir/munged.pid" \
    --log-file="$dir/log/munged.log" --seed-file="$dir/munged.seed" 2>>"$dir/log/start.log" || return 1

  cat >"$dir/slurm.conf" <<CONF
ClusterName=redit-test
SlurmctldHost=$host(127.0.0.1)
SlurmUser=root
SlurmdUser=root
SlurmctldPort=$ctl_port
SlurmdPort=$node_port
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$dir/munge.socket
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
SwitchType=switch/none
MpiDefault=none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU_Memory
ReturnToService=2
KillWait=10
MinJobAge=600
NodeName=localhost NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$memory State=UNKNOWN
PartitionName=debug Nodes=localhost Default=YES MaxTime=INFINITE State=UP
CONF
  export SLURM_CONF="$dir/slurm.conf"
  slurmctld -f "$SLURM_CONF" -c 2>>"$dir/log/start.log" || return 1
  slurmd -f "$SLURM_CONF" -N localhost 2>>"$dir/log/start.log" || return 1
  local waited=0
  until sinfo --noheader --format=%T 2>/dev/null | grep -qx idle; do
    sleep 1
    waited=$((waited + 1))
    [ "$waited" -lt 30 ] || return 1
  done
}

stop_slurm_cluster() {
  local dir=$1 name pid
  if [ -f "$dir/slurmctld.pid" ]; then
    SLURM_CONF="$dir/slurm.conf" scancel --user=root 2>/dev/null
    for _ in $(seq 30); do
      [ -z "$(SLURM_CONF="$dir/slurm.conf" squeue --noheader 2>/dev/null)" ] && break
      sleep 0.5
    done
  fi
  for name in slurmd slurmctld munged; do
    [ -f "$dir/$name.pid" ] || continue
    pid=$(cat "$dir/$name.pid")
    [ -n "$pid" ] || continue
    kill "$pid" 2>/dev/null || continue
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$pid" 2>/dev/null || true
  done
}
