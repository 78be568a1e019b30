# Bad input: exit code 2, exactly one error message (from rank 0, naming
# the file:line or the option), no results file. A bad model, an unknown
# name in a table and a malformed grid at every rank count (under mpiexec);
# the other cases once, at NP=1, as a singleton process (fast).
. "$SRC/tests/plan/lib.sh"

bad() { # description expected-text args...  (all ranks, under mpiexec)
  local what=$1 text=$2
  shift 2
  rm -f res.h5
  run plan "$@" -o res.h5 -q
  check_bad "$what" "$text"
}
bad1() { # the same as a singleton, only at NP=1
  [ "$NP" -eq 1 ] || return 0
  local what=$1 text=$2
  shift 2
  rm -f res.h5
  run1 plan "$@" -o res.h5 -q
  check_bad "$what" "$text"
}
check_bad() {
  local what=$1 text=$2
  expect_rc 2 "$what"
  expect_one_error "$what"
  expect_text "$text" "$what"
  [ ! -e res.h5 ] || fail "$what: a results file was written"
  if ls res.h5.* >/dev/null 2>&1; then fail "$what: a temporary file was left"; fi
}

printf 'NAME x\nROWS\n N obj\n L c1\nCOLUMNS\n x obj 1 c1 abc\nRHS\nENDATA\n' > bad.mps
printf 'Minimize\n obj: x +\nSubject To\n c1: x >= \nEnd\n' > bad.lp
printf 'scenario,row:c1:rhs,col:nosuch:cost\ns0,1,2\n' > unknown.csv
printf 'row:c1:rhs,col:x:cost\n1,2\n3,abc\n' > notnum.csv
printf 'row:c1:rhs,col:x:cost\n1,2\n3\n' > short.csv
mkdir -p adir

bad "MPS syntax" "bad.mps:6:" bad.mps
bad1 "LP syntax" "bad.lp:3: missing variable name" bad.lp
bad1 "missing model" "nothere.mps" nothere.mps
bad1 "directory model" "is not a regular file" adir
bad1 "no model" "plan needs a model"
bad1 "GMPL without data" "transport.mod:" "$DATA/transport.mod"
bad "unknown CSV name" "unknown.csv:1:3: column 'col:nosuch:cost': unknown column name 'nosuch'" \
  "$DATA/small.lp" unknown.csv
bad1 "CSV not a number" "notnum.csv:3:2: column 'col:x:cost': 'abc' is not a number" \
  "$DATA/small.lp" notnum.csv
bad1 "CSV short line" "short.csv:3: 1 fields, the header has 2" "$DATA/small.lp" short.csv
bad1 "grid unknown row" "unknown row name 'c9'" "$DATA/small.lp" --plan.grid='row:c9:rhs=1:2:1'
bad1 "grid no prefix match" "no column name starts with 'zz'" "$DATA/small.lp" \
  --plan.grid='col:zz*:cost*=1,2'
bad "grid bad range" "a range is FROM:TO:STEP" "$DATA/small.lp" --plan.grid='row:c1:rhs=1:2'
bad1 "grid bad step" "step -1 does not lead from 1 to 2" "$DATA/small.lp" \
  --plan.grid='row:c1:rhs=1:2:-1'
bad1 "grid no values" "expected TARGET=VALUES" "$DATA/small.lp" --plan.grid='col:x:cost'
bad1 "grid bad field" "a column field is cost, lb or ub" "$DATA/small.lp" --plan.grid='col:x:rhs=1'
printf 'var x >= 0;\nvar y >= 0;\nminimize obj: x + y;\ns.t. r1: -5 <= x - y <= 5;\nend;\n' > ranged.mod
bad1 "grid rhs of a ranged row" "row 'r1' is double-bounded: rhs needs" ranged.mod \
  --plan.grid='row:r1:rhs=1' 
bad1 "grid +inf lower bound" "a lower bound cannot be +inf" "$DATA/small.lp" --plan.grid='col:x:lb=inf'
bad1 "grid and table" "not both" "$DATA/small.lp" unknown.csv --plan.grid='row:c1:rhs=1'
bad1 "save out of range" "plan.save" "$DATA/small.lp" --plan.grid='row:c1:rhs=1,2' --plan.save=5
bad1 "track unknown column" "plan.track: no column named 'zz'" "$DATA/small.lp" --plan.track='col:zz'
bad1 "track bad kind" "plan.track: 'x' is not col:NAME or row:NAME" "$DATA/small.lp" --plan.track='x'
bad1 "slice not at a chunk start" "plan.first = 3 is not a multiple of plan.chunk = 16" \
  "$DATA/small.lp" --plan.grid='row:c1:rhs=1:40:1' --plan.first=3
bad1 "slice outside the sweep" "outside the 40 scenarios" "$DATA/small.lp" \
  --plan.grid='row:c1:rhs=1:40:1' --plan.first=32 --plan.count=9
bad1 "data for a non-GMPL model" "is not a GMPL model" "$DATA/small.lp" "$DATA/transport.dat"

gen_bad() { # description expected-text output args...
  local what=$1 text=$2 out=$3
  shift 3
  [ "$NP" -eq 1 ] || return 0
  rm -f "$out"
  run1 generate lp -o "$out" "$@" -q
  expect_rc 2 "$what"
  expect_one_error "$what"
  expect_text "$text" "$what"
  [ ! -e "$out" ] || fail "$what: $out was written"
  if ls "${out%.*}".tmp* >/dev/null 2>&1; then fail "$what: a temporary file was left"; fi
}
gen_bad "generate lp -o .h5" "give -o NAME.lp or -o NAME.mps" m.h5
gen_bad "generate lp: '-' in an LP file" "write free MPS" m.lp --generate.lp.product_names=oat-milk
gen_bad "generate lp: bad name" "name 'a b' (region names)" m.mps "--generate.lp.region_names=x,a b"
gen_bad "generate lp: duplicate name" "name 'x' (region names)" m.mps --generate.lp.region_names=x,y,x
finish
