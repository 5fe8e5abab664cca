# Turns a .lua file into a C++ source defining kefu::chat::lua::<NAME>, so the scripts are
# edited as Lua and shipped inside the binary.
file(READ ${IN} body)
file(WRITE ${OUT} "// Generated from ${IN}\n#include <string_view>\nnamespace kefu::chat::lua {\nextern const std::string_view ${NAME};\nconst std::string_view ${NAME} = R\"kefu_lua(${body})kefu_lua\";\n}\n")
