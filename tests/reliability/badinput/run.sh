#!/usr/bin/env bash
# Bad-input suite driver (docs/reliability.md, "Bad input").
#
#   run.sh STAGE       every case of cases.txt whose first field is STAGE,
#                      except those whose input is made unreadable (noread)
#   run.sh noperm      every case whose input is made with `noread`, run as an
#                      unprivileged user (exit 77 = skipped, with the reason,
#                      when that cannot be done)
#
# Environment from eco_add_mpi_test: NP, MPIEXEC, ECOSCALE, SRC, WORK.
# Every run is `timeout 60 $MPIEXEC ecoscale ...` (mpiexec -n NP), also at
# NP=1: a singleton process (no mpiexec) rarely crashed at exit after its
# error message (docs/reliability.md, Bad input, open), which is not what
# this suite tests.
#
# Each case of cases.txt is one line of five fields separated by '|' (so
# only the last field, the message pattern, may contain '|'):
#   stage | name | how the input is made | command | expected message
# "how the input is made" is shell run in a fresh folder with the helpers
# below (from, lines, cutat, edit, put, utf16, bom, crlf, bytes, towide,
# demoini, noread);
# "command" is the ecoscale command line without `-o` (the driver adds
# `-o out.h5`); "expected message" is an extended regular expression the one
# error line must match (it names the file and the place), or ACCEPT for a
# positive case (the input is valid: exit 0 and a results file). A pattern
# may contain '|' (it is the last field). A case name starting with '!' is a
# known open bug (see the comment above it): it is run and reported as
# "open" while it still fails, and fails the suite once it passes (then
# remove the '!').
#
# Checks of a rejected case: exit code 2 (124 = the run hung), exactly one
# line on stderr mentioning an error, in total over all ranks, and it is
# ecoscale's `ecoscale: error: ...` line and matches the expected message; no
# crash report; no results file and no *.tmp left. At NP=1 the results file
# does not exist before the run and must not exist after; at NP>1 a valid
# results file exists before the run and must be byte-identical after it
# (sha256).
set -u
: "${NP:?}" "${MPIEXEC:?}" "${ECOSCALE:?}" "${SRC:?}" "${WORK:?}"
HERE=$(cd "$(dirname "$0")" && pwd)
CASES=${BADINPUT_CASES:-$HERE/cases.txt}
MODE=${1:?usage: run.sh STAGE | noperm}
export ECOSCALE_OPTIONS=
# When one rank exits non-zero, mpiexec aborts the job: SIGTERM to the other
# ranks, SIGKILL after odls_base_sigkill_timeout (1 s by default), and returns
# only then, which made a failing 2-rank run take ~2 s. Every rank has
# already agreed on the error (eco_agree) and anything a rank printed is on
# stderr before any rank exits, so killing at once hides nothing from the
# checks; it halves the time of the suite.
export OMPI_MCA_odls_base_sigkill_timeout=0 # (also at 1 rank: 2.6 s -> 0.7 s)

# inputs the cases start from
DEMO=$SRC/inputs/demo
TESTS=$SRC/tests
export DEMO TESTS

# ---- helpers used by the "how the input is made" field (write to stdout) ----
from() { cat -- "$1"; }
lines() { sed -n "$2,$3p" -- "$1"; }        # lines A..B of a file
cutat() {                                   # lines before LINE, then LINE cut before column COL, no newline
  head -n $(($2 - 1)) -- "$1"
  sed -n "$2p" -- "$1" | head -c $(($3 - 1))
}
edit() { sed -e "$2" -- "$1"; }             # a sed script applied to a file
put() { printf -- "$@"; }                   # literal content (printf format)
utf16() { printf '\xff\xfe'; iconv -f UTF-8 -t UTF-16LE -- "$1"; }   # UTF-16LE with its BOM
bom() { printf '\xef\xbb\xbf'; cat -- "$1"; }                        # UTF-8 BOM
crlf() { sed -e 's/$/\r/' -- "$1"; }                                 # CRLF line ends
bytes() { # FILE LINE COL BYTES: insert BYTES (printf escapes, e.g. '\xe9', '\0') before column COL of LINE
  head -n $(($2 - 1)) -- "$1"
  local l
  l=$(sed -n "$2p" -- "$1")
  printf '%s' "${l:0:$(($3 - 1))}"
  printf -- "$4"
  printf '%s\n' "${l:$(($3 - 1))}"
  tail -n +$(($2 + 1)) -- "$1"
}
towide() { # a long demand CSV as an M4-style wide file: "region-product",v1,v2,... (no header)
  awk -F, 'NR > 1 { k = $1 "-" $2; if (!(k in row)) { order[++n] = k; row[k] = "\"" k "\"" }
                    row[k] = row[k] "," $4 }
           END { for (i = 1; i <= n; ++i) print row[order[i]] }' "$1"
}
demoini() { # NAME [SED-SCRIPT]: inputs/demo/NAME.ini, paths made absolute, then the script
  sed -e "s#inputs/demo/#$DEMO/#g" -e "${2:-}" -- "$DEMO/$1.ini"
}
noread() { # FILE NAME: NAME is a copy of FILE that its owner cannot read
  cp -- "$1" "$2" && chmod 000 "$2"
}

