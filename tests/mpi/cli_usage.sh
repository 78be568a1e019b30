# --version, help, COMMAND --help, and every kind of bad command line: exit 2
# with one message from rank 0.
. "$(dirname "$0")/cli_lib.sh"

run "$ECOSCALE" --version
expect_rc 0 "--version"
expect_text "ecoscale 0." "--version"
[ "$(grep -c '^ecoscale ' "$OUT")" -eq 1 ] || fail "--version: printed by more than one rank"

run "$ECOSCALE" help
expect_rc 0 "help"
expect_text "usage: ecoscale COMMAND" "help"
expect_text "info FILE.h5" "help"
expect_text "exit codes:" "help"
[ "$(grep -c '^usage: ecoscale' "$OUT")" -eq 1 ] || fail "help: printed by more than one rank"

for form in "help info" "info --help" "info -h"; do
  run "$ECOSCALE" $form
  expect_rc 0 "$form"
  expect_text "usage: ecoscale info FILE.h5" "$form"
  expect_text "--run.seed=integer" "$form"
  expect_text "default 1, range [0, 9007199254740992]" "$form"
  expect_text "[footprint]" "$form"
  expect_text "--footprint.grid_gco2_per_kwh=number" "$form"
done

run "$ECOSCALE" help forcast
expect_rc 2 "help forcast"
expect_one_error "help forcast"

run "$ECOSCALE" infp x.h5
expect_rc 2 "unknown command"
expect_text "unknown command 'infp' (did you mean 'info'?); see 'ecoscale help'" "unknown command"
expect_one_error "unknown command"

run "$ECOSCALE" frobnicate
expect_rc 2 "unknown command without suggestion"
expect_text "unknown command 'frobnicate'; see 'ecoscale help'" "unknown command without suggestion"
expect_one_error "unknown command without suggestion"

run "$ECOSCALE"
expect_rc 2 "no command"
expect_text "no command given" "no command"

run "$ECOSCALE" info x.h5 --foo
expect_rc 2 "bad option --foo"
expect_text "unknown option '--foo'" "bad option --foo"
expect_one_error "bad option --foo"

run "$ECOSCALE" info x.h5 -x
expect_rc 2 "bad option -x"
expect_text "unknown option '-x'" "bad option -x"
expect_one_error "bad option -x"

run "$ECOSCALE" info x.h5 -c
expect_rc 2 "-c without a file"
expect_text "option -c needs a file name" "-c without a file"

run "$ECOSCALE" info
expect_rc 2 "info without a file"
expect_text "'ecoscale info' takes one results file" "info without a file"
expect_one_error "info without a file"

run "$ECOSCALE" info "$WORK/missing.h5"
expect_rc 2 "info on a missing file"
expect_text "missing.h5" "info on a missing file"
expect_one_error "info on a missing file"

echo "not HDF5" > "$WORK/text.h5"
run "$ECOSCALE" info "$WORK/text.h5"
expect_rc 2 "info on a text file"
expect_text "text.h5" "info on a text file"
expect_one_error "info on a text file"

finish
