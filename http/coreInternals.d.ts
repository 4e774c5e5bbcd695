/** The one internal of zapier-platform-core (pinned at 19.1.0) the app uses: the request client z.request is made of. */
declare module 'zapier-platform-core/src/tools/create-app-request-client' {
  const createAppRequestClient: (input: unknown, options: { extraArgs: unknown[] }) => (options: object) => Promise<import('zapier-platform-core').HttpResponse>;
  export default createAppRequestClient;
}
