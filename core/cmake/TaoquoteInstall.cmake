# Install rules and the CMake package: headers, static libraries, libtaoquote.so and
# taoquoteConfig.cmake, so another project can find_package(taoquote CONFIG REQUIRED).
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(TAOQUOTE_INSTALL_CMAKEDIR "${CMAKE_INSTALL_LIBDIR}/cmake/taoquote"
    CACHE STRING "Where taoquoteConfig.cmake is installed, relative to the prefix")
set(TAOQUOTE_BOOST_MIN 1.74) # as found by the top-level CMakeLists.txt

set(taoquote_installed_targets taoquote_core taoquote_codec)
set(taoquote_header_dirs core/include/ core/codec/include/)
if(TARGET taoquote_capi)
  list(APPEND taoquote_installed_targets taoquote_capi taoquote_capi_shared)
  list(APPEND taoquote_header_dirs native/capi/include/)
endif()

install(TARGETS ${taoquote_installed_targets} EXPORT taoquoteTargets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
foreach(dir IN LISTS taoquote_header_dirs)
  install(DIRECTORY ${PROJECT_SOURCE_DIR}/${dir} DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
endforeach()
install(EXPORT taoquoteTargets NAMESPACE taoquote:: DESTINATION ${TAOQUOTE_INSTALL_CMAKEDIR})
# JSON Schemas of the rulebook, request, quote, error body and quote diff (core/schema/README.md).
install(FILES ${PROJECT_SOURCE_DIR}/core/schema/rulebook.schema.json
              ${PROJECT_SOURCE_DIR}/core/schema/request.schema.json
              ${PROJECT_SOURCE_DIR}/core/schema/quote.schema.json
              ${PROJECT_SOURCE_DIR}/core/schema/error.schema.json
              ${PROJECT_SOURCE_DIR}/core/schema/diff.schema.json
        DESTINATION ${CMAKE_INSTALL_DATADIR}/taoquote/schema)

configure_package_config_file(${CMAKE_CURRENT_LIST_DIR}/taoquoteConfig.cmake.in
  ${PROJECT_BINARY_DIR}/taoquoteConfig.cmake INSTALL_DESTINATION ${TAOQUOTE_INSTALL_CMAKEDIR})
# 0.x: a new minor version may break the API, so only the same MAJOR.MINOR is compatible.
write_basic_package_version_file(${PROJECT_BINARY_DIR}/taoquoteConfigVersion.cmake
  VERSION ${PROJECT_VERSION} COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/taoquoteConfig.cmake
              ${PROJECT_BINARY_DIR}/taoquoteConfigVersion.cmake
        DESTINATION ${TAOQUOTE_INSTALL_CMAKEDIR})
