#!/usr/bin/env node
// The kube-scenario command. TypeScript sources run through ts-node (transpile-only; `npm test`
// type-checks them separately).
'use strict';
process.env.TS_NODE_TRANSPILE_ONLY = 'true';
process.env.TS_NODE_PROJECT = require('node:path').join(__dirname, '..', 'tsconfig.json');
require('ts-node/register/transpile-only');
require('../cli/main.ts')
  .main(process.argv.slice(2))
  .then(
    (code) => {
      process.exitCode = code;
    },
    (err) => {
      console.error(`kube-scenario: ${err && err.message ? err.message : String(err)}`);
      process.exitCode = 2;
    },
  );
