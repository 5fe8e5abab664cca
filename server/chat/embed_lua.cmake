# Turns a .lua file into a C++ source defining <NS>::<NAME> (run by kefu_lua_sources in
# server/CMakeLists.txt). A line "--#include <name>" is replaced by lua/lib/<name>.lua of the
# same folder: Redis runs each script alone, so helpers several scripts share are pasted in.
file(READ ${IN} body)
get_filename_component(dir ${IN} DIRECTORY)
string(REGEX MATCHALL "--#include [a-z_]+" includes "${body}")
foreach(line ${includes})
  string(REPLACE "--#include " "" name "${line}")
  file(READ ${dir}/lib/${name}.lua lib)
  string(REPLACE "${line}" "${lib}" body "${body}")
endforeach()
file(WRITE ${OUT} "// Generated from ${IN}\n#include <string_view>\nnamespace ${NS} {\nextern const std::string_view ${NAME};\nconst std::string_view ${NAME} = R\"kefu_lua(${body})kefu_lua\";\n}\n")
