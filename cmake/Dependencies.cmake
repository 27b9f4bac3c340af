# All dependencies come from Debian packages (scripts/setup.sh installs them).
# Boost.Graph is linked statically: only its GraphML reader (graphml.o) is used, and the shared
# libboost_graph pulls in libboost_regex and ICU (three libraries, 30 MB), whose loading and
# relocation cost every command 8-10 ms on our VMs, half the budget of a whole-process query.
set(Boost_USE_STATIC_LIBS ON)
find_package(Boost 1.74 REQUIRED COMPONENTS graph)
find_package(RapidJSON REQUIRED)
find_package(CURL REQUIRED)
find_package(CLI11 CONFIG QUIET)
find_package(Threads REQUIRED)
# yaml-cpp reads model-card front matter. Its static archive is linked, as Boost.Graph is, so that
# no command pays for loading one more shared library.
find_path(MEDKG_YAML_CPP_INCLUDE_DIR yaml-cpp/yaml.h REQUIRED)
find_library(MEDKG_YAML_CPP_LIBRARY NAMES libyaml-cpp.a REQUIRED)
# cmark-gfm parses markdown lists as GitHub renders them (CommonMark, GFM tables); static too.
find_path(MEDKG_CMARK_GFM_INCLUDE_DIR cmark-gfm.h REQUIRED)
find_library(MEDKG_CMARK_GFM_LIBRARY NAMES libcmark-gfm.a REQUIRED)
find_library(MEDKG_CMARK_GFM_EXTENSIONS_LIBRARY NAMES libcmark-gfm-extensions.a REQUIRED)

# RapidJSON 1.1 only sets RAPIDJSON_INCLUDE_DIRS: wrap it in a target of our own.
add_library(medkg_rapidjson INTERFACE)
add_library(medkg::rapidjson ALIAS medkg_rapidjson)
target_include_directories(medkg_rapidjson SYSTEM INTERFACE ${RAPIDJSON_INCLUDE_DIRS})
# SSE2 is in every x86-64 CPU; RapidJSON uses it to skip white space. Defined for every user of
# the target, so that all translation units see the same inline functions.
if(CMAKE_SYSTEM_PROCESSOR MATCHES "x86_64|AMD64")
  target_compile_definitions(medkg_rapidjson INTERFACE RAPIDJSON_SSE2)
endif()

add_library(medkg_boost_graph INTERFACE)
add_library(medkg::boost_graph ALIAS medkg_boost_graph)
target_include_directories(medkg_boost_graph SYSTEM INTERFACE ${Boost_INCLUDE_DIRS})
target_link_libraries(medkg_boost_graph INTERFACE Boost::graph)

# libcurl is loaded when a remote source is first fetched (ingest/curl_api.cpp), so commands that
# never fetch do not map it and the thirty libraries it pulls in: only its headers at build time.
add_library(medkg_curl_headers INTERFACE)
add_library(medkg::curl_headers ALIAS medkg_curl_headers)
target_include_directories(medkg_curl_headers SYSTEM INTERFACE ${CURL_INCLUDE_DIRS})
target_link_libraries(medkg_curl_headers INTERFACE ${CMAKE_DL_LIBS})

add_library(medkg_cli11 INTERFACE)
add_library(medkg::cli11 ALIAS medkg_cli11)
if(TARGET CLI11::CLI11)
  target_link_libraries(medkg_cli11 INTERFACE CLI11::CLI11)
else()
  find_path(CLI11_INCLUDE_DIR CLI/CLI.hpp REQUIRED)
  target_include_directories(medkg_cli11 SYSTEM INTERFACE ${CLI11_INCLUDE_DIR})
endif()

add_library(medkg_yaml_cpp INTERFACE)
add_library(medkg::yaml_cpp ALIAS medkg_yaml_cpp)
target_include_directories(medkg_yaml_cpp SYSTEM INTERFACE ${MEDKG_YAML_CPP_INCLUDE_DIR})
target_link_libraries(medkg_yaml_cpp INTERFACE ${MEDKG_YAML_CPP_LIBRARY})

add_library(medkg_cmark_gfm INTERFACE)
add_library(medkg::cmark_gfm ALIAS medkg_cmark_gfm)
target_include_directories(medkg_cmark_gfm SYSTEM INTERFACE ${MEDKG_CMARK_GFM_INCLUDE_DIR})
# The extensions library uses the core library: it comes first.
target_link_libraries(medkg_cmark_gfm INTERFACE ${MEDKG_CMARK_GFM_EXTENSIONS_LIBRARY}
                                                ${MEDKG_CMARK_GFM_LIBRARY})
