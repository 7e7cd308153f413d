/* For Benchmarks/callgrind.sh only: valgrind 3.19 writes into the signal mask handed to
   rt_sigsuspend, and libdispatch hands it one in read-only memory (_dispatch_sigsuspend.mask),
   so valgrind crashes at the server's start. This sigsuspend passes a writable copy. */
#include <signal.h>
#include <sys/syscall.h>
#include <unistd.h>

int sigsuspend(const sigset_t *mask) {
    sigset_t copy = *mask;
    return (int)syscall(SYS_rt_sigsuspend, &copy, sizeof(unsigned long));
}
