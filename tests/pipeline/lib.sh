# Helpers for the pipeline tests (sourced): tests/lib.sh (run, fail, expect_*,
# same_data, same_group, finish) plus the tiny pipeline configuration.
set -u
: "${SRC:?}"
. "$SRC/tests/lib.sh"
H5VALS="/usr/bin/python3 $SRC/tests/pipeline/h5vals.py"

. "$SRC/tests/pipeline/tiny.sh"
