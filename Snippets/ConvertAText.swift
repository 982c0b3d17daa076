// Convert a resolution's text to Akoma Ntoso: compile the schema once, convert, write atomically.
// Run from the package's folder: `swift run ConvertAText` (it reads the seed in Examples/).
import AkomaNtoso
import Foundation

let schema = try AKNSchema.load(from: "Schemas")  // compile once, share across tasks
let converter = Converter(schema: schema)  // Sendable
let bytes = [UInt8](FileManager.default.contents(atPath: "Examples/A_RES_67_27.txt") ?? Data())
let options = ConversionOptions(markupDate: SimpleDate(year: 2026, month: 1, day: 1)!)
let result: ConversionResult
do {
  result = try converter.convert(bytes, options: options)  // read, render, validate, check
} catch {
  // Typed throws: a ConversionError, with every reason and its line and column.
  for diagnostic in error.diagnostics { print(diagnostic.formatted(file: "A_RES_67_27.txt")) }
  exit(1)
}
let output = FileManager.default.temporaryDirectory.appendingPathComponent("A_RES_67_27.xml").path
try OutputFile.write(result.xml, to: output)  // atomic: all or nothing
print(result.resolution.metadata.symbol ?? "?", result.xml.count, "bytes,", result.warnings.count, "warnings")
for warning in result.warnings { print(warning.formatted(file: "A_RES_67_27.txt")) }
