# Set-up shared by the supply benchmarks (sourced after the script sets its
# default OUT): the ecoscale binary, Debian's python, the output folder, MPI
# as root on an oversubscribed machine, and attr FILE PATH (an HDF5
# attribute's value, full precision).
ECOSCALE=${ECOSCALE:-build/bin/ecoscale}
PY=/usr/bin/python3
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
mkdir -p "$OUT"
export OMPI_MCA_rmaps_base_oversubscribe=1 OPENBLAS_NUM_THREADS=1
if [ "$(id -u)" = 0 ]; then export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1; fi
attr() { h5dump -m '%.17g' -a "$2" "$1" | sed -n 's/^ *(0): //p' | tr -d '"'; }
