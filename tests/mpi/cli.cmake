# The ecoscale program: usage, configuration errors, a command end to end.
# One call per rank count: eco_add_mpi_test consumes the SCRIPT list on its
# first rank count, so a SCRIPT test given NPROCS 1 2 4 at once fails to
# configure.
foreach(t usage config run)
  foreach(np 1 2 4)
    eco_add_mpi_test(NAME cli_${t} NPROCS ${np} TIMEOUT 240
      SCRIPT ${CMAKE_CURRENT_LIST_DIR}/cli_${t}.sh LABELS cli)
  endforeach()
endforeach()
