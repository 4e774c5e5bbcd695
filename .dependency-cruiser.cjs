/**
 * The house rules: arrows only point down. `npm run deps` (part of `npm test`) fails the build
 * when an import runs up a layer, crosses between rooms that must stay apart, or closes a circle.
 * The layers, top to bottom, are drawn in docs/architecture.md.
 */
const APP = '^(index|authentication)\\.ts$|^(triggers|searches|creates|operations|outputs|triggerEngine|unmatched|recording|books|paymentLinks|payments|teaching|mollie|crm|matching|money|store|http)/';

const LAYERS = [
  { name: 'operations', path: '^(index|authentication)\\.ts$|^(triggers|searches|creates)/' },
  { name: 'shared operation parts', path: '^operations/' },
  { name: 'services', path: '^(triggerEngine|unmatched|recording|books|paymentLinks|payments|teaching)/' },
  { name: 'outputs', path: '^outputs/' },
  { name: 'clients', path: '^(mollie|crm)/' },
  { name: 'pure ground', path: '^(matching|money|store)/' },
  { name: 'transport', path: '^http/' },
];

const upward = LAYERS.slice(1).map((layer, index) => ({
  name: `no-up-from-${layer.name.replace(/\s+/g, '-')}`,
  comment: `${layer.name} may only import layers below it`,
  severity: 'error',
  from: { path: layer.path },
  to: { path: LAYERS.slice(0, index + 1).map((above) => above.path).join('|') },
}));

module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', comment: 'no file reaches itself again', from: {}, to: { circular: true } },
    ...upward,
    {
      name: 'operations-stand-alone',
      severity: 'error',
      comment: 'an operation never imports another kind of operation: shared parts live in operations/ or below',
      from: { path: '^(triggers|searches|creates)/([^/]+)' },
      to: { path: '^(triggers|searches|creates)/', pathNot: '^$1/' },
    },
    {
      name: 'services-apart',
      severity: 'error',
      comment: 'among the services, only recording (match, then record) and triggerEngine are shared by others',
      from: { path: '^(triggerEngine|unmatched|recording|books|paymentLinks|payments|teaching)/' },
      to: { path: '^(unmatched|books|paymentLinks|payments|teaching)/', pathNot: '^$1/' },
    },
    {
      name: 'shared-services-stay-low',
      severity: 'error',
      comment: 'recording and triggerEngine import no other service',
      from: { path: '^(recording|triggerEngine)/' },
      to: { path: '^(triggerEngine|unmatched|recording|books|paymentLinks|payments|teaching)/', pathNot: '^$1/' },
    },
    {
      name: 'mollie-knows-no-crm',
      severity: 'error',
      comment: 'the Mollie client never imports the CRM adapters',
      from: { path: '^mollie/' },
      to: { path: '^crm/' },
    },
    {
      name: 'matching-is-pure',
      severity: 'error',
      comment: 'the matching engine imports nothing of the app but money arithmetic',
      from: { path: '^matching/' },
      to: { path: APP, pathNot: '^matching/|^money/money\\.ts$' },
    },
    {
      name: 'ground-rooms-apart',
      severity: 'error',
      comment: 'money arithmetic and the connection store import nothing of the app',
      from: { path: '^(money/money\\.ts|store/)' },
      to: { path: APP, pathNot: '^store/' },
    },
    {
      name: 'http-is-ground',
      severity: 'error',
      comment: 'the transport imports nothing of the app above it',
      from: { path: '^http/' },
      to: { path: APP, pathNot: '^http/' },
    },
    {
      name: 'app-never-imports-tooling',
      severity: 'error',
      comment: 'the app Zapier loads never imports tests, fakes, benchmarks or scripts',
      from: { path: APP },
      to: { path: '^(test|sandbox|bench|scripts)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|lib|build)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    moduleSystems: ['cjs', 'es6'],
  },
};
