# I/O unit tests (one rank; MPI is initialized by the test program).
eco_add_unit_test(NAME test_io SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_io.c LABELS io)
