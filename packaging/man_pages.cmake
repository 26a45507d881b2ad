# Run at install time (packaging/CMakeLists.txt): writes redit.1.gz and, with the GUI, redit-workbench.1.gz
# into REDIT_MAN_DIR from the programs' own --help (make-man-page.sh).
file(MAKE_DIRECTORY ${REDIT_MAN_DIR})

function(redit_man_page program name)
  execute_process(
    COMMAND ${CMAKE_COMMAND} -E env QT_QPA_PLATFORM=offscreen OMP_WAIT_POLICY=PASSIVE
            ${REDIT_MAN_SCRIPT} ${program} ${name} ${REDIT_VERSION} ${REDIT_MAN_DIR}/${name}.1 ${ARGN}
    RESULT_VARIABLE failed)
  if(NOT failed)
    execute_process(COMMAND gzip -9nf ${REDIT_MAN_DIR}/${name}.1 RESULT_VARIABLE failed)
  endif()
  if(failed)
    message(FATAL_ERROR "cannot write the man page ${REDIT_MAN_DIR}/${name}.1.gz from ${program} --help")
  endif()
endfunction()

redit_man_page(${REDIT_CLI} redit --subcommands)
if(REDIT_GUI)
  redit_man_page(${REDIT_GUI} redit-workbench)
endif()
