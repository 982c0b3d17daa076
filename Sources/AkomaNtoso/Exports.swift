// `import AkomaNtoso` gives the whole public API: the model, the readers, the renderers, the
// validator and the pipeline (as `import NIO` once gave NIOCore and its companions). A program
// that needs only one layer imports that module alone (`import AKNModel`, `import AKNReading` …).
@_exported public import AKNMarkup
@_exported public import AKNModel
@_exported public import AKNPDF
@_exported public import AKNReading
@_exported public import AKNValidation
