// Read a resolution into the model, without rendering or validating: its facts and its outline.
// Run from the package's folder: `swift run ReadTheModel`.
import AkomaNtoso
import Foundation

let bytes = [UInt8](FileManager.default.contents(atPath: "Examples/A_RES_67_27.txt") ?? Data())
let reading = try FormRegistry.standard.read(ReaderInput(bytes: bytes))
let resolution = reading.resolution
print("form:", reading.form)
print(
  "symbol:", resolution.metadata.symbol ?? "?", "adopted:",
  resolution.metadata.adoptionDate?.description ?? "?")
print("title:", resolution.metadata.title ?? "?")
print("preamble:", resolution.preamble.count, "clauses; operative part:", resolution.body.count, "items")
if case .paragraph(let first)? = resolution.body.first {
  print("paragraph", first.num ?? "", first.text.plainText.prefix(60) + "…")
}
var words = 0
resolution.forEachTextBlock { block in words += block.plainText.split(separator: " ").count }
print("words in text blocks:", words, "; footnotes:", resolution.footnotes.count)
print("warnings:", reading.report.warnings.count)
