# Bad configuration on every rank count: unknown keys and sections, values
# out of range, syntax errors, a missing file; exit 2, one message naming the
# key and where it was set; nothing written.
. "$(dirname "$0")/cli_lib.sh"

st() { run "$ECOSCALE" selftest -o "$WORK/r.h5" "$@"; }
nothing_written() {
  [ ! -e "$WORK/r.h5" ] && [ ! -e "$WORK/r.h5.tmp" ] || fail "$1: a results file was written"
}

printf '[run]\nseed = 3\n\n; a comment\nsede = 4\n' > bad_key.ini
st -c bad_key.ini
expect_rc 2 "unknown key in INI"
expect_text "bad_key.ini:5: unknown key run.sede (did you mean run.seed?)" "unknown key in INI"
expect_one_error "unknown key in INI"
nothing_written "unknown key in INI"

printf '[run]\nseed = 3\n[forcast]\nhorizon = 4\n' > bad_section.ini
st -c bad_section.ini
expect_rc 2 "unknown section"
expect_text "bad_section.ini:4: unknown section [forcast]" "unknown section"
expect_one_error "unknown section"

printf '[footprint]\n\nwatts_per_core = 1e9\n' > range.ini
st -c range.ini
expect_rc 2 "out of range in INI"
expect_text 'range.ini:3: footprint.watts_per_core = "1e9" is out of range [0, 1000]' "out of range in INI"
expect_one_error "out of range in INI"
nothing_written "out of range in INI"

st --run.seed=-3
expect_rc 2 "out of range on the command line"
expect_text 'command line: run.seed = "-3" is out of range [0, 9007199254740992]' "out of range on the command line"
expect_one_error "out of range on the command line"

st --seed abc
expect_rc 2 "--seed abc"
expect_text 'command line: run.seed = "abc" is not an integer' "--seed abc"

ECOSCALE_OPTIONS="run.resume=perhaps" st
expect_rc 2 "bad value in ECOSCALE_OPTIONS"
expect_text 'ECOSCALE_OPTIONS: run.resume = "perhaps" is not a boolean' "bad value in ECOSCALE_OPTIONS"
expect_one_error "bad value in ECOSCALE_OPTIONS"

st --run.sede=1
expect_rc 2 "unknown key on the command line"
expect_text "command line: unknown key run.sede (did you mean run.seed?)" "unknown key on the command line"
expect_one_error "unknown key on the command line"
nothing_written "unknown key on the command line"

printf '[run]\nseed = 3\nthis line is wrong\n' > syntax.ini
st -c syntax.ini
expect_rc 2 "syntax error"
expect_text "syntax.ini:3: syntax error" "syntax error"
expect_one_error "syntax error"

st -c "$WORK/nowhere.ini"
expect_rc 2 "missing config file"
expect_text "$WORK/nowhere.ini" "missing config file"
expect_one_error "missing config file"
nothing_written "missing config file"

# Sections of other commands are checked (one INI file serves every stage).
printf '[run]\nseed = 3\n[selftest]\nrows_per_rnk = 10\n' > other_key.ini
run "$ECOSCALE" info "$WORK/missing.h5" -c other_key.ini
expect_rc 2 "unknown key in another command's section"
expect_text "other_key.ini:4: unknown key selftest.rows_per_rnk (did you mean selftest.rows_per_rank?)" "unknown key in another command's section"
expect_one_error "unknown key in another command's section"

finish
