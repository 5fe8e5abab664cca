# Turns a .lua file into a C++ source defining <NS>::<NAME> (NS defaults to kefu::chat::lua),
# so the scripts are edited as Lua and shipped inside the binary.
if(NOT NS)
  set(NS "kefu::chat::lua")
endif()
file(READ ${IN} body)
file(WRITE ${OUT} "// Generated from ${IN}\n#include <string_view>\nnamespace ${NS} {\nextern const std::string_view ${NAME};\nconst std::string_view ${NAME} = R\"kefu_lua(${body})kefu_lua\";\n}\n")
