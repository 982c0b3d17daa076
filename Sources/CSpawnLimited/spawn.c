// fork + exec with the hooks posix_spawn lacks: resource limits and the parent-death signal.
// Between fork and exec the child calls only async-signal-safe functions.
#define _GNU_SOURCE
#include "CSpawnLimited.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#if defined(__linux__)
#include <sys/prctl.h>
#include <sys/syscall.h>
#endif

/// The program's path: `program` itself when it names one, else the first executable file of
/// that name on the PATH. Returns 0 or ENOENT (or ENAMETOOLONG).
static int resolve(const char *program, char *path, size_t size) {
  if (strchr(program, '/') != NULL) {
    if (strlen(program) >= size) return ENAMETOOLONG;
    strcpy(path, program);
    return 0;
  }
  if (program[0] == '\0') return ENOENT;
  const char *search = getenv("PATH");
  if (search == NULL || search[0] == '\0') search = "/usr/local/bin:/usr/bin:/bin";
  const char *start = search;
  for (;;) {
    const char *end = strchr(start, ':');
    size_t length = end ? (size_t)(end - start) : strlen(start);
    const char *folder = length == 0 ? "." : start;
    size_t folderLength = length == 0 ? 1 : length;
    if (folderLength + 1 + strlen(program) < size) {
      memcpy(path, folder, folderLength);
      path[folderLength] = '/';
      strcpy(path + folderLength + 1, program);
      if (access(path, X_OK) == 0) return 0;
    }
    if (end == NULL) break;
    start = end + 1;
  }
  return ENOENT;
}

/// In the child: writes `code` to the report pipe and ends.
static void fail(int report, int code) {
  ssize_t ignored = write(report, &code, sizeof code);
  (void)ignored;
  _exit(127);
}

int akn_spawn_limited(const char *program, char *const argv[], char *const envp[], int fd0, int fd1,
                      int fd2, int fd3, unsigned long long address_space_bytes,
                      unsigned long cpu_seconds, pid_t *pid) {
  char path[PATH_MAX];
  int resolved = resolve(program, path, sizeof path);
  if (resolved != 0) return resolved;
  // The child reports a failure before exec through this pipe; exec closes it (success).
  int report[2];
  if (pipe2(report, O_CLOEXEC) != 0) return errno;
  pid_t parent = getpid();
  // Signals blocked across fork, so that no handler of this process runs in the child.
  sigset_t all, previous;
  sigfillset(&all);
  pthread_sigmask(SIG_SETMASK, &all, &previous);
  pid_t child = fork();
  if (child == 0) {
    close(report[0]);
    // The report pipe above the descriptors the child is given.
    int reporter = fcntl(report[1], F_DUPFD_CLOEXEC, 10);
    if (reporter < 0) _exit(127);
    setpgid(0, 0);
#if defined(__linux__)
    if (prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0) != 0) fail(reporter, errno);
    // The parent may have died before the signal was armed.
    if (getppid() != parent) _exit(127);
#endif
    for (int signal = 1; signal < NSIG; signal++) {
      if (signal == SIGKILL || signal == SIGSTOP) continue;
      struct sigaction action;
      memset(&action, 0, sizeof action);
      action.sa_handler = SIG_DFL;
      sigaction(signal, &action, NULL);
    }
    // Sources moved above 3 first, so that no dup2 below overwrites another's source.
    int sources[4] = {fd0, fd1, fd2, fd3};
    int moved[4];
    for (int index = 0; index < 4; index++) {
      moved[index] = -1;
      if (sources[index] < 0) continue;
      moved[index] = fcntl(sources[index], F_DUPFD_CLOEXEC, 10);
      if (moved[index] < 0) fail(reporter, errno);
    }
    for (int index = 0; index < 4; index++) {
      if (moved[index] < 0) continue;
      if (dup2(moved[index], index) < 0) fail(reporter, errno);
    }
    if (address_space_bytes > 0) {
      struct rlimit limit = {(rlim_t)address_space_bytes, (rlim_t)address_space_bytes};
      if (setrlimit(RLIMIT_AS, &limit) != 0) fail(reporter, errno);
    }
    if (cpu_seconds > 0) {
      struct rlimit limit = {(rlim_t)cpu_seconds, (rlim_t)cpu_seconds + 5};
      if (setrlimit(RLIMIT_CPU, &limit) != 0) fail(reporter, errno);
    }
    struct rlimit none = {0, 0};
    setrlimit(RLIMIT_CORE, &none);
    int keep = fd3 >= 0 ? 4 : 3;
    // Descriptors this process opened without close-on-exec stay out of the child (the
    // report pipe is close-on-exec already).
    bool marked = false;
#if defined(__linux__) && defined(SYS_close_range)
    marked = syscall(SYS_close_range, keep, ~0U, 4 /* CLOSE_RANGE_CLOEXEC */) == 0;
#endif
    if (!marked) {
      for (int descriptor = keep; descriptor < 1024; descriptor++) {
        if (descriptor != reporter) fcntl(descriptor, F_SETFD, FD_CLOEXEC);
      }
    }
    sigset_t empty;
    sigemptyset(&empty);
    sigprocmask(SIG_SETMASK, &empty, NULL);
    execve(path, argv, envp);
    fail(reporter, errno);
  }
  int forkError = errno;
  pthread_sigmask(SIG_SETMASK, &previous, NULL);
  close(report[1]);
  if (child < 0) {
    close(report[0]);
    return forkError;
  }
  int code = 0;
  ssize_t count;
  do {
    count = read(report[0], &code, sizeof code);
  } while (count < 0 && errno == EINTR);
  close(report[0]);
  if (count == (ssize_t)sizeof code) {
    // The child failed before exec and has ended: reap it.
    while (waitpid(child, NULL, 0) < 0 && errno == EINTR) {
    }
    return code == 0 ? ECHILD : code;
  }
  *pid = child;
  return 0;
}

int akn_private_file(const char *folder) {
#if defined(O_TMPFILE)
  int descriptor = open(folder, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
  if (descriptor >= 0) return descriptor;
  // Only a file system (or kernel) without unnamed files goes on to a named one.
  if (errno != EOPNOTSUPP && errno != EISDIR && errno != EINVAL) return -errno;
#endif
  char path[PATH_MAX];
  if (snprintf(path, sizeof path, "%s/akn-pdf-XXXXXX", folder) >= (int)sizeof path) return -ENAMETOOLONG;
  // mkostemp: O_CREAT | O_EXCL, mode 0600.
  int named = mkostemp(path, O_CLOEXEC);
  if (named < 0) return -errno;
  unlink(path);
  return named;
}