# ---- the runner --------------------------------------------------------------
rm -rf "$WORK" && mkdir -p "$WORK" || exit 1
cd "$WORK" || exit 1
RUN_AS=()
if [ "$MODE" = noperm ]; then
  if [ "$(id -u)" = 0 ]; then
    # root reads every file: run as nobody, in a folder it can write
    command -v setpriv >/dev/null || { echo "SKIP: running as root and setpriv is missing"; exit 77; }
    id nobody >/dev/null 2>&1 || { echo "SKIP: running as root and there is no user 'nobody'"; exit 77; }
    WORK=$(mktemp -d /tmp/ecoscale-badinput.XXXXXX) || exit 1
    trap 'rm -rf "$WORK"' EXIT
    chmod 755 "$WORK"
    cd "$WORK" || exit 1
    RUN_AS=(setpriv --reuid=nobody --regid=nogroup --clear-groups env HOME=/tmp)
    if ! "${RUN_AS[@]}" test -x "$ECOSCALE" -a -r "$SRC/inputs/demo/forecast.ini"; then
      echo "SKIP: user nobody cannot run $ECOSCALE or read $SRC"
      exit 77
    fi
  fi
fi

# A valid results file: the "previous results" that a failed run must leave intact.
if [ "$NP" -gt 1 ]; then
  timeout 120 "$ECOSCALE" selftest -q -o "$WORK/prev.h5" >/dev/null 2>&1 \
    || { echo "FAIL: could not make a results file with 'ecoscale selftest'"; exit 1; }
fi

