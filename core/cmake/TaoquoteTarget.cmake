# taoquote_target(NAME <layer> TYPE <STATIC|EXECUTABLE> SOURCES ...): one target per layer,
# with the taoquote:: alias, C++17, and the project's warning and sanitizer flags — all
# target-scoped, never appended to CMAKE_CXX_FLAGS.
function(taoquote_warnings target)
  if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
    target_compile_options(${target} PRIVATE -Wall -Wextra -Wshadow -Wnon-virtual-dtor
                                             $<$<BOOL:${TAOQUOTE_WERROR}>:-Werror>)
  endif()
  if(EMSCRIPTEN)
    # One exception mode for every translation unit and the link: wasm exception handling
    # (a throw inside the core is caught there, never an abort of the buyer's checkout).
    target_compile_options(${target} PUBLIC -fwasm-exceptions)
    target_link_options(${target} PUBLIC -fwasm-exceptions)
  endif()
  if(TAOQUOTE_FUZZ)
    # Coverage feedback from every layer, not only the harness: without it libFuzzer mutates
    # blind inside the core and the codec (the harnesses add -fsanitize=fuzzer to link).
    target_compile_options(${target} PRIVATE -fsanitize=fuzzer-no-link)
  endif()
  if(TAOQUOTE_SANITIZE)
    target_compile_options(${target} PRIVATE -fsanitize=address,undefined -fno-sanitize-recover=all
                                             -fno-omit-frame-pointer)
    target_link_options(${target} PRIVATE -fsanitize=address,undefined)
  endif()
endfunction()

function(taoquote_target)
  cmake_parse_arguments(T "" "NAME;TYPE" "SOURCES" ${ARGN})
  if(T_TYPE STREQUAL "EXECUTABLE")
    add_executable(taoquote_${T_NAME} ${T_SOURCES})
  else()
    add_library(taoquote_${T_NAME} ${T_TYPE} ${T_SOURCES})
    add_library(taoquote::${T_NAME} ALIAS taoquote_${T_NAME})
    set_target_properties(taoquote_${T_NAME} PROPERTIES EXPORT_NAME ${T_NAME}
                                                        VERSION ${PROJECT_VERSION})
  endif()
  target_compile_features(taoquote_${T_NAME} PUBLIC cxx_std_17)
  set_target_properties(taoquote_${T_NAME} PROPERTIES CXX_EXTENSIONS OFF)
  taoquote_warnings(taoquote_${T_NAME})
endfunction()
