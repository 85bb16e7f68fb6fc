# The tree-sitter runtime and the grammars of the handler languages, compiled
# from their pinned npm packages (package.json): the runtime's bundled C
# sources from `tree-sitter`, and the generated parsers of
# `tree-sitter-python`, `tree-sitter-javascript` and `tree-sitter-typescript`
# (TypeScript and TSX). One static library, linked by the load layer
# (src/load/code/syntax.h). The HCL oracle of the tests links it too, with
# its own grammar.
#
# The sources are built as published (warnings off) and always optimised:
# the parse tables are large, and a Debug build of them would make every
# test that parses code slow without checking anything of ours.

set(FNWARDEN_TS_DIR ${FNWARDEN_NODE_MODULES}/tree-sitter/vendor/tree-sitter/lib)
set(FNWARDEN_TS_GRAMMARS
  ${FNWARDEN_NODE_MODULES}/tree-sitter-python/src
  ${FNWARDEN_NODE_MODULES}/tree-sitter-javascript/src
  ${FNWARDEN_NODE_MODULES}/tree-sitter-typescript/typescript/src
  ${FNWARDEN_NODE_MODULES}/tree-sitter-typescript/tsx/src)
set(FNWARDEN_TS_SOURCES ${FNWARDEN_TS_DIR}/src/lib.c)
foreach(dir ${FNWARDEN_TS_GRAMMARS})
  if(NOT EXISTS ${dir}/parser.c OR NOT EXISTS ${FNWARDEN_TS_DIR}/src/lib.c)
    message(FATAL_ERROR
      "fnwarden: ${dir}/parser.c is missing.\n"
      "The build compiles the code parsers from pinned npm packages: run `make setup` "
      "(it runs `npm ci`) in ${PROJECT_SOURCE_DIR} first.")
  endif()
  list(APPEND FNWARDEN_TS_SOURCES ${dir}/parser.c ${dir}/scanner.c)
  # TypeScript's scanner includes a shared header that includes
  # "tree_sitter/parser.h" of the grammar being built.
  set_source_files_properties(${dir}/scanner.c PROPERTIES INCLUDE_DIRECTORIES ${dir})
endforeach()

add_library(fnwarden_tree_sitter STATIC ${FNWARDEN_TS_SOURCES})
target_include_directories(fnwarden_tree_sitter SYSTEM PUBLIC ${FNWARDEN_TS_DIR}/include
  PRIVATE ${FNWARDEN_TS_DIR}/src)
set_target_properties(fnwarden_tree_sitter PROPERTIES C_STANDARD 11)
target_compile_definitions(fnwarden_tree_sitter PRIVATE _DEFAULT_SOURCE)
# Third-party code, as published.
target_compile_options(fnwarden_tree_sitter PRIVATE -w -O2)
