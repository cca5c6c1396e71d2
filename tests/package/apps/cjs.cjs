// Node, CommonJS: `require` the package, run the scenario on the tree file given, print JSON.
'use strict';
const api = require('pipeline-tree');
const { readFileSync } = require('node:fs');

import('./scenario.mjs').then(({ scenario }) => {
  const out = scenario(api, readFileSync(process.argv[2], 'utf8'));
  console.log(JSON.stringify(out));
});
