# Unit tests of src/core (one rank, no mpiexec).
eco_add_unit_test(NAME test_core_error SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_core_error.c)
eco_add_unit_test(NAME test_core_rng SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_core_rng.c)
eco_add_unit_test(NAME test_core_log SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_core_log.c)
eco_add_unit_test(NAME test_core_timer SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_core_timer.c)
eco_add_unit_test(NAME test_core_footprint SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_core_footprint.c)
