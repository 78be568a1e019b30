# Results written where the space runs out (docs/reliability.md, "Disk
# full"). Usage: diskfull.sh ulimit|tmpfs|paths. Environment from
# eco_add_mpi_test: NP, MPIEXEC, ECOSCALE, SRC, WORK.
#   ulimit  every stage with a file size limit of 4 KiB on its ranks
#           (ulimit -f; set inside mpiexec, since Open MPI's own start-up
#           files need more): the writes fail with EFBIG;
#   tmpfs   (root) every stage writing into a 256 KiB tmpfs mounted for the
#           test, filled up but for 8 KiB: the writes fail with ENOSPC;
#           exit code 77 (a ctest skip) with the reason when not root;
#   paths   a read-only output folder, an output whose parent folder is a
#           regular file (exit code 1, one message naming the path), and an
#           output whose parent folders do not exist (they are made).
# Each failed run: the exit code (1), one error message naming the file, the
# previous results file at the final name unchanged, no .tmp file left.
set -u
: "${NP:?}" "${MPIEXEC:?}" "${ECOSCALE:?}" "${SRC:?}" "${WORK:?}"
rm -rf "$WORK" && mkdir -p "$WORK" && cd "$WORK" || exit 1
export ECOSCALE_OPTIONS=
export OMPI_MCA_odls_base_sigkill_timeout=0 # mpiexec ends a failed job at once
MODE=${1:-}
failures=0
OUT=$WORK/out.txt
fail() {
  echo "FAIL: $*"
  sed 's/^/    | /' "$OUT" | grep -v '^    | \[INFO' | head -20
  failures=$((failures + 1))
}

# Small runs of every stage (inputs made or shipped; outputs over 16 KiB).
timeout 60 "$ECOSCALE" generate demand -q --generate.demand.regions=3 \
  --generate.demand.products=4 -o demand.h5 || { echo "FAIL: generate demand"; exit 1; }
timeout 60 "$ECOSCALE" generate lp -q -o fam.lp --generate.lp.plants=2 --generate.lp.products=3 \
  --generate.lp.regions=2 --generate.lp.periods=4 || { echo "FAIL: generate lp"; exit 1; }
. "$SRC/tests/pipeline/tiny.sh"
write_tiny_ini tiny.ini
DEMO=$SRC/inputs/demo
declare -A STAGE=(
  [forecast]="forecast $WORK/demand.h5 --forecast.horizon=8 --forecast.models=naive,ses,theta"
  [plan]="plan $WORK/fam.lp --plan.grid=col:emissions:cost=0:100:10 --plan.save=0,5"
  [supply_cflp]="supply $SRC/tests/supply/data/tiny10x30.txt --supply.islands=2 --supply.population=8 --supply.generations=10"
  [supply_cvrp]="supply $DEMO/supply/delivery30.vrp --supply.islands=2 --supply.population=8 --supply.generations=10"
  [recommend]="recommend $DEMO/recommend/ratings.csv --recommend.model=als --recommend.factors=4 --recommend.epochs=2"
  [pipeline]="pipeline -c $WORK/tiny.ini"
)
ORDER="forecast plan supply_cflp supply_cvrp recommend pipeline"

# run DIR LIMIT ARGS...: the program at NP ranks writing DIR/res.h5, with a
# file size limit of LIMIT KiB on the ranks (or "-" for none); a run that
# has not ended after DF_TIMEOUT seconds (default 120) is a hang.
run() {
  local dir=$1 lim=$2
  shift 2
  local ul=""
  [ "$lim" = - ] || ul="ulimit -f $lim; "
  # btl tcp, osc pt2pt: the files behind Open MPI's shared-memory transport
  # and one-sided windows (the plan's MPI_Win_allocate) would meet the limit
  # too (ulimit -f holds for the whole process)
  OMPI_MCA_btl=self,tcp OMPI_MCA_osc=pt2pt timeout ${DF_TIMEOUT:-120} $MPIEXEC bash -c "${ul}exec \"\$@\"" ecoscale \
    "$ECOSCALE" "$@" -o "$dir/res.h5" >"$OUT" 2>&1
  RC=$?
}

