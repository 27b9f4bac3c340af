# Settings our own targets link PRIVATE; third-party code never sees them.
add_library(medkg_settings INTERFACE)
add_library(medkg::settings ALIAS medkg_settings)
target_compile_features(medkg_settings INTERFACE cxx_std_20)
target_include_directories(medkg_settings INTERFACE ${PROJECT_SOURCE_DIR})
target_compile_definitions(medkg_settings INTERFACE MEDKG_VERSION="${PROJECT_VERSION}")

add_library(medkg_warnings INTERFACE)
add_library(medkg::warnings ALIAS medkg_warnings)
target_compile_options(medkg_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast -Wcast-align
  -Wunused -Woverloaded-virtual -Wconversion -Wsign-conversion
  -Wdouble-promotion -Wformat=2 -Wimplicit-fallthrough)
if(MEDKG_WERROR)
  target_compile_options(medkg_warnings INTERFACE -Werror)
endif()
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_GREATER_EQUAL 12
   AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
  # GCC 12 at -O3 (the Release build bench/ uses) warns that std::string's own memcpy may
  # overlap by 2^63 bytes wherever a string is built with operator+ (GCC bug 105651, fixed in
  # 13); the warning says nothing about our code there.
  target_compile_options(medkg_warnings INTERFACE -Wno-restrict)
endif()
if(MEDKG_SANITIZE AND CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
  # GCC 12's sanitizer instrumentation makes -Wmaybe-uninitialized fire inside Boost's
  # optional (named_graph.hpp) when inlined into our code; the plain build keeps the warning.
  target_compile_options(medkg_warnings INTERFACE -Wno-maybe-uninitialized)
endif()

if(MEDKG_SANITIZE)
  string(REPLACE ";" "," medkg_sanitizers "${MEDKG_SANITIZE}")
  target_compile_options(medkg_settings INTERFACE
    -fsanitize=${medkg_sanitizers} -fno-omit-frame-pointer -fno-sanitize-recover=all)
  target_link_options(medkg_settings INTERFACE -fsanitize=${medkg_sanitizers})
endif()

# One static library per module: medkg_add_module(name SOURCES... DEPS...)
function(medkg_add_module name)
  cmake_parse_arguments(arg "" "" "SOURCES;PUBLIC_DEPS;PRIVATE_DEPS" ${ARGN})
  add_library(medkg_${name} STATIC ${arg_SOURCES})
  add_library(medkg::${name} ALIAS medkg_${name})
  target_link_libraries(medkg_${name}
    PUBLIC medkg::settings ${arg_PUBLIC_DEPS}
    PRIVATE medkg::warnings ${arg_PRIVATE_DEPS})
endfunction()
