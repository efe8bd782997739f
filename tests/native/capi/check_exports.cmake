# Fails unless LIBRARY's dynamic symbols are exactly the functions HEADER declares TAOQUOTE_API.
# Usage: cmake -DNM=nm -DLIBRARY=libtaoquote.so -DHEADER=taoquote.h -P check_exports.cmake
file(READ ${HEADER} header)
string(REGEX MATCHALL "TAOQUOTE_API[^;(]*[ *](taoquote_[a-z_]+)\\(" decls "${header}")
list(TRANSFORM decls REPLACE ".*[ *](taoquote_[a-z_]+)\\($" "\\1" OUTPUT_VARIABLE declared)

execute_process(COMMAND ${NM} -D --defined-only ${LIBRARY} OUTPUT_VARIABLE out RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${NM} failed on ${LIBRARY}")
endif()
string(REGEX MATCHALL "[^\n]+" lines "${out}")
list(TRANSFORM lines REPLACE "^.* " "" OUTPUT_VARIABLE exported)

list(SORT declared)
list(SORT exported)
if(NOT declared STREQUAL exported)
  message(FATAL_ERROR "exported symbols differ from the header's functions\n"
                      "  declared: ${declared}\n  exported: ${exported}")
endif()
list(LENGTH exported count)
message(STATUS "${count} C ABI functions exported, nothing else")
