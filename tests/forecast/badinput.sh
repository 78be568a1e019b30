#!/bin/bash
# Bad input: exit code 2, the error named once with file:line:column, and no
# results file (nor a temporary one) left behind.
set -u
mkdir -p "$WORK"
cd "$WORK"
fail=0
H="region,product,date,quantity,price,promo"
expect() { # file expected-fragment [extra options]
  local f=$1 frag=$2
  shift 2
  rm -f out.h5 out.h5.tmp
  timeout 120 $MPIEXEC "$ECOSCALE" forecast "$f" -o out.h5 "$@" > log.txt 2>&1
  local rc=$?
  local n
  n=$(grep -c -F -- "$frag" log.txt)
  if [ $rc -ne 2 ] || [ "$n" -ne 1 ] || [ -e out.h5 ] || [ -e out.h5.tmp ]; then
    echo "FAIL: $f: rc=$rc, '$frag' found $n times (want rc 2, once, no file)"; cat log.txt; fail=1
  else
    echo "ok: $f -> $(grep -F -- "$frag" log.txt | head -1)"
  fi
}
printf '%s\nnorth,milk,2024-01-01,5,1.0,0\nnorth,milk,2024-02-30,5,1.0,0\n' "$H" > baddate.csv
expect baddate.csv "baddate.csv:3:12: bad date '2024-02-30'"
printf '%s\nnorth,milk,2024-01-01,5,1.0,0\nnorth,milk,2024-01-08,lots,1.0,0\n' "$H" > nonnum.csv
expect nonnum.csv "nonnum.csv:3:23: quantity 'lots' is not a number"
printf '%s\nnorth,milk,2024-01-01,5,1.0,0\nnorth,milk,2024-01-08,-3,1.0,0\nnorth,milk,2024-01-15,4,1.0,0\n' "$H" > neg.csv
expect neg.csv "neg.csv:3:23: negative quantity -3"
printf '%s\nnorth,milk,2024-01-01,5,1.0,0\nnorth,milk,2024-01-08,6,x1,0\n' "$H" > badprice.csv
expect badprice.csv "badprice.csv:3:25: price 'x1' is not a number"
# duplicates far apart, so that at several ranks they start on different ranks
{ echo "$H"; for w in 0 1 2 3 4 5 6 7 8 9; do echo "south,tea,$(date -u -d "2024-01-01 +$((7*w)) days" +%F),$w,2.0,0"; done
  for w in 0 1 2 3 4 5 6 7 8 9; do echo "north,milk,$(date -u -d "2024-01-01 +$((7*w)) days" +%F),$w,2.0,0"; done
  echo "south,tea,2024-01-15,9,2.0,0"; } > dup.csv
expect dup.csv "dup.csv:22:11: duplicate weekly period 2024-01-15 for series (south, tea), first given at line 4"
printf '%s\nnorth,milk,2024-01-01,5,1.0,0\nnorth,milk,2024-01-04,5,1.0,0\nnorth,milk,2024-01-07,5,1.0,0\n' "$H" > freq.csv
expect freq.csv "unknown frequency: the smallest gap between two dates of a series is 3 days"
printf '%s\nnorth,milk,2024-01-01,5,1.0\n' "$H" > short.csv
expect short.csv "short.csv:2: 5 fields, the header has 6"
printf 'region,date,quantity\nnorth,2024-01-01,5\n' > cols.csv
expect cols.csv "missing: product"
printf '"S1",1,2,3,4,5,6\n"S2",1,2,x,4\n' > wide.csv
expect wide.csv "wide.csv:2:10: value 'x' is not a number"
printf '%s\nnorth,milk,2024-01-01,5,1.0,0\nnorth,milk,2024-01-10,5,1.0,0\n' "$H" > grid.csv
expect grid.csv "grid.csv:3:12: date 2024-01-10 is not on the weekly grid" --forecast.frequency=weekly
# negative = missing accepts the file
rm -f ok.h5
if ! timeout 120 $MPIEXEC "$ECOSCALE" forecast neg.csv -o ok.h5 -q --forecast.negative=missing \
     --forecast.horizon=1 > log.txt 2>&1 || [ ! -s ok.h5 ]; then
  echo "FAIL: negative = missing should run"; cat log.txt; fail=1
fi
# a bad option value is a configuration error
rm -f out.h5
timeout 120 $MPIEXEC "$ECOSCALE" forecast neg.csv -o out.h5 --forecast.frequency=hourly > log.txt 2>&1
rc=$?
if [ $rc -ne 2 ] || [ -e out.h5 ]; then echo "FAIL: unknown frequency option: rc=$rc"; cat log.txt; fail=1; fi
timeout 120 $MPIEXEC "$ECOSCALE" forecast neg.csv -o out.h5 --forecast.models=arima > log.txt 2>&1
rc=$?
if [ $rc -ne 2 ] || ! grep -q "unknown model 'arima'" log.txt; then echo "FAIL: unknown model: rc=$rc"; cat log.txt; fail=1; fi
# import demand rejects the same bad rows
rm -f d.h5
timeout 120 $MPIEXEC "$ECOSCALE" import demand dup.csv -o d.h5 > log.txt 2>&1
rc=$?
if [ $rc -ne 2 ] || [ -e d.h5 ] || ! grep -q "duplicate weekly period" log.txt; then echo "FAIL: import dup: rc=$rc"; cat log.txt; fail=1; fi
[ $fail -eq 0 ] && echo "OK forecast bad input at $NP ranks"
exit $fail
