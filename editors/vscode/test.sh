#!/bin/sh
# Builds and packages the extension, then loads the bundle with a stub
# `vscode` module: a real VS Code cannot be downloaded here.
set -eu
cd "$(dirname "$0")"
npm ci --no-audit --no-fund
npm run compile
npm run bundle
npm run package
ls -1 ./*.vsix
node -e '
const Module = require("module");
// Every property of the stub is itself a stub class, so the language
// client can extend and instantiate whatever it wants at load time.
const stub = () => new Proxy(class {}, {
  get: (target, prop) => {
    if (prop in target || typeof prop === "symbol" || prop === "then") return target[prop];
    return (target[prop] = stub());
  },
});
const vscode = stub();
const load = Module._load;
Module._load = function (request, ...rest) {
  if (request === "vscode") return vscode;
  return load.call(this, request, ...rest);
};
const ext = require("./dist/extension.js");
for (const name of ["activate", "deactivate"]) {
  if (typeof ext[name] !== "function") {
    console.error(`dist/extension.js does not export ${name}`);
    process.exit(1);
  }
}
console.log("bundle loads; activate and deactivate are exported");
'
