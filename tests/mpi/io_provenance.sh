#!/bin/bash
# `ecoscale selftest` writes a results file whose provenance shows the seed,
# the rank count, the version, the effective config and the footprint.
set -euo pipefail
mkdir -p "$WORK"
cd "$WORK"
X="$WORK/prov/X.h5"
rm -rf prov
fail() { echo "FAIL: $*"; exit 1; }
$MPIEXEC "$ECOSCALE" selftest -o "$X" --run.seed=7 --selftest.rows_per_rank=300 > out.log 2>&1 || { cat out.log; fail "selftest exited non-zero"; }
grep -Eq "^selftest: OK \($NP ranks?, 300 rows per rank" out.log || { cat out.log; fail "no OK line for $NP ranks"; }
h5dump -A "$X" > attrs.txt || fail "h5dump -A failed"
attr() { # value line of an attribute of /
  h5dump -a "/$1" "$X" | sed -n 's/^ *(0): //p'
}
[ "$(attr seed)" = 7 ] || fail "seed is '$(attr seed)', expected 7"
[ "$(attr nranks)" = "$NP" ] || fail "nranks is '$(attr nranks)', expected $NP"
[ "$(attr command)" = '"selftest"' ] || fail "command is $(attr command)"
[ -n "$(attr ecoscale_version)" ] || fail "no ecoscale_version"
[ -n "$(attr git_revision)" ] || fail "no git_revision"
[[ "$(attr start_time)" =~ ^\"20[0-9][0-9]-[01][0-9]-[0-3][0-9]T[0-9:]{8}Z\"$ ]] || fail "start_time $(attr start_time)"
[[ "$(attr end_time)" =~ ^\"20[0-9][0-9]-[01][0-9]-[0-3][0-9]T[0-9:]{8}Z\"$ ]] || fail "end_time $(attr end_time)"
grep -q 'seed = 7' attrs.txt || fail "config lacks 'seed = 7'"
grep -q 'rows_per_rank = 300' attrs.txt || fail "config lacks the selftest section"
for a in footprint_wall_s footprint_cpu_core_s footprint_peak_rss_bytes footprint_energy_j \
         footprint_energy_source footprint_gco2e footprint_grid_gco2_per_kwh; do
  grep -q "ATTRIBUTE \"$a\"" attrs.txt || fail "no $a"
done
cpu=$(attr footprint_cpu_core_s)
awk -v c="$cpu" 'BEGIN { exit !(c > 0) }' || fail "footprint_cpu_core_s is $cpu"
[ "$(h5dump -a /selftest/ranks "$X" | sed -n 's/^ *(0): //p')" = "$NP" ] || fail "/selftest ranks"
h5dump -H -d /selftest/values "$X" > values.txt
grep -q "( $((300 * NP)), 8 )" values.txt || fail "/selftest/values shape"
[ ! -e "$X.tmp" ] || fail "temporary file left"
# An output folder that cannot be made: exit 1 on every rank, one message.
touch afile
set +e
timeout 60 $MPIEXEC "$ECOSCALE" selftest -o "$WORK/afile/x.h5" > bad.log 2>&1
rc=$?
set -e
[ $rc -ne 0 ] && [ $rc -ne 124 ] || { cat bad.log; fail "unwritable output: exit $rc"; }
[ "$(grep -c "error: .*afile" bad.log)" = 1 ] || { cat bad.log; fail "expected one error message naming afile"; }
echo "provenance: OK ($NP ranks)"
