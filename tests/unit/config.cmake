# Configuration: option tables, INI files, precedence, errors, dump.
eco_add_unit_test(NAME test_config SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_config.c
  LABELS config)
