import type { Problem } from './pipeline_tree.js';

/** Base class of every error the package throws; `code` says which problem it is. */
export class PipelineTreeError extends Error {
  /** A stable code: a rule code (`FE004`, `RESP002`…) or a kebab-case word (`invalid-argument`). */
  readonly code: string;
}

/** The input is not a tree: not JSON, or values of the wrong type. */
export class ParseError extends PipelineTreeError {
  /** JSON path of the first problem, e.g. `$.activities.n1.incoming[0]`. */
  readonly path: string;
  /** 1-based line of the first problem (absent when the input was an object). */
  readonly line?: number;
  /** 1-based column of the first problem, in characters. */
  readonly column?: number;
  /** Every problem found, in input order. */
  readonly problems: Problem[];
  /** The message in Chinese, when the first problem has one (a wrapper's refusals:
   *  `not-a-tree`, `template-required`, `unknown-template`). */
  readonly message_zh?: string;
}

/** An argument of the wrong kind, or an option with a value it cannot take. `code` is
 *  `invalid-argument`; the message names the option. */
export class OptionsError extends PipelineTreeError {}

/** An editor operation was refused (`unknown-node`, `duplicate-id`, `FE001`…); the tree is
 *  unchanged. `message` says why in English, `message_zh` in Chinese. */
export class EditError extends PipelineTreeError {
  /** The message in Chinese. */
  readonly message_zh: string;
}

/** A task cannot start from the node asked for (`START001`), or the engine refuses the tree
 *  (the engine's reason code). */
export class StartError extends PipelineTreeError {}

/** An open-API response body that does not read as that API's response (`RESP…`). */
export class ResponseError extends PipelineTreeError {
  /** JSON path of the field that does not read. */
  readonly path: string;
}
