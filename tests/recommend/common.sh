# Shared helpers of the recommend MPI tests (sourced).
set -eu
mkdir -p "$WORK"
cd "$WORK"
DEMO="$SRC/inputs/demo/recommend"
MPI1="${MPIEXEC% -n *} -n 1"
fail() { echo "FAIL: $*" >&2; exit 1; }
# digest of a dataset's values (the file name line is dropped)
digest() { h5dump -d "$2" "$1" | tail -n +2 | md5sum | cut -d' ' -f1; }
same() { # same FILE_A FILE_B DATASET...
  local a=$1 b=$2; shift 2
  for ds in "$@"; do
    [ "$(digest "$a" "$ds")" = "$(digest "$b" "$ds")" ] || fail "$ds differs between $a and $b"
  done
}
# values of a 1-D dataset, one per line
values() { h5dump -d "$2" -y -w 0 "$1" | sed -n '/DATA {/,/}/p' | sed '1d;$d' | tr ',' '\n' | sed '/^ *$/d'; }
# a scalar attribute of /recommend
attr() { h5dump -a "/recommend/$2" "$1" | sed -n '/DATA {/,/}/p' | grep -o '[-0-9.e+naNAN]*$' | head -1; }
close() { # close A B TOL
  awk -v a="$1" -v b="$2" -v t="$3" 'BEGIN { d = a - b; if (d < 0) d = -d; exit !(d <= t) }' ||
    fail "$1 and $2 differ by more than $3"
}
# near_one_rank LABEL MODEL ONE.h5 NP.h5: the NP-rank run reaches the 1-rank
# test metric within the tolerance (mf: test RMSE within 0.03 and below 1;
# the other models: test AUC within 0.02 and above 0.6); LABEL names the run.
near_one_rank() {
  local label=$1 one=$3 np=$4 m=test_auc name=AUC tol=0.02 bound='v > 0.6'
  [ "$2" = mf ] && m=test_rmse name=RMSE tol=0.03 bound='v < 1.0'
  local v1 vn
  v1=$(attr "$one" $m) vn=$(attr "$np" $m)
  echo "$label test $name: 1 rank $v1, $NP ranks $vn"
  close "$v1" "$vn" $tol
  awk -v v="$vn" "BEGIN { exit !($bound) }" || fail "$label test $name $vn"
}
# usr1_at_epoch E CMD...: run CMD with rank 0 sent SIGUSR1 at its E-th stop
# check (one per epoch; the test hook of src/core/signal.c, so the signal
# lands mid-training however fast or loaded the machine is); output in
# log.txt, exit code in $rc
usr1_at_epoch() {
  local e=$1
  shift
  set +e
  ECOSCALE_TEST_SIGNAL=USR1:$e timeout 120 "$@" > log.txt 2>&1
  rc=$?
  set -e
}
