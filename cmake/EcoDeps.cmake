# Find every dependency; a missing one stops configure with the Debian
# package to install (the full list is in scripts/deps.sh).

macro(eco_require found what pkg)
  if(NOT ${found})
    message(FATAL_ERROR "ecoscale needs ${what}. On Debian/Ubuntu: apt-get install ${pkg} "
      "(or ./scripts/deps.sh to install everything). See docs/building.md for clusters.")
  endif()
endmacro()

find_package(MPI COMPONENTS C)
eco_require(MPI_C_FOUND "MPI (Open MPI)" "libopenmpi-dev openmpi-bin")

set(HDF5_PREFER_PARALLEL TRUE)
find_package(HDF5 COMPONENTS C)
eco_require(HDF5_FOUND "parallel HDF5" "libhdf5-openmpi-dev")
if(NOT HDF5_IS_PARALLEL)
  message(FATAL_ERROR "ecoscale needs a parallel HDF5, but the HDF5 found (${HDF5_C_INCLUDE_DIRS}) is serial. "
    "On Debian/Ubuntu: apt-get install libhdf5-openmpi-dev")
endif()

set(BLA_VENDOR OpenBLAS)
find_package(BLAS)
eco_require(BLAS_FOUND "OpenBLAS" "libopenblas-dev")
find_path(CBLAS_INCLUDE_DIR cblas.h PATH_SUFFIXES openblas-pthread openblas)
eco_require(CBLAS_INCLUDE_DIR "the CBLAS header of OpenBLAS" "libopenblas-dev")

find_package(PkgConfig)
eco_require(PKG_CONFIG_FOUND "pkg-config" "pkg-config")
pkg_check_modules(LAPACKE IMPORTED_TARGET lapacke)
eco_require(LAPACKE_FOUND "LAPACKE" "liblapacke-dev")
# Never find_package(scalapack): Debian's CMake file for it points at a missing
# library. The pkg-config module is correct.
pkg_check_modules(SCALAPACK IMPORTED_TARGET scalapack-openmpi)
eco_require(SCALAPACK_FOUND "ScaLAPACK (Open MPI flavour)" "libscalapack-openmpi-dev")
pkg_check_modules(INIH IMPORTED_TARGET inih)
eco_require(INIH_FOUND "inih" "libinih-dev")
pkg_check_modules(NETTLE IMPORTED_TARGET nettle)
eco_require(NETTLE_FOUND "nettle (SHA-256 of input files)" "nettle-dev")
pkg_check_modules(GSL IMPORTED_TARGET gsl)
eco_require(GSL_FOUND "GSL (optimizers)" "libgsl-dev")

find_path(GLPK_INCLUDE_DIR glpk.h)
find_library(GLPK_LIBRARY glpk)
eco_require(GLPK_LIBRARY "GLPK" "libglpk-dev")
eco_require(GLPK_INCLUDE_DIR "GLPK headers" "libglpk-dev")
add_library(GLPK::GLPK UNKNOWN IMPORTED)
set_target_properties(GLPK::GLPK PROPERTIES IMPORTED_LOCATION "${GLPK_LIBRARY}"
  INTERFACE_INCLUDE_DIRECTORIES "${GLPK_INCLUDE_DIR}")

find_path(CSV_INCLUDE_DIR csv.h)
find_library(CSV_LIBRARY csv)
eco_require(CSV_LIBRARY "libcsv" "libcsv-dev")
add_library(CSV::CSV UNKNOWN IMPORTED)
set_target_properties(CSV::CSV PROPERTIES IMPORTED_LOCATION "${CSV_LIBRARY}"
  INTERFACE_INCLUDE_DIRECTORIES "${CSV_INCLUDE_DIR}")

find_path(RANDOM123_INCLUDE_DIR Random123/philox.h)
eco_require(RANDOM123_INCLUDE_DIR "Random123" "librandom123-dev")

if(ECO_BUILD_TESTS)
  pkg_check_modules(CMOCKA IMPORTED_TARGET cmocka)
  eco_require(CMOCKA_FOUND "cmocka (unit tests)" "libcmocka-dev")
endif()
