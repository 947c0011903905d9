#!/usr/bin/env node
// Entry point of the `shapelens` command; the implementation is compiled to out/server/src/cli.
'use strict';
require('../out/server/src/cli/main')
  .main(process.argv.slice(2))
  .then(code => { process.exitCode = code; })
  .catch(err => { process.stderr.write(`shapelens: internal error: ${err && err.stack || err}\n`); process.exitCode = 2; });
