# Test helpers.
#
#   eco_add_unit_test(NAME name SOURCES a.c ... [LIBS ...])
#     a cmocka test program run once, without mpirun.
#
#   eco_add_mpi_test(NAME name NPROCS 1 2 4
#                    (COMMAND exe args... | SCRIPT file.sh args...)
#                    [TIMEOUT s] [ENVIRONMENT VAR=value ...] [LABELS l ...])
#     registers name_np1, name_np2, name_np4. COMMAND runs under
#     "mpiexec -n N"; SCRIPT runs "bash file.sh args" with NP, MPIEXEC (a
#     ;-free command line prefix: "mpiexec -n N"), ECOSCALE (the program),
#     SRC (source dir) and WORK (a fresh per-test folder) in the environment.
#     Unknown keywords are an error.

# Sanitizer build: no leak checking under mpiexec (scripts/test.sh leak-checks
# the unit test programs with scripts/lsan.supp, which needs the slow unwinder);
# the fast unwinder is enough for the "allocated by" stacks of ecoscale's own
# code (built with -fno-omit-frame-pointer) and starts Open MPI about 1.6x faster.
# odls_base_sigkill_timeout=0: when a rank exits non-zero, mpiexec kills the
# others at once instead of SIGTERM + 1 s + SIGKILL; every rank has agreed on
# the error and rank 0 has printed it by then, so a failing run (the many
# bad-input cases) returns in ~0.7 s instead of ~2 s and the checks see the same.
set(ECO_TEST_ENV
  "OMPI_ALLOW_RUN_AS_ROOT=1" "OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1"
  "OMPI_MCA_odls_base_sigkill_timeout=0"
  "OMPI_MCA_rmaps_base_oversubscribe=1" "OMPI_MCA_pml=ob1" "OMPI_MCA_btl=self,vader"
  "OPENBLAS_NUM_THREADS=1" "ECOSCALE_OPTIONS="
  "ASAN_OPTIONS=detect_leaks=0"
  "UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1")
set(ECO_TEST_FAIL_REGEX "ERROR: [A-Za-z]+Sanitizer;runtime error:")

function(eco_add_unit_test)
  cmake_parse_arguments(T "" "NAME;TIMEOUT" "SOURCES;LIBS;LABELS" ${ARGN})
  if(T_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "eco_add_unit_test: unknown arguments: ${T_UNPARSED_ARGUMENTS}")
  endif()
  if(NOT T_NAME OR NOT T_SOURCES)
    message(FATAL_ERROR "eco_add_unit_test: NAME and SOURCES are required")
  endif()
  if(NOT T_TIMEOUT)
    set(T_TIMEOUT 120)
  endif()
  add_executable(${T_NAME} ${T_SOURCES})
  target_link_libraries(${T_NAME} PRIVATE ecoscale PkgConfig::CMOCKA ${T_LIBS})
  target_compile_definitions(${T_NAME} PRIVATE _GNU_SOURCE)
  add_test(NAME ${T_NAME} COMMAND ${T_NAME})
  set_tests_properties(${T_NAME} PROPERTIES TIMEOUT ${T_TIMEOUT}
    ENVIRONMENT "${ECO_TEST_ENV}" FAIL_REGULAR_EXPRESSION "${ECO_TEST_FAIL_REGEX}"
    LABELS "unit;${T_LABELS}")
endfunction()

function(eco_add_mpi_test)
  cmake_parse_arguments(T "" "NAME;TIMEOUT" "NPROCS;COMMAND;SCRIPT;ENVIRONMENT;LABELS" ${ARGN})
  if(T_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "eco_add_mpi_test(${T_NAME}): unknown arguments: ${T_UNPARSED_ARGUMENTS}")
  endif()
  if(NOT T_NAME OR NOT T_NPROCS)
    message(FATAL_ERROR "eco_add_mpi_test: NAME and NPROCS are required")
  endif()
  if((T_COMMAND AND T_SCRIPT) OR (NOT T_COMMAND AND NOT T_SCRIPT))
    message(FATAL_ERROR "eco_add_mpi_test(${T_NAME}): give exactly one of COMMAND or SCRIPT")
  endif()
  if(NOT T_TIMEOUT)
    set(T_TIMEOUT 300)
  endif()
  if(T_SCRIPT)
    list(GET T_SCRIPT 0 script)
    set(script_args ${T_SCRIPT})
    list(REMOVE_AT script_args 0)
  endif()
  foreach(np IN LISTS T_NPROCS)
    set(tname ${T_NAME}_np${np})
    set(work ${CMAKE_BINARY_DIR}/testwork/${tname})
    if(T_COMMAND)
      add_test(NAME ${tname}
        COMMAND ${MPIEXEC_EXECUTABLE} ${MPIEXEC_NUMPROC_FLAG} ${np} ${MPIEXEC_PREFLAGS}
                ${T_COMMAND} ${MPIEXEC_POSTFLAGS})
    else()
      add_test(NAME ${tname} COMMAND bash ${script} ${script_args})
    endif()
    set_tests_properties(${tname} PROPERTIES
      TIMEOUT ${T_TIMEOUT} PROCESSORS ${np}
      FAIL_REGULAR_EXPRESSION "${ECO_TEST_FAIL_REGEX}"
      LABELS "mpi;np${np};${T_LABELS}"
      ENVIRONMENT "${ECO_TEST_ENV};NP=${np};MPIEXEC=${MPIEXEC_EXECUTABLE} ${MPIEXEC_NUMPROC_FLAG} ${np};ECOSCALE=$<TARGET_FILE:ecoscale_cli>;SRC=${CMAKE_SOURCE_DIR};WORK=${work};${T_ENVIRONMENT}")
  endforeach()
endfunction()
