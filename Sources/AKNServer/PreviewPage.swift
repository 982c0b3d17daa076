import AKNMarkup
import AKNModel

/// The one place the server renders its HTML preview (`Accept: text/html`): the AKN `xml`, with
/// the `warnings` of its conversion; `source` (the bytes posted) and `reading` (nil for an AKN
/// input) are there for a renderer that shows the document beside its source.
func renderPreview(xml: [UInt8], warnings: [Diagnostic], source: [UInt8], reading: Reading?)
  throws(ConversionError) -> String
{
  try HTMLPreview(diagnostics: warnings).render(xml: xml)
}
