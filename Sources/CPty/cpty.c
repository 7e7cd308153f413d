// Spawning a child in a pseudo-terminal from a multithreaded process: everything the child needs
// (paths, argv, envp) is prepared by the caller before fork, and between fork and execve the
// child calls only async-signal-safe functions, since other threads' locks are frozen in it.
#define _GNU_SOURCE
#include "cpty.h"

#include <errno.h>
#include <fcntl.h>
#include <pty.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <unistd.h>

static void close_inherited_fds(void) {
#ifdef SYS_close_range
    if (syscall(SYS_close_range, 3U, ~0U, 0U) == 0) return;
#endif
    long max = sysconf(_SC_OPEN_MAX);
    if (max < 0 || max > 65536) max = 65536;
    for (int fd = 3; fd < max; fd++) close(fd);
}

pid_t arena_pty_spawn(const char *path, const char *dir, char *const argv[], char *const envp[],
                      unsigned short rows, unsigned short cols, int *master_fd) {
    int master = -1, slave = -1;
    struct winsize ws = {.ws_row = rows, .ws_col = cols, .ws_xpixel = 0, .ws_ypixel = 0};
    if (openpty(&master, &slave, NULL, NULL, &ws) < 0) return -1;
    fcntl(master, F_SETFD, FD_CLOEXEC);
    fcntl(slave, F_SETFD, FD_CLOEXEC);

    pid_t pid = fork();
    if (pid < 0) {
        int saved = errno;
        close(master);
        close(slave);
        errno = saved;
        return -1;
    }
    if (pid == 0) {
        // The parent ignores SIGPIPE and may block signals; ignored dispositions and the mask
        // survive execve, so the client would start with them. Put them back to defaults.
        struct sigaction dfl;
        dfl.sa_handler = SIG_DFL;
        dfl.sa_flags = 0;
        sigemptyset(&dfl.sa_mask);
        for (int sig = 1; sig < NSIG; sig++) sigaction(sig, &dfl, NULL);
        sigset_t none;
        sigemptyset(&none);
        sigprocmask(SIG_SETMASK, &none, NULL);

        setsid();
        if (ioctl(slave, TIOCSCTTY, 0) < 0) _exit(126);
        if (dup2(slave, 0) < 0 || dup2(slave, 1) < 0 || dup2(slave, 2) < 0) _exit(126);
        close_inherited_fds();
        if (dir != NULL && chdir(dir) < 0) _exit(126);
        execve(path, argv, envp);
        _exit(127);
    }
    close(slave);
    int flags = fcntl(master, F_GETFL);
    if (flags >= 0) fcntl(master, F_SETFL, flags | O_NONBLOCK);
    *master_fd = master;
    return pid;
}

int arena_pty_resize(int master_fd, unsigned short rows, unsigned short cols) {
    struct winsize ws = {.ws_row = rows, .ws_col = cols, .ws_xpixel = 0, .ws_ypixel = 0};
    return ioctl(master_fd, TIOCSWINSZ, &ws);
}
