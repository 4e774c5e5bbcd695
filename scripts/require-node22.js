// Zapier runs apps on Node 22; the project brings it (devDependency node@22)
// so that every npm script runs on the production runtime.
const major = Number(process.versions.node.split('.')[0]);
if (major !== 22) {
  console.error(`Expected Node 22 (Zapier's runtime), got ${process.version}. Run through npm (npm test / npm start) so node_modules/.bin/node is used.`);
  process.exit(1);
}
console.log(`Running on Node ${process.version}, as Zapier does.`);
