// Validate an AKN document from any producer against the official schema and the AKN4UN rules.
// Run from the package's folder: `swift run ValidateAFile` (it validates the seed's golden AKN).
import AkomaNtoso

let schema = try AKNSchema.load(from: "Schemas")
let validator = Validator(schema: schema, profile: .akn4un)  // Sendable
let report = validator.validate(fileAt: "Examples/A_RES_67_27.akn.xml")
print(report.valid ? "valid" : "invalid", report.errors.count, "errors", report.warnings.count, "warnings")
for diagnostic in report.errors + report.warnings {
  print(diagnostic.formatted(file: report.path))
}
