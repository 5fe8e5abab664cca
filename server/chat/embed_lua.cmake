# Turns a .lua file into a C++ source defining <NS>::<NAME> (run by kefu_lua_sources in
# server/CMakeLists.txt).
file(READ ${IN} body)
file(WRITE ${OUT} "// Generated from ${IN}\n#include <string_view>\nnamespace ${NS} {\nextern const std::string_view ${NAME};\nconst std::string_view ${NAME} = R\"kefu_lua(${body})kefu_lua\";\n}\n")
