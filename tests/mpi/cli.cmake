# The ecoscale program: usage, configuration errors, a command end to end.
foreach(t usage config run)
  eco_add_mpi_test(NAME cli_${t} NPROCS 1 2 4 TIMEOUT 240
    SCRIPT ${CMAKE_CURRENT_LIST_DIR}/cli_${t}.sh LABELS cli)
endforeach()
