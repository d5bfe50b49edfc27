#ifndef CSQLITE_SHIM_H
#define CSQLITE_SHIM_H
#include <sqlite3.h>

// Swift cannot import the SQLITE_TRANSIENT macro (a cast of -1 to a function pointer);
// binding a buffer that the caller may free right after the call needs it.
static inline sqlite3_destructor_type csqlite_transient(void) { return SQLITE_TRANSIENT; }

// SQLITE_STATIC (NULL): the bound buffer outlives the statement step, so SQLite need not copy it.
static inline sqlite3_destructor_type csqlite_static(void) { return SQLITE_STATIC; }

// Swift imports only plain integer macros; the extended result codes are expressions.
static inline int csqlite_constraint_unique(void) { return SQLITE_CONSTRAINT_UNIQUE; }
#endif
