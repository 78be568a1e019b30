# MPI tests of src/core at 1, 2 and 4 ranks.
add_executable(core_agree ${CMAKE_CURRENT_LIST_DIR}/core_agree.c)
add_executable(core_progress ${CMAKE_CURRENT_LIST_DIR}/core_progress.c)
add_executable(core_rng ${CMAKE_CURRENT_LIST_DIR}/core_rng.c)
add_executable(core_timer ${CMAKE_CURRENT_LIST_DIR}/core_timer.c)
add_executable(core_signal ${CMAKE_CURRENT_LIST_DIR}/core_signal.c)
foreach(t core_agree core_progress core_rng core_timer core_signal)
  target_link_libraries(${t} PRIVATE ecoscale)
  target_compile_definitions(${t} PRIVATE _GNU_SOURCE)
  target_compile_options(${t} PRIVATE -Wall -Wextra)
endforeach()

eco_add_mpi_test(NAME core_agree NPROCS 1 2 4 TIMEOUT 90
  SCRIPT ${CMAKE_CURRENT_LIST_DIR}/core_agree.sh $<TARGET_FILE:core_agree>)
eco_add_mpi_test(NAME core_progress NPROCS 1 2 4 TIMEOUT 150
  SCRIPT ${CMAKE_CURRENT_LIST_DIR}/core_progress.sh $<TARGET_FILE:core_progress>)
eco_add_mpi_test(NAME core_signal NPROCS 1 2 4 TIMEOUT 150
  SCRIPT ${CMAKE_CURRENT_LIST_DIR}/core_signal.sh $<TARGET_FILE:core_signal>)
eco_add_mpi_test(NAME core_rng NPROCS 1 2 4 TIMEOUT 60
  COMMAND $<TARGET_FILE:core_rng>)
eco_add_mpi_test(NAME core_timer NPROCS 1 2 4 TIMEOUT 60
  COMMAND $<TARGET_FILE:core_timer>)
