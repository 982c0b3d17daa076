#ifndef AKN_CSPAWNLIMITED_H
#define AKN_CSPAWNLIMITED_H

#include <sys/types.h>

/// Starts `program` (looked up on the PATH unless it names a path) with `argv` and `envp`, as
/// posix_spawn cannot: the child leads a process group of its own, dies with the calling
/// thread (Linux: PR_SET_PDEATHSIG SIGKILL, so a killed parent never leaves it running), has
/// every signal at its default and none blocked, its address space limited to
/// `address_space_bytes` and its processor time to `cpu_seconds` (0: no limit; SIGXCPU at the
/// limit, SIGKILL 5 s later), no core dump, and only descriptors 0, 1, 2 (and 3 when
/// `fd3` >= 0) open.
///
/// The calling thread must outlive the child (wait for it): the parent-death signal follows
/// the thread that forked.
///
/// Returns 0 and the child's id in `pid`, or an errno value: ENOENT when the program is not
/// found, else the error of the failed step (the child's execve error included).
int akn_spawn_limited(const char *program, char *const argv[], char *const envp[], int fd0, int fd1,
                      int fd2, int fd3, unsigned long long address_space_bytes,
                      unsigned long cpu_seconds, pid_t *pid);

/// A private file for a child to read: unnamed (Linux O_TMPFILE, never visible in `folder`,
/// gone when its last descriptor closes), else created 0600 with O_EXCL in `folder` and
/// unlinked at once. Close-on-exec. Returns the descriptor, or -errno.
int akn_private_file(const char *folder);

#endif
