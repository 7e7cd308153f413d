#ifndef ARENA_CPTY_H
#define ARENA_CPTY_H

#include <sys/types.h>

/// Starts `path` with `argv` and `envp` (NULL-terminated, prepared by the caller before the call)
/// in a new session, working directory `dir` (may be NULL), whose controlling terminal is a fresh pseudo-terminal of `rows` x `cols`.
/// On success returns the child's pid and stores the pty master (non-blocking, close-on-exec) in
/// `*master_fd`; on failure returns -1 with errno set.
pid_t arena_pty_spawn(const char *path, const char *dir, char *const argv[], char *const envp[],
                      unsigned short rows, unsigned short cols, int *master_fd);

/// Sets the pty's window size; the kernel sends SIGWINCH to the terminal's foreground group.
int arena_pty_resize(int master_fd, unsigned short rows, unsigned short cols);

#endif
