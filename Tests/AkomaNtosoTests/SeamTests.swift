import Testing

@testable import AKNModel
@testable import AKNReading
@testable import AkomaNtoso

/// A made-up input type, known only to this test: a container whose first bytes are
/// `AKNZ` and a NUL, then a resolution's text. Nothing in the library knows it.
struct ContainerForm: FormReader {
  static let magic: [UInt8] = Array("AKNZ".utf8) + [0]
  var name: String { "container" }
  var summary: String { "a test container: AKNZ, NUL, then an ODS export's text" }

  func readsFileType(of bytes: [UInt8]) -> Bool { bytes.starts(with: Self.magic) }

  func confidence(_ input: ReaderInput) -> Confidence {
    readsFileType(of: input.bytes) ? .certain : .none
  }

  func read(_ input: ReaderInput) throws(ConversionError) -> Reading {
    let inner = ReaderInput(bytes: Array(input.bytes.dropFirst(Self.magic.count)))
    var reading = try ODSForm().read(inner)
    reading.form = name
    // A reader of a file that is not text hands on the text it read, for the lost-word check.
    reading.extracted = ExtractedText(lines: try inner.requireText().lines.map(\.text), pageStarts: [1])
    return reading
  }
}

/// The reader seam: a new input type is one reader registered, detection and file-type checks
/// included.
struct SeamTests {
  @Test("a new input type is one reader: registered, its files are detected and converted")
  func aNewInputTypeIsOneReader() throws {
    let container = ContainerForm.magic + (try Fixtures.seed())
    // Unknown to the standard forms: refused by its type (a NUL byte: binary), as before.
    #expect(throws: ConversionError.self) {
      try Fixtures.converter.convert(container, options: Fixtures.options)
    }
    var forms = Converter.standardForms
    forms.register(ContainerForm())
    let converter = Converter(schema: Fixtures.schema, forms: forms)
    let result = try converter.convert(container, options: Fixtures.options)
    #expect(result.reading.form == "container")
    // The same document as the seed's text gives.
    let plain = try Fixtures.converter.convert(Fixtures.seed(), options: Fixtures.options)
    #expect(result.xml == plain.xml)
    // The registry, not the pipeline, decides which file types are read.
    #expect(forms.readsFileType(of: container))
    #expect(!Converter.standardForms.readsFileType(of: container))
    #expect(Converter.standardForms.readsFileType(of: Array("%PDF-1.7\n".utf8)))
  }
}
