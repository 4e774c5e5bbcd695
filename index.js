// Zapier loads the app from index.js at the root; the app itself is written in
// TypeScript (index.ts) and compiled to lib/ by `npm run build`.
module.exports = require('./lib/index.js').default;