# Cases run JOBS at a time (BADINPUT_JOBS, default 4): most of a failing
# run's time is mpiexec waiting, not computing. Each case writes its report
# to case-NAME.log and ok/open/fail to case-NAME.status; printed in order.
JOBS=${BADINPUT_JOBS:-4}
fail() { # collected, printed once per case by report
  WHY+=("$*")
}
report() { # prints the case's result; writes its status
  local w
  if [ "$OPEN" = 1 ]; then
    if [ ${#WHY[@]} -eq 0 ]; then
      echo "FAIL [$NAME]: marked as an open bug ('!') but passes: remove the mark"
      echo fail >"$STATUS"
    else
      echo "open [$NAME]: ${WHY[0]} (known open bug)"
      echo open >"$STATUS"
    fi
    return 1
  fi
  if [ ${#WHY[@]} -eq 0 ]; then
    echo ok >"$STATUS"
    return 0
  fi
  for w in "${WHY[@]}"; do echo "FAIL [$NAME]: $w"; done
  echo "  input:   $MAKE"
  echo "  command: ecoscale $CMD -o out.h5"
  sed 's/^/  stderr: /' err.txt | cat -v | head -20
  echo fail >"$STATUS"
  return 1
}

run_case() {
  local dir="$WORK/case-$NAME"
  STATUS="$WORK/case-$NAME.status"
  echo fail >"$STATUS"
  rm -rf "$dir" && mkdir -p "$dir" && cd "$dir" || return
  if ! eval "$MAKE"; then
    echo "FAIL [$NAME]: could not make the input: $MAKE"
    return
  fi
  if [ ${#RUN_AS[@]} -gt 0 ]; then chown nobody:nogroup "$dir"; fi
  local before=""
  if [ "$NP" -gt 1 ] && [ "$PATTERN" != ACCEPT ]; then
    cp "$WORK/prev.h5" out.h5
    if [ ${#RUN_AS[@]} -gt 0 ]; then chown nobody:nogroup out.h5; fi
    before=$(sha256sum out.h5 | cut -d' ' -f1)
  fi
  local -a argv
  eval "argv=($CMD)"
  local t0=$SECONDS
  timeout 60 "${RUN_AS[@]}" $MPIEXEC "$ECOSCALE" "${argv[@]}" -o out.h5 >out.txt 2>err.txt </dev/null
  local rc=$?
  WHY=()
  if [ "$PATTERN" = ACCEPT ]; then
    [ $rc -eq 0 ] && [ -s out.h5 ] || fail "a valid input was refused (exit code $rc)"
    report && echo "ok   [$NAME] accepted ($((SECONDS - t0)) s)"
    return
  fi
  [ $rc -eq 124 ] && fail "the run hung (killed after 60 s)"
  [ $rc -ne 124 ] && [ $rc -ne 2 ] && fail "exit code $rc, expected 2"
  local n
  n=$(grep -aci 'error' err.txt)
  [ "$n" -eq 1 ] || fail "$n lines mention an error on stderr, expected exactly 1"
  local msg
  msg=$(grep -a -m1 '^ecoscale: error: ' err.txt)
  [ -n "$msg" ] || fail "no 'ecoscale: error:' line"
  if [ -n "$msg" ] && ! printf '%s\n' "$msg" | grep -aEq -- "$PATTERN"; then
    fail "the message does not match /$PATTERN/"
  fi
  if grep -aEqi 'received signal|segmentation fault|core dumped|sanitizer|runtime error' err.txt; then
    fail "a crash report on stderr"
  fi
  if [ -n "$before" ]; then
    [ -e out.h5 ] && [ "$(sha256sum out.h5 | cut -d' ' -f1)" = "$before" ] \
      || fail "the results file that existed before was changed or removed"
  else
    [ ! -e out.h5 ] || fail "a results file was written"
  fi
  local tmps
  tmps=$(find . -name '*.tmp' | tr '\n' ' ')
  [ -z "$tmps" ] || fail "temporary file(s) left: $tmps"
  report && echo "ok   [$NAME] ${msg#ecoscale: error: } ($((SECONDS - t0)) s)"
}

trim() { local s=$1; s=${s#"${s%%[![:space:]]*}"}; printf '%s' "${s%"${s##*[![:space:]]}"}"; }
names=()
while IFS= read -r line || [ -n "$line" ]; do
  case "$line" in '' | '#'*) continue ;; esac
  IFS='|' read -r STAGE NAME MAKE CMD PATTERN <<<"$line"
  STAGE=$(trim "$STAGE"); NAME=$(trim "$NAME"); MAKE=$(trim "$MAKE"); CMD=$(trim "$CMD")
  PATTERN=$(trim "$PATTERN")
  OPEN=0
  case "$NAME" in '!'*) OPEN=1; NAME=${NAME#!} ;; esac
  case "$MAKE" in *noread*) is_noperm=1 ;; *) is_noperm=0 ;; esac
  if [ "$MODE" = noperm ]; then
    [ $is_noperm = 1 ] || continue
  else
    [ "$STAGE" = "$MODE" ] && [ $is_noperm = 0 ] || continue
  fi
  [ "$MODE" = noperm ] && NAME="$STAGE-$NAME"
  names+=("$NAME")
  while [ "$(jobs -rp | wc -l)" -ge "$JOBS" ]; do wait -n; done
  (run_case >"$WORK/case-$NAME.log" 2>&1) &
done <"$CASES"
wait

ncases=${#names[@]}
[ $ncases -gt 0 ] || { echo "FAIL: no case for '$MODE' in $CASES"; exit 1; }
failures=0
nopen=0
for NAME in "${names[@]}"; do
  cat "$WORK/case-$NAME.log"
  case "$(cat "$WORK/case-$NAME.status" 2>/dev/null)" in
    ok) ;;
    open) nopen=$((nopen + 1)) ;;
    *) failures=$((failures + 1)) ;;
  esac
done
if [ $failures -ne 0 ]; then
  echo "$failures of $ncases case(s) failed for '$MODE' at $NP rank(s) ($nopen known open bugs)"
  exit 1
fi
echo "all $ncases case(s) passed for '$MODE' at $NP rank(s) ($nopen of them known open bugs)"
exit 0
