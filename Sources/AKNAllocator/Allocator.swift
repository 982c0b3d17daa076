import CMimalloc

#if canImport(Glibc)
  import Glibc
#endif

/// The memory allocator the akn programs run on: mimalloc, linked by the executables only.
///
/// A conversion allocates and frees a few hundred thousand small blocks per document (Swift
/// strings and arrays, libxml2's nodes); with glibc's allocator that was about a seventh of
/// `akn batch`'s instructions. Linked into a program, mimalloc's `malloc` and `free` take the
/// place of glibc's for the whole process, the libraries included. The library targets never
/// link it: which allocator a process uses is the program's choice, not a library's.
public enum Allocator {
  /// The allocator's name and version (`mimalloc 2.0.9`).
  public static var version: String {
    let number = Int(mi_version())
    return "mimalloc \(number / 100).\(number / 10 % 10).\(number % 10)"
  }

  /// Whether the process's `malloc` is mimalloc's: a block it returns lies in mimalloc's heap.
  /// False if the executable was linked so that the C library's `malloc` came first.
  public static var isActive: Bool {
    guard let block = malloc(16) else { return false }
    defer { free(block) }
    return mi_is_in_heap_region(block)
  }

  /// What `--version` says of the allocator: its version, or that the C library's allocator
  /// runs (the program was linked without mimalloc in front).
  public static var description: String {
    isActive ? version : "\(version) linked but not in use"
  }
}
