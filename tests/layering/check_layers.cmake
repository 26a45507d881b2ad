# The layering check (docs/design.md, "Layers"): run as `cmake -DSOURCE_DIR=<repo> [-DWIDGETS_LINKS=<file>]
# -P check_layers.cmake`. Fails when
#   - a file includes a project header from a folder its own folder may not depend on (the table below:
#     every folder names the folders below it that it may include; a folder may always include itself), or
#   - a torch-free folder (redit_core, the widgets) includes a LibTorch header, or
#   - WIDGETS_LINKS (written at configure time: everything redit_widgets links, transitively) names
#     redit_backend or LibTorch.
#
# Layers, lowest first:
#   util -> data, store, model (its file formats) -> results -> analysis -> jobs -> sweep  (redit_core, no LibTorch)
#        -> model, circuits, edit, reshape, demo (LibTorch) -> pipeline (algorithms) -> stages (the job engine's units)
#        -> app (cli, gui) and widgets
# model/ and circuits/ hold torch-free files (compiled into redit_core) beside LibTorch ones: the lower
# folders may include exactly those, listed by file.
cmake_minimum_required(VERSION 3.20)

set(core_model model/model_config.h model/memory_estimate.h model/model_summary.h model/safetensors.h model/tokenizer.h
    model/gguf_file.h model/gguf_model.h model/gguf_tokenizer.h model/gguf_types.h model/gguf_dequant.h
    model/gguf_pre_tokenizer.h)
set(core_circuits circuits/graph.h circuits/circuit.h circuits/distance.h circuits/circuit_export.h
    circuits/score_matrix_csv.h)

set(allowed_util "")
set(allowed_data util)
set(allowed_store util redit)  # redit/: the generated build_info.h
set(allowed_results util data store ${core_model} ${core_circuits})
set(allowed_analysis util data store results ${core_model} ${core_circuits})
set(allowed_jobs util store)
set(allowed_sweep util store jobs ${core_model})
set(allowed_model util)
set(allowed_circuits util data model edit)
set(allowed_edit util data model results analysis)
set(allowed_reshape util data model circuits edit results)
set(allowed_demo util data model)
set(allowed_pipeline util data store results analysis model circuits edit reshape)
set(allowed_stages util data store results analysis jobs sweep model circuits edit reshape demo pipeline)
set(allowed_widgets util data store results analysis jobs sweep redit ${core_model} ${core_circuits})
set(folders util data store results analysis jobs sweep model circuits edit reshape demo pipeline stages)
# Folders that must not see LibTorch at all.
set(torch_free util data store results analysis jobs sweep widgets)
# The one LibTorch file in a torch-free folder: util's runtime setup, compiled into redit_backend.
set(torch_files backend/util/torch_runtime.cpp)
# Project include roots (the first path component of a quoted include).
set(project_roots util data store results analysis jobs sweep model circuits edit reshape demo pipeline stages redit)

set(problems "")
function(check_folder folder dir)
  file(GLOB_RECURSE files RELATIVE ${SOURCE_DIR} ${dir}/*.h ${dir}/*.cpp)
  list(FIND torch_free ${folder} is_torch_free)
  foreach(file IN LISTS files)
    file(STRINGS ${SOURCE_DIR}/${file} includes REGEX "^[ \t]*#[ \t]*include[ \t]*[<\"]")
    foreach(line IN LISTS includes)
      if(line MATCHES "#[ \t]*include[ \t]*<(torch|ATen|c10)/")
        if(NOT is_torch_free EQUAL -1 AND NOT file IN_LIST torch_files)
          list(APPEND problems "${file}: includes LibTorch (<${CMAKE_MATCH_1}/...>) in torch-free ${folder}/")
        endif()
        continue()
      endif()
      if(NOT line MATCHES "#[ \t]*include[ \t]*\"([a-z_]+)/([^\"]+)\"")
        continue()
      endif()
      set(root ${CMAKE_MATCH_1})
      set(header ${CMAKE_MATCH_1}/${CMAKE_MATCH_2})
      list(FIND project_roots ${root} is_project)
      if(is_project EQUAL -1 OR root STREQUAL folder)
        continue()
      endif()
      list(FIND allowed_${folder} ${root} ok_folder)
      list(FIND allowed_${folder} ${header} ok_file)
      if(ok_folder EQUAL -1 AND ok_file EQUAL -1)
        string(REPLACE ";" " " allowed_text "${allowed_${folder}}")
        list(APPEND problems "${file}: includes \"${header}\" but ${folder}/ may include only: ${allowed_text}")
      endif()
    endforeach()
  endforeach()
  set(problems ${problems} PARENT_SCOPE)
endfunction()

foreach(folder IN LISTS folders)
  check_folder(${folder} ${SOURCE_DIR}/backend/${folder})
endforeach()
check_folder(widgets ${SOURCE_DIR}/widgets)

# The torch-free files of model/ and circuits/ include nothing above them.
foreach(header IN LISTS core_model core_circuits)
  string(REGEX REPLACE "\\.h$" "" stem ${header})
  foreach(file ${SOURCE_DIR}/backend/${stem}.h ${SOURCE_DIR}/backend/${stem}.cpp)
    if(NOT EXISTS ${file})
      continue()
    endif()
    file(STRINGS ${file} includes REGEX "^[ \t]*#[ \t]*include")
    foreach(line IN LISTS includes)
      if(line MATCHES "<(torch|ATen|c10)/")
        list(APPEND problems "${file}: a torch-free (redit_core) file includes LibTorch")
      elseif(line MATCHES "\"([a-z_]+/[^\"]+)\"")
        set(h ${CMAKE_MATCH_1})
        if(NOT h MATCHES "^(util|data|store)/" AND NOT h IN_LIST core_model AND NOT h IN_LIST core_circuits
           AND NOT h MATCHES "^model/(tokenizer|safetensors)_" AND NOT h MATCHES "^redit/")
          list(APPEND problems "${file}: a torch-free (redit_core) file includes \"${h}\"")
        endif()
      endif()
    endforeach()
  endforeach()
endforeach()

if(WIDGETS_LINKS)  # empty in a build without the GUI
  if(NOT EXISTS ${WIDGETS_LINKS})
    list(APPEND problems "${WIDGETS_LINKS} is missing (written when CMake configures the GUI)")
  else()
    file(STRINGS ${WIDGETS_LINKS} links)
    foreach(link IN LISTS links)
      # "::@(0x...)" entries are CMake's markers for links made in other directories: addresses, not names
      # (an address once contained "c10").
      if(NOT link MATCHES "^::@" AND link MATCHES "(^redit_backend$|[Tt]orch|(^|/)(lib)?c10)")
        string(REPLACE ";" " " links_text "${links}")
        list(APPEND problems "redit_widgets links ${link} (its link closure: ${links_text})")
      endif()
    endforeach()
  endif()
endif()

if(problems)
  list(LENGTH problems count)
  list(JOIN problems "\n  " text)
  message(FATAL_ERROR "layering: ${count} problem(s):\n  ${text}")
endif()
message(STATUS "layering: no include runs upward; widgets link no LibTorch")
