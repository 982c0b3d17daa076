// akn-bench: in-process measurements for Benchmarks/bench.py.
//
//   akn-bench compile --schema PATH
//       compiles the schema and exits: the floor a one-file `akn convert` cannot go below.
//   akn-bench convert --schema PATH --out DIR [--jobs N] [--list FILE] [FILE...]
//       compiles the schema once, then converts every file with one `Converter` (parse, build,
//       validate, serialise) and writes each result atomically into DIR, as `akn convert -o` does.
//
// Each prints one JSON object on standard output: counts, bytes, CPU and wall seconds of the
// schema compile and of the conversion loop apart, and the peak resident memory.
import AkomaNtoso
import Dispatch
import Foundation
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

struct Usage: Error, CustomStringConvertible {
  var description: String
}

/// CPU seconds (user + system) of this process so far, and its peak resident set in KiB.
func processUsage() -> (cpu: Double, maxRSSKiB: Int) {
  var usage = rusage()
  getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
  let cpu =
    Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
    + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
  return (cpu, Int(usage.ru_maxrss))
}

func wallSeconds() -> Double {
  Double(DispatchTime.now().uptimeNanoseconds) / 1e9
}

/// The outcome of converting a set of files.
struct Tally: Sendable {
  var converted = 0
  var failed = 0
  var inputBytes = 0
  var outputBytes = 0
  var firstFailure: String?

  mutating func add(_ other: Tally) {
    converted += other.converted
    failed += other.failed
    inputBytes += other.inputBytes
    outputBytes += other.outputBytes
    if firstFailure == nil { firstFailure = other.firstFailure }
  }
}

/// Converts one file and writes its XML into `folder`; failures are counted, never fatal.
func convertOne(_ path: String, converter: Converter, options: ConversionOptions, folder: String) -> Tally {
  var tally = Tally()
  guard let data = FileManager.default.contents(atPath: path) else {
    tally.failed = 1
    tally.firstFailure = "\(path): cannot be read"
    return tally
  }
  let bytes = [UInt8](data)
  tally.inputBytes = bytes.count
  let name = (path as NSString).lastPathComponent
  let stem = name.hasSuffix(".txt") ? String(name.dropLast(4)) : name
  do {
    let result = try converter.convert(bytes, options: options)
    try OutputFile.write(result.xml, to: folder + "/" + stem + ".xml")
    tally.converted = 1
    tally.outputBytes = result.xml.count
  } catch let error as ConversionError {
    tally.failed = 1
    let first = error.diagnostics.first.map { $0.formatted(file: name) } ?? "\(error)"
    tally.firstFailure = first
  } catch {
    tally.failed = 1
    tally.firstFailure = "\(name): \(error)"
  }
  return tally
}

/// The measured loop (callgrind's --toggle-collect names this function).
func convertAllDocuments(_ files: [String], converter: Converter, folder: String, jobs: Int) -> Tally {
  let options = ConversionOptions(markupDate: SimpleDate(year: 2026, month: 1, day: 1)!)
  if jobs <= 1 {
    var total = Tally()
    for file in files {
      total.add(convertOne(file, converter: converter, options: options, folder: folder))
    }
    return total
  }
  let next = Atomic<Int>(0)
  let total = Mutex(Tally())
  DispatchQueue.concurrentPerform(iterations: jobs) { _ in
    var mine = Tally()
    while true {
      let index = next.add(1, ordering: .relaxed).oldValue
      guard index < files.count else { break }
      mine.add(convertOne(files[index], converter: converter, options: options, folder: folder))
    }
    total.withLock { $0.add(mine) }
  }
  return total.withLock { $0 }
}

func json(_ object: [String: Any]) -> String {
  let data = try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
  return String(decoding: data, as: UTF8.self)
}

func round4(_ value: Double) -> Double { (value * 10_000).rounded() / 10_000 }

func main() throws {
  var arguments = Array(CommandLine.arguments.dropFirst())
  guard let mode = arguments.first, ["compile", "convert"].contains(mode) else {
    throw Usage(
      description:
        "usage: akn-bench compile --schema PATH | convert --schema PATH --out DIR [--jobs N] [--list FILE] [FILE...]"
    )
  }
  arguments.removeFirst()
  var schemaPath: String?
  var folder: String?
  var jobs = 1
  var files: [String] = []
  while !arguments.isEmpty {
    let argument = arguments.removeFirst()
    func value() throws -> String {
      guard !arguments.isEmpty else { throw Usage(description: "\(argument) needs a value") }
      return arguments.removeFirst()
    }
    switch argument {
    case "--schema": schemaPath = try value()
    case "--out": folder = try value()
    case "--jobs":
      guard let count = Int(try value()), count > 0 else {
        throw Usage(description: "--jobs needs a number > 0")
      }
      jobs = count
    case "--list":
      let list = try String(contentsOfFile: try value(), encoding: .utf8)
      files += list.split(separator: "\n").map(String.init).filter { !$0.isEmpty }
    default: files.append(argument)
    }
  }
  guard let schemaPath else { throw Usage(description: "--schema PATH is required") }

  let start = processUsage()
  let startWall = wallSeconds()
  let schema = try AKNSchema.load(from: schemaPath)
  let compiled = processUsage()
  let compiledWall = wallSeconds()
  var result: [String: Any] = [
    "mode": mode,
    "schema_compile_cpu_s": round4(compiled.cpu - start.cpu),
    "schema_compile_wall_s": round4(compiledWall - startWall),
  ]
  if mode == "convert" {
    guard let folder else { throw Usage(description: "convert needs --out DIR") }
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let tally = convertAllDocuments(files, converter: Converter(schema: schema), folder: folder, jobs: jobs)
    let end = processUsage()
    let endWall = wallSeconds()
    result["jobs"] = jobs
    result["docs"] = files.count
    result["converted"] = tally.converted
    result["failed"] = tally.failed
    result["first_failure"] = tally.firstFailure ?? NSNull()
    result["input_bytes"] = tally.inputBytes
    result["output_bytes"] = tally.outputBytes
    result["loop_cpu_s"] = round4(end.cpu - compiled.cpu)
    result["loop_wall_s"] = round4(endWall - compiledWall)
  }
  result["max_rss_kib"] = processUsage().maxRSSKiB
  print(json(result))
}

do {
  try main()
} catch {
  FileHandle.standardError.write(Data("akn-bench: error: \(error)\n".utf8))
  exit(2)
}
