// @ts-check
// The package entry for Node's `require`. The WebAssembly module is loaded synchronously on
// first require; `init()` and `initSync()` exist so code written for the browser runs unchanged.
'use strict';
const wasm = require('./pipeline_tree.cjs');
const errors = require('./errors.cjs');

// The glue's internal export (not declared: it is not part of the API).
/** @type {any} */ (wasm).__registerErrorClasses({ ...errors });

async function init() {}
function initSync() {}

module.exports = { ...wasm, ...errors, init, initSync, default: init };
