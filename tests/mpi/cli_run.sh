# A command end to end: precedence defaults < -c FILE < ECOSCALE_OPTIONS <
# command line, seen in the provenance that `ecoscale info` prints; the
# default results file; the footprint line.
. "$(dirname "$0")/cli_lib.sh"

# check_seed FILE.h5 N: `ecoscale info` shows the seed attribute N (and one
# "seed = N" line in the effective config).
check_seed() {
  run "$ECOSCALE" info "$1"
  [ "$RC" -eq 0 ] || fail "info $1: exit code $RC"
  got=$(awk '$1 == "seed" && $2 != "=" { print $2 }' "$OUT")
  [ "$got" = "$2" ] || fail "info $1: seed attribute '$got', expected $2"
  expect_text "seed = $2" "info $1: effective config"
}

printf '[run]\nseed = 3\n' > seed.ini

run "$ECOSCALE" selftest -o "$WORK/file.h5" -c seed.ini
expect_rc 0 "selftest with a config file"
expect_text "footprint: wall" "selftest with a config file"
check_seed "$WORK/file.h5" 3
expect_text "nranks" "info"
awk -v np="$NP" '$1 == "nranks" && $2 == np { ok = 1 } END { exit !ok }' "$OUT" || fail "info: nranks is not $NP"
expect_text "config:" "info"
expect_text "seed = 3" "info: effective config"
expect_text "datasets:" "info"
expect_text "/selftest/" "info: datasets listed"
[ "$(grep -c '^datasets:' "$OUT")" -eq 1 ] || fail "info: printed by more than one rank"

ECOSCALE_OPTIONS="run.seed=5" run "$ECOSCALE" selftest -o "$WORK/env.h5" -c seed.ini
expect_rc 0 "selftest with ECOSCALE_OPTIONS"
check_seed "$WORK/env.h5" 5

ECOSCALE_OPTIONS="run.seed=5" run "$ECOSCALE" selftest -o "$WORK/arg.h5" -c seed.ini --run.seed=7
expect_rc 0 "selftest with --run.seed"
check_seed "$WORK/arg.h5" 7

run "$ECOSCALE" selftest -o "$WORK/seed.h5" --seed 11 -q
expect_rc 0 "selftest --seed -q"
expect_no_text "footprint:" "-q hides the footprint line"
check_seed "$WORK/seed.h5" 11

# Default results file: outputs/<command>.h5 under the working directory.
mkdir -p outputs
run "$ECOSCALE" selftest
expect_rc 0 "selftest with the default output"
[ -f outputs/selftest.h5 ] || fail "default output outputs/selftest.h5 missing"
check_seed outputs/selftest.h5 1
expect_text 'output = "outputs/selftest.h5"' "default output in the effective config"

# Timers at -v
run "$ECOSCALE" selftest -o "$WORK/v.h5" -v
expect_rc 0 "selftest -v"
expect_text "[DEBUG]" "-v shows debug lines"

# A shared INI file: the [selftest] section is checked by other commands,
# but only the command that uses it records it in its effective config.
printf '[run]\nseed = 3\n[selftest]\nrows_per_rank = 10\n' > shared.ini
run "$ECOSCALE" info "$WORK/file.h5" -c shared.ini
expect_rc 0 "info with a shared INI file"
run "$ECOSCALE" selftest -o "$WORK/shared.h5" -c shared.ini
expect_rc 0 "selftest with a shared INI file"
check_seed "$WORK/shared.h5" 3
expect_text "rows_per_rank = 10" "selftest: its section from the shared INI file"

finish
