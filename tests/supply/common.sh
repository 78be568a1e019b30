# Helpers for the supply MPI tests (sourced).
set -eu
: "${NP:?}" "${MPIEXEC:?}" "${ECOSCALE:?}" "${SRC:?}" "${WORK:?}"
rm -rf "$WORK"
mkdir -p "$WORK"
cd "$WORK"
DATA="$SRC/tests/supply/data"
fail() { echo "FAIL: $*" >&2; exit 1; }
# value of a scalar attribute, full precision
attr() { h5dump -m '%.17g' -a "$2" "$1" | sed -n 's/^ *(0): //p' | tr -d '"'; }
# the result datasets and attributes that must not depend on the rank count
fingerprint() {
  h5dump -m '%.17g' -d /supply/open -d /supply/assignment -d /supply/flows \
    -d /supply/history/best -d /supply/history/mean -d /supply/islands/stats "$1" | grep -v '^HDF5'
  for a in objective cost emissions feasible open_sites; do echo "$a $(attr "$1" /supply/$a)"; done
  for a in generations stop_reason best_island evaluations migrants_adopted; do
    echo "$a $(attr "$1" /supply/stats/$a)"; done
}