# check_failed LABEL DIR REASON: the run failed cleanly (see above). REASON
# is what the message may say of the error (grep -E), besides the file name.
check_failed() {
  local label=$1 dir=$2 reason=$3
  local n
  n=$(grep -c '^ecoscale: error:' "$OUT")
  [ "$RC" -eq 1 ] || fail "$label: exit code $RC, expected 1 (124: no end within ${DF_TIMEOUT:-120} s)"
  [ "$n" -eq 1 ] || fail "$label: $n error messages, expected one"
  grep '^ecoscale: error:' "$OUT" | grep -q "res.h5" || fail "$label: the message does not name the results file"
  grep '^ecoscale: error:' "$OUT" | grep -Eqi "$reason" || fail "$label: the message does not say '$reason'"
  cmp -s "$dir/res.h5" previous.h5 || fail "$label: the previous results file was changed"
  [ -z "$(find "$dir" -name '*.tmp' -print -quit)" ] || fail "$label: .tmp left: $(find "$dir" -name '*.tmp' | tr '\n' ' ')"
  [ "$RC" -eq 1 ] && echo "  ok $label: $(grep '^ecoscale: error:' "$OUT" | head -1)"
}

echo "previous results of an earlier run" >previous.h5

case $MODE in
ulimit)
  mkdir -p out
  for s in $ORDER; do
    rm -rf out/* && cp previous.h5 out/res.h5
    run out 4 ${STAGE[$s]}
    # (the pipeline's stage-file write reports no system error yet)
    check_failed "$s, ulimit -f 4" out "$([ $s = pipeline ] && echo failed || echo 'File too large')"
  done
  ;;
tmpfs)
  if [ "$(id -u)" -ne 0 ]; then
    echo "SKIP: mounting a size-limited tmpfs needs root (run as root, or see the ulimit case)"
    exit 77
  fi
  mkdir -p small
  mount -t tmpfs -o size=256k ecoscale-diskfull "$WORK/small" ||
    { echo "SKIP: mount -t tmpfs failed (no mount permission here)"; exit 77; }
  trap 'cd / && umount "$WORK/small"' EXIT
  for s in $ORDER; do
    rm -rf small/* && cp previous.h5 small/res.h5
    free_kb=$(df -k --output=avail small | tail -1)
    head -c $(((free_kb - 8) * 1024)) /dev/zero >small/filler
    run small - ${STAGE[$s]}
    check_failed "$s, tmpfs full" small "$([ $s = pipeline ] && echo failed || echo 'No space left on device')"
  done
  ;;
paths)
  # a read-only output folder (as root a read-only mount: root ignores modes)
  mkdir -p ro
  cp previous.h5 ro/res.h5
  if [ "$(id -u)" -eq 0 ]; then
    mount -t tmpfs -o size=64k ecoscale-ro "$WORK/ro" && cp previous.h5 ro/res.h5 &&
      mount -o remount,ro "$WORK/ro" && trap 'cd / && umount "$WORK/ro"' EXIT
  else
    chmod 555 ro
  fi
  run ro - ${STAGE[forecast]}
  check_failed "read-only folder" ro "read-only|permission|cannot create"
  # the parent of the output is a regular file
  echo data >notafolder
  run notafolder - ${STAGE[forecast]}
  n=$(grep -c '^ecoscale: error:' "$OUT")
  { [ "$RC" -eq 1 ] && [ "$n" -eq 1 ] && grep '^ecoscale: error:' "$OUT" | grep -q notafolder; } ||
    fail "output under a regular file: exit code $RC, $n messages"
  [ "$(cat notafolder)" = data ] || fail "the regular file was changed"
  echo "  ok output under a regular file: $(grep '^ecoscale: error:' "$OUT")"
  # parent folders that do not exist are made
  run new/sub - ${STAGE[forecast]}
  { [ "$RC" -eq 0 ] && [ -f new/sub/res.h5 ]; } || fail "output in new folders: exit code $RC"
  echo "  ok output in folders that do not exist yet: made, exit code 0"
  ;;
*) echo "usage: diskfull.sh ulimit|tmpfs|paths"; exit 2 ;;
esac
if [ "$failures" -ne 0 ]; then
  echo "$failures check(s) failed at $NP rank(s)"
  exit 1
fi
echo "all checks passed at $NP rank(s)"
