// @ts-check
// The package's error classes. Every misuse of the API throws one of them; each carries a
// string `code` (see crates/wasm/src/errors.rs for which class is thrown when). Findings about a tree
// are never thrown: they come back as data (reports, diagnostics).

/** Base class of every error the package throws. */
export class PipelineTreeError extends Error {}

/** The input is not a tree: not JSON, or values of the wrong type. Carries the first
 *  problem's `path`, `line` and `column`, and every problem in `problems`. */
export class ParseError extends PipelineTreeError {}

/** An argument of the wrong kind, or an option with a value it cannot take. */
export class OptionsError extends PipelineTreeError {}

/** An editor operation was refused; the tree is unchanged. */
export class EditError extends PipelineTreeError {}

/** A task cannot start from the node asked for, or the engine refuses the tree. */
export class StartError extends PipelineTreeError {}

/** An open-API response body that does not read as that API's response. */
export class ResponseError extends PipelineTreeError {}

// The names are property keys, which minifiers keep; a class's own `name` they may rename.
const CLASSES = { PipelineTreeError, ParseError, OptionsError, EditError, StartError, ResponseError };
for (const [name, cls] of Object.entries(CLASSES)) {
  Object.defineProperty(cls.prototype, 'name', { value: name, writable: true, configurable: true });
}
