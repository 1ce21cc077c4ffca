/* db_internal.h: what db.c (opening files, naming faults) and sql.c
 * (transactions and statements) share, for those two files alone. */
#ifndef MOCEAN_DB_INTERNAL_H
#define MOCEAN_DB_INTERNAL_H

#include "store/db.h"

/* Record a fault on the store (the first one wins) and log it once: lib
 * rolls back and answers it.  doing says what was being done. */
void db_record_fault(struct store *s, int code, int sys_errno, const char *doing);

/* Record the connection's last error as the store's fault. */
void db_error(struct store *s, const char *doing);

/* Milliseconds from a to b. */
double db_ms_between(const struct timespec *a, const struct timespec *b);

#endif
