// The built package (pkg/) as Node's `import` loads it: its `node` export (node.mjs), which
// loads the wasm on import. tests/package/ checks the packed tarball in fresh projects.
import * as api from '../../pkg/node.mjs';

export default api;
