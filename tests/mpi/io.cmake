# I/O tests at 1, 2 and 4 ranks.
set(_io ${CMAKE_CURRENT_LIST_DIR})
foreach(prog io_roundtrip io_text io_writer)
  add_executable(${prog} ${_io}/${prog}.c)
  target_link_libraries(${prog} PRIVATE ecoscale)
  target_compile_definitions(${prog} PRIVATE _GNU_SOURCE)
endforeach()
eco_add_mpi_test(NAME io_text NPROCS 1 2 4 COMMAND $<TARGET_FILE:io_text>
  TIMEOUT 60 LABELS io)
# One call per rank count: eco_add_mpi_test consumes the SCRIPT list on its
# first rank count.
foreach(np 1 2 4)
  eco_add_mpi_test(NAME io_roundtrip NPROCS ${np} SCRIPT ${_io}/io_roundtrip.sh
    TIMEOUT 120 LABELS io ENVIRONMENT IO_ROUNDTRIP=$<TARGET_FILE:io_roundtrip>)
  eco_add_mpi_test(NAME io_atomic NPROCS ${np} SCRIPT ${_io}/io_atomic.sh
    TIMEOUT 120 LABELS io ENVIRONMENT IO_WRITER=$<TARGET_FILE:io_writer>)
  eco_add_mpi_test(NAME io_provenance NPROCS ${np} SCRIPT ${_io}/io_provenance.sh
    TIMEOUT 60 LABELS io)
endforeach()
